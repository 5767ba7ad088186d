"""Following a thread (every reply) and muting it (nothing, mentions included): one click."""

import pytest

from community.models import Notification
from community.services.blocks import block_persona
from groups.models import Membership, ThreadSubscription
from tests.clients import client_for
from tests.factories import GroupFactory, MembershipFactory
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _roomy_rates(settings):
    settings.GROUPS_POST_RATE = "1000/m"


@pytest.fixture
def group():
    return GroupFactory(name="Night shift", slug="night-shift")


@pytest.fixture
def starter(group):
    return MembershipFactory(group=group, persona__name="Grey Heron")


@pytest.fixture
def reader(group):
    return MembershipFactory(group=group, persona__name="Quiet River")


@pytest.fixture
def replier(group):
    return MembershipFactory(group=group, persona__name="Amber Finch")


@pytest.fixture
def thread(starter):
    return start_thread(starter, title="Late rotas again")


def url(thread):
    return f"/groups/night-shift/threads/{thread.public_id}/notifications/"


def told(membership):
    return Notification.objects.filter(account=membership.persona.account)


def test_a_reader_who_never_posted_hears_of_replies_once_following(thread, reader, replier):
    reply(replier, thread, "First")
    assert not told(reader).exists()

    response = client_for(reader).post(url(thread), {"level": "follow"})
    reply(replier, thread, "Second")

    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    assert list(told(reader).values_list("kind", flat=True)) == ["reply"]


def test_muting_silences_replies_to_a_thread_you_posted_in(thread, starter, replier):
    client_for(starter).post(url(thread), {"level": "mute"})

    reply(replier, thread, "Anyone?")
    reply(replier, thread, "@Grey Heron are you there?")

    assert not told(starter).exists()


def test_pressing_the_pressed_button_goes_back_to_the_usual(thread, starter, replier):
    client = client_for(starter)
    client.post(url(thread), {"level": "mute"})
    client.post(url(thread), {"level": ""})

    reply(replier, thread, "Back again")

    assert not ThreadSubscription.objects.exists()
    assert told(starter).count() == 1


def test_a_follower_who_blocked_the_replier_here_hears_nothing(thread, reader, replier):
    client_for(reader).post(url(thread), {"level": "follow"})
    block_persona(blocker=reader.persona.account, persona=replier.persona)

    reply(replier, thread, "Hello")

    assert not told(reader).exists()


def test_a_follower_who_left_the_group_hears_nothing_more(thread, reader, replier):
    client_for(reader).post(url(thread), {"level": "follow"})
    Membership.objects.filter(pk=reader.pk).update(status=Membership.Status.LEFT)

    reply(replier, thread, "Hello")

    assert not told(reader).exists()


def test_the_replier_is_never_told_of_their_own_reply(thread, replier):
    client_for(replier).post(url(thread), {"level": "follow"})

    reply(replier, thread, "Mine")

    assert not told(replier).exists()


def test_the_header_shows_the_state_with_aria_pressed(thread, reader):
    client = client_for(reader)
    before = page_text(client.get(thread.get_absolute_url()))
    client.post(url(thread), {"level": "follow"})
    after = page_text(client.get(thread.get_absolute_url()))

    assert 'aria-pressed="false">Follow</button>' in before
    assert "Replies notify you in threads you have posted in." in before
    assert 'aria-pressed="true">Follow</button>' in after
    assert 'aria-pressed="false">Mute</button>' in after
    assert "You follow this thread: every reply notifies you." in after


def test_a_get_changes_nothing(thread, reader):
    response = client_for(reader).get(url(thread) + "?level=follow")

    assert response.status_code == 405
    assert not ThreadSubscription.objects.exists()


def test_an_unknown_level_is_refused_with_a_message(thread, reader):
    response = client_for(reader).post(url(thread), {"level": "shout"}, follow=True)

    assert "Choose to follow or mute this thread." in page_text(response)
    assert not ThreadSubscription.objects.exists()


def test_non_members_get_404(thread):
    outsider = MembershipFactory(group=GroupFactory())

    response = client_for(outsider).post(url(thread), {"level": "follow"})

    assert response.status_code == 404
    assert not ThreadSubscription.objects.exists()


def test_the_choice_is_the_personas_in_this_group_only(thread, reader, replier):
    other_group = GroupFactory()
    MembershipFactory(group=other_group, persona__account=reader.persona.account)
    theirs = MembershipFactory(group=other_group, persona__account=replier.persona.account)
    other_thread = start_thread(theirs, title="Elsewhere")
    client_for(reader).post(url(thread), {"level": "mute"})
    reply(MembershipFactory(group=other_group), other_thread, "hi")

    client_for(reader).post(
        f"/groups/{other_group.slug}/threads/{other_thread.public_id}/notifications/",
        {"level": "follow"},
    )
    reply(theirs, other_thread, "Hello there")

    assert told(reader).count() == 1
