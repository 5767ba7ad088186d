"""A mentorship's private room: a chat room of kind "mentorship" (chat.room_kinds), registered
from MentoringConfig.ready().

The room is the mentorship's space: its two personas are the only people in it, and chat asks
us who they are (`persona_in_mentorship`), whether it is open (until the mentorship ends) and
when it ended (its history is purged CHAT_RETENTION_DAYS after that). Chat's consumer, client,
flags and blocks do the rest, as in group rooms, without hosts.

The room opens with the mentorship (`flows.accept_proposal`); a mentorship made another way
(demo data, a mentorship from before rooms) gets its room the first time its page is shown.
When the mentorship ends, by a click, a block or a moderator, `close_room` closes the open
sockets with the same words whatever the reason, so a block never shows (DESIGN.md §2).
"""

from datetime import datetime

from django.urls import reverse

from chat import room_kinds
from chat import services as chat_services
from chat.models import Room
from community import sanctions
from community.models import Persona
from mentoring import spaces
from mentoring.models import Mentorship

KIND = spaces.MENTORSHIP
ENDED_DETAIL = "This mentorship has ended. You can no longer write here."


def _mentorship_of(room: Room) -> Mentorship | None:
    return (
        Mentorship.objects.select_related("mentor", "mentee").filter(space_id=room.space_id).first()
    )


def persona_in_mentorship(account, room: Room) -> Persona | None:
    """`account`'s persona in the mentorship, if it is one of its two sides (ended or not:
    the history stays readable to them until it is purged)."""
    mentorship = _mentorship_of(room)
    if mentorship is None or not account.is_authenticated:
        return None
    for persona in (mentorship.mentor, mentorship.mentee):
        if persona.account_id == account.pk:
            return persona
    return None


def mentorship_is_open(room: Room, now: datetime) -> bool:
    return Mentorship.objects.filter(space_id=room.space_id, ended_at__isnull=True).exists()


def mentorship_page(room: Room) -> str:
    mentorship = Mentorship.objects.filter(space_id=room.space_id).only("public_id").first()
    if mentorship is None:
        return ""
    return reverse("mentoring:mentorship", args=[mentorship.public_id])


def ended_spaces(moment: datetime):
    """The spaces of mentorships that ended before `moment`, as a subquery of their pks."""
    return Mentorship.objects.filter(ended_at__lt=moment).values("space_id")


def room_of(mentorship: Mentorship) -> Room | None:
    return Room.objects.filter(space_id=mentorship.space_id, kind=KIND).first()


def open_room(mentorship: Mentorship) -> Room:
    """The mentorship's room, made now if it has none yet."""
    return room_of(mentorship) or chat_services.open_room(space=mentorship.space, kind=KIND)


def close_room(mentorship: Mentorship) -> None:
    """The mentorship ended: its open sockets close (once the transaction commits)."""
    room = room_of(mentorship)
    if room is not None:
        chat_services.end_room(room, detail=ENDED_DETAIL)


def close_after_removal(persona: Persona, until=None) -> None:
    """A moderator removed `persona` from its mentorship (mentoring.flagging ends it): the
    room's sockets close as for any other end."""
    if persona.space.kind != KIND:
        return
    for mentorship in Mentorship.objects.filter(space_id=persona.space_id):
        close_room(mentorship)


def register() -> None:
    room_kinds.register_room_kind(
        KIND,
        label="Mentorship",
        access=persona_in_mentorship,
        is_live=mentorship_is_open,
        url_of=mentorship_page,
        spaces_ended_before=ended_spaces,
    )
    sanctions.register(sanctions.REMOVE, close_after_removal)
