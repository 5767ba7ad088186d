"""The moderation app's settings (environment variables and settings named MODERATION_<name>)."""

from community.conf import AppSettings, Setting

app_settings = AppSettings(
    "MODERATION_",
    # Flags per account ("<count>/<period>", period s, m, h or d with an optional number).
    FLAG_RATE=Setting("20/h"),
    # A flag's note is a TextField, so no column bounds it.
    FLAG_NOTE_MAX_CHARS=Setting(1000),
    # Automatic filters (moderation.filters). Identity exposure: hold posts, threads and chat
    # messages with email addresses, phone numbers, profile links or handles for review.
    HOLD_IDENTITY_EXPOSURE=Setting(True),
    # Regions whose national phone formats ("020 7946 0958" in GB) are recognized; numbers
    # written with "+" and a country code are recognized whatever the region.
    PHONE_REGIONS=Setting(["US", "CA", "GB", "IE", "DE", "FR", "NL", "ES", "IN", "AU", "BR"]),
    # Held content shown at once on /moderation/held/ (oldest first).
    HELD_PAGE_SIZE=Setting(50),
    # Word lists: entries per scope (the site, or one group), and a pattern's length.
    WORD_LIST_MAX_ENTRIES=Setting(500),
    WORD_PATTERN_MAX_CHARS=Setting(100, columns=["moderation.WordListEntry.pattern"]),
    WORD_MESSAGE_MAX_CHARS=Setting(300, columns=["moderation.WordListEntry.message"]),
    # New accounts: younger than this many days, an account gets the stricter rates below
    # (the stricter of these and the app's usual rate for the same action).
    NEW_ACCOUNT_DAYS=Setting(7),
    NEW_ACCOUNT_POST_RATE=Setting("3/10m"),
    NEW_ACCOUNT_MESSAGE_RATE=Setting("10/m"),
    NEW_ACCOUNT_FLAG_RATE=Setting("5/h"),
    NEW_ACCOUNT_JOIN_RATE=Setting("3/h"),
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
    # The longest appeal a member may write, and the reviewer's reason for the decision.
    APPEAL_MAX_CHARS=Setting(2000),
    APPEAL_REASON_MAX_CHARS=Setting(1000),
    # How long the appeal link on a suspended or banned account's login refusal works.
    APPEAL_LINK_MAX_AGE_MINUTES=Setting(60),
    # Appeals per page of the reviewers' list.
    APPEALS_PAGE_SIZE=Setting(50),
    # Completed months shown on the public transparency page, and the smallest figure shown
    # exactly there (anything below is "fewer than N", so small groups cannot be identified).
    TRANSPARENCY_MONTHS=Setting(12),
    TRANSPARENCY_MIN_COUNT=Setting(5),
    # Break glass (moderation.reveals): the reason's length, how long a request waits for a
    # second staff member's approval, and how long the requester may then see the email.
    REVEAL_REASON_MIN_CHARS=Setting(20),
    REVEAL_REASON_MAX_CHARS=Setting(1000),
    REVEAL_APPROVAL_HOURS=Setting(48),
    REVEAL_VIEW_HOURS=Setting(24),
    # Reveal requests per page of the staff list of reveals.
    REVEAL_PAGE_SIZE=Setting(50),
)
