"""The chat pages as members and hosts use them: the group page's sessions, scheduling with
errors that keep the text, the session page and its controls, the calendar file."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chat.models import ChatSession, Message, Mute, QuietRoomRequest
from tests.chat.conftest import schedule, send
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_the_group_page_lists_live_and_upcoming_sessions_with_the_warning_folded(
    client, host, member
):
    live = schedule(host, title="Live one", starts_in=timedelta(minutes=-5))
    schedule(host, title="Later one", content_warning="job loss")
    client.force_login(member.persona.account)
    text = page_text(client.get(f"/groups/{host.group.slug}/"))
    assert "Live one" in text and "Live now" in text and "Later one" in text
    assert '<details class="content-warning">' in text and "job loss" in text
    assert live.get_absolute_url() in text
    assert "Schedule a session" not in text  # members don't schedule


def test_a_host_schedules_from_the_form_in_utc(client, host):
    client.force_login(host.persona.account)
    form_page = page_text(client.get(f"/chat/{host.group.slug}/sessions/new/"))
    assert "Starts (UTC)" in form_page
    starts = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    response = client.post(
        f"/chat/{host.group.slug}/sessions/new/",
        {
            "title": "After reporting: what now?",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "capacity": 30,
        },
    )
    session = ChatSession.objects.get()
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    assert session.starts_at == starts


def test_a_schedule_with_errors_comes_back_with_the_text(client, host):
    client.force_login(host.persona.account)
    response = client.post(
        f"/chat/{host.group.slug}/sessions/new/",
        {
            "title": "Kept title",
            "description": "Kept description",
            "starts_at": "2099-01-01T20:00",
            "ends_at": "2099-01-01T19:00",
            "capacity": 30,
        },
    )
    text = page_text(response, status=400)
    assert "The end must be after the start." in text
    assert "Kept title" in text and "Kept description" in text
    assert ChatSession.objects.count() == 0


def test_members_get_404_for_the_schedule_form(client, member):
    client.force_login(member.persona.account)
    assert client.get(f"/chat/{member.group.slug}/sessions/new/").status_code == 404


def test_the_session_page_shows_details_and_the_transcript_read_only(client, host, member, live):
    send(member, live.room, body="Feeling **better**", content_warning="panic")
    client.force_login(member.persona.account)
    text = page_text(client.get(live.get_absolute_url()))
    assert "Tuesday evening check-in" in text and "Willow Harbor" in text
    assert "Live now" in text and "<strong>better</strong>" in text
    assert "Content warning: <bdi>panic</bdi>" in text
    assert "End the session" not in text  # host controls are for hosts


def test_a_host_ends_removes_and_mutes_from_the_page(client, host, member, live):
    message = send(member, live.room, body="Not okay")
    client.force_login(host.persona.account)
    room_url = live.get_absolute_url()
    assert "End the session" in page_text(client.get(room_url))
    client.post(f"{room_url}mute/", {"persona": member.persona.public_id, "minutes": 30})
    assert Mute.objects.get().persona == member.persona
    client.post(f"{room_url}messages/{message.pk}/remove/")
    assert Message.objects.get().removed_at is not None
    client.post(f"{room_url}end/")
    live.refresh_from_db()
    assert live.ended_at is not None
    assert "Ended" in page_text(client.get(room_url))


def test_a_member_posting_host_controls_gets_404(client, member, live):
    message = send(member, live.room)
    client.force_login(member.persona.account)
    room_url = live.get_absolute_url()
    assert client.post(f"{room_url}end/").status_code == 404
    assert client.post(f"{room_url}messages/{message.pk}/remove/").status_code == 404
    assert client.post(f"{room_url}mute/", {"persona": "x", "minutes": 5}).status_code == 404
    live.refresh_from_db()
    assert live.ended_at is None


def test_a_quiet_room_is_asked_for_and_opened_through_the_pages(client, host, member, live):
    client.force_login(member.persona.account)
    client.post(f"{live.get_absolute_url()}quiet-room/")
    request = QuietRoomRequest.objects.get()
    client.force_login(host.persona.account)
    assert "Quiet room requests" in page_text(client.get(live.get_absolute_url()))
    response = client.post(f"{live.get_absolute_url()}quiet-room/{request.public_id}/accept/")
    request.refresh_from_db()
    assert response["Location"] == request.room.get_absolute_url()
    client.force_login(member.persona.account)
    assert "go to the quiet room" in page_text(client.get(live.get_absolute_url()))


def test_the_calendar_file_has_title_times_and_link_but_no_person(client, host, member):
    session = schedule(host, title="Check-in; with commas, too")
    client.force_login(member.persona.account)
    response = client.get(f"{session.get_absolute_url()}calendar.ics")
    text = page_text(response)
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Check-in\\; with commas\\, too" in text
    assert f"DTSTART:{session.starts_at.strftime('%Y%m%dT%H%M%SZ')}" in text
    assert "\r\n" in text and session.room.public_id in text
    for person in ("Willow Harbor", "Steady Otter", host.persona.account.email, "ORGANIZER"):
        assert person not in text


@pytest.mark.parametrize("count", [5, 50])
def test_the_session_page_runs_a_fixed_number_of_queries(
    client, settings, host, member, live, count, django_assert_num_queries
):
    settings.CHAT_MESSAGE_RATE = "1000/m"
    for number in range(count):
        send(member if number % 2 else host, live.room, body=f"message {number}")
    client.force_login(member.persona.account)
    # session, user, room (with group and session), persona with membership, blocks,
    # messages, the member's quiet-room request, the bell's count
    with django_assert_num_queries(8):
        response = client.get(live.get_absolute_url())
    assert len(response.context["transcript"]) == count


def test_names_in_a_group_rooms_transcript_link_to_their_page_in_the_group(
    client, host, member, live
):
    send(member, live.room, body="Hello all")
    client.force_login(host.persona.account)
    text = page_text(client.get(live.get_absolute_url()))
    person = f"/groups/{member.group.slug}/people/{member.persona.public_id}/"
    assert f'<a class="persona-name" href="{person}"><bdi>' in text
    # The page is there for the host, in the group; chat messages are not among its posts.
    assert "Hello all" not in page_text(client.get(person))
