"""Moderation actions: dismiss, hide, delete, warn, mute, remove from group, suspend, ban.

Every action is taken on a review item, through the persona that wrote the content (of the
item's space): the server reaches its account for account-wide sanctions, and nothing shown to
the moderator, the member or the flaggers names the account's other personas (DESIGN.md §1).
What an action does to content or in a space is the content app's own rule, reached through
registries (community.flagging.TargetKind.hide/delete, community.sanctions), never a list here.

Each action writes one AuditEntry. The member hit is told in Lantern what, why (the rule),
until when and how to appeal, never who flagged; each flagger is told "action was taken" or
"no action", nothing more. Notices carry no actor persona, so no block ever stops one.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from community import sanctions
from community.errors import NotAllowed
from community.flagging import kind_named, kind_of
from community.models import Account, Persona
from community.services.notifications import notify
from community.services.sessions import end_all_sessions
from community.signals import account_suspended
from community.spaces import names_of_spaces
from community.text import check_length, isolate
from moderation import guard, notification_kinds, policies, restrictions, selectors, wording
from moderation.app_settings import app_settings
from moderation.models import AccountRestriction, Action, AuditEntry, Flag, ReviewItem
from moderation.rules import rule_named

Kind = Action.Kind

# What the member hit reads, by action ("{what}" is "your post in Founders").
NOTICE_TEXT = {
    Kind.HIDE: "A moderator hid {what}",
    Kind.DELETE: "A moderator deleted {what}",
    Kind.WARN: "A moderator warned you about {what}",
    Kind.MUTE: "A moderator muted you in {space} until {until}, because of {what}",
    Kind.REMOVE_FROM_GROUP: "A moderator removed you from {space}, because of {what}",
    Kind.SUSPEND: "Your account is suspended until {until}, because of {what}",
    Kind.BAN: "Your account is banned, because of {what}",
    Kind.LOCK: "A moderator locked {what} to new replies and edits",
}
TIMED = {Kind.MUTE: "MAX_MUTE_DAYS", Kind.SUSPEND: "MAX_SUSPENSION_DAYS"}


def _check(*, kind: str, rule: str, message: str, days: int | None) -> None:
    if kind not in Kind.values:
        raise ValidationError({"kind": "Please choose an action."})
    if rule_named(rule) is None:
        raise ValidationError({"rule": "Please choose the rule this is about."})
    check_length(
        field="message",
        value=message,
        limit=app_settings.ACTION_MESSAGE_MAX_CHARS,
        label="message",
    )
    if kind in TIMED:
        longest = getattr(app_settings, TIMED[kind])
        if days is None or not 1 <= days <= longest:
            raise ValidationError({"days": f"Please give a number of days from 1 to {longest}."})


def _what(item: ReviewItem) -> str:
    return f"your {wording.noun(item.kind)} in {_space_name(item)}"


def _space_name(item: ReviewItem) -> str:
    name = names_of_spaces([item.space]).get(item.space_id) if item.space_id else None
    return isolate(name) if name else "a space"


def _role_of(moderator: Account) -> str:
    return "site moderator" if policies.is_site_moderator(moderator) else "host"


@transaction.atomic
def take_action(
    *,
    moderator: Account,
    item: ReviewItem,
    kind: str,
    rule: str,
    message: str = "",
    days: int | None = None,
    hosted: frozenset[int] = frozenset(),
) -> Action:
    """Apply `kind` to `item` as `moderator` (a site moderator, or a host of its group).

    Raises NotAllowed outside the moderator's scope (a host outside their group, a host
    suspending or banning, anyone on their own content) and when there is nothing left to act
    on; ValidationError for a bad rule, message or duration.
    """
    message = message.strip()
    _check(kind=kind, rule=rule, message=message, days=days)
    author_hosts = selectors.author_hosts(moderator, item)
    if not policies.can_act(moderator, item, kind, hosted, author_hosts=author_hosts):
        raise NotAllowed("You can't take this action on this item.")
    # Lock the item row only: its space and author are nullable joins, which PostgreSQL will
    # not lock.
    item = (
        ReviewItem.objects.select_for_update(of=("self",))
        .select_related("space", "author")
        .get(pk=item.pk)
    )
    if kind == Kind.DISMISS and item.status == ReviewItem.Status.DECIDED:
        raise NotAllowed("This item is already decided.")
    persona = item.author
    account = persona.account if persona is not None else None
    if kind in policies.ON_THE_AUTHOR and account is None:
        raise NotAllowed("Its author has left Lantern; there is nobody to act on.")
    until = timezone.now() + timedelta(days=days) if kind in TIMED else None
    _apply(kind=kind, item=item, persona=persona, account=account, until=until, rule=rule)
    action = Action.objects.create(
        item=item,
        kind=kind,
        rule=rule,
        message=message,
        until=until,
        moderator=moderator,
        persona=persona,
        account=account,
        space=item.space,
    )
    if kind == Kind.BAN or kind == Kind.SUSPEND:
        AccountRestriction.objects.filter(account=account, action__isnull=True).update(
            action=action
        )
    _audit(action, moderator=moderator, item=item)
    if kind not in policies.NOT_SANCTIONS and account is not None:
        _tell_member(action, item=item, account=account)
    _decide(item, action=action)
    return action


def _apply(*, kind, item: ReviewItem, persona, account, until, rule: str) -> None:
    if kind in policies.ON_THE_CONTENT:
        target_kind = kind_named(item.kind)
        target = item.target
        effect = getattr(target_kind, kind, None) if target_kind else None
        if target is None or effect is None:
            raise NotAllowed("There is nothing left to hide or delete.")
        effect(target)
    elif kind in policies.IN_PLACE:
        target_kind = kind_named(item.kind)
        target = item.target
        effect = getattr(target_kind, kind, None) if target_kind else None
        if target is None or effect is None:
            raise NotAllowed("This can't be locked or unlocked.")
        if kind == Kind.LOCK:
            effect(target, reason=rule_named(rule).title)
        else:
            effect(target)
    elif kind == Kind.MUTE:
        sanctions.apply(sanctions.MUTE, persona=persona, until=until)
    elif kind == Kind.REMOVE_FROM_GROUP:
        sanctions.apply(sanctions.REMOVE, persona=persona)
    elif kind in policies.ON_THE_ACCOUNT:
        _restrict(account=account, kind=kind, until=until, rule=rule)


def _restrict(*, account: Account, kind: str, until, rule: str) -> None:
    """The account cannot sign in, its sessions end and its open sockets close (4007)."""
    is_ban = kind == Kind.BAN
    restriction = AccountRestriction.objects.create(
        account=account,
        kind=AccountRestriction.Kind.BAN if is_ban else AccountRestriction.Kind.SUSPENSION,
        until=None if is_ban else until,
        rule=rule,
        deactivated=account.is_active,
    )
    if is_ban:
        restrictions.remember_banned_email(account.email)
    detail = restrictions.refusal_sentence(restriction)
    account_id = account.pk
    # The sockets hear the reason first; the ended sessions then close whatever is left.
    transaction.on_commit(
        lambda: account_suspended.send(sender=Account, account_id=account_id, detail=detail)
    )
    end_all_sessions(account=account)
    if account.is_active:
        # Sessions without a usersessions row (made before it, or by the admin) stop
        # authenticating too: Django's backends refuse inactive accounts on every request.
        account.is_active = False
        account.save(update_fields=["is_active"])


def _audit(action: Action, *, moderator: Account, item: ReviewItem) -> None:
    persona = action.persona
    detail = wording.action_label(item.kind, action.kind)
    if action.until is not None:
        detail += f" until {action.until:%Y-%m-%d %H:%M} UTC"
    AuditEntry.objects.create(
        event=f"action.{action.kind}",
        actor=moderator,
        actor_role=_role_of(moderator),
        space=item.space,
        persona_name=persona.display_name if persona else "",
        persona_public_id=persona.public_id if persona else "",
        item_public_id=item.public_id,
        rule=action.rule,
        detail=detail,
    )


def _tell_member(action: Action, *, item: ReviewItem, account: Account) -> None:
    rule = rule_named(action.rule)
    until = f"{action.until:%d %B %Y, %H:%M} UTC" if action.until else ""
    opening = wording.notice_opening(item.kind, action.kind, NOTICE_TEXT[action.kind])
    text = opening.format(what=_what(item), space=_space_name(item), until=until)
    text = (
        f"{text}, under the rule \u201c{rule.title}\u201d. Open it to read why and how to appeal."
    )
    notify(
        account=account,
        kind=notification_kinds.ACTION_NOTICE,
        text=text[:300],
        url=reverse("moderation:notice", kwargs={"action_public_id": action.public_id}),
    )


def _decide(item: ReviewItem, *, action: Action) -> None:
    """The first decision closes the item: flags take its outcome, flaggers hear it (once).
    Every sanction records the retaliation guard for each flagger."""
    flagger_ids = set(
        Flag.objects.filter(item=item, reporter__isnull=False).values_list("reporter", flat=True)
    )
    if action.kind not in policies.NOT_SANCTIONS and action.account is not None:
        guard.record(flagger_ids=flagger_ids, sanctioned=action.account)
    if item.status == ReviewItem.Status.DECIDED:
        if action.kind != Kind.DISMISS:
            Flag.objects.filter(item=item).update(status=Flag.Status.ACTIONED)
        return
    item.status = ReviewItem.Status.DECIDED
    item.decided_at = timezone.now()
    item.save(update_fields=["status", "decided_at"])
    taken = action.kind != Kind.DISMISS
    Flag.objects.filter(item=item).update(
        status=Flag.Status.ACTIONED if taken else Flag.Status.DISMISSED
    )
    outcome = (
        "Moderators reviewed something you reported: action was taken. Thank you."
        if taken
        else "Moderators reviewed something you reported: no action was taken this time."
    )
    for flagger_id in sorted(flagger_ids):
        if action.account is not None and flagger_id == action.account.pk:
            continue
        notify(
            account=Account.objects.get(pk=flagger_id),
            kind=notification_kinds.REPORT_OUTCOME,
            text=outcome,
            url=reverse("moderation:my_reports"),
        )


def provisional_item(target) -> ReviewItem:
    """The review item an action in place on `target` would be taken on: its open item (flags
    on it are then decided by the action), or a new one not yet saved. Two queries."""
    target_kind = kind_of(target)
    content_type = ContentType.objects.get_for_model(target)
    item = (
        ReviewItem.objects.select_related("space", "author")
        .filter(content_type=content_type, object_id=target.pk, status=ReviewItem.Status.OPEN)
        .first()
    )
    if item is not None:
        return item
    author_public_id = (target_kind.snapshot(target).get("author") or {}).get("persona")
    author = (
        Persona.objects.filter(public_id=author_public_id).first() if author_public_id else None
    )
    return ReviewItem(
        space=target_kind.space_of(target),
        content_type=content_type,
        object_id=target.pk,
        kind=target_kind.name,
        author=author,
    )


@transaction.atomic
def act_in_place(
    *,
    moderator: Account,
    target,
    kind: str,
    rule: str,
    message: str = "",
    hosted: frozenset[int] = frozenset(),
) -> Action:
    """A host or site moderator acts on content where they see it (the thread page), with
    no flag needed: hide or delete a post, lock or unlock a thread.

    Taken on the target's open review item if it has one (its flaggers then hear the
    outcome), else on a new item with no flags, through `take_action`: the same rules, the
    same audit entry, the same notice to the author. An unlock never decides flags on the
    thread (it is no answer to them): it goes on an item of its own, decided at once.
    Raises NotAllowed for an action not offered in place on this content, or out of scope.
    """
    item = provisional_item(target)
    is_locked = bool(getattr(target, "is_locked", False))
    if kind not in policies.in_place_actions_for(moderator, item, hosted, is_locked=is_locked):
        raise NotAllowed("You can't take this action here.")
    if kind == Kind.UNLOCK and item.pk is not None:
        item = ReviewItem(
            space=item.space,
            content_type=item.content_type,
            object_id=item.object_id,
            kind=item.kind,
            author=item.author,
        )
    if item.pk is None:
        if kind == Kind.UNLOCK:
            item.status = ReviewItem.Status.DECIDED
            item.decided_at = timezone.now()
        try:
            # A flag made the target's open item meanwhile: act on that one instead.
            with transaction.atomic():
                item.save()
        except IntegrityError:
            item = ReviewItem.objects.get(
                content_type=item.content_type,
                object_id=item.object_id,
                status=ReviewItem.Status.OPEN,
            )
    return take_action(
        moderator=moderator,
        item=item,
        kind=kind,
        rule=rule,
        message=message,
        hosted=hosted,
    )
