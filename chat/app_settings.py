"""The chat app's settings (environment variables and settings named CHAT_<name>).

Rates are "<count>/<period>" as in groups ("30/m", "5/10m"), counted per account in the shared
cache, never per persona.
"""

from community.conf import AppSettings, Setting

app_settings = AppSettings(
    "CHAT_",
    MAX_MESSAGE_CHARS=Setting(4000),
    MAX_FRAME_BYTES=Setting(16384),
    # Chat history is deleted this many days after its session ended (DESIGN.md §3).
    RETENTION_DAYS=Setting(30),
    MAX_TITLE_CHARS=Setting(120, columns=["chat.ChatSession.title"]),
    MAX_DESCRIPTION_CHARS=Setting(2000),
    MAX_CONTENT_WARNING_CHARS=Setting(
        120, columns=["chat.ChatSession.content_warning", "chat.Message.content_warning"]
    ),
    # A session longer than this is almost certainly a typo in the end time.
    MAX_SESSION_HOURS=Setting(8),
    MAX_CAPACITY=Setting(500),
    DEFAULT_CAPACITY=Setting(50),
    # Messages sent per account, whichever room and persona they come from.
    MESSAGE_RATE=Setting("30/m"),
    # Quiet-room requests per account: each one notifies a host.
    QUIET_ROOM_RATE=Setting("5/h"),
    # The most a host can mute someone for at once.
    MAX_MUTE_MINUTES=Setting(1440),
    # Messages shown when a room opens (page transcript, the consumer's hello) and per
    # history page.
    HISTORY_PAGE_SIZE=Setting(50),
    # The session page's read-only transcript shows at most this many of the newest messages.
    TRANSCRIPT_MAX_MESSAGES=Setting(500),
    # purge_expired deletes this many messages per statement, so cron never holds long locks.
    PURGE_BATCH_SIZE=Setting(1000),
    # How many upcoming sessions the group page lists.
    UPCOMING_SESSIONS_SHOWN=Setting(5),
)
