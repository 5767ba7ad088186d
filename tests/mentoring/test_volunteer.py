"""Volunteering as a mentor: a profile under a persona of its own, checked like every name,
waiting for a coordinator; and the profile's bad inputs."""

import pytest
from django.core.exceptions import ValidationError

from community.errors import NotAllowed
from community.models import Persona
from mentoring import selectors, services, spaces
from mentoring.models import FocusArea, MentorProfile
from tests.factories import AccountFactory, MembershipFactory
from tests.mentoring.conftest import make_mentor

pytestmark = pytest.mark.django_db


def volunteer(account, areas, **changes):
    fields = {
        "account": account,
        "name": "Gentle Harbor",
        "focus_areas": areas[:2],
        "languages": ["en", "PT-BR"],
        "time_zone": "America/Sao_Paulo",
        "capacity": 2,
        "availability": "Saturday mornings",
        "bio": "Left a job after retaliation; now I help others through it.",
    }
    return services.volunteer(**{**fields, **changes})


def test_volunteering_makes_a_pending_profile_under_a_persona_in_a_space_of_its_own(areas):
    account = AccountFactory()
    group_persona = MembershipFactory(
        persona__account=account, persona__name="Steady Otter"
    ).persona

    profile = volunteer(account, areas)

    assert profile.status == MentorProfile.Status.PENDING
    assert profile.persona.name == "Gentle Harbor"
    assert profile.persona.account == account
    assert profile.persona.space.kind == spaces.MENTOR
    assert profile.persona.space != group_persona.space
    assert profile.persona.public_id != group_persona.public_id
    assert list(profile.focus_areas.order_by("order")) == areas[:2]
    assert profile.languages == ["en", "pt-br"]
    assert (profile.time_zone, profile.capacity) == ("America/Sao_Paulo", 2)


def test_each_mentor_gets_a_space_of_their_own(areas, coordinator):
    first, second = make_mentor(coordinator, areas), make_mentor(coordinator, areas)
    assert first.persona.space_id != second.persona.space_id
    assert Persona.objects.filter(space=first.persona.space).count() == 1


def test_volunteering_twice_is_refused(areas):
    account = AccountFactory()
    volunteer(account, areas)
    with pytest.raises(NotAllowed, match="already volunteered"):
        volunteer(account, areas, name="Other Name")


def test_a_retired_mentor_may_volunteer_again_under_the_same_persona(areas, coordinator):
    profile = make_mentor(coordinator, areas)
    services.retire_mentor(coordinator=coordinator, profile=profile)

    again = volunteer(profile.account, areas, name="New Dawn")

    assert again.pk == profile.pk
    assert again.status == MentorProfile.Status.PENDING
    assert again.persona.pk == profile.persona.pk and again.persona.name == "New Dawn"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"focus_areas": []}, "focus_areas", "at least one focus area"),
        ({"languages": []}, "languages", "at least one language"),
        ({"languages": ["klingon"]}, "languages", "is not a language"),
        (
            {"languages": ["en", "fr", "de", "es", "it", "nl", "pl", "sv", "fi"]},
            "languages",
            "at most 8",
        ),
        ({"time_zone": ""}, "time_zone", "choose your time zone"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "from the list"),
        ({"capacity": 0}, "capacity", "from 1 to 5"),
        ({"capacity": 6}, "capacity", "from 1 to 5"),
        ({"capacity": "lots"}, "capacity", "from 1 to 5"),
        ({"bio": "x" * 1001}, "bio", "at most 1000 characters"),
        ({"availability": "x" * 201}, "availability", "at most 200 characters"),
        ({"name": "Admin"}, "name", "staff role"),
        ({"name": "x"}, "name", "characters long"),
        ({"name": "Safe\u202eName"}, "name", "invisible"),
    ],
)
def test_bad_profile_input_is_refused_with_a_clear_message(areas, changes, field, message):
    account = AccountFactory()
    with pytest.raises(ValidationError) as raised:
        volunteer(account, areas, **changes)
    assert field in raised.value.message_dict
    assert message in " ".join(raised.value.message_dict[field])
    assert not MentorProfile.objects.filter(account=account).exists()
    assert not Persona.objects.filter(account=account, space__kind=spaces.MENTOR).exists()


def test_a_name_holding_the_email_is_refused(areas):
    account = AccountFactory(email="jordan.rivers@example.test")
    with pytest.raises(ValidationError) as raised:
        volunteer(account, areas, name="Jordan Rivers Here")
    assert "email" in raised.value.message_dict["name"][0]


def test_a_retired_focus_area_cannot_be_chosen(areas):
    FocusArea.objects.filter(pk=areas[0].pk).update(is_active=False)
    areas[0].refresh_from_db()
    with pytest.raises(ValidationError) as raised:
        volunteer(AccountFactory(), areas)
    assert "no longer offered" in raised.value.message_dict["focus_areas"][0]


def test_two_mentors_cannot_share_a_name_or_a_lookalike(areas, coordinator):
    make_mentor(coordinator, areas, name="Gentle Harbor")
    with pytest.raises(ValidationError) as raised:
        volunteer(AccountFactory(), areas, name="gentle-harb0r")
    assert "taken" in raised.value.message_dict["name"][0]


def test_the_bio_keeps_its_lines_and_loses_reordering_controls(areas):
    profile = volunteer(AccountFactory(), areas, bio="First line\nsecond \u202eline")
    assert profile.bio == "First line\nsecond line"


def test_the_mentor_edits_their_profile_and_keeps_their_status(areas, coordinator):
    profile = make_mentor(coordinator, areas)

    services.update_mentor_profile(
        account=profile.account,
        name="Brave Cedar Fish",
        focus_areas=areas[3:],
        languages=["fr"],
        time_zone="Europe/Paris",
        capacity=1,
        availability="",
        bio="Shorter.",
    )

    profile.refresh_from_db()
    assert profile.status == MentorProfile.Status.APPROVED
    assert profile.persona.name == "Brave Cedar Fish"
    assert list(profile.focus_areas.all()) == areas[3:]
    assert (profile.languages, profile.capacity, profile.bio) == (["fr"], 1, "Shorter.")


def test_an_edit_with_a_reserved_name_changes_nothing(areas, coordinator):
    profile = make_mentor(coordinator, areas, name="Quiet Cedar")
    with pytest.raises(ValidationError):
        services.update_mentor_profile(
            account=profile.account,
            name="Staff Member",
            focus_areas=areas,
            languages=["en"],
            time_zone="Europe/London",
            capacity=2,
            bio="Changed",
        )
    profile.refresh_from_db()
    profile.persona.refresh_from_db()
    assert profile.persona.name == "Quiet Cedar"
    assert profile.bio != "Changed"


def test_only_a_mentor_has_a_profile_to_edit(areas):
    with pytest.raises(NotAllowed):
        services.update_mentor_profile(
            account=AccountFactory(),
            name="Quiet Cedar",
            focus_areas=areas,
            languages=["en"],
            time_zone="Europe/London",
            capacity=1,
        )


def test_a_name_the_member_uses_elsewhere_is_pointed_out_before_it_links_two_spaces(areas):
    account = AccountFactory()
    MembershipFactory(persona__account=account, persona__name="Steady Otter")

    assert selectors.is_name_used_elsewhere(account, "steady-0tter")
    assert not selectors.is_name_used_elsewhere(account, "Gentle Harbor")
    assert not selectors.is_name_used_elsewhere(AccountFactory(), "Steady Otter")
