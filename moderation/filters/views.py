"""Word list pages (the site's list for staff, a group's for its hosts) and the list of held
content with its two decisions (site moderators, and hosts for their groups).

Whoever may not edit a list gets 404, as if it did not exist. The lists never show who added
an entry.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from community.errors import NotAllowed
from community.forms import submit
from community.models import Space
from community.spaces import names_of_spaces
from moderation.app_settings import app_settings
from moderation.filters import policies
from moderation.filters.forms import WordListEntryForm
from moderation.filters.models import HeldContent, WordListEntry
from moderation.filters.services import reject_held, release_held
from moderation.filters.wordlist_services import add_word, remove_word


@login_required
def site_words(request):
    if not policies.can_edit_site_words(request.user):
        raise Http404
    return _word_list_page(request, space=None, heading="Site word list")


@login_required
def space_words(request, space_public_id: str):
    space = get_object_or_404(Space, public_id=space_public_id)
    if not policies.can_edit_space_words(request.user, space):
        raise Http404
    name = names_of_spaces([space]).get(space.pk, "this group")
    return _word_list_page(request, space=space, heading=f"Word list of {name}", name=name)


def _list_url(space: Space | None) -> str:
    if space is None:
        return reverse("moderation:site_words")
    return reverse("moderation:space_words", args=[space.public_id])


def _word_list_page(request, *, space: Space | None, heading: str, name: str = ""):
    form = WordListEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = submit(form, add_word, actor=request.user, space=space, **form.cleaned_data)
        if not form.errors:
            messages.success(request, f"“{entry.pattern}” was added.")
            return redirect(_list_url(space))
    entries = WordListEntry.objects.filter(space=space).order_by("normalized")
    response = render(
        request,
        "moderation/words.html",
        {
            "form": form,
            "entries": entries,
            "heading": heading,
            "group_name": name,
            "is_site": space is None,
        },
    )
    if form.errors:
        response.status_code = 400
    return response


@login_required
@require_POST
def remove_word_view(request, entry_public_id: str):
    entry = get_object_or_404(
        WordListEntry.objects.select_related("space"), public_id=entry_public_id
    )
    space = entry.space
    try:
        remove_word(actor=request.user, entry=entry)
    except NotAllowed:
        raise Http404 from None
    messages.success(request, f"“{entry.pattern}” was removed.")
    return redirect(_list_url(space))


@login_required
def held_list(request):
    """What the filters hold, in the viewer's scope, oldest first: the text as written, the
    author's persona in that space (never the account), what matched. 404 for whoever has no
    scope at all, as for any moderation page."""
    if not policies.may_review_any_held(request.user):
        raise Http404
    held = list(
        policies.held_in_scope_of(request.user)
        .select_related("author", "space")
        .order_by("created")[: app_settings.HELD_PAGE_SIZE]
    )
    names = names_of_spaces([entry.space for entry in held])
    for entry in held:
        entry.space_name = names.get(entry.space_id, "")
    return render(request, "moderation/held.html", {"held": held})


def _held_or_404(request, held_public_id: str) -> HeldContent:
    """The held thing, for site moderators and its group's hosts; 404 for anyone else."""
    held = get_object_or_404(
        HeldContent.objects.select_related("space", "author"), public_id=held_public_id
    )
    if not policies.can_review_held(request.user, held):
        raise Http404
    return held


@login_required
def held_item(request, held_public_id: str):
    """One held thing, where the queue's row leads: waiting (with Publish and Keep back) or
    what became of it. The author's persona in that group only, as on the list."""
    held = _held_or_404(request, held_public_id)
    held.space_name = names_of_spaces([held.space]).get(held.space_id, "")
    return render(request, "moderation/held_item.html", {"entry": held, "can_decide": True})


def _decide_held(request, held_public_id: str, decide, done: str):
    held = _held_or_404(request, held_public_id)
    try:
        decide(moderator=request.user, held=held)
    except NotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
    # Back where the decision was made: the held thing's own page, or the list.
    if request.POST.get("back") == "item":
        return redirect("moderation:held_item", held_public_id=held.public_id)
    return redirect("moderation:held")


@login_required
@require_POST
def release_held_view(request, held_public_id: str):
    return _decide_held(request, held_public_id, release_held, "Published: everyone can see it.")


@login_required
@require_POST
def reject_held_view(request, held_public_id: str):
    return _decide_held(
        request, held_public_id, reject_held, "Kept back: only its author can see it."
    )
