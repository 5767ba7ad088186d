"""What moderation calls an action and the content it was about, per flag target kind.

The general words (Action.Kind's labels, decisions.NOTICE_TEXT, appeals.UNDONE) unless the
kind registered its own (community.flagging.TargetKind.noun, action_labels, notices, undone):
for a name, "hide" is "Reset the name". Registry lookups only, no query.
"""

from community.flagging import kind_named
from moderation.models import Action

KIND_LABELS = dict(Action.Kind.choices)


def _override(target_kind_name: str, words: str, action_kind: str) -> str | None:
    kind = kind_named(target_kind_name) if target_kind_name else None
    return getattr(kind, words).get(action_kind) if kind is not None else None


def action_label(target_kind_name: str, action_kind: str) -> str:
    """ "Hide the content", or the kind's own words for it ("Reset the name")."""
    return _override(target_kind_name, "action_labels", action_kind) or KIND_LABELS.get(
        action_kind, action_kind
    )


def label_of(action: Action) -> str:
    """`action_label` for a saved action (its item loaded with it, or one query)."""
    return action_label(action.item.kind if action.item_id else "", action.kind)


def noun(target_kind_name: str) -> str:
    """What the member's notice calls the content: "post", "chat message", "name"."""
    kind = kind_named(target_kind_name) if target_kind_name else None
    return (kind.noun if kind is not None else "") or target_kind_name or "content"


def notice_opening(target_kind_name: str, action_kind: str, general: str) -> str:
    """The first words of the member's notice, with "{what}" (and "{space}", "{until}")."""
    return _override(target_kind_name, "notices", action_kind) or general


def undone(target_kind_name: str, action_kind: str, general: str) -> str:
    """What an overturn tells the member it undid."""
    return _override(target_kind_name, "undone", action_kind) or general
