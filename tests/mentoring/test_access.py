"""mentoring.access: one door per kind, 404 for anyone who may not see what is behind it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from community.spaces import names_of_spaces
from mentoring import access, services
from tests.factories import AccountFactory
from tests.mentoring.conftest import chosen, make_mentor, make_request, offered

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(areas, coordinator):
    mentor = make_mentor(coordinator, areas, time_zone="Europe/Paris")
    other = make_mentor(coordinator, areas, time_zone="Asia/Tokyo")
    request = make_request(areas)
    return {"mentor": mentor, "other": other, "request": request}


def refused(function, account, public_id):
    with pytest.raises(Http404):
        function(account, public_id)


def test_a_proposal_is_the_mentees_to_see_and_the_chosen_mentors_once_chosen(setting):
    request, mentor = setting["request"], setting["mentor"]
    top = offered(request)[0]
    assert top.mentor == mentor

    assert access.access_proposal_as_mentee(request.mentee, top.public_id) == top
    refused(access.access_proposal_as_mentee, AccountFactory(), top.public_id)
    refused(access.access_proposal_as_mentee, AnonymousUser(), top.public_id)
    refused(access.access_proposal_as_mentor, mentor.account, top.public_id)  # not chosen yet

    services.choose_proposal(account=request.mentee, proposal=top)

    assert access.access_proposal_as_mentor(mentor.account, top.public_id) == top
    refused(access.access_proposal_as_mentor, setting["other"].account, top.public_id)
    refused(access.access_proposal_as_mentor, request.mentee, top.public_id)


def test_a_request_is_its_mentees_only(setting):
    request = setting["request"]
    assert access.access_request(request.mentee, request.public_id) == request
    refused(access.access_request, setting["mentor"].account, request.public_id)
    refused(access.access_request, AnonymousUser(), request.public_id)


def test_a_profile_is_seen_by_its_owner_coordinators_and_the_mentees_it_is_proposed_to(
    setting, coordinator
):
    mentor = setting["mentor"]
    for viewer in (mentor.account, coordinator, setting["request"].mentee):
        assert access.access_mentor_profile(viewer, mentor.public_id) == mentor
    refused(access.access_mentor_profile, AccountFactory(), mentor.public_id)
    refused(access.access_mentor_profile, setting["other"].account, mentor.public_id)
    refused(access.access_mentor_profile, AnonymousUser(), mentor.public_id)


def test_a_mentorship_is_its_two_sides_only_even_once_ended(setting):
    request, mentor = setting["request"], setting["mentor"]
    services.choose_proposal(account=request.mentee, proposal=offered(request)[0])
    mentorship = services.accept_proposal(account=mentor.account, proposal=chosen(request))

    assert access.access_mentorship(mentor.account, mentorship.public_id) == (
        mentorship,
        mentorship.mentor,
    )
    assert access.access_mentorship(request.mentee, mentorship.public_id)[1] == mentorship.mentee
    services.end_mentorship(account=request.mentee, mentorship=mentorship)
    assert access.access_mentorship(request.mentee, mentorship.public_id)[0] == mentorship
    for outsider in (setting["other"].account, AccountFactory(), AnonymousUser()):
        refused(access.access_mentorship, outsider, mentorship.public_id)
    refused(access.access_mentorship, mentor.account, "no-such-id")


def test_mentorings_spaces_are_called_by_their_labels(setting):
    request, mentor = setting["request"], setting["mentor"]
    services.choose_proposal(account=request.mentee, proposal=offered(request)[0])
    mentorship = services.accept_proposal(account=mentor.account, proposal=chosen(request))

    names = names_of_spaces([mentorship.space, mentor.persona.space])

    assert names == {mentorship.space_id: "Mentorship", mentor.persona.space_id: "Mentoring"}
