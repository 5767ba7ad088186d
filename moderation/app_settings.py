"""The moderation app's settings (environment variables and settings named MODERATION_<name>)."""

from community.conf import AppSettings, Setting

app_settings = AppSettings(
    "MODERATION_",
    # Flags per account ("<count>/<period>", period s, m, h or d with an optional number).
    FLAG_RATE=Setting("20/h"),
    # A flag's note is a TextField, so no column bounds it.
    FLAG_NOTE_MAX_CHARS=Setting(1000),
    # The message a moderator adds to an action, read by the member it hits.
    ACTION_MESSAGE_MAX_CHARS=Setting(1000),
    # Longest mute and suspension a moderator may give, in days (a ban has no end).
    MAX_MUTE_DAYS=Setting(30),
    MAX_SUSPENSION_DAYS=Setting(365),
    # Review items per page of the queue, audit entries per page of the log.
    QUEUE_PAGE_SIZE=Setting(50),
    AUDIT_PAGE_SIZE=Setting(100),
    # Audit rows in one CSV export (newest first).
    AUDIT_EXPORT_MAX_ROWS=Setting(50000),
    # The key of the HMAC that keeps banned addresses (never stored in clear). Empty: derived
    # from SECRET_KEY, so rotating SECRET_KEY forgets every ban's address; set it to keep them.
    BANNED_EMAIL_KEY=Setting(""),
    # Break glass (moderation.reveals): the reason's length, how long a request waits for a
    # second staff member's approval, and how long the requester may then see the email.
    REVEAL_REASON_MIN_CHARS=Setting(20),
    REVEAL_REASON_MAX_CHARS=Setting(1000),
    REVEAL_APPROVAL_HOURS=Setting(48),
    REVEAL_VIEW_HOURS=Setting(24),
    # Reveal requests per page of the staff list of reveals.
    REVEAL_PAGE_SIZE=Setting(50),
)
