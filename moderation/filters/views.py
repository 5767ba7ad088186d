"""Word list pages: the site's list (staff) and a group's list (its hosts).

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
from moderation.filters import policies
from moderation.filters.forms import WordListEntryForm
from moderation.filters.models import WordListEntry
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
