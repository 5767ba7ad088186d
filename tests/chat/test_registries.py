"""What chat registers: seed_demo's live room, its export part, its flag target."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from chat.models import ChatSession
from community.services.accounts import export_account_data
from moderation.models import Flag
from tests.chat.conftest import send

pytestmark = pytest.mark.django_db


def seed_demo_json(*arguments) -> dict:
    stdout = StringIO()
    call_command("seed_demo", "--json", *arguments, stdout=stdout)
    return json.loads(stdout.getvalue())


@pytest.mark.usefixtures("debug_on")
def test_seed_demo_lists_one_live_room_and_a_rerun_reuses_it(client):
    [room] = seed_demo_json("--members", "2")["rooms"]
    assert room["group"] == "women-in-engineering" and room["live"] is True
    assert room["ws_url"] == f"/ws/rooms/{room['public_id']}/"
    assert seed_demo_json()["rooms"] == [room]
    assert ChatSession.objects.count() == 1
    session = ChatSession.objects.get()
    conversation = list(session.room.messages.order_by("pk"))
    assert len(conversation) == 5  # made once: the rerun added none
    assert conversation[0].author == session.host
    assert any(message.content_warning for message in conversation)
    client.login(email="member2@demo.lantern.test", password="lantern-demo-2026")
    assert client.get(room["url"]).status_code == 200  # extra members are in the group


def test_the_export_holds_the_members_own_messages_only(member, other_member, live):
    send(member, live.room, body="Mine")
    send(other_member, live.room, body="Theirs")
    data = export_account_data(member.persona.account)
    assert [entry["body"] for entry in data["chat_messages"]] == ["Mine"]
    assert data["chat_messages"][0]["as"] == "Steady Otter"
    assert "Theirs" not in json.dumps(data, default=str)


def test_a_member_flags_a_message_and_the_snapshot_keeps_it(client, member, other_member, live):
    message = send(other_member, live.room, body="Hurtful words")
    client.force_login(member.persona.account)
    path = f"/moderation/flag/message/{message.pk}/"
    assert client.get(path).status_code == 200
    form = client.get(path).context["form"]
    reason = form.fields["reason"].choices[0][0]
    client.post(path, {"reason": reason, "note": "", "client_id": ""})
    flag = Flag.objects.get()
    assert flag.snapshot["body"] == "Hurtful words"
    assert flag.snapshot["author"]["name"] == "Amber Finch"
