from django.core.paginator import Paginator
from django.shortcuts import render

from groups import policies, selectors
from groups.app_settings import app_settings
from groups.views._common import place_for


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
    """About and guidelines for whoever may see the group; threads for its members."""
    place = place_for(request, slug)
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
        "page": None,
        "hosts": [],
    }
    if place.can_read:
        paginator = Paginator(
            selectors.threads_of(place.group, viewer=request.user),
            app_settings.THREADS_PER_PAGE,
        )
        context["page"] = paginator.get_page(request.GET.get("page"))
        context["hosts"] = list(selectors.hosts_of(place.group))
    return render(request, "groups/group.html", context)
