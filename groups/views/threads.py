from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from community.errors import NotAllowed
from community.forms import submit
from community.fragments import PathPattern
from groups import policies, selectors
from groups.access import access_group, access_post, access_thread, blocked_persona_ids
from groups.app_settings import app_settings
from groups.forms import PostForm, ReplyForm, ThreadForm
from groups.models import Membership
from groups.people import people_path_prefix, person_path
from groups.selectors.reactions import annotate_reactions
from groups.services import counts as read_services
from groups.services import posts as post_services
from groups.views import composing
from groups.views.mentions import with_mention_names


def new_thread(request, slug):
    group, membership = access_group(request.user, slug)
    form = ThreadForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        text = _written(form, "title")
        if composing.wants_preview(request):
            preview = submit(
                form,
                post_services.preview_post,
                account=request.user,
                membership=membership,
                group=group,
                **text,
            )
        else:
            thread = submit(
                form,
                post_services.create_thread,
                account=request.user,
                membership=membership,
                group=group,
                client_id=form.cleaned_data["client_id"],
                **text,
            )
            if not form.errors:
                return redirect(thread)
    with_mention_names(form, group)
    return composing.respond(
        request, "groups/new_thread.html", {"group": group}, form=form, preview=preview
    )


def _written(form, *extra: str) -> dict[str, str]:
    """What a composing form's member wrote, as the post services (and preview) take it."""
    return {name: form.cleaned_data[name] for name in ("body", "content_warning", *extra)}


def thread_page(request, slug, thread_public_id, reply_form=None, preview=None):
    """One thread, a page of posts at a time. Posts by a persona the viewer blocked in this
    group are folded in place (`is_hidden_by_block`), the title too when that persona started
    the thread; every reader gets the same pages. The query count is the same for 5 posts or
    100."""
    thread, membership = access_thread(
        request.user, thread_public_id, group=slug, with_subscription=True, with_marker=True
    )
    blocked = blocked_persona_ids(request.user, thread.group)
    posts = selectors.posts_of(thread, viewer=membership.persona)
    paginator = Paginator(posts, app_settings.POSTS_PER_PAGE)
    page_number = request.GET.get("page")
    if reply_form is not None or page_number == "last":
        # The reply box sits under the newest posts.
        page_number = paginator.num_pages
    page = paginator.get_page(page_number)
    viewer = membership.persona
    thread.is_hidden_by_block = thread.author_id in blocked
    page.object_list = prepare_posts(
        page.object_list,
        thread=thread,
        membership=membership,
        blocked=blocked,
        composer_links=composing.PostLinks(
            thread=thread, membership=membership, account=request.user, page_number=page.number
        ),
    )
    read_services.record_reading(  # the one write, on a GET only
        thread=thread, page=page, persona_id=viewer.pk, advance=request.method == "GET"
    )
    # A locked thread tells its authors here why their Edit links are gone (the rule cited);
    # other readers see only that it is locked.
    is_author_here = thread.author_id == viewer.pk or any(post.is_own for post in page.object_list)
    return render(
        request,
        "groups/thread.html",
        {
            "group": thread.group,
            "thread": thread,
            "page": page,
            "viewer": viewer,
            "can_post": policies.can_post(
                account=request.user, membership=membership, thread=thread
            ),
            "can_moderate": policies.can_moderate_group(
                account=request.user, membership=membership
            ),
            "lock_reason": thread.lock_reason if thread.is_locked and is_author_here else "",
            # A moderator's mute: the reply form stays, with why it will not post.
            "muted_until": membership.muted_until if policies.is_muted(membership) else None,
            "form": with_mention_names(
                reply_form or composing.reply_form(request, thread, membership), thread.group
            ),
            "preview": preview,
            "held_edit_url": _held_edit_url(thread),
            "subscription_level": thread.subscription_level or "",
            # For the posts' fragment (groups/_posts.jinja), whose forms post back here.
            "page_path": request.get_full_path(),
        },
    )


def _post_links(group) -> dict:
    """The links under a post, as functions of the post: each URL is looked up once per page
    (community.fragments.PathPattern), not once per post."""
    edit = PathPattern("groups:edit_post", group.slug)
    delete = PathPattern("groups:delete_post", group.slug)
    react = PathPattern("groups:react", group.slug)
    block = PathPattern("groups:block", group.slug)
    flag_post = PathPattern("moderation:flag", "post")
    flag_name = PathPattern("moderation:flag", "persona")
    moderate = PathPattern("moderation:act_on_content", "post")
    return {
        "edit": lambda post: edit(post.public_id),
        "delete": lambda post: delete(post.public_id),
        "react": lambda post: react(post.public_id),
        "block": lambda post: block(post.public_id),
        "flag": lambda post: flag_post(post.public_id),
        "flag_name": lambda post: flag_name(post.author.public_id),
        "moderate": lambda post: moderate(post.public_id),
    }


def prepare_posts(posts, *, thread, membership, blocked, composer_links=None) -> list:
    """Everything groups/_posts.jinja reads on each post, set on it: what the viewer may do
    with it, its links and its reactions. All of it is this viewer's, computed per request (the
    fragment is never cached), so one viewer's state cannot reach another's page.
    `composer_links` (composing.PostLinks) adds the composer's quote and history links."""
    viewer = membership.persona
    # Reaction counts and the viewer's own reactions: one query for the whole page.
    posts = annotate_reactions(posts, viewer)
    people = people_path_prefix(thread.group)
    links = _post_links(thread.group)
    for post in posts:
        post.thread = thread  # already loaded; policies read its lock
        post.author_url = person_path(people, post.author)
        post.urls = {name: link(post) for name, link in links.items()}
        post.by_host = not post.author.is_former and _is_host(post.author)
        post.is_own = post.author_id == viewer.pk
        post.is_first_unread = False  # counts.record_reading marks the one that is
        post.is_hidden_by_block = post.author_id in blocked
        post.can_edit = policies.can_edit_post(membership=membership, post=post)
        post.can_delete = policies.can_delete_post(membership=membership, post=post)
        if composer_links is not None:
            composer_links.annotate(post)
        else:
            post.quote_url = post.quote_source_url = post.quote_author = post.history_url = ""
    return posts


def _is_host(author) -> bool:
    """Whether a post's author is a host of the group now (the membership came with the post)."""
    try:
        return policies.is_host(author.membership)
    except Membership.DoesNotExist:  # a persona of this space that never joined
        return False


def _held_edit_url(thread) -> str | None:
    """Where the author of a held thread edits it: its first post (a query, when held only)."""
    if thread.held_at is None:
        return None
    opening = selectors.posts_of(thread).order_by("created", "pk").first()
    if opening is None:
        return None
    return reverse("groups:edit_post", args=[thread.group.slug, opening.public_id])


@require_POST
def reply(request, slug, thread_public_id):
    thread, membership = access_thread(request.user, thread_public_id, group=slug)
    form = ReplyForm(request.POST)
    preview = None
    if form.is_valid() and composing.wants_preview(request):
        preview = submit(
            form,
            post_services.preview_post,
            account=request.user,
            membership=membership,
            thread=thread,
            **_written(form),
        )
    elif form.is_valid():
        # A resubmission gets the post its first submission made: the same redirect, once.
        post = submit(
            form,
            post_services.create_post,
            account=request.user,
            membership=membership,
            thread=thread,
            client_id=form.cleaned_data["client_id"],
            **_written(form),
        )
        if not form.errors:
            return redirect(post)
    if composing.wants_fragment(request):
        return composing.preview_fragment(request, form=form, preview=preview)
    composing.focus(form)
    response = thread_page(request, slug, thread_public_id, reply_form=form, preview=preview)
    response.status_code = 400 if form.errors else response.status_code
    return response


@require_POST
def mark_group_read(request, slug):
    """Every thread of the group read up to now, for the viewer: one statement."""
    group, membership = access_group(request.user, slug)
    read_services.mark_group_read(membership=membership)
    messages.success(request, "Everything here is marked as read.")
    return redirect("groups:group", group.slug)


# Locking and unlocking ask for a rule and are logged: the thread page links to moderation's
# page for them (moderation:act_on_content), as for hiding or deleting a post.
MODERATION_ACTIONS = {
    "pin": ("is_pinned", True, "Thread pinned."),
    "unpin": ("is_pinned", False, "Thread unpinned."),
}


@require_POST
def moderate_thread(request, slug, thread_public_id, action):
    thread, membership = access_thread(request.user, thread_public_id, group=slug)
    if action not in MODERATION_ACTIONS or not policies.can_moderate_group(
        account=request.user, membership=membership
    ):
        raise Http404
    _field, value, done = MODERATION_ACTIONS[action]
    try:
        post_services.set_pinned(
            account=request.user, membership=membership, thread=thread, pinned=value
        )
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(thread)


def _own_post_or_404(request, slug, post_public_id, may):
    post, membership = access_post(request.user, post_public_id, group=slug)
    if not may(membership=membership, post=post):
        raise Http404
    return post, membership


def edit_post(request, slug, post_public_id):
    post, membership = _own_post_or_404(request, slug, post_public_id, policies.can_edit_post)
    initial = {"body": post.body, "content_warning": post.content_warning}
    form = PostForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid() and composing.wants_preview(request):
        preview = submit(
            form,
            post_services.preview_post,
            account=request.user,
            membership=membership,
            post=post,
            **_written(form),
        )
    elif request.method == "POST" and form.is_valid():
        submit(
            form,
            post_services.edit_post,
            account=request.user,
            membership=membership,
            post=post,
            **_written(form),
        )
        if not form.errors:
            held = post.held_at is not None or post.thread.held_at is not None
            messages.success(
                request, "Your post was updated." + (" It still waits for review." if held else "")
            )
            return redirect(post)
    with_mention_names(form, post.thread.group)
    return composing.respond(
        request,
        "groups/edit_post.html",
        {"group": post.thread.group, "post": post},
        form=form,
        preview=preview,
    )


@require_safe
def quote_source(request, slug, post_public_id):
    """The Markdown a "Quote" control puts in the reply box, as plain text (its script's
    fetch; without JavaScript the link itself prefills the form). 404 for a post the viewer
    may not quote, as for one that does not exist."""
    post, _membership = access_post(request.user, post_public_id, group=slug)
    quoted = composing.quotable(post)
    if quoted is None:
        raise Http404
    return HttpResponse(quoted, content_type="text/plain; charset=utf-8")


@require_safe
def post_history(request, slug, post_public_id):
    """Earlier versions of a post, for its author and the group's moderators; everyone else
    gets 404, as for a post that does not exist. Reading it writes nothing, like the
    moderators' other reads of hidden content (moderation logs actions, not reads)."""
    post, membership = access_post(request.user, post_public_id, group=slug)
    if not policies.can_see_post_history(account=request.user, membership=membership, post=post):
        raise Http404
    revisions = list(post.revisions.order_by("-created", "-pk"))
    return render(
        request,
        "groups/post_history.html",
        {
            "group": post.thread.group,
            "post": post,
            "revisions": revisions,
            "is_own": post.author_id == membership.persona_id,
        },
    )


@require_http_methods(["GET", "POST"])
def delete_post(request, slug, post_public_id):
    """GET shows the post and asks first, since a deleted post cannot be brought back."""
    post, membership = _own_post_or_404(request, slug, post_public_id, policies.can_delete_post)
    if request.method == "GET":
        return render(
            request,
            "groups/delete_post_confirm.html",
            {"group": post.thread.group, "post": post, "back_url": post.get_absolute_url()},
        )
    post_services.delete_post(membership=membership, post=post)
    messages.success(request, "Your post was deleted.")
    return redirect(post.thread)
