"""Sending: members of the group, while the session is live, not muted, within the limits;
a resent client_id stores nothing twice; the message is stored before any broadcast."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from chat import services
from chat.models import Message
from community.errors import NotAllowed, RateLimited
from tests.chat.conftest import send

pytestmark = pytest.mark.django_db


def test_a_member_sends_markdown_rendered_like_posts(member, live):
    message = send(member, live.room, body="**hi** <script>x</script>")
    assert message.author == member.persona
    assert message.body_html == "<p><strong>hi</strong> &lt;script&gt;x&lt;/script&gt;</p>\n"


def test_a_resent_client_id_returns_the_original_and_stores_once(member, live):
    client_id = uuid.uuid4()
    first = send(member, live.room, body="Once", client_id=client_id)
    again = send(member, live.room, body="Once", client_id=client_id)
    assert again.pk == first.pk
    assert Message.objects.count() == 1


def test_the_same_client_id_from_another_member_is_a_different_message(member, other_member, live):
    client_id = uuid.uuid4()
    send(member, live.room, client_id=client_id)
    send(other_member, live.room, client_id=client_id)
    assert Message.objects.count() == 2


def test_message_ids_increase_within_a_room(member, live):
    ids = [send(member, live.room, body=f"n{n}").pk for n in range(3)]
    assert ids == sorted(ids)


def test_nothing_is_sent_before_the_session_is_live(member, upcoming):
    with pytest.raises(NotAllowed, match="read-only"):
        send(member, upcoming.room)
    assert Message.objects.count() == 0


def test_nothing_is_sent_after_the_host_ended_it(host, member, live):
    services.end_session(membership=host, session=live)
    with pytest.raises(NotAllowed, match="read-only"):
        send(member, live.room)


def test_a_muted_member_may_not_send_but_others_may(host, member, other_member, live):
    services.mute_participant(
        membership=host, room=live.room, persona_public_id=member.persona.public_id, minutes=10
    )
    with pytest.raises(NotAllowed, match="muted"):
        send(member, live.room)
    send(other_member, live.room)
    assert Message.objects.count() == 1


def test_hosts_cannot_be_muted_and_members_cannot_mute(host, member, live):
    with pytest.raises(NotAllowed):
        services.mute_participant(
            membership=host, room=live.room, persona_public_id=host.persona.public_id, minutes=5
        )
    with pytest.raises(NotAllowed):
        services.mute_participant(
            membership=member, room=live.room, persona_public_id=host.persona.public_id, minutes=5
        )


def test_a_message_over_the_limit_is_refused(member, live, settings):
    settings.CHAT_MAX_MESSAGE_CHARS = 10
    with pytest.raises(ValidationError, match="at most 10 characters"):
        send(member, live.room, body="x" * 11)


def test_sending_too_fast_is_rate_limited_per_account(member, live, settings):
    settings.CHAT_MESSAGE_RATE = "2/m"
    send(member, live.room)
    send(member, live.room)
    with pytest.raises(RateLimited):
        send(member, live.room)
    assert Message.objects.count() == 2


def test_a_former_member_may_not_send(member, live):
    member.status = member.Status.LEFT
    member.save()
    with pytest.raises(NotAllowed):
        send(member, live.room)


def test_the_broadcast_hook_runs_once_after_commit(
    member, live, monkeypatch, django_capture_on_commit_callbacks
):
    stored = []
    monkeypatch.setattr("chat.broadcast.message_stored", stored.append)
    client_id = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        message = send(member, live.room, client_id=client_id)
        assert stored == []  # not before the commit
    with django_capture_on_commit_callbacks(execute=True):
        send(member, live.room, client_id=client_id)  # a resend announces nothing again
    assert stored == [message]


def test_a_host_removes_a_message_and_its_text_is_gone(host, member, live):
    message = send(member, live.room, body="Something hurtful")
    services.remove_message(membership=host, message=message)
    message.refresh_from_db()
    assert (message.body, message.body_html, message.removed_by) == ("", "", host.persona)
    with pytest.raises(NotAllowed):
        services.remove_message(membership=member, message=send(member, live.room))
