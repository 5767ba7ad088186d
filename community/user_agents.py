"""A browser's User-Agent reduced to what its owner needs to recognise a session.

The full string is a fingerprint (versions, build numbers, device models); "Firefox on Windows"
is enough to tell "my laptop" from "not me". Only this coarse description is stored with a
session (community.sessions), never the string itself.
"""

# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSER_MARKERS = (
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
# iPhone and iPad before "Mac OS X", which iOS browsers also send; Android before Linux.
SYSTEM_MARKERS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)
UNKNOWN_BROWSER = "A browser"
UNKNOWN_SYSTEM = "an unknown device"


def describe_user_agent(user_agent: str) -> str:
    """'Firefox on Windows', 'Safari on iPhone', 'A browser on an unknown device'."""
    browser = _first_marker(user_agent, BROWSER_MARKERS, UNKNOWN_BROWSER)
    system = _first_marker(user_agent, SYSTEM_MARKERS, UNKNOWN_SYSTEM)
    return f"{browser} on {system}"


def _first_marker(user_agent: str, markers: tuple[tuple[str, str], ...], default: str) -> str:
    return next((name for marker, name in markers if marker in user_agent), default)


def is_description(text: str) -> bool:
    """Whether `text` is already what `describe_user_agent` returns (a row saved again)."""
    browser, _on, system = text.partition(" on ")
    browsers = {name for _marker, name in BROWSER_MARKERS} | {UNKNOWN_BROWSER}
    systems = {name for _marker, name in SYSTEM_MARKERS} | {UNKNOWN_SYSTEM}
    return browser in browsers and system in systems
