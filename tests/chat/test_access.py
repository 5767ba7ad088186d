"""Every chat page is a 404 to whoever may not read inside the room: the same answer as for a
room that does not exist, staff included."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from chat import services
from chat.access import access_message, access_room
from groups.models import Membership
from tests.chat.conftest import send
from tests.factories import AccountFactory, GroupFactory, JoinRequestFactory, MembershipFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def room_paths(room, slug=None):
    base = f"/chat/{slug or room.group.slug}/rooms/{room.public_id}/"
    return [base, base + "calendar.ics", base + "edit/"]


def outsiders(group):
    left = MembershipFactory(group=group, status=Membership.Status.LEFT)
    return {
        "non-member": AccountFactory(),
        "pending applicant": JoinRequestFactory(group=group).persona.account,
        "left member": left.persona.account,
        "staff non-member": AccountFactory(is_staff=True),
    }


def test_outsiders_get_404_on_every_room_page(client, live):
    for who, account in outsiders(live.room.group).items():
        client.force_login(account)
        for path in room_paths(live.room):
            assert client.get(path).status_code == 404, (who, path)
        with pytest.raises(Http404):
            access_room(account, live.room.public_id)


def test_a_visitor_gets_404(client, live):
    for path in room_paths(live.room):
        assert client.get(path).status_code == 404
    with pytest.raises(Http404):
        access_room(AnonymousUser(), live.room.public_id)


def test_a_room_reached_through_another_groups_slug_is_404(client, member, live):
    other = GroupFactory(slug="founders")
    MembershipFactory(group=other, persona__account=member.persona.account)
    client.force_login(member.persona.account)
    assert client.get(room_paths(live.room)[0]).status_code == 200
    assert client.get(room_paths(live.room, slug="founders")[0]).status_code == 404


def test_a_member_reads_the_room_and_its_messages(member, live):
    message = send(member, live.room)
    room, membership = access_room(member.persona.account, live.room.public_id)
    assert (room, membership) == (live.room, member)
    assert access_message(member.persona.account, str(message.pk))[0] == message


def test_messages_are_404_to_outsiders_and_through_another_room(member, host, live):
    message = send(member, live.room)
    with pytest.raises(Http404):
        access_message(AccountFactory(), message.pk)
    with pytest.raises(Http404):
        access_message(member.persona.account, "not-a-number")
    other_room = services.open_session(
        membership=host,
        session=services.schedule_session(
            membership=host,
            group=host.group,
            title="Another",
            starts_at=live.starts_at,
            ends_at=live.ends_at,
        ),
    ).room
    with pytest.raises(Http404):
        access_message(member.persona.account, message.pk, room=other_room)


def test_a_quiet_room_is_404_to_every_other_member(client, host, member, other_member, live):
    request = services.request_quiet_room(
        account=member.persona.account, membership=member, session=live
    )
    quiet = services.accept_quiet_room(membership=host, request=request)
    for insider in (host, member):
        client.force_login(insider.persona.account)
        assert "Quiet room" in page_text(client.get(quiet.get_absolute_url()))
    client.force_login(other_member.persona.account)
    assert client.get(quiet.get_absolute_url()).status_code == 404
    # ...and the session page does not mention it to them.
    text = page_text(client.get(live.get_absolute_url()))
    assert "Steady Otter" not in text and "quiet room is open" not in text
