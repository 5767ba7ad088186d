"""Mentoring in the browser: every page here is served by `asgi_live_server` (daphne), since
the mentorship page holds a live room, and reads a mentoring world made through the services
(tests/mentoring/pages/world.py) in a worker thread (tests/browser/threads.py).

`browser_world` adds what the pages show in each state: a mentee choosing among proposals, a
mentee waiting for the mentor's answer (so the mentor has someone to accept), an open
mentorship with messages and feedback, a request no mentor fits (for the coordinators).
"""

import uuid
from dataclasses import dataclass

import pytest

from chat import services as chat_services
from chat.room_kinds import Participant
from community.models import Account
from mentoring import flows, rooms, services
from mentoring.models import Mentorship, MentorshipRequest, Proposal
from tests.browser.threads import in_thread
from tests.factories import AccountFactory
from tests.mentoring.pages.world import (
    MentoringWorld,
    build_mentoring_world,
    mentorship_between,
    proposal_of,
)


@pytest.fixture
def site_url(asgi_live_server) -> str:
    return asgi_live_server.url


@dataclass
class BrowserWorld:
    world: MentoringWorld
    mentorship: Mentorship
    asker: Account
    asker_request: MentorshipRequest
    chooser: Account
    chosen: Proposal


def say(persona, mentorship: Mentorship, body: str):
    return chat_services.send_message(
        account=persona.account,
        membership=Participant(persona=persona),
        room=rooms.room_of(mentorship),
        body=body,
        client_id=uuid.uuid4(),
    )


def build_browser_world() -> BrowserWorld:
    world = build_mentoring_world()
    mentorship = mentorship_between(world)
    say(mentorship.mentee, mentorship, "Thank you for taking me on.")
    say(mentorship.mentor, mentorship, "Glad to. How are you doing this week?")
    services.leave_feedback(
        account=world.mentee, mentorship=mentorship, text="A kind and patient mentor."
    )
    chooser = AccountFactory(email="chooser.person@example.test")
    request = services.request_mentor(
        account=chooser, focus_areas=[world.hr], languages=["en"], hopes="Advice on HR."
    )
    chosen = proposal_of(request, world.profile)
    flows.choose_proposal(account=chooser, proposal=chosen, name="Hopeful Wren")
    asker = AccountFactory(email="asker.person@example.test")
    asker_request = services.request_mentor(
        account=asker, focus_areas=[world.leaving], languages=["en"], time_zone="Europe/Paris"
    )
    # Nobody mentors in Finnish: it waits for the coordinators.
    services.request_mentor(account=AccountFactory(), focus_areas=[], languages=["fi"])
    return BrowserWorld(world, mentorship, asker, asker_request, chooser, chosen)


@pytest.fixture
def browser_world(asgi_live_server, transactional_db) -> BrowserWorld:
    """Committed (transactional_db), so the daphne process reads it."""
    return in_thread(build_browser_world)


@pytest.fixture
def mentoring_world(asgi_live_server, transactional_db) -> MentoringWorld:
    return in_thread(build_mentoring_world)
