"""The group as seen from outside and at its door: the about page, joining, leaving, the hosts'
request queue. A viewer who may not see the group gets 404, exactly as if it did not exist.

Anything inside a group (threads, posts, reactions, blocks, flags) goes through
`groups.access` instead.
"""

from dataclasses import dataclass
from functools import cached_property

from django.http import Http404

from community.models import Persona
from groups import policies, selectors
from groups.models import Group, JoinRequest, Membership


@dataclass
class Place:
    """A group as seen by one request's user."""

    group: Group
    account: object
    membership: Membership | None
    pending: JoinRequest | None = None

    @property
    def is_member(self) -> bool:
        return policies.is_active_member(self.membership)

    @property
    def persona(self) -> Persona | None:
        """The viewer's persona here while a member, for `viewer` in templates."""
        return self.membership.persona if self.is_member else None

    @property
    def can_read(self) -> bool:
        return policies.can_read_group(account=self.account, membership=self.membership)

    @property
    def can_moderate(self) -> bool:
        return policies.can_moderate_group(account=self.account, membership=self.membership)

    @cached_property
    def can_decide_requests(self) -> bool:
        # Whether the group has hosts matters only for staff; others' pages skip the query.
        has_hosts = policies.is_staff(self.account) and selectors.hosts_of(self.group).exists()
        return policies.can_decide_requests(
            account=self.account, membership=self.membership, has_hosts=has_hosts
        )


def place_for(request, slug: str) -> Place:
    """The group at `slug` if the viewer may see its about page; 404 otherwise."""
    group = selectors.group_by_slug(slug)
    if group is None:
        raise Http404
    membership = selectors.membership_of(request.user, group)
    pending = None
    if not policies.is_active_member(membership):
        pending = selectors.pending_request_of(request.user, group)
    place = Place(group=group, account=request.user, membership=membership, pending=pending)
    if not policies.can_view_group(
        account=request.user, group=group, membership=membership, pending=pending
    ):
        raise Http404
    return place


def moderated_place_for(request, slug: str) -> Place:
    """Hosts, and staff for groups without hosts: the join request queue (not the content)."""
    place = place_for(request, slug)
    if not place.can_decide_requests:
        raise Http404
    return place
