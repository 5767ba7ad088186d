"""Blocking a persona also hides the notifications it caused (a reply naming it), on the
notifications page and in the bell's count; they are not told. Only that persona's: what the
same account did under another name in another group stays (DESIGN.md §2)."""

import pytest

from community.selectors.notifications import notifications_of, unread_notification_count
from community.services.blocks import block_persona
from community.services.notifications import notify
from groups.services import posts as post_services
from tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _thread_with_reply(author, replier, title):
    thread = post_services.create_thread(
        account=author.persona.account,
        membership=author,
        group=author.group,
        title=title,
        body="It got worse.",
    )
    post_services.create_post(
        account=replier.persona.account, membership=replier, thread=thread, body="Sure it did."
    )


@pytest.fixture
def replies():
    """The magpie's account replied to the heron's account in two groups, under two names."""
    here, there = GroupFactory(), GroupFactory()
    heron = MembershipFactory(group=here, persona__name="Quiet Heron")
    magpie = MembershipFactory(group=here, persona__name="Loud Magpie")
    heron_there = MembershipFactory(
        group=there, persona__account=heron.persona.account, persona__name="Still Pond"
    )
    magpie_there = MembershipFactory(
        group=there, persona__account=magpie.persona.account, persona__name="Grey Stone"
    )
    _thread_with_reply(heron, magpie, "After I reported")
    _thread_with_reply(heron_there, magpie_there, "Somewhere else")
    return heron.persona.account, magpie.persona


def test_a_reply_notification_disappears_once_the_replier_is_blocked(replies, client):
    reader, magpie = replies
    client.force_login(reader)
    assert "<bdi>Loud Magpie</bdi> replied" in client.get("/notifications/").content.decode()
    assert unread_notification_count(reader) == 2

    block_persona(blocker=reader, persona=magpie)

    response = client.get("/notifications/")
    assert response.status_code == 200
    assert "Loud Magpie" not in response.content.decode()
    assert unread_notification_count(reader) == 1


def test_the_same_account_under_another_name_elsewhere_keeps_its_notifications(replies, client):
    reader, magpie = replies
    block_persona(blocker=reader, persona=magpie)
    client.force_login(reader)

    response = client.get("/notifications/")

    assert response.status_code == 200
    assert (
        "<bdi>Grey Stone</bdi> replied in “<bdi>Somewhere else</bdi>”" in response.content.decode()
    )
    assert [n.actor_persona.name for n in notifications_of(reader)] == ["Grey Stone"]


def test_notifications_without_an_actor_stay(replies):
    reader, magpie = replies
    block_persona(blocker=reader, persona=magpie)
    notify(account=reader, kind="join_request", text="Welcome: your request was approved.")
    assert notifications_of(reader)[0].text == "Welcome: your request was approved."
    assert notifications_of(reader).count() == 2
