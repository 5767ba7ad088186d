"""Staff management of groups: create, edit, invite links, hosts.

Hosts are appointed through personas, because staff never see accounts or emails (DESIGN.md
§1): an advocate joins the group under a persona like anyone, and the staff page lists the
group's member personas whose account is an advocate, by persona name only, with "Make host"
and "Remove host". A new group gets its first host the same way, or staff join it and appoint
themselves.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from community import audit
from community.errors import NotAllowed
from community.ids import new_public_id
from community.models import Account, Space
from community.submissions import create_once, earlier_submission
from community.text import clean_line, clean_multiline
from groups import policies
from groups.models import Group, Membership
from groups.spaces import SPACE_KIND

# Paths under /groups/ that a group slug must not shadow.
RESERVED_SLUGS = {"manage", "join", "new", "search"}

EDITABLE_FIELDS = (
    "name",
    "slug",
    "description",
    "guidelines",
    "join_question",
    "visibility",
    "join_policy",
)


# Shown inline (headings, lists, <title>, notification lines): no bidi or zero-width characters.
SINGLE_LINE_FIELDS = ("name", "description", "join_question")


def _clean_text(fields: dict) -> dict:
    """`fields` with its typed text cleaned as community.text says (single- or multi-line)."""
    cleaned = dict(fields)
    for field in SINGLE_LINE_FIELDS:
        if field in cleaned:
            cleaned[field] = clean_line(cleaned[field])
    if "guidelines" in cleaned:
        cleaned["guidelines"] = clean_multiline(cleaned["guidelines"])
    return cleaned


def _require_staff(account: Account) -> None:
    if not policies.can_manage_groups(account):
        raise NotAllowed("Only staff manage groups.")


def _check_slug(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": "That address is reserved. Choose another."})


@transaction.atomic
def create_group(*, staff: Account, client_id: uuid.UUID | None = None, **fields) -> Group:
    """A new group with its own space; members will join it under personas of that space.

    A resubmission of the same form (`client_id`, community.submissions) returns the group it
    already made, instead of refusing its name as taken.
    """
    _require_staff(staff)
    earlier = earlier_submission(Group, client_id=client_id)
    if earlier is not None:
        return earlier
    _check_slug(fields.get("slug", ""))
    fields = _clean_text(fields)

    def make() -> Group:
        group = Group(space=Space.objects.create(kind=SPACE_KIND), client_id=client_id, **fields)
        group.full_clean()
        group.save()
        return group

    group, _created = create_once(make, model=Group, client_id=client_id)
    return group


@transaction.atomic
def update_group(*, staff: Account, group: Group, **fields) -> Group:
    _require_staff(staff)
    _check_slug(fields.get("slug", group.slug))
    fields = _clean_text(fields)
    for field in EDITABLE_FIELDS:
        if field in fields:
            setattr(group, field, fields[field])
    group.full_clean()
    group.save()
    return group


def _audit(event: str, *, staff: Account, group: Group, persona=None, detail: str) -> None:
    audit.record(
        event=event,
        actor=staff,
        actor_role="staff",
        space=group.space,
        persona=persona,
        detail=detail,
    )


@transaction.atomic
def regenerate_invite(*, staff: Account, group: Group) -> Group:
    """A new invite link; the old one stops working at once. Logged (community.audit)."""
    _require_staff(staff)
    group.invite_token = new_public_id()
    group.save(update_fields=["invite_token"])
    _audit(
        "group.invite_regenerated",
        staff=staff,
        group=group,
        detail="New invite link; the old one no longer works",
    )
    return group


def _active_membership(group: Group, persona_public_id: str) -> Membership:
    membership = (
        Membership.objects.select_related("persona__account")
        .filter(group=group, persona__public_id=persona_public_id, status=Membership.Status.ACTIVE)
        .first()
    )
    if membership is None:
        raise NotAllowed("That member is not in this group any more.")
    return membership


@transaction.atomic
def appoint_host(*, staff: Account, group: Group, persona_public_id: str) -> Membership:
    """Make a member host. Only advocates qualify, or the staff member appointing themselves."""
    _require_staff(staff)
    membership = _active_membership(group, persona_public_id)
    if not policies.can_be_host(persona_account=membership.persona.account, appointer=staff):
        raise NotAllowed("Only advocates can be hosts.")
    membership.role = Membership.Role.HOST
    membership.save(update_fields=["role", "changed"])
    _audit(
        "role.host_appointed",
        staff=staff,
        group=group,
        persona=membership.persona,
        detail="Made host",
    )
    return membership


@transaction.atomic
def remove_host(*, staff: Account, group: Group, persona_public_id: str) -> Membership:
    """The host stays a member of the group, without the host's powers. Logged."""
    _require_staff(staff)
    membership = _active_membership(group, persona_public_id)
    if membership.role != Membership.Role.HOST:
        raise NotAllowed("That member is not a host of this group.")
    membership.role = Membership.Role.MEMBER
    membership.save(update_fields=["role", "changed"])
    _audit(
        "role.host_removed",
        staff=staff,
        group=group,
        persona=membership.persona,
        detail="No longer a host",
    )
    return membership
