from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from community.fragments import PathPattern
from groups import page_sections, policies, selectors, unread
from groups.access import access_group, blocked_persona_ids
from groups.app_settings import app_settings
from groups.services import membership as membership_services
from groups.services.membership import show_guidelines_once
from groups.views._common import Place, place_for


def directory(request):
    """Listed groups with member counts and coarse activity; never who is in them."""
    groups = list(selectors.listed_groups())
    mine = selectors.group_ids_of(request.user)
    rows = [
        {
            "group": group,
            "is_member": group.pk in mine,
            "recently_active": selectors.is_recently_active(group),
        }
        for group in groups
    ]
    return render(
        request,
        "groups/directory.html",
        {"rows": rows, "can_manage": policies.can_manage_groups(request.user)},
    )


def group_page(request, slug):
    """About and guidelines for whoever may see the group; threads for its members.

    Threads started by a persona the viewer blocked here are listed folded, title included.
    """
    try:
        group, membership = access_group(request.user, slug)
    except Http404:
        place = place_for(request, slug)  # visitors and non-members: the about page, or 404
    else:
        place = Place(group=group, account=request.user, membership=membership)
    context = {
        "place": place,
        "group": place.group,
        "viewer": place.persona,
        "can_join": policies.can_join(
            account=request.user,
            group=place.group,
            membership=place.membership,
            via_invite=False,
        )
        and place.pending is None,
        "asks_again": "",
        "page": None,
        "hosts": [],
        "sections": [],
    }
    if context["can_join"]:
        # Said before the form, so nobody writes a painful answer only to be refused.
        allowed_from = selectors.asks_again_from(request.user, place.group)
        if allowed_from is not None:
            context["asks_again"] = membership_services.reapply_message(allowed_from)
    if place.can_read:
        paginator = Paginator(
            selectors.threads_of(place.group, viewer=place.persona), app_settings.THREADS_PER_PAGE
        )
        page = paginator.get_page(request.GET.get("page"))
        blocked = blocked_persona_ids(request.user, place.group)
        joined = place.membership.created if place.is_member else None
        thread_path = PathPattern("groups:thread", place.group.slug)  # one lookup, not 25
        for thread in page.object_list:
            thread.group = place.group  # already loaded: links without a query each
            thread.is_hidden_by_block = thread.author_id in blocked
            thread.new_count = (
                unread.new_count(thread, joined, place.membership.persona_id)
                if place.is_member
                else 0
            )
            thread.url = (
                unread.unread_url(thread) if thread.new_count else thread_path(thread.public_id)
            )
        context["has_unread"] = any(thread.new_count for thread in page.object_list)
        context["page"] = page
        context["hosts"] = list(selectors.hosts_of(place.group))
        context["sections"] = page_sections.sections_for(place.group, place.membership)
    # Members get the guidelines in full once; visitors and applicants, who have not joined
    # under them yet, on every visit.
    context["guidelines_in_full"] = not place.is_member or show_guidelines_once(place.membership)
    return render(request, "groups/group.html", context)
