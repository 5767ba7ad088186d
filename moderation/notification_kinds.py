"""The notifications moderation sends, registered with community.notification_kinds from
ModerationConfig.ready()."""

from community.notification_kinds import register_kind

# To the member an action hit: what, why, until when, how to appeal. Never who flagged.
ACTION_NOTICE = "moderation_notice"
# To each flagger once their flag is decided: "action was taken" / "no action", nothing more.
REPORT_OUTCOME = "report_outcome"
# To the reviewer an appeal went to; and to the member, the outcome and its reason.
APPEAL_TO_REVIEW = "appeal_to_review"
APPEAL_OUTCOME = "appeal_outcome"

# To the member whose account was revealed (break glass): that it was, and why.
REVEAL_NOTICE = "account_revealed"
# To the other reveal-permission holders: a request waits for a second staff member.
REVEAL_PENDING = "reveal_pending"

LABELS = {
    ACTION_NOTICE: "A moderation decision about you",
    REPORT_OUTCOME: "The outcome of a report you made",
    APPEAL_TO_REVIEW: "An appeal for you to review",
    APPEAL_OUTCOME: "The outcome of your appeal",
    REVEAL_NOTICE: "Staff looked up your account",
    REVEAL_PENDING: "A reveal request waits for your decision",
}


def register() -> None:
    for value, label in LABELS.items():
        register_kind(value, label)
