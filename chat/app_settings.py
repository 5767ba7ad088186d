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
    # Frames one socket may send, whatever their type; past it each gets `rate_limited`, so a
    # flood costs the server a counter, not database work. Messages are also limited per
    # account (MESSAGE_RATE), across all of the account's sockets and workers.
    CONNECTION_FRAME_RATE=Setting("30/10s"),
    # A socket that keeps sending past its limit this many times in one window is closed (4009).
    MAX_REFUSED_FRAMES=Setting(60),
    # "X is typing" goes out at most once per this many seconds per socket; extra ones are dropped.
    TYPING_INTERVAL_SECONDS=Setting(3.0),
    # The channel layer (Redis at scale) is given this long per call before live delivery is
    # counted as interrupted; messages are stored and acknowledged regardless.
    LAYER_TIMEOUT_SECONDS=Setting(2.0),
    # After a failed layer call, how long to wait before trying the layer again.
    LAYER_RETRY_SECONDS=Setting(3.0),
    # Broadcasts kept (per process) while the layer is down, to send once it answers again.
    MAX_UNDELIVERED_EVENTS=Setting(1000),
    # Each worker marks its open sockets as present this often; rows of a worker silent for
    # three heartbeats (it died) stop counting toward presence and capacity.
    PRESENCE_HEARTBEAT_SECONDS=Setting(20.0),
    # Joins and leaves within this many seconds become one presence frame per worker.
    PRESENCE_DEBOUNCE_SECONDS=Setting(1.0),
    # How many live and upcoming sessions, across the member's groups, their home lists.
    HOME_SESSIONS=Setting(5),
)
