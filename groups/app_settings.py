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
    # "@Name" mentions one post may make; more is refused with the text kept (each notifies).
    MAX_MENTIONS_PER_POST=Setting(10),
    # Names the mention autocomplete answers with at most.
    MENTION_SUGGESTIONS=Setting(8),
    # The member home lists at most this many threads with new posts, newest first.
    HOME_THREADS=Setting(10),
    # Search (groups/search.py): the longest query taken, the shortest (in letters and digits,
    # after the punctuation is dropped), results per page, the snippet's length, and how often
    # one account may search (each search reads the full-text index of all its groups).
    SEARCH_MAX_QUERY_CHARS=Setting(200),
    SEARCH_MIN_QUERY_CHARS=Setting(2),
    SEARCH_RESULTS_PER_PAGE=Setting(20),
    # Matches counted and paged through at most: a word in most posts costs no more than this.
    SEARCH_MAX_RESULTS=Setting(500),
    SEARCH_SNIPPET_CHARS=Setting(180),
    SEARCH_RATE=Setting("60/m"),
    # Previews of a post being written, per account: looser than POST_RATE, which a preview
    # never counts against; this only stops the endpoint being used as a Markdown renderer.
    PREVIEW_RATE=Setting("60/m"),
)
