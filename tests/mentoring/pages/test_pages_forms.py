"""Every mentoring form: a refused submission comes back with a clear message and with what
the person typed, intact; nothing is stored. And the name forms warn before a member links
two of their spaces by reusing a name."""

import html

import pytest
from django.urls import reverse

from mentoring.models import EmployerEntry, Feedback, MentorProfile, MentorshipRequest
from tests.mentoring.pages.world import (
    MENTEE_GROUP_NAME,
    MENTOR_GROUP_NAME,
    MENTOR_PROFILE_NAME,
    mentorship_between,
    proposal_of,
    request_for,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def profile_data(world, **changes) -> dict:
    data = {
        "name": "Gentle Beacon",
        "focus_areas": [world.hr.pk],
        "languages": ["en", "pt-br"],
        "time_zone": "Europe/Lisbon",
        "capacity": "2",
        "availability": "Saturday mornings",
        "bio": "I left a job after reporting. Happy to talk it through.",
    }
    data.update(changes)
    return data


def test_volunteering_with_a_too_long_bio_keeps_everything_typed(mworld, client_of, settings):
    settings.MENTOR_MAX_BIO_CHARS = 40
    client = client_of(mworld.outsider)
    data = profile_data(mworld)
    page = text_of(client.post(reverse("mentoring:volunteer"), data))
    assert "The bio can be at most 40 characters" in page
    assert data["bio"] in page
    assert 'value="Gentle Beacon"' in page
    assert 'value="Saturday mornings"' in page
    assert not MentorProfile.objects.filter(account=mworld.outsider).exists()


def test_volunteering_without_a_focus_area_or_language_says_so(mworld, client_of):
    client = client_of(mworld.outsider)
    data = profile_data(mworld, focus_areas=[], languages=[])
    page = text_of(client.post(reverse("mentoring:volunteer"), data))
    assert "Please choose at least one focus area." in page
    assert "Please choose at least one language." in page
    assert data["bio"] in page


def test_volunteering_with_too_many_mentees_names_the_limit(mworld, client_of, settings):
    settings.MENTOR_MAX_CAPACITY = 3
    client = client_of(mworld.outsider)
    page = text_of(client.post(reverse("mentoring:volunteer"), profile_data(mworld, capacity="9")))
    assert "Please give a number of mentees from 1 to 3." in page


def test_a_name_another_mentor_has_is_refused_with_the_text_kept(mworld, client_of):
    client = client_of(mworld.outsider)
    data = profile_data(mworld, name=MENTOR_PROFILE_NAME)
    page = text_of(client.post(reverse("mentoring:volunteer"), data))
    assert "taken" in page
    assert data["bio"] in page


def test_a_name_used_in_a_group_is_questioned_then_accepted_when_confirmed(mworld, client_of):
    client = client_of(mworld.mentee)
    data = profile_data(mworld, name=MENTEE_GROUP_NAME.upper())
    page = text_of(client.post(reverse("mentoring:volunteer"), data))
    assert "You already use this name" in page
    assert f'value="{MENTEE_GROUP_NAME.upper()}"' in page  # kept, with a suggestion beside it
    assert 'name="same_name_ok"' in page
    assert not MentorProfile.objects.filter(account=mworld.mentee).exists()

    data["same_name_ok"] = "on"
    response = client.post(reverse("mentoring:volunteer"), data)
    assert response.status_code == 302
    assert MentorProfile.objects.get(account=mworld.mentee).persona.name == data["name"]


def test_the_same_name_box_is_not_shown_before_the_warning(mworld, client_of):
    page = page_text(client_of(mworld.outsider).get(reverse("mentoring:volunteer")))
    assert "same_name_ok" not in page


def test_editing_a_profile_keeps_the_text_on_error_and_its_own_name_is_no_warning(
    mworld, client_of, settings
):
    settings.MENTOR_MAX_AVAILABILITY_CHARS = 10
    client = client_of(mworld.mentor)
    data = profile_data(mworld, name=MENTOR_PROFILE_NAME, availability="Any weekday after six")
    page = text_of(client.post(reverse("mentoring:profile"), data))
    assert "The availability can be at most 10 characters" in page
    assert "Any weekday after six" in page
    assert "You already use this name" not in page
    data["availability"] = "Evenings"
    assert client.post(reverse("mentoring:profile"), data).status_code == 302
    assert mworld.profile.availability == "Evenings"


def test_asking_with_too_long_hopes_keeps_them(mworld, client_of, settings):
    settings.MENTOR_MAX_HOPES_CHARS = 20
    client = client_of(mworld.mentee)
    hopes = "I would like to talk about the meeting with HR next week."
    data = {"focus_areas": [mworld.hr.pk], "languages": ["en"], "time_zone": "", "hopes": hopes}
    page = text_of(client.post(reverse("mentoring:ask"), data))
    assert "at most 20 characters" in page
    assert hopes in page
    assert not MentorshipRequest.objects.filter(mentee=mworld.mentee).exists()


def test_asking_without_a_language_says_so(mworld, client_of):
    client = client_of(mworld.mentee)
    data = {"focus_areas": [], "languages": [], "time_zone": "", "hopes": "Anything helps"}
    page = text_of(client.post(reverse("mentoring:ask"), data))
    assert "Please choose at least one language." in page
    assert "Anything helps" in page


def test_choosing_with_a_name_holding_the_email_is_refused_and_kept(mworld, client_of):
    request = request_for(mworld)
    proposal = proposal_of(request, mworld.profile)
    client = client_of(mworld.mentee)
    local_part = mworld.mentee.email.split("@")[0]
    url = reverse("mentoring:choose", args=[proposal.public_id])
    page = text_of(client.post(url, {"name": f"x{local_part}"}))
    assert f'value="x{local_part}"' in page
    assert "email" in page
    request.refresh_from_db()
    assert request.state == MentorshipRequest.State.PROPOSED


def test_choosing_a_group_name_for_the_mentorship_is_questioned(mworld, client_of):
    request = request_for(mworld)
    proposal = proposal_of(request, mworld.profile)
    url = reverse("mentoring:choose", args=[proposal.public_id])
    page = text_of(client_of(mworld.mentee).post(url, {"name": MENTEE_GROUP_NAME}))
    assert "You already use this name" in page
    request.refresh_from_db()
    assert request.state == MentorshipRequest.State.PROPOSED


def test_accepting_with_a_group_name_is_questioned_and_nothing_opens(mworld, client_of):
    request = request_for(mworld)
    proposal = proposal_of(request, mworld.profile)
    client_of(mworld.mentee).post(
        reverse("mentoring:choose", args=[proposal.public_id]), {"name": "Brave Sparrow"}
    )
    url = reverse("mentoring:accept", args=[proposal.public_id])
    page = text_of(client_of(mworld.mentor).post(url, {"name": MENTOR_GROUP_NAME}))
    assert "You already use this name" in page
    assert "Someone to talk to before my HR meeting." in page
    request.refresh_from_db()
    assert request.state == MentorshipRequest.State.CHOSEN


def test_ending_with_too_long_feedback_keeps_it_and_the_mentorship(mworld, client_of, settings):
    settings.MENTOR_MAX_FEEDBACK_CHARS = 10
    mentorship = mentorship_between(mworld)
    url = reverse("mentoring:end", args=[mentorship.public_id])
    page = text_of(client_of(mworld.mentee).post(url, {"feedback": "Thank you for everything"}))
    assert "at most 10 characters" in page
    assert "Thank you for everything" in page
    mentorship.refresh_from_db()
    assert mentorship.is_active
    assert not Feedback.objects.exists()


def test_the_mentorship_page_ends_it_in_one_click(mworld, client_of):
    mentorship = mentorship_between(mworld)
    client = client_of(mworld.mentor)
    page = client.get(reverse("mentoring:mentorship", args=[mentorship.public_id])).content.decode()
    end_url = reverse("mentoring:end", args=[mentorship.public_id])
    # The page's own form posts there: its one button is the one click.
    assert f'action="{end_url}"' in page
    assert ">End mentorship</button>" in page

    answer = client.post(end_url, {"feedback": ""})

    assert answer.status_code == 302
    mentorship.refresh_from_db()
    assert not mentorship.is_active
    assert not Feedback.objects.exists()


def test_the_end_page_asks_first(mworld, client_of):
    mentorship = mentorship_between(mworld)
    page = text_of(
        client_of(mworld.mentee).get(reverse("mentoring:end", args=[mentorship.public_id]))
    )
    assert "End the mentorship" in page
    mentorship.refresh_from_db()
    assert mentorship.is_active


def test_employers_add_and_remove_with_clear_errors(mworld, client_of, settings):
    settings.MENTOR_MAX_EMPLOYER_CHARS = 12
    client = client_of(mworld.mentee)
    url = reverse("mentoring:employers")
    page = text_of(client.post(url, {"action": "add", "add-employer": "Initech Global Systems"}))
    assert "at most 12 characters" in page
    assert 'value="Initech Global Systems"' in page
    assert client.post(url, {"action": "add", "add-employer": "ACME Inc."}).status_code == 302
    assert EmployerEntry.objects.filter(account=mworld.mentee).count() == 1
    page = text_of(client.post(url, {"action": "remove", "remove-employer": "Globex"}))
    assert "That name is not on your list" in page
    assert 'value="Globex"' in page
    assert client.post(url, {"action": "remove", "remove-employer": "acme"}).status_code == 302
    assert not EmployerEntry.objects.filter(account=mworld.mentee).exists()


def test_the_employers_page_never_shows_a_name(mworld, client_of):
    client = client_of(mworld.mentee)
    url = reverse("mentoring:employers")
    client.post(url, {"action": "add", "add-employer": "Umbrella Corporation"})
    page = page_text(client.get(url))
    assert "Umbrella" not in page
    assert "1 employer on your list" in page
