"""The chat part of `seed_demo`: one live session in a demo group.

Hosted by the demo advocate in "Women in engineering" (groups' demo makes it, with the advocate
as host and the demo member in it). The extra members of `--members N` join that group too, so
a load test can put them all in the live room. Idempotent: a live session made by an earlier
run is reused; once it has finished (a run days later) a new one is made, so the demo always
has a live room, with a short conversation already in it (sent through the services, as the
consumer sends, so they are rendered and sanitized the same way).
"""

import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from chat import policies, services
from chat.models import ChatSession, Message, Room
from community import demo
from community.models import Account, Persona
from community.services.personas import create_persona
from groups.models import Group, Membership

GROUP_SLUG = "women-in-engineering"
TITLE = "Tuesday evening check-in"
DESCRIPTION = (
    "A drop-in check-in: say how your week went, or just listen. Nothing said here leaves the room."
)
LENGTH = timedelta(hours=12)
CAPACITY = 1000


def _live_session(group: Group, host: Persona) -> ChatSession:
    now = timezone.now()
    for session in ChatSession.objects.filter(room__group=group, title=TITLE):
        if policies.is_live(session, now):
            return session
    room = Room.objects.create(space_id=group.space_id, group=group, kind=Room.Kind.SESSION)
    return ChatSession.objects.create(
        room=room,
        host=host,
        title=TITLE,
        description=DESCRIPTION,
        starts_at=now,
        ends_at=now + LENGTH,
        opened_at=now,
        capacity=CAPACITY,
    )


# (who, body, content warning): "host" is the advocate; others are the group's demo personas.
CONVERSATION = [
    (
        "host",
        "Welcome, everyone. This is a drop-in: say hello, or just read along. "
        "**Nothing said here leaves the room.**",
        "",
    ),
    ("Quiet Heron", "Hi all. First time here. I mostly want to listen tonight.", ""),
    (
        "Amber Finch",
        "I had my follow-up meeting with HR today. It went about as well as the "
        "first one: they want *more documentation*.",
        "HR process",
    ),
    (
        "host",
        "That sounds exhausting. If it helps, the Support page has a template for keeping "
        "a dated log.",
        "",
    ),
    (
        "North Maple",
        "Same here last year. Keeping the log was the thing that finally made them "
        "listen. You're not alone in this.",
        "",
    ),
]


def _start_conversation(session: ChatSession, group: Group, host: Membership) -> None:
    room = session.room
    if Message.objects.filter(room=room).exists():
        return
    members = {
        membership.persona.name.rsplit(" ", 1)[0]: membership
        for membership in Membership.objects.filter(group=group).select_related("persona")
    }
    for who, body, warning in CONVERSATION:
        author = host if who == "host" else members.get(who)
        if author is None:
            continue
        services.send_message(
            account=author.persona.account,
            membership=author,
            room=room,
            body=body,
            content_warning=warning,
            client_id=uuid.uuid4(),
        )


def _add_extra_members(group: Group, accounts: dict[str, Account]) -> None:
    """member1..memberN (from --members N) join the group, each under a name of its own."""
    for key, account in accounts.items():
        number = key.removeprefix("member")
        if not number.isdigit():
            continue
        persona = Persona.objects.filter(account=account, space=group.space).first()
        if persona is None:
            persona = create_persona(
                account=account, space=group.space, name=f"Evening Guest {number}"
            )
        Membership.objects.get_or_create(persona=persona, defaults={"group": group})


@demo.register
@transaction.atomic
def seed(accounts: dict[str, Account]) -> dict:
    group = Group.objects.get(slug=GROUP_SLUG)
    host = Membership.objects.select_related("persona").get(
        group=group, persona__account=accounts["advocate"], role=Membership.Role.HOST
    )
    _add_extra_members(group, accounts)
    session = _live_session(group, host.persona)
    _start_conversation(session, group, host)
    room = session.room
    return {
        "rooms": [
            {
                "public_id": room.public_id,
                "group": group.slug,
                "live": policies.is_live(session, timezone.now()),
                "ws_url": room.ws_url,
                "url": room.get_absolute_url(),
            }
        ]
    }
