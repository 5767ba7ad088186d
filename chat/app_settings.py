"""The chat app's settings (environment variables and settings named CHAT_<name>).

Declared ahead of the chat itself so its limits have one home from the start.
"""

from community.conf import AppSettings, Setting

app_settings = AppSettings(
    "CHAT_",
    MAX_MESSAGE_CHARS=Setting(4000),
    MAX_FRAME_BYTES=Setting(16384),
    # Chat history is deleted after this many days (DESIGN.md §3).
    RETENTION_DAYS=Setting(30),
)
