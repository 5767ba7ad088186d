"""The notifications mentoring sends, registered with community.notification_kinds from
MentoringConfig.ready(). Code names a kind by its constant, never by a string literal.

Their texts name nobody: a mentee has no persona before the mentorship opens, and a
mentorship's personas are for its page, not for a list that mixes spaces (DESIGN.md §1).
"""

from community.notification_kinds import register_kind

MENTOR_ASKED = "mentor_asked"
MENTORS_PROPOSED = "mentors_proposed"
MENTOR_ACCEPTED = "mentor_accepted"
MENTORSHIP_ENDED = "mentorship_ended"

LABELS = {
    MENTOR_ASKED: "A mentee chose you as their mentor",
    MENTORS_PROPOSED: "Mentors for you to choose from",
    MENTOR_ACCEPTED: "Your mentor accepted",
    MENTORSHIP_ENDED: "A mentorship of yours ended",
}


def register() -> None:
    for value, label in LABELS.items():
        register_kind(value, label)
