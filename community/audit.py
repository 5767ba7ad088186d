"""The audit log as a seam: content apps record what staff or hosts did (a role change, a new
invite link) without importing moderation, which keeps the log (DESIGN.md §4).

    from community import audit

    audit.record(event="role.host_removed", actor=staff, actor_role="staff", space=space,
                 persona=persona, detail="...")

Moderation sets the writer from its `AppConfig.ready()` (`set_writer`), as it sets the flag
recorder. The writer runs inside the caller's transaction, so a rolled-back change leaves no
entry, and an entry that cannot be written rolls the change back. `persona` is a persona of
`space` (name and public id are logged), never an account.
"""

from collections.abc import Callable

_writer: Callable | None = None


def set_writer(writer: Callable) -> None:
    global _writer
    _writer = writer


def record(*, event: str, actor, actor_role: str, space=None, persona=None, detail: str = ""):
    if _writer is None:
        raise RuntimeError("No audit log writer: is the moderation app installed?")
    return _writer(
        event=event,
        actor=actor,
        actor_role=actor_role,
        space=space,
        persona=persona,
        detail=detail,
    )
