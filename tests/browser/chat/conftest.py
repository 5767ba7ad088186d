"""The live chat in the browser: every page here is served by `asgi_live_server` (daphne), the
only live server with WebSockets, and reads one small chat world made through the services.

The world: a group with a host (an advocate) and two members, one live session (opened by the
host) and one still to come; the second member blocked a third member's persona.

Services that tell the channel layer run in a worker thread (tests/browser/threads.py). The
test process's in-memory layer reaches none of daphne's sockets anyway: what they write is
seen through the hello, as after a reconnect.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from chat import services
from chat.models import ChatSession, Room
from community.services.blocks import block_persona
from groups.models import Membership
from tests.browser.threads import in_thread
from tests.factories import GroupFactory, MembershipFactory


@pytest.fixture
def site_url(asgi_live_server) -> str:
    return asgi_live_server.url


@dataclass
class ChatWorld:
    host: Membership
    member: Membership
    other_member: Membership
    blocked: Membership
    live: ChatSession
    upcoming: ChatSession

    @property
    def room(self) -> Room:
        return self.live.room

    def room_path(self, session: ChatSession | None = None) -> str:
        return (session or self.live).get_absolute_url()


def schedule(host: Membership, *, starts_in: timedelta, title: str) -> ChatSession:
    starts_at = timezone.now() + starts_in
    return services.schedule_session(
        membership=host,
        group=host.group,
        title=title,
        description="",
        content_warning="",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        capacity=20,
        client_id=uuid.uuid4(),
    )


def send(membership: Membership, room: Room, body: str, **fields):
    """Store a message as `membership`, as if sent before the test's pages connected."""
    return in_thread(
        services.send_message,
        account=membership.persona.account,
        membership=membership,
        room=room,
        body=body,
        client_id=uuid.uuid4(),
        **fields,
    )


@pytest.fixture
def chat_world(asgi_live_server, transactional_db) -> ChatWorld:
    """Committed (transactional_db), so the daphne process reads it."""
    return in_thread(build_chat_world)


def build_chat_world() -> ChatWorld:
    group = GroupFactory(name="Women in engineering", slug="women")
    host = MembershipFactory(group=group, role=Membership.Role.HOST, persona__name="Willow Harbor")
    member = MembershipFactory(group=group, persona__name="Steady Otter")
    other_member = MembershipFactory(group=group, persona__name="Amber Finch")
    blocked = MembershipFactory(group=group, persona__name="Loud Heron")
    block_persona(blocker=other_member.persona.account, persona=blocked.persona)
    live = schedule(host, starts_in=timedelta(hours=1), title="Tuesday evening check-in")
    live = services.open_session(membership=host, session=live)
    upcoming = schedule(host, starts_in=timedelta(days=2), title="After reporting: what now?")
    return ChatWorld(host, member, other_member, blocked, live, upcoming)
