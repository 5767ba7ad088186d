"""The groups app's settings (environment variables and settings named GROUPS_<name>).

Rates are "<count>/<period>", period one of s, m, h, d with an optional number ("5/10m");
they are counted per account in the shared cache, never per persona.
"""

from community.conf import AppSettings, Setting

app_settings = AppSettings(
    "GROUPS_",
    MAX_TITLE_CHARS=Setting(120, columns=["groups.Thread.title"]),
    MAX_POST_CHARS=Setting(10000),
    MAX_CONTENT_WARNING_CHARS=Setting(
        120, columns=["groups.Thread.content_warning", "groups.Post.content_warning"]
    ),
    MAX_JOIN_ANSWER_CHARS=Setting(1000),
    POSTS_PER_PAGE=Setting(20),
    THREADS_PER_PAGE=Setting(25),
    POST_RATE=Setting("10/m"),
    JOIN_RATE=Setting("10/h"),
    REACTION_RATE=Setting("60/m"),
    # The same text posted twice in a row by one member in one thread within this many
    # minutes is refused as a double send.
    DUPLICATE_WINDOW_MINUTES=Setting(10),
    # How long a declined applicant waits before asking again.
    REAPPLY_DAYS=Setting(30),
    # A group counts as "active this week" when something was posted within this many days.
    ACTIVE_DAYS=Setting(7),
    # Previews of a post being written, per account: looser than POST_RATE, which a preview
    # never counts against; this only stops the endpoint being used as a Markdown renderer.
    PREVIEW_RATE=Setting("60/m"),
)
