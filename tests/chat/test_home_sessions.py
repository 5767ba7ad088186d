"""Chat's section of the member home (issue 13): live and upcoming sessions in the member's
groups, soonest first, and nothing from groups they are not in or have left."""

import re
from datetime import timedelta

import pytest

from chat import services
from groups.models import Membership
from tests.chat.conftest import schedule
from tests.clients import client_for
from tests.factories import GroupFactory, MembershipFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def session_rows(page: str) -> list[str]:
    return re.findall(r'<li class="card session-row">.*?</li>', page, flags=re.S)


def test_the_home_lists_live_and_upcoming_sessions_of_the_members_groups(
    host, member, upcoming, live
):
    later = schedule(host, starts_in=timedelta(days=2), title="Weekend drop-in")
    elsewhere_host = MembershipFactory(group=GroupFactory(), role=Membership.Role.HOST)
    schedule(elsewhere_host, title="Not your group")
    page = page_text(client_for(member).get("/home/"))
    assert "Live chat in your groups" in page
    rows = session_rows(page)
    assert len(rows) == 3
    assert "Live now" in rows[0] or "Live now" in rows[1]
    assert "Weekend drop-in" in rows[2]
    assert f'href="{later.get_absolute_url()}"' in rows[2]
    assert all("Women in engineering" in row for row in rows)
    assert "Not your group" not in page
    # The session's host is a persona of that group: not named on a page of many spaces.
    assert "Willow Harbor" not in page


def test_ended_cancelled_and_left_groups_sessions_are_not_listed(host, member, live, upcoming):
    services.end_session(membership=host, session=live)
    services.cancel_session(membership=host, session=upcoming)
    assert "Live chat in your groups" not in page_text(client_for(member).get("/home/"))
    schedule(host, title="Still on")
    Membership.objects.filter(pk=member.pk).update(status=Membership.Status.LEFT)
    assert "Still on" not in page_text(client_for(member).get("/home/"))


def test_the_home_shows_at_most_the_setting_of_sessions(host, member, settings):
    settings.CHAT_HOME_SESSIONS = 2
    for number in range(4):
        schedule(host, starts_in=timedelta(hours=number + 1), title=f"Session {number}")
    rows = session_rows(page_text(client_for(member).get("/home/")))
    assert ["Session 0" in rows[0], "Session 1" in rows[1], len(rows)] == [True, True, 2]
