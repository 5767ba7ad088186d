"""The notifications the automatic filters send, registered with community.notification_kinds
from ModerationConfig.ready()."""

from community.notification_kinds import register_kind

HELD_DECISION = "held_decision"

LABELS = {HELD_DECISION: "A moderator's decision on something of yours held for review"}


def register() -> None:
    for value, label in LABELS.items():
        register_kind(value, label)
