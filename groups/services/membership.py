"""Joining, join requests and leaving.

An account has exactly one persona in a group's space, created on its first join (or join
request) and reused on every later one: leaving keeps the Membership row, so a rejoin comes
back under the same name. Hosts deciding a request see the persona and the answer only.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import dateformat, timezone

from community import limits
from community.errors import NotAllowed
from community.models import Account, Persona
from community.services.notifications import notify
from community.services.personas import (
    create_persona,
    is_name_reserved,
    rename_persona,
    reserve_name,
)
from community.text import check_length, clean_multiline, isolate
from groups import notification_kinds, policies, selectors
from groups.app_settings import app_settings
from groups.models import Group, JoinRequest, Membership
from groups.notification_targets import withdraw_for_member
from groups.signals import membership_ended


def _refuse_join(*, account: Account, group: Group, membership: Membership | None) -> None:
    """Explain why `account` may not join `group`, in words for the person asking."""
    if policies.is_active_member(membership):
        raise NotAllowed("You are already a member of this group.")
    if membership is not None and membership.status == Membership.Status.REMOVED:
        raise NotAllowed("You can't rejoin this group.")
    raise NotAllowed("This group can only be joined through an invite link.")


def _check_reapply(*, account: Account, group: Group) -> None:
    allowed_from = selectors.asks_again_from(account, group)
    if allowed_from is not None:
        raise NotAllowed(reapply_message(allowed_from))


def reapply_message(allowed_from) -> str:
    """What a declined applicant reads, on the group and join pages and after a refused ask."""
    return (
        "Your last request to join was not accepted. You can ask again from "
        f"{dateformat.format(timezone.localtime(allowed_from), 'j F Y')}."
    )


def _check_answer(*, group: Group, answer: str) -> None:
    check_length(
        field="answer", value=answer, limit=app_settings.MAX_JOIN_ANSWER_CHARS, label="answer"
    )
    if group.join_question and not answer.strip():
        raise ValidationError({"answer": "Please answer the group's question."})


def _persona_for(*, account: Account, group: Group, name: str, reserve: bool) -> Persona:
    """The account's one persona in this group, named `name` unless its name is already its own.

    A persona that holds its name (a member who left) comes back under it. One whose name
    was never reserved (an earlier request, withdrawn or declined) takes the name given now.
    `reserve`: claim the name in the space now (joining at once) or leave it unreserved (a
    request, so that asking tells nobody which names exist here).
    """
    existing = selectors.persona_of(account, group)
    if existing is not None and is_name_reserved(existing):
        return existing
    try:
        if existing is not None:
            return rename_persona(persona=existing, name=name, reserve_name=reserve)
        return create_persona(account=account, space=group.space, name=name, reserve_name=reserve)
    except ValidationError as error:
        # A double-submitted join: the other request made this account's persona here first
        # (the database allows one per space). Join under it rather than refuse the name.
        made_meanwhile = selectors.persona_of(account, group)
        if existing is None and made_meanwhile is not None:
            return made_meanwhile
        raise ValidationError({"name": error.messages}) from error


def _activate(*, group: Group, persona: Persona) -> Membership:
    membership, created = Membership.objects.get_or_create(
        persona=persona, defaults={"group": group}
    )
    if not created:
        membership.status = Membership.Status.ACTIVE
        membership.role = Membership.Role.MEMBER
        membership.save(update_fields=["status", "role", "changed"])
    return membership


def _count_join(account: Account) -> None:
    limits.hit(
        account=account,
        action="join",
        rate=app_settings.JOIN_RATE,
        message="You have joined or asked to join many groups just now ({rate}). "
        "Please wait a little and try again.",
    )


@transaction.atomic
def join_group(
    *,
    account: Account,
    group: Group,
    name: str,
    accepted_guidelines: bool,
    answer: str = "",
    via_invite: bool = False,
) -> Membership | JoinRequest:
    """Join `group` (open, or invite through its link) or ask to (approval policy).

    Returns the active Membership, or the pending JoinRequest that waits for a host.
    Raises NotAllowed (a sentence for the person) or ValidationError (field messages).

    Every attempt counts toward GROUPS_JOIN_RATE before anything is checked, so a refusal
    ("That name is taken here") costs as much as a join and probing for names is slow. A
    request checks its name against the rules only: pending names are not reserved, and a
    non-member is never told whether a name exists in an approval group (`decide_request`
    finds a clash, and the applicant picks another name then).
    """
    _count_join(account)
    membership = selectors.membership_of(account, group)
    if not policies.can_join(
        account=account, group=group, membership=membership, via_invite=via_invite
    ):
        _refuse_join(account=account, group=group, membership=membership)
    if selectors.pending_request_of(account, group) is not None:
        raise NotAllowed("Your request to join is already waiting for a host.")
    if not accepted_guidelines:
        raise ValidationError({"accept_guidelines": "Please read and accept the guidelines."})
    approval = not policies.joins_at_once(group=group)
    if approval:
        _check_answer(group=group, answer=answer)
        _check_reapply(account=account, group=group)
    persona = _persona_for(account=account, group=group, name=name, reserve=not approval)
    if not approval:
        return _activate(group=group, persona=persona)
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(
                group=group, persona=persona, answer=clean_multiline(answer).strip()
            )
    except IntegrityError:
        # A double submit: the other request made the one pending request this persona may
        # have (a constraint); this one lands on it, as a resubmitted reply lands on its post.
        return JoinRequest.objects.get(persona=persona, status=JoinRequest.Status.PENDING)
    _tell_hosts(group=group)
    return request


def _tell_hosts(*, group: Group) -> None:
    url = reverse("groups:requests", args=[group.slug])
    for host in selectors.hosts_of(group).select_related("persona__account"):
        if host.persona.account is not None:
            notify(
                account=host.persona.account,
                kind=notification_kinds.JOIN_REQUEST,
                text=f"Someone asked to join {isolate(group.name)}.",
                url=url,
            )


@transaction.atomic
def decide_request(
    *,
    account: Account,
    membership: Membership | None,
    request: JoinRequest,
    approve: bool,
) -> JoinRequest:
    """A host (or staff, in a group without hosts) approves or declines; the applicant is told.

    The decider is recorded as their persona in this group (none for staff who aren't members).
    """
    group = request.group
    has_hosts = selectors.hosts_of(group).exists()
    if not policies.can_decide_requests(
        account=account, membership=membership, has_hosts=has_hosts
    ):
        raise NotAllowed("Only the group's hosts decide join requests.")
    request = JoinRequest.objects.select_for_update().select_related("persona").get(pk=request.pk)
    if request.status != JoinRequest.Status.PENDING:
        raise NotAllowed("This request was already decided.")
    if approve and request.waiting_for_name:
        raise NotAllowed("This request is approved; the applicant is choosing another name.")
    request.decided_at = timezone.now()
    request.decided_by = membership.persona if policies.is_active_member(membership) else None
    if approve and not _claim_name_of(request):
        request.waiting_for_name = True
        request.save(update_fields=["waiting_for_name", "decided_at", "decided_by"])
        _ask_for_another_name(request=request, group=group)
        return request
    request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    request.waiting_for_name = False
    request.save(update_fields=["status", "waiting_for_name", "decided_at", "decided_by"])
    if approve:
        _activate(group=group, persona=request.persona)
    _tell_applicant(request=request, group=group, approved=approve)
    return request


def _claim_name_of(request: JoinRequest) -> bool:
    """Reserve the applicant's name now that they are let in; False when it is taken."""
    try:
        reserve_name(request.persona)
    except ValidationError:
        return False
    return True


def _ask_for_another_name(*, request: JoinRequest, group: Group) -> None:
    applicant = request.persona.account
    if applicant is None:
        return
    notify(
        account=applicant,
        kind=notification_kinds.JOIN_DECISION,
        text=f"Your request to join {isolate(group.name)} was approved, but the name you chose is "
        "taken there. Choose another name to finish joining.",
        url=reverse("groups:choose_name", args=[group.slug]),
    )


@transaction.atomic
def choose_name(*, account: Account, request: JoinRequest, name: str) -> Membership:
    """The approved applicant whose name clashed picks another one, and is in.

    Counted toward GROUPS_JOIN_RATE like any join: a refused name here is an answer about
    the space's names too (to someone a host let in, but still).
    """
    _count_join(account)
    request = JoinRequest.objects.select_for_update().select_related("persona").get(pk=request.pk)
    if not policies.can_choose_name(account=account, request=request):
        raise NotAllowed("This request is not waiting for a new name.")
    try:
        rename_persona(persona=request.persona, name=name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from error
    request.status = JoinRequest.Status.APPROVED
    request.waiting_for_name = False
    request.save(update_fields=["status", "waiting_for_name"])
    return _activate(group=request.group, persona=request.persona)


def _tell_applicant(*, request: JoinRequest, group: Group, approved: bool) -> None:
    applicant = request.persona.account
    if applicant is None:
        return
    if approved:
        text = f"Welcome: your request to join {isolate(group.name)} was approved."
    else:
        text = f"Your request to join {isolate(group.name)} was not accepted this time."
    notify(
        account=applicant,
        kind=notification_kinds.JOIN_DECISION,
        text=text,
        url=reverse("groups:group", args=[group.slug]),
    )


@transaction.atomic
def withdraw_request(*, account: Account, request: JoinRequest) -> JoinRequest:
    """The applicant takes back a request still waiting; hosts are not told.

    A withdrawn request is not a declined one: asking again later has no wait.
    """
    request = JoinRequest.objects.select_for_update().select_related("persona").get(pk=request.pk)
    if not policies.can_withdraw_request(account=account, request=request):
        raise NotAllowed("This request is no longer waiting, so there is nothing to withdraw.")
    request.status = JoinRequest.Status.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    return request


@transaction.atomic
def leave_group(*, membership: Membership | None) -> Membership:
    """Leave; the persona and what it wrote stay, and a rejoin reuses the persona."""
    if not policies.can_leave(membership=membership):
        raise NotAllowed("You are not a member of this group.")
    membership.status = Membership.Status.LEFT
    membership.role = Membership.Role.MEMBER
    membership.save(update_fields=["status", "role", "changed"])
    withdraw_for_member(membership.persona)
    transaction.on_commit(lambda: membership_ended.send(sender=Membership, membership=membership))
    return membership


def show_guidelines_once(membership: Membership | None) -> bool:
    """True on a member's first visit to their group's page, recorded so it is the only one.

    The one small write this page view may do (DESIGN.md §4), and only once per membership:
    later visits read the flag already loaded with the membership and write nothing.
    """
    if membership is None or membership.guidelines_shown:
        return False
    first = Membership.objects.filter(pk=membership.pk, guidelines_shown=False).update(
        guidelines_shown=True
    )
    membership.guidelines_shown = True
    return bool(first)
