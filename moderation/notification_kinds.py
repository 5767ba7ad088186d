"""The notifications moderation sends, registered with community.notification_kinds from
ModerationConfig.ready()."""

from community.notification_kinds import register_kind

# To the member an action hit: what, why, until when, how to appeal. Never who flagged.
ACTION_NOTICE = "moderation_notice"
# To each flagger once their flag is decided: "action was taken" / "no action", nothing more.
REPORT_OUTCOME = "report_outcome"

LABELS = {
    ACTION_NOTICE: "A moderation decision about you",
    REPORT_OUTCOME: "The outcome of a report you made",
}


def register() -> None:
    for value, label in LABELS.items():
        register_kind(value, label)
