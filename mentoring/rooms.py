"""A mentorship's private chat room: a chat room of kind "mentorship" (chat.room_kinds).

Opened with the mentorship, in its space (`services._open_mentorship`); its two personas are
in it, nobody else (404 on pages, close 4003 on the socket, as for an unknown room). It is
live while the mentorship is; once ended (`services._end` closes its sockets, with the same
words whoever ended it and why) it stays readable to the two until chat's retention purge,
CHAT_RETENTION_DAYS after the end. It has no hosts. Its page is the mentorship's page.
"""

from datetime import datetime

from django.urls import reverse

from chat.models import Room
from chat.room_kinds import register_room_kind
from chat.services import open_room
from community.models import Persona
from mentoring.models import Mentorship

ROOM_KIND = "mentorship"
# What both sides' open sockets are told when the mentorship ends, however it ended.
ENDED_DETAIL = "This mentorship has ended. You can no longer write here."


def persona_in_mentorship(account, room) -> Persona | None:
    """`account`'s persona in the room's mentorship, if it is one of the two (one query:
    the mentorship with both personas)."""
    if not account.is_authenticated:
        return None
    mentorship = (
        Mentorship.objects.select_related("mentor", "mentee").filter(space_id=room.space_id).first()
    )
    if mentorship is None:
        return None
    for persona in (mentorship.mentor, mentorship.mentee):
        if persona.account_id == account.pk:
            return persona
    return None


def mentorship_is_open(room, now: datetime) -> bool:
    """Open for messages until the mentorship ends (one query)."""
    return Mentorship.objects.filter(space_id=room.space_id, ended_at__isnull=True).exists()


def mentorship_page(room) -> str:
    """Where flags on the room's messages link back to: the mentorship's page (its two
    people only; a moderator following it gets 404 and reads the flag's snapshot)."""
    mentorship = Mentorship.objects.filter(space_id=room.space_id).only("public_id").first()
    if mentorship is None:
        return ""
    return reverse("mentoring:mentorship", args=[mentorship.public_id])


def spaces_ended_before(moment: datetime):
    """The spaces of mentorships that ended before `moment`, as a subquery of pks."""
    return Mentorship.objects.filter(ended_at__lt=moment).values("space_id")


def room_of(mentorship: Mentorship) -> Room | None:
    return Room.objects.filter(space_id=mentorship.space_id, kind=ROOM_KIND).first()


def room_for_page(mentorship: Mentorship) -> Room | None:
    """The room the mentorship's page shows: an open mentorship made before rooms existed
    (or by hand) gets its room here, one small row, the first time its page is shown."""
    room = room_of(mentorship)
    if room is None and mentorship.is_active:
        room = open_room(space=mentorship.space, kind=ROOM_KIND)
    return room


def register() -> None:
    register_room_kind(
        ROOM_KIND,
        label="Mentorship",
        access=persona_in_mentorship,
        is_live=mentorship_is_open,
        url_of=mentorship_page,
        spaces_ended_before=spaces_ended_before,
    )
