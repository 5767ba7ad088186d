from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from community.errors import NotAllowed
from community.forms import submit
from groups import policies, selectors
from groups.app_settings import app_settings
from groups.forms import PostForm, ThreadForm
from groups.selectors.reactions import annotate_reactions
from groups.services import posts as post_services
from groups.views._common import Place, readable_place_for


def _thread_or_404(request, place: Place, thread_public_id: str):
    thread = selectors.thread_in(place.group, thread_public_id, viewer=request.user)
    if thread is None:
        raise Http404
    thread.group = place.group  # already loaded; saves a query in services and templates
    return thread


def _member_place(request, slug: str) -> Place:
    """Writing needs membership; a reader who isn't a member (staff) gets 404 here too."""
    place = readable_place_for(request, slug)
    if not place.is_member:
        raise Http404
    return place


def new_thread(request, slug):
    place = _member_place(request, slug)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        thread = submit(
            form,
            post_services.create_thread,
            account=request.user,
            membership=place.membership,
            group=place.group,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            content_warning=form.cleaned_data["content_warning"],
        )
        if not form.errors:
            return redirect("groups:thread", slug, thread.public_id)
    return render(request, "groups/new_thread.html", {"group": place.group, "form": form})


def thread_page(request, slug, thread_public_id, reply_form=None):
    """One thread, a page of posts at a time; posts of accounts the viewer blocked are left
    out silently. The query count is the same for 5 posts or 100."""
    place = readable_place_for(request, slug)
    thread = _thread_or_404(request, place, thread_public_id)
    paginator = Paginator(
        selectors.posts_of(thread, viewer=request.user), app_settings.POSTS_PER_PAGE
    )
    page_number = request.GET.get("page")
    if reply_form is not None or page_number == "last":
        # The reply box sits under the newest posts.
        page_number = paginator.num_pages
    page = paginator.get_page(page_number)
    can_post = policies.can_post(account=request.user, membership=place.membership, thread=thread)
    viewer = place.persona
    # Reaction counts and the viewer's own reactions: two queries for the whole page.
    page.object_list = annotate_reactions(page.object_list, viewer)
    for post in page.object_list:
        post.is_own = viewer is not None and post.author_id == viewer.pk
        post.can_edit = policies.can_edit_post(membership=place.membership, post=post)
        post.can_delete = policies.can_delete_post(membership=place.membership, post=post)
    return render(
        request,
        "groups/thread.html",
        {
            "group": place.group,
            "thread": thread,
            "page": page,
            "viewer": viewer,
            "can_post": can_post,
            "can_moderate": place.can_moderate,
            "form": reply_form or PostForm(),
        },
    )


@require_POST
def reply(request, slug, thread_public_id):
    place = _member_place(request, slug)
    thread = _thread_or_404(request, place, thread_public_id)
    form = PostForm(request.POST)
    if form.is_valid():
        post = submit(
            form,
            post_services.create_post,
            account=request.user,
            membership=place.membership,
            thread=thread,
            body=form.cleaned_data["body"],
            content_warning=form.cleaned_data["content_warning"],
        )
        if not form.errors:
            return redirect(_post_url(request, slug, thread, post))
    response = thread_page(request, slug, thread_public_id, reply_form=form)
    response.status_code = 400 if form.errors else response.status_code
    return response


def _post_url(request, slug, thread, post) -> str:
    """The page of the thread that shows `post`, scrolled to it."""
    number = selectors.page_number_of(post, viewer=request.user)
    url = reverse("groups:thread", args=[slug, thread.public_id])
    return f"{url}?page={number}#post-{post.public_id}"


MODERATION_ACTIONS = {
    "pin": ("is_pinned", True, "Thread pinned."),
    "unpin": ("is_pinned", False, "Thread unpinned."),
    "lock": ("is_locked", True, "Thread locked: no new replies."),
    "unlock": ("is_locked", False, "Thread unlocked."),
}


@require_POST
def moderate_thread(request, slug, thread_public_id, action):
    place = readable_place_for(request, slug)
    thread = _thread_or_404(request, place, thread_public_id)
    if action not in MODERATION_ACTIONS or not place.can_moderate:
        raise Http404
    field, value, done = MODERATION_ACTIONS[action]
    change = post_services.set_pinned if field == "is_pinned" else post_services.set_locked
    keyword = "pinned" if field == "is_pinned" else "locked"
    try:
        change(account=request.user, membership=place.membership, thread=thread, **{keyword: value})
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("groups:thread", slug, thread.public_id)


def _own_post_or_404(request, slug, post_public_id, may):
    place = readable_place_for(request, slug)
    post = selectors.post_in(place.group, post_public_id)
    if post is None or not may(membership=place.membership, post=post):
        raise Http404
    return place, post


def edit_post(request, slug, post_public_id):
    place, post = _own_post_or_404(request, slug, post_public_id, policies.can_edit_post)
    initial = {"body": post.body, "content_warning": post.content_warning}
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        submit(
            form,
            post_services.edit_post,
            membership=place.membership,
            post=post,
            body=form.cleaned_data["body"],
            content_warning=form.cleaned_data["content_warning"],
        )
        if not form.errors:
            messages.success(request, "Your post was updated.")
            return redirect(_post_url(request, slug, post.thread, post))
    return render(
        request, "groups/edit_post.html", {"group": place.group, "post": post, "form": form}
    )


@require_http_methods(["GET", "POST"])
def delete_post(request, slug, post_public_id):
    """GET shows the post and asks first, since a deleted post cannot be brought back."""
    place, post = _own_post_or_404(request, slug, post_public_id, policies.can_delete_post)
    if request.method == "GET":
        return render(
            request,
            "groups/delete_post_confirm.html",
            {
                "group": place.group,
                "post": post,
                "back_url": _post_url(request, slug, post.thread, post),
            },
        )
    post_services.delete_post(membership=place.membership, post=post)
    messages.success(request, "Your post was deleted.")
    return redirect("groups:thread", slug, post.thread.public_id)
