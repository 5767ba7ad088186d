"""What can be flagged: a registry that each content app fills from its own `flagging` module.

`groups/flagging.py` registers posts, threads and the names of group members (personas),
`chat/flagging.py` chat messages; `moderation`
reads the registry and imports none of them (imports run community <- groups <- chat, with
moderation above). The modules are found by `autodiscover_modules("flagging")` from
`CommunityConfig.ready()`, the way the admin finds `admin.py`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TargetKind:
    name: str  # in URLs: /moderation/flag/<name>/<public_id>/
    model: type
    # (account, public_id) -> target; raises Http404 when the account may not see it (the
    # kind's access function, so flags follow the same rule as every page).
    find: Callable
    can_flag: Callable  # (account, target) -> bool
    space_of: Callable  # (target) -> community.models.Space
    snapshot: Callable  # (target) -> dict, JSON-ready, with a "url" back to the target
    describe: Callable  # (target) -> str, for the flag page: "a post in Founders" (names isolated)
    # What moderation does to it, each the content app's own rule (None: not offered):
    # hide(target): invisible to members on every page and in chat, kept for an appeal;
    # delete(target): its words are gone for good (the flag's snapshot keeps the evidence).
    hide: Callable | None = None
    delete: Callable | None = None
    # lock(target, reason) / unlock(target): closed to new replies and edits, with the rule's
    # title as the reason its authors read in place (threads); None where it means nothing.
    lock: Callable | None = None
    unlock: Callable | None = None
    # unhide(target): shown again, when a hide is overturned on appeal (a delete cannot be).
    # It may return a sentence telling the member what was undone, when that depends on what
    # it found (a name given back, or not); None for the kind's usual words.
    unhide: Callable | None = None
    # (target) -> dict like `snapshot`, or None when nothing is left to show.
    live: Callable | None = None
    # (target) -> list of {"name", "body_html", "is_target"}: the thread or the chat messages
    # around it, for the review page; author names of this space only.
    context: Callable | None = None
    # Moderation's words for this kind, where its general ones do not fit. `noun`: what the
    # member's notice calls it ("your <noun> in Founders"; the kind's name if empty). By
    # action kind ("hide"): `action_labels` name the action in forms, notices and the audit
    # log ("Reset the name"); `notices` open the member's notice, with "{what}" ("A moderator
    # reset {what}"); `undone` is what an overturn tells the member it undid.
    noun: str = ""
    action_labels: dict[str, str] = field(default_factory=dict, hash=False)
    notices: dict[str, str] = field(default_factory=dict, hash=False)
    undone: dict[str, str] = field(default_factory=dict, hash=False)


_KINDS: dict[str, TargetKind] = {}
# moderation's `flag_content(reporter=, target=, reason=, note=)`, set from its ready(): chat's
# consumer records flags through here, since content apps cannot import moderation.
_recorder: Callable | None = None


def register(kind: TargetKind) -> None:
    """Add `kind`; a second kind under the same name or model is a programming error."""
    for known in _KINDS.values():
        if known.name == kind.name or known.model is kind.model:
            if known == kind:
                return  # the same module imported twice
            raise ValueError(f"A flag target named {kind.name!r} or for that model exists.")
    _KINDS[kind.name] = kind


def kind_named(name: str) -> TargetKind | None:
    return _KINDS.get(name)


def registered_kinds() -> list[TargetKind]:
    return list(_KINDS.values())


def kind_of(target) -> TargetKind:
    for kind in _KINDS.values():
        if isinstance(target, kind.model):
            return kind
    raise ValueError(f"{type(target).__name__} cannot be flagged.")


def set_recorder(recorder: Callable) -> None:
    global _recorder
    _recorder = recorder


def record(*, reporter, target, reason: str, note: str = ""):
    """Record a flag the way the flag page does (moderation's service, its rules and limits)."""
    if _recorder is None:
        raise RuntimeError("No flag recorder: is the moderation app installed?")
    return _recorder(reporter=reporter, target=target, reason=reason, note=note)
