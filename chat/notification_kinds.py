"""The notifications chat sends, registered with community.notification_kinds from
ChatConfig.ready(). Code names a kind by its constant, never by a string literal."""

from community.notification_kinds import register_kind

QUIET_ROOM_REQUESTED = "quiet_room_requested"
QUIET_ROOM_DECIDED = "quiet_room_decided"

LABELS = {
    QUIET_ROOM_REQUESTED: "Request for a quiet room in a session you host",
    QUIET_ROOM_DECIDED: "Answer to your request for a quiet room",
}


def register() -> None:
    for value, label in LABELS.items():
        register_kind(value, label)
