"""The "@" autocomplete's source: names of a group's members, for its members only."""

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from groups import selectors
from groups.access import access_group

# A name is at most PERSONA_NAME_MAX_CHARS long; anything longer matches nobody anyway.
MAX_TYPED_CHARS = 64


@require_GET
def member_names(request, slug):
    """`{"names": [...]}`: active members whose name (or a word of it) starts with `q`.

    Names only, the persona names of this group: no ids, no accounts, nothing that could be
    looked up elsewhere. 404 for anyone but the group's active members, like its pages.
    """
    group, membership = access_group(request.user, slug)
    typed = request.GET.get("q", "")[:MAX_TYPED_CHARS]
    names = selectors.mention_suggestions(group, viewer=membership.persona, typed=typed)
    return JsonResponse({"names": names})


def with_mention_names(form, group):
    """`form` with its body textarea pointing static/js/mentions.js at `group`'s names."""
    url = reverse("groups:member_names", args=[group.slug])
    form.fields["body"].widget.attrs["data-mention-names"] = url
    return form
