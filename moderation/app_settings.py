"""The moderation app's settings (environment variables and settings named MODERATION_<name>)."""

from community.conf import AppSettings, Setting

app_settings = AppSettings(
    "MODERATION_",
    # Flags per account ("<count>/<period>", period s, m, h or d with an optional number).
    FLAG_RATE=Setting("20/h"),
    # A flag's note is a TextField, so no column bounds it.
    FLAG_NOTE_MAX_CHARS=Setting(1000),
)
