"""The notifications groups sends, registered with community.notification_kinds from
GroupsConfig.ready(). Code names a kind by its constant, never by a string literal."""

from community.notification_kinds import register_kind

REPLY = "reply"
REACTION = "reaction"
JOIN_REQUEST = "join_request"
JOIN_DECISION = "join_decision"
MENTION = "mention"

LABELS = {
    REPLY: "Reply in a thread you posted in",
    REACTION: "Reaction to your post",
    JOIN_REQUEST: "Request to join a group you host",
    JOIN_DECISION: "Decision on your request to join",
    MENTION: "Mention of you in a post",
}


def register() -> None:
    for value, label in LABELS.items():
        register_kind(value, label)
