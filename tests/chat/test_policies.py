"""When a session is live: opened by the host, or between its start and end, until ended."""

from datetime import timedelta

from django.utils import timezone

from chat.models import ChatSession
from chat.policies import has_finished, is_live

NOW = timezone.now()


def session(**fields) -> ChatSession:
    defaults = {"starts_at": NOW + timedelta(hours=1), "ends_at": NOW + timedelta(hours=3)}
    return ChatSession(**{**defaults, **fields})


def test_a_session_before_its_start_is_not_live():
    assert not is_live(session(), NOW)
    assert not has_finished(session(), NOW)


def test_a_session_the_host_opened_early_is_live():
    assert is_live(session(opened_at=NOW), NOW)


def test_a_session_is_live_from_its_start_time_by_itself():
    assert is_live(session(), NOW + timedelta(hours=1))
    assert is_live(session(), NOW + timedelta(hours=2, minutes=59))


def test_a_session_is_not_live_at_or_after_its_end_time_even_if_opened():
    assert not is_live(session(opened_at=NOW), NOW + timedelta(hours=3))
    assert has_finished(session(), NOW + timedelta(hours=3))


def test_an_ended_or_cancelled_session_is_not_live():
    assert not is_live(session(opened_at=NOW, ended_at=NOW), NOW + timedelta(minutes=1))
    assert not is_live(session(cancelled_at=NOW), NOW + timedelta(hours=2))
    assert has_finished(session(ended_at=NOW), NOW)
