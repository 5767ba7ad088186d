"""Appeals: a member appeals an action taken on them once, in words; another moderator decides.

The appeal goes to a reviewer who did not take the action (nor is the member): a site
moderator, the one with the fewest open appeals; when the site has no other moderator, a
staff member; when there is nobody at all, it waits for any site moderator but those two.
An overturn undoes what can be undone, through the same registries the action went through
(community.flagging.TargetKind.unhide, community.sanctions UNMUTE/READMIT) and the account's
restriction; a deletion cannot be undone and the member is told so.

The member is told the outcome and the reviewer's reason in Lantern, never who flagged, who
acted or who decided; the audit log records the decision with the reviewer's role only.
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from community import sanctions
from community.errors import NotAllowed
from community.flagging import kind_named
from community.models import Account
from community.services.notifications import notify
from community.text import check_length
from moderation import notification_kinds, policies, restrictions, wording
from moderation.app_settings import app_settings
from moderation.models import AccountRestriction, Action, Appeal, AuditEntry, BannedEmail

Kind = Action.Kind

# What an overturn tells the member was undone, by action.
UNDONE = {
    Kind.HIDE: "Your content is shown again.",
    Kind.DELETE: "Deleted content cannot be restored, but the decision no longer counts "
    "against you.",
    Kind.WARN: "The warning no longer counts against you.",
    Kind.MUTE: "Your mute is lifted.",
    Kind.REMOVE_FROM_GROUP: "You are a member of the group again.",
    Kind.SUSPEND: "Your suspension is lifted.",
    Kind.BAN: "Your ban is lifted.",
    Kind.LOCK: "Your thread is open again.",
}


LINK_SALT = "lantern.moderation.appeal-link"


def appeal_link(action: Action) -> str:
    """A signed address of `action`'s notice and appeal form for an account that cannot sign
    in (suspended or banned), shown on the login refusal once the password was right; good
    for `MODERATION_APPEAL_LINK_MAX_AGE_MINUTES`."""
    token = signing.dumps(action.public_id, salt=LINK_SALT)
    return reverse("moderation:appeal_by_link", kwargs={"token": token})


def action_of_link(token: str) -> Action | None:
    """The action a link from `appeal_link` is for, or None when forged or expired."""
    try:
        public_id = signing.loads(
            token, salt=LINK_SALT, max_age=app_settings.APPEAL_LINK_MAX_AGE_MINUTES * 60
        )
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return (
        Action.objects.select_related("item", "space", "account")
        .filter(public_id=public_id, account__isnull=False)
        .first()
    )


def choose_reviewer(action: Action, *, appellant: Account) -> Account | None:
    """Someone other than the moderator who acted and the member appealing: the active site
    moderator with the fewest open appeals (then the oldest account), else a staff member
    (the single-moderator site), else None."""
    excluded = [pk for pk in (action.moderator_id, appellant.pk) if pk is not None]
    open_appeals = Coalesce(
        Subquery(
            Appeal.objects.filter(reviewer=OuterRef("pk"), status=Appeal.Status.OPEN)
            .values("reviewer")
            .annotate(count=Count("pk"))
            .values("count")
        ),
        0,
    )
    candidates = Account.objects.filter(is_active=True).exclude(pk__in=excluded)
    for pool in (
        candidates.filter(role=Account.Role.MODERATOR),
        candidates.filter(is_staff=True),
    ):
        chosen = pool.annotate(load=open_appeals).order_by("load", "pk").first()
        if chosen is not None:
            return chosen
    return None


def can_appeal(account, action: Action) -> bool:
    """The member an action hit, once, for anything but a dismissal."""
    return (
        account is not None
        and action.account_id == account.pk
        and action.kind not in policies.NOT_SANCTIONS  # a dismissal, an unlock
        and not Appeal.objects.filter(action=action).exists()
    )


@transaction.atomic
def submit_appeal(*, account: Account, action: Action, text: str) -> Appeal:
    """`account` appeals `action` (taken on them) in `text`. Once only: a second appeal, or
    one on someone else's action, raises NotAllowed; ValidationError for empty or over-long
    text (`MODERATION_APPEAL_MAX_CHARS`)."""
    text = text.strip()
    check_length(
        field="text",
        value=text,
        limit=app_settings.APPEAL_MAX_CHARS,
        label="appeal",
        required=True,
    )
    if action.account_id != account.pk or action.kind == Kind.DISMISS:
        raise NotAllowed("This decision can't be appealed.")
    if Appeal.objects.filter(action=action).exists():
        raise NotAllowed("You have already appealed this decision; each can be appealed once.")
    reviewer = choose_reviewer(action, appellant=account)
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                action=action, account=account, text=text, reviewer=reviewer
            )
    except IntegrityError:
        # Two submissions raced (SQLite ignores row locks): the one-to-one key kept one.
        raise NotAllowed(
            "You have already appealed this decision; each can be appealed once."
        ) from None
    _audit(
        appeal,
        event="appeal.made",
        actor=account,
        actor_role="member",
        detail=f"Appeal made against: {wording.label_of(action)}",
    )
    if reviewer is not None:
        notify(
            account=reviewer,
            kind=notification_kinds.APPEAL_TO_REVIEW,
            text="An appeal of a moderation decision is waiting for your review.",
            url=reverse("moderation:appeal", kwargs={"appeal_public_id": appeal.public_id}),
        )
    return appeal


def can_decide(account, appeal: Appeal) -> bool:
    """The reviewer it went to; for one nobody was found for, any site moderator but the
    one who acted and the member. Never the moderator who acted."""
    if account is None or not account.is_authenticated:
        return False
    if account.pk in (appeal.action.moderator_id, appeal.account_id):
        return False
    if appeal.reviewer_id is not None:
        return appeal.reviewer_id == account.pk
    return policies.is_site_moderator(account)


@transaction.atomic
def decide_appeal(*, reviewer: Account, appeal: Appeal, outcome: str, reason: str) -> Appeal:
    """Uphold or overturn `appeal` with a reason the member reads. An overturn undoes what
    can be undone. Raises NotAllowed for anyone but its reviewer and for a decided appeal."""
    reason = reason.strip()
    if outcome not in (Appeal.Status.UPHELD, Appeal.Status.OVERTURNED):
        raise ValidationError({"outcome": "Please choose to uphold or overturn the decision."})
    check_length(
        field="reason",
        value=reason,
        limit=app_settings.APPEAL_REASON_MAX_CHARS,
        label="reason",
        required=True,
    )
    appeal = (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("action", "action__item", "action__persona", "action__space")
        .get(pk=appeal.pk)
    )
    if not can_decide(reviewer, appeal):
        raise NotAllowed("This appeal is for another moderator.")
    if appeal.status != Appeal.Status.OPEN:
        raise NotAllowed("This appeal is already decided.")
    appeal.status = outcome
    appeal.reason = reason
    appeal.reviewer = reviewer
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["status", "reason", "reviewer", "decided_at"])
    said = _undo(appeal.action) if outcome == Appeal.Status.OVERTURNED else None
    role = "site moderator" if policies.is_site_moderator(reviewer) else "staff"
    _audit(
        appeal,
        event=f"appeal.{outcome}",
        actor=reviewer,
        actor_role=role,
        detail=f"Appeal of: {wording.label_of(appeal.action)}",
    )
    _tell_member(appeal, undone=said)
    return appeal


def undone_text(action: Action) -> str:
    """What an overturn of `action` undoes, in the words the member reads."""
    kind_name = action.item.kind if action.item_id else ""
    return wording.undone(kind_name, action.kind, UNDONE.get(action.kind, ""))


def _undo(action: Action) -> str | None:
    """Undo what can be undone; a sentence for the member when the content's kind says what
    it found (a name given back, or not), else None."""
    persona = action.persona
    if action.kind == Kind.HIDE and action.item is not None:
        target_kind = kind_named(action.item.kind)
        target = action.item.target
        if target_kind is not None and target_kind.unhide is not None and target is not None:
            return target_kind.unhide(target)
    elif action.kind == Kind.LOCK and action.item is not None:
        target_kind = kind_named(action.item.kind)
        target = action.item.target
        if target_kind is not None and target_kind.unlock is not None and target is not None:
            target_kind.unlock(target)
    elif action.kind == Kind.MUTE and persona is not None:
        sanctions.apply(sanctions.UNMUTE, persona=persona, until=action.until)
    elif action.kind == Kind.REMOVE_FROM_GROUP and persona is not None:
        sanctions.apply(sanctions.READMIT, persona=persona)
    elif action.kind in (Kind.SUSPEND, Kind.BAN) and action.account is not None:
        _lift_restriction(action)


def _lift_restriction(action: Action) -> None:
    """The restriction this action made is no longer in force; the account can sign in again
    unless another restriction still holds, and an overturned ban frees its address."""
    account = action.account
    AccountRestriction.objects.filter(action=action, overturned_at__isnull=True).update(
        overturned_at=timezone.now()
    )
    if action.kind == Kind.BAN:
        still_banned = AccountRestriction.objects.filter(
            account=account, kind=AccountRestriction.Kind.BAN, overturned_at__isnull=True
        ).exists()
        if not still_banned and account.email:
            BannedEmail.objects.filter(digest=restrictions.email_digest(account.email)).delete()
    restrictions.lift_expired(account)


def _audit(appeal: Appeal, *, event: str, actor: Account, actor_role: str, detail: str) -> None:
    action = appeal.action
    persona = action.persona
    AuditEntry.objects.create(
        event=event,
        actor=actor,
        actor_role=actor_role,
        space=action.space,
        persona_name=persona.display_name if persona else "",
        persona_public_id=persona.public_id if persona else "",
        item_public_id=action.item.public_id if action.item_id else "",
        rule=action.rule,
        detail=detail[:300],
    )


def _tell_member(appeal: Appeal, *, undone: str | None = None) -> None:
    if appeal.status == Appeal.Status.OVERTURNED:
        text = "Your appeal was decided: the decision was overturned. " + (
            undone or undone_text(appeal.action)
        )
    else:
        text = "Your appeal was decided: the decision stands. Open it to read why."
    notify(
        account=appeal.account,
        kind=notification_kinds.APPEAL_OUTCOME,
        text=text[:300],
        url=reverse("moderation:notice", kwargs={"action_public_id": appeal.action.public_id}),
    )
