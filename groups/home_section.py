"""The groups' part of the member home (community.home_sections), registered from ready().

Your groups, each with how many of its threads have posts you have not seen, the latest of
those threads across your groups, and the join requests waiting for you as a host. Every line
is about one group and shows only your persona in it: the home is the one page where your
spaces sit side by side, and it is yours alone.

Four queries at most, whatever the number of groups and threads.
"""

from django.db.models import Count, Exists, OuterRef

from community.home_sections import register_section
from community.models import Block
from groups import policies, unread
from groups.app_settings import app_settings
from groups.models import JoinRequest, Membership
from groups.selectors import unread_threads_for


def groups_section(account) -> dict:
    memberships = list(
        Membership.objects.filter(persona__account=account, status=Membership.Status.ACTIVE)
        .select_related("group", "persona")
        .order_by("group__name")
    )
    section = {"template": "groups/_home_section.html"}
    if not memberships:  # the template welcomes them and points to the directory
        return {**section, "memberships": [], "threads": [], "requests": []}
    by_group = {membership.group_id: membership for membership in memberships}
    threads = unread_threads_for(memberships)
    counts = dict(threads.order_by().values_list("group_id").annotate(total=Count("pk")))
    # A thread started by a persona the member blocked in that group is folded there; here too.
    latest = list(
        threads.annotate(
            is_hidden_by_block=Exists(
                Block.objects.filter(blocker=account, persona_id=OuterRef("author_id"))
            )
        )[: app_settings.HOME_THREADS]
    )
    for membership in memberships:
        membership.unread_threads = counts.get(membership.group_id, 0)
    for thread in latest:
        membership = by_group[thread.group_id]
        thread.membership = membership
        thread.new_count = unread.new_count(thread, membership.created, membership.persona_id)
        thread.url = unread.unread_url(thread)
    return {
        **section,
        "memberships": memberships,
        "threads": latest,
        "requests": _requests_awaiting(memberships),
    }


def _requests_awaiting(memberships: list[Membership]) -> list[Membership]:
    """The groups the member hosts that have join requests waiting, with how many: one
    query, none for a member who hosts nothing."""
    hosted = {m.group_id: m for m in memberships if policies.is_host(m)}
    if not hosted:
        return []
    waiting = (
        JoinRequest.objects.filter(group_id__in=hosted, status=JoinRequest.Status.PENDING)
        .order_by()
        .values_list("group_id")
        .annotate(total=Count("pk"))
    )
    found = []
    for group_id, total in waiting:
        membership = hosted[group_id]
        membership.waiting_requests = total
        found.append(membership)
    return sorted(found, key=lambda membership: membership.group.name)


def register() -> None:
    register_section(groups_section)
