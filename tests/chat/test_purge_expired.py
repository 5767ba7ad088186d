"""Chat history is deleted CHAT_RETENTION_DAYS after its session finished, from cron safely."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from chat import services
from chat.models import ChatSession, Message
from tests.chat.conftest import send

pytestmark = pytest.mark.django_db


def age(session: ChatSession, days: int) -> None:
    """Pretend the session ended `days` ago."""
    ended = timezone.now() - timedelta(days=days)
    ChatSession.objects.filter(pk=session.pk).update(ended_at=ended, ends_at=ended)


def test_purge_deletes_old_history_in_batches_and_keeps_recent(host, member, live, settings):
    settings.CHAT_MESSAGE_RATE = "100/m"
    for number in range(5):
        send(member, live.room, body=f"old {number}")
    quiet = services.accept_quiet_room(
        membership=host,
        request=services.request_quiet_room(
            account=member.persona.account, membership=member, session=live
        ),
    )
    send(member, quiet, body="quiet and old")
    recent = services.open_session(
        membership=host,
        session=services.schedule_session(
            membership=host,
            group=host.group,
            title="Recent",
            starts_at=live.starts_at,
            ends_at=live.ends_at,
        ),
    )
    kept = send(member, recent.room, body="recent")
    age(live, days=31)
    age(recent, days=29)
    assert services.purge_expired(batch_size=2) == 6
    assert list(Message.objects.all()) == [kept]


def test_the_command_prints_a_count_and_a_second_run_finds_nothing(member, live):
    send(member, live.room)
    age(live, days=31)
    first, second = StringIO(), StringIO()
    call_command("purge_expired", stdout=first)
    call_command("purge_expired", stdout=second)
    assert "Deleted 1 chat messages older than 30 days." in first.getvalue()
    assert "Deleted 0 chat messages" in second.getvalue()


def test_a_live_session_is_never_purged(member, live):
    send(member, live.room)
    assert services.purge_expired() == 0
    assert Message.objects.count() == 1
