"""Screening what a member is about to publish: the seam between content apps and moderation.

Content apps (groups' threads and posts, chat's messages) call `screen()` on the text before
they store it, and act on the verdict:

- PUBLISH: store and show it as usual.
- FLAG: store and show it, then `record_flag(verdict, target)` puts it before moderators.
- HOLD: keep it from everyone but its author until a moderator releases it. Posts and threads
  are stored in a held state (shown to their author with the reason and an Edit link); a chat
  message is not stored at all until it is released, so nothing of it reaches a socket
  (`record_hold` keeps its text for the moderators). The author is told `verdict.message`.
- BLOCK: store nothing; `Blocked(verdict.message)` is raised, so the form keeps the text.

The moderation app fills this registry from its `ready()` (the screener, and the services that
record holds and flags), since content apps cannot import it (DESIGN.md §4). Content apps
register how a held thing of theirs is released (`register_release`) from their own
`screening` module. With no screener registered, everything is published.
"""

from collections.abc import Callable
from dataclasses import dataclass

from community.errors import NotAllowed

PUBLISH = "publish"
FLAG = "flag"
HOLD = "hold"
BLOCK = "block"
# The stricter verdict wins when several screeners answer.
SEVERITY = {PUBLISH: 0, FLAG: 1, HOLD: 2, BLOCK: 3}


@dataclass(frozen=True)
class Verdict:
    action: str = PUBLISH
    # A machine code for moderators ("personal_info", "word_list"); empty when published.
    reason: str = ""
    # What the author is told, in words; never shown to anyone else.
    message: str = ""
    # For moderators: what matched ("an email address", "site word list: …").
    detail: str = ""

    @property
    def holds(self) -> bool:
        return self.action == HOLD

    @property
    def flags(self) -> bool:
        return self.action == FLAG


PUBLISHED = Verdict()


class Blocked(NotAllowed):
    """A filter refused the text outright: nothing was stored; the message says why."""


class Held(NotAllowed):
    """The text waits for a moderator (chat: it was not sent); the message says why."""


Screener = Callable[..., Verdict]  # (text, *, space, account) -> Verdict

_screeners: dict[str, Screener] = {}
_recorders: dict[str, Callable] = {}
_releases: dict[str, Callable] = {}


def register_screener(screener: Screener) -> None:
    """Add a screener; keyed by dotted name, so a ready() run twice adds it once."""
    _screeners[f"{screener.__module__}.{screener.__qualname__}"] = screener


def set_recorders(*, hold: Callable, flag: Callable, clear: Callable) -> None:
    """The moderation app's services: `hold(verdict=, kind=, space=, author=, target=, content=)`,
    `flag(verdict=, target=)` and `clear(target=, withdrawn=False)` (the author edited a held
    thing and it passed: it is published and its hold closed; or deleted it: withdrawn)."""
    _recorders.update(hold=hold, flag=flag, clear=clear)


def screen(text: str, *, space, account) -> Verdict:
    """The strictest verdict of every registered screener on `text`, written by `account` in
    `space` (a community.models.Space)."""
    verdict = PUBLISHED
    for screener in _screeners.values():
        answer = screener(text, space=space, account=account)
        if SEVERITY[answer.action] > SEVERITY[verdict.action]:
            verdict = answer
    return verdict


def refuse_blocked(verdict: Verdict) -> None:
    if verdict.action == BLOCK:
        raise Blocked(verdict.message)


def record_hold(*, verdict: Verdict, kind: str, space, author, target=None, content: dict):
    """Put a held thing before moderators. `target` is the stored object (a held post or
    thread) or None (a chat message, stored only when released); `content` is what the author
    wrote, JSON-ready, kept for the moderators and for the release."""
    recorder = _recorders.get("hold")
    if recorder is None:
        raise RuntimeError("No hold recorder: is the moderation app installed?")
    return recorder(
        verdict=verdict, kind=kind, space=space, author=author, target=target, content=content
    )


def record_flag(*, verdict: Verdict, target) -> None:
    recorder = _recorders.get("flag")
    if recorder is not None:
        recorder(verdict=verdict, target=target)


def record_cleared(*, target, withdrawn: bool = False) -> None:
    recorder = _recorders.get("clear")
    if recorder is not None:
        recorder(target=target, withdrawn=withdrawn)


def register_release(kind: str, release: Callable) -> None:
    """How a held thing of `kind` is published when a moderator releases it:
    `release(target, content, author)`, where `target` is the held object or None, `content`
    what `record_hold` kept and `author` the persona who wrote it; it returns what was
    published (or None when there is nothing left to publish)."""
    _releases[kind] = release


def release(kind: str, target, content: dict, author):
    if kind not in _releases:
        raise ValueError(f"Nothing releases held {kind!r} content.")
    return _releases[kind](target, content, author)
