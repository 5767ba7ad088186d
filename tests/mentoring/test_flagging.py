"""Mentor profiles as a flag target: flagged by the mentees they are proposed to (404 for
anyone else), snapshotted by their persona, hidden from every proposal by a moderator, and
the sanctions of moderation reach mentoring's spaces."""

import pytest

from community import flagging, sanctions
from community.models import Account, Notification
from mentoring import services
from mentoring.flows import ENDED_TEXT
from mentoring.models import MentorProfile, Mentorship, Proposal
from mentoring.notification_kinds import MENTORSHIP_ENDED
from moderation.decisions import take_action
from moderation.models import ReviewItem
from moderation.selectors import hosted_space_ids
from moderation.services import flag_content
from tests.factories import AccountFactory
from tests.mentoring.conftest import chosen, make_mentor, make_request, offered, refreshed
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor(areas, coordinator):
    return make_mentor(coordinator, areas, bio="Ask me about HR.", name="Calm Cedar")


@pytest.fixture
def mentee_request(areas, mentor):
    return make_request(areas)


@pytest.fixture
def moderator(db):
    return AccountFactory(role=Account.Role.MODERATOR)


def act(moderator, item, kind, rule="harassment"):
    return take_action(
        moderator=moderator,
        item=ReviewItem.objects.get(pk=item.pk),
        kind=kind,
        rule=rule,
        hosted=hosted_space_ids(moderator),
    )


def flag_url(profile):
    return f"/moderation/flag/mentor-profile/{profile.public_id}/"


def test_mentoring_registers_mentor_profiles_as_a_flag_target():
    kind = flagging.kind_named("mentor-profile")
    assert kind.model is MentorProfile
    assert kind.hide and kind.unhide and kind.delete


def test_a_proposed_mentee_may_open_the_flag_page_and_a_stranger_gets_404(
    client, mentor, mentee_request
):
    client.force_login(mentee_request.mentee)
    text = page_text(client.get(flag_url(mentor)))
    assert "a mentor profile" in text

    client.force_login(AccountFactory())
    assert client.get(flag_url(mentor)).status_code == 404
    client.logout()
    assert client.get(flag_url(mentor)).status_code in (302, 404)


def test_the_flag_snapshots_the_profile_by_its_persona_only(mentor, mentee_request):
    flag = flag_content(reporter=mentee_request.mentee, target=mentor, reason="harassment")

    snapshot = flag.snapshot
    assert snapshot["author"] == {"persona": mentor.persona.public_id, "name": "Calm Cedar"}
    assert snapshot["bio"] == "Ask me about HR."
    assert snapshot["focus_areas"]
    assert mentor.account.email not in str(snapshot)
    assert flag.item.space == mentor.persona.space
    assert flag.item.author == mentor.persona


def test_a_mentor_cannot_flag_their_own_profile(mentor):
    assert not flagging.kind_named("mentor-profile").can_flag(mentor.account, mentor)


def test_hiding_a_profile_keeps_it_out_of_every_proposal_until_the_hide_is_undone(
    areas, mentor, mentee_request, moderator
):
    flag = flag_content(reporter=mentee_request.mentee, target=mentor, reason="harassment")

    act(moderator, flag.item, "hide")

    assert refreshed(mentor).hidden_at is not None
    notice = mentor.account.notifications.get()
    assert notice.text.startswith("A moderator hid your mentor profile in \u2068Mentoring\u2069")
    assert set(mentee_request.proposals.values_list("state", flat=True)) == {Proposal.State.EXPIRED}
    assert offered(make_request(areas)) == []

    flagging.kind_named("mentor-profile").unhide(mentor)
    assert len(offered(make_request(areas))) == 1


def test_deleting_a_profiles_words_keeps_them_in_the_snapshot(mentor, mentee_request, moderator):
    flag = flag_content(reporter=mentee_request.mentee, target=mentor, reason="harassment")

    act(moderator, flag.item, "delete")

    assert (refreshed(mentor).bio, mentor.availability) == ("", "")
    assert flag.snapshot["bio"] == "Ask me about HR."


def test_removing_a_mentor_through_their_profile_retires_it(mentor, mentee_request, moderator):
    flag = flag_content(reporter=mentee_request.mentee, target=mentor, reason="harassment")

    act(moderator, flag.item, "remove_from_group")

    assert refreshed(mentor).status == MentorProfile.Status.RETIRED


def test_a_sanction_on_the_profile_guards_the_flagger_from_that_mentor_ever_after(
    areas, coordinator, mentor, mentee_request, moderator
):
    flag = flag_content(reporter=mentee_request.mentee, target=mentor, reason="harassment")
    act(moderator, flag.item, "warn")
    services.withdraw_request(account=mentee_request.mentee, request=mentee_request)

    again = make_request(areas, account=mentee_request.mentee)

    assert all(proposal.mentor != mentor for proposal in offered(again))
    assert offered(make_request(areas))[0].mentor == mentor


def test_the_mentorships_persona_removed_by_a_moderator_ends_it(areas, mentor, moderator):
    request = make_request(areas)
    services.choose_proposal(account=request.mentee, proposal=offered(request)[0])
    mentorship = services.accept_proposal(account=mentor.account, proposal=chosen(request))

    sanctions.apply(sanctions.REMOVE, persona=mentorship.mentor)

    assert refreshed(mentorship).end_reason == Mentorship.EndReason.REMOVED
    # The mentee hears it ended, as after a click: never that a moderator ended it, nor why.
    [told] = Notification.objects.filter(account=request.mentee, kind=MENTORSHIP_ENDED)
    assert told.text == ENDED_TEXT
    assert not Notification.objects.filter(account=mentor.account, kind=MENTORSHIP_ENDED)
