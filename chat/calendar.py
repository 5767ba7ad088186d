"""A session as an iCalendar event (RFC 5545), for the member's own calendar.

It holds the session's title, its times and a link back, and nothing about any person: no
host name, no persona, no email (an ORGANIZER or ATTENDEE line would put one in a file that
leaves Lantern). The group's name is left out too, since a calendar is often shared or synced:
the title and a link are enough to find it again.
"""

from datetime import UTC, datetime

from django.utils import timezone

from chat.models import ChatSession


def _escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (§3.1)."""
    pieces, current = [], ""
    for character in line:
        if len((current + character).encode()) > 75:
            pieces.append(current)
            current = " "
        current += character
    return [*pieces, current]


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_for(session: ChatSession, *, link: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Lantern//Live chat//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{session.room.public_id}@lantern",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{_escape(session.title)}",
        f"DESCRIPTION:{_escape('Live chat session on Lantern: ' + link)}",
        f"URL:{link}",
    ]
    if session.cancelled_at is not None:
        lines.append("STATUS:CANCELLED")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    folded = [piece for line in lines for piece in _fold(line)]
    return "\r\n".join(folded) + "\r\n"
