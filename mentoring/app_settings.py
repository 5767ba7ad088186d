"""The mentoring app's settings (environment variables and settings named MENTOR_<name>).

Rates are "<count>/<period>" as in groups ("5/d"), counted per account in the shared cache,
never per persona.
"""

from community.conf import AppSettings, Setting

app_settings = AppSettings(
    "MENTOR_",
    # A mentor asked to take on a mentee answers within this many days; after that the mentee
    # moves on to the next proposal (`manage.py expire_proposals`, and lazily on the way).
    RESPONSE_DAYS=Setting(7),
    # Proposals a mentee is shown at once to pick from.
    PROPOSALS=Setting(3),
    # The most mentees a mentor may take on at once.
    MAX_CAPACITY=Setting(5),
    # What a mentor writes about themselves, and when they are available, in words.
    MAX_BIO_CHARS=Setting(1000),
    MAX_AVAILABILITY_CHARS=Setting(200, columns=["mentoring.MentorProfile.availability"]),
    # What a mentee hopes for (shown to a mentor only once the mentee chose them).
    MAX_HOPES_CHARS=Setting(2000),
    # Private feedback for the coordinators, left when a mentorship ends.
    MAX_FEEDBACK_CHARS=Setting(2000),
    # Languages one profile or request may name.
    MAX_LANGUAGES=Setting(8),
    # Employers one member may name (each kept only as a keyed HMAC), and one name's length.
    MAX_EMPLOYERS=Setting(20),
    MAX_EMPLOYER_CHARS=Setting(200),
    # The key of that HMAC. Empty: derived from SECRET_KEY, so rotating SECRET_KEY forgets
    # every employer entry's match; set it to keep them.
    EMPLOYER_KEY=Setting(""),
    # Requests for a mentor per account (a new one after an ended mentorship counts too).
    REQUEST_RATE=Setting("5/d"),
    # How many rows a coordinators' list (mentors, waiting requests, feedback) shows at once.
    COORDINATOR_PAGE_SIZE=Setting(50),
)
