"""Two accounts in one group, each with a persona elsewhere too: no chat page or payload shows
one of them the other's email, account id or other persona."""

import json

import pytest

from chat import selectors, services
from chat.flagging import snapshot_message
from tests.chat.conftest import send
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_no_chat_page_or_frame_names_an_account_or_another_persona(client, host, live):
    zebra = AccountFactory(pk=7349821, email="zebra.unmistakable@example.test")
    okapi = AccountFactory(pk=8612047, email="okapi.unmistakable@example.test")
    zebra_here = MembershipFactory(
        group=host.group, persona__account=zebra, persona__name="Paper Moth"
    )
    okapi_here = MembershipFactory(group=host.group, persona__account=okapi)
    MembershipFactory(group=GroupFactory(), persona__account=zebra, persona__name="Hidden Lynx")
    message = send(zebra_here, live.room, body="From zebra")
    quiet = services.accept_quiet_room(
        membership=host,
        request=services.request_quiet_room(account=zebra, membership=zebra_here, session=live),
    )
    send(zebra_here, quiet, body="Quietly")
    needles = [zebra.email, "zebra.unmistakable", "Hidden Lynx", str(zebra.pk)]

    client.force_login(okapi)
    pages = [live.get_absolute_url(), f"{live.get_absolute_url()}calendar.ics", "/groups/women/"]
    for path in pages:
        text = page_text(client.get(path))
        assert not [needle for needle in needles if needle in text], path
    client.force_login(host.persona.account)
    for path in [live.get_absolute_url(), quiet.get_absolute_url()]:
        text = page_text(client.get(path))
        assert not [needle for needle in needles if needle in text], path
    payloads = json.dumps([selectors.recent_messages(live.room, okapi), snapshot_message(message)])
    assert "Paper Moth" in payloads
    assert not [needle for needle in needles if needle in payloads]
    assert str(zebra.pk) not in json.dumps(selectors.message_frame(message)["author"])
    assert okapi_here.persona.name not in payloads
