"""Identity (DESIGN.md §1): a mentor who is also in a group with their mentee cannot be linked
across the spaces from anything mentoring shows either of them, or a coordinator. Every
reader's view is searched for the other's email, account pk and personas of other spaces."""

import dataclasses
import json

import pytest

from mentoring import selectors, services
from mentoring.models import MentorshipRequest
from tests.factories import AccountFactory, MembershipFactory
from tests.mentoring.conftest import chosen, make_mentor, offered
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def as_text(value) -> str:
    if dataclasses.is_dataclass(value):
        value = dataclasses.asdict(value)
    elif isinstance(value, list):
        value = [dataclasses.asdict(item) for item in value]
    return json.dumps(value, default=str)


@pytest.fixture
def people(areas, coordinator):
    """A mentee and a mentor who share a group, each with a persona there."""
    mentee = AccountFactory(email="sam.rivera@example.test")
    mentor_account = AccountFactory(email="alex.north@example.test")
    membership = MembershipFactory(persona__account=mentee, persona__name="Steady Otter")
    mentor_in_group = MembershipFactory(
        group=membership.group, persona__account=mentor_account, persona__name="Tall Pine"
    ).persona
    profile = make_mentor(coordinator, areas, account=mentor_account, name="Gentle Harbor")
    request = services.request_mentor(
        account=mentee, focus_areas=areas, languages=["en"], hopes="Help with HR."
    )
    return {
        "mentee": mentee,
        "mentor": mentor_account,
        "profile": profile,
        "request": request,
        "mentee_in_group": membership.persona,
        "mentor_in_group": mentor_in_group,
    }


def assert_nothing_of(text: str, account, *personas):
    assert account.email not in text
    assert account.email.split("@")[0] not in text
    assert f'"account": {account.pk}' not in text and "account_id" not in text
    for persona in personas:
        assert persona.name not in text, persona.name
        assert persona.public_id not in text, persona.public_id


def open_mentorship(people):
    proposal = offered(people["request"])[0]
    services.choose_proposal(account=people["mentee"], proposal=proposal, name="Rising Fern")
    return services.accept_proposal(
        account=people["mentor"], proposal=chosen(people["request"]), name="Open Meadow"
    )


def test_the_mentee_sees_the_mentors_profile_persona_and_nothing_else_of_them(people):
    [card] = selectors.proposals_for(people["request"])
    text = as_text(card)

    assert card.mentor_name == "Gentle Harbor"
    assert_nothing_of(text, people["mentor"], people["mentor_in_group"])


def test_the_chosen_mentor_sees_what_was_asked_and_nothing_of_who_asked(people):
    services.choose_proposal(
        account=people["mentee"], proposal=offered(people["request"])[0], name="Rising Fern"
    )
    text = as_text(selectors.requests_waiting_for(people["profile"]))

    assert "Help with HR." in text
    assert "Rising Fern" not in text  # the mentorship name comes with the mentorship
    assert_nothing_of(text, people["mentee"], people["mentee_in_group"])


def test_in_the_mentorship_each_sees_two_fresh_personas_only(people):
    mentorship = open_mentorship(people)

    as_mentee = as_text(selectors.mentorship_view(mentorship, mentorship.mentee))
    as_mentor = as_text(selectors.mentorship_view(mentorship, mentorship.mentor))

    assert "Open Meadow" in as_mentee and "Rising Fern" in as_mentor
    assert_nothing_of(
        as_mentee, people["mentor"], people["mentor_in_group"], people["profile"].persona
    )
    assert_nothing_of(as_mentor, people["mentee"], people["mentee_in_group"])
    assert mentorship.mentor.public_id != people["profile"].persona.public_id
    assert mentorship.space_id not in {
        people["mentor_in_group"].space_id,
        people["profile"].persona.space_id,
    }


def test_coordinators_see_personas_and_public_ids_only(people, coordinator):
    waiting = services.request_mentor(
        account=AccountFactory(email="waiting.person@example.test"),
        focus_areas=[],
        languages=["ja"],
    )
    mentorship = open_mentorship(people)
    services.end_mentorship(account=people["mentee"], mentorship=mentorship, feedback="Thanks")

    text = as_text(selectors.mentors_for_coordinators())
    text += as_text(selectors.waiting_requests())
    text += as_text(selectors.feedback_for_coordinators())

    assert "Gentle Harbor" in text and waiting.public_id in text
    assert "waiting.person" not in text
    assert_nothing_of(text, people["mentor"], people["mentor_in_group"])
    assert_nothing_of(text, people["mentee"], people["mentee_in_group"])


def test_the_flag_page_of_a_profile_shows_nothing_of_the_mentors_group_persona(client, people):
    client.force_login(people["mentee"])
    text = page_text(client.get(f"/moderation/flag/mentor-profile/{people['profile'].public_id}/"))
    assert_nothing_of(text, people["mentor"], people["mentor_in_group"])


def test_a_request_has_no_persona_until_its_mentorship_opens(people):
    request = MentorshipRequest.objects.get(pk=people["request"].pk)
    fields = {field.name for field in request._meta.get_fields()}
    assert "persona" not in fields and "space" not in fields
