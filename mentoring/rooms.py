"""A mentorship's private chat room: a chat room of kind "mentorship" (chat.room_kinds).

Opened with the mentorship, in its space; its two personas are in it, nobody else (404 on
pages, close 4003 on the socket, as for an unknown room). It is live while the mentorship is;
once ended it stays readable to the two until chat's retention purge, CHAT_RETENTION_DAYS
after the end. It has no hosts. Its page comes with the mentoring pages; until then it links
nowhere.
"""

from datetime import datetime

from chat.room_kinds import register_room_kind
from community.models import Persona
from mentoring.models import Mentorship

ROOM_KIND = "mentorship"


def persona_in_mentorship(account, room) -> Persona | None:
    """`account`'s persona in the room's mentorship, if it is one of the two (two queries)."""
    if not account.is_authenticated:
        return None
    mentorship = Mentorship.objects.filter(space_id=room.space_id).first()
    if mentorship is None:
        return None
    return Persona.objects.filter(
        account=account, space_id=room.space_id, pk__in=(mentorship.mentor_id, mentorship.mentee_id)
    ).first()


def mentorship_is_open(room, now: datetime) -> bool:
    """Open for messages until the mentorship ends (one query)."""
    return Mentorship.objects.filter(space_id=room.space_id, ended_at__isnull=True).exists()


def mentorship_page(room) -> str:
    return ""


def spaces_ended_before(moment: datetime):
    """The spaces of mentorships that ended before `moment`, as a subquery of pks."""
    return Mentorship.objects.filter(ended_at__lt=moment).values("space_id")


def register() -> None:
    register_room_kind(
        ROOM_KIND,
        label="Mentorship",
        access=persona_in_mentorship,
        is_live=mentorship_is_open,
        url_of=mentorship_page,
        spaces_ended_before=spaces_ended_before,
    )
