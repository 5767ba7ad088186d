"""Asking to join tells a non-member nothing about which names exist in a group (issue 8 §3).

Pending applicants' names are not reserved; a clash is found when a host approves, and then
the applicant chooses another name. Every join attempt counts toward GROUPS_JOIN_RATE, so
even the "name taken" of an open group can only be asked a few times.
"""

import pytest
from django.test import Client

from community.models import Notification, Persona
from groups.models import Group, JoinRequest, Membership
from groups.services import membership as membership_services
from tests.factories import AccountFactory, GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db

TAKEN = "That name is taken here"


@pytest.fixture
def approval_group():
    return GroupFactory(
        name="Night shift", slug="night-shift", join_policy=Group.JoinPolicy.APPROVAL
    )


@pytest.fixture
def host(approval_group):
    return MembershipFactory(group=approval_group, role=Membership.Role.HOST)


def client_of(account) -> Client:
    client = Client()
    client.force_login(account)
    return client


def ask_to_join(client, group, name):
    return client.post(
        f"/groups/{group.slug}/join/", {"name": name, "accept_guidelines": "on"}, follow=True
    )


def request_of(account, group) -> JoinRequest:
    return JoinRequest.objects.get(group=group, persona__account=account)


def approve(host, request):
    return client_of(host.persona.account).post(
        f"/groups/{request.group.slug}/requests/{request.public_id}/approve/", follow=True
    )


def test_asking_with_a_members_name_is_answered_like_any_other_name(approval_group):
    MembershipFactory(group=approval_group, persona__name="Silent Willow 7")
    taken = ask_to_join(client_of(AccountFactory()), approval_group, "Silent Willow 7")
    fresh = ask_to_join(client_of(AccountFactory()), approval_group, "Nobody Here 8")

    assert taken.status_code == fresh.status_code == 200
    assert taken.redirect_chain == fresh.redirect_chain
    assert TAKEN not in taken.content.decode()
    assert "Your request is waiting for one of the hosts" in taken.content.decode()
    assert JoinRequest.objects.filter(group=approval_group).count() == 2


def test_a_pending_applicants_name_is_not_reserved(approval_group):
    first, second = AccountFactory(), AccountFactory()
    ask_to_join(client_of(first), approval_group, "Brave Finch 31")
    response = ask_to_join(client_of(second), approval_group, "brave finch 31")

    assert response.status_code == 200
    assert TAKEN not in response.content.decode()
    assert request_of(second, approval_group).status == JoinRequest.Status.PENDING


def test_a_name_taken_at_approval_asks_the_applicant_for_another(approval_group, host):
    first, second = AccountFactory(), AccountFactory()
    ask_to_join(client_of(first), approval_group, "Brave Finch 31")
    ask_to_join(client_of(second), approval_group, "Brave Finch 31")
    approve(host, request_of(second, approval_group))

    response = approve(host, request_of(first, approval_group))

    assert "asked to choose another" in response.content.decode()
    waiting = request_of(first, approval_group)
    assert waiting.status == JoinRequest.Status.PENDING and waiting.waiting_for_name
    assert not Membership.objects.filter(persona__account=first, group=approval_group).exists()
    queue = client_of(host.persona.account).get(f"/groups/{approval_group.slug}/requests/")
    assert "Waiting for the applicant to choose another name" in queue.content.decode()
    note = Notification.objects.get(account=first, url="/groups/night-shift/join/name/")
    assert "Choose another name" in note.text


def test_the_applicant_chooses_another_name_and_is_in(approval_group, host):
    first, second = AccountFactory(), AccountFactory()
    ask_to_join(client_of(first), approval_group, "Brave Finch 31")
    ask_to_join(client_of(second), approval_group, "Brave Finch 31")
    approve(host, request_of(second, approval_group))
    approve(host, request_of(first, approval_group))
    client = client_of(first)

    page = client.get("/groups/night-shift/")
    assert "Choose another name" in page.content.decode()
    again = client.post("/groups/night-shift/join/name/", {"name": "Brave Finch 31"})
    assert again.status_code == 200
    assert TAKEN in again.content.decode()
    done = client.post("/groups/night-shift/join/name/", {"name": "Quiet Lark 4"}, follow=True)

    assert "Welcome to <bdi>Night shift</bdi>." in done.content.decode()
    membership = Membership.objects.get(persona__account=first, group=approval_group)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.persona.name == "Quiet Lark 4"
    assert request_of(first, approval_group).status == JoinRequest.Status.APPROVED


def test_the_choose_name_page_is_404_for_anyone_not_asked(approval_group, host):
    applicant = AccountFactory()
    ask_to_join(client_of(applicant), approval_group, "Brave Finch 31")
    waiting_for_host = client_of(applicant).get("/groups/night-shift/join/name/")
    stranger = client_of(AccountFactory()).get("/groups/night-shift/join/name/")
    member = client_of(host.persona.account).get("/groups/night-shift/join/name/")
    assert waiting_for_host.status_code == stranger.status_code == member.status_code == 404


def test_an_approved_name_is_reserved_from_then_on(approval_group, host):
    applicant = AccountFactory()
    ask_to_join(client_of(applicant), approval_group, "Brave Finch 31")
    approve(host, request_of(applicant, approval_group))
    staff = AccountFactory(is_staff=True)
    Group.objects.filter(pk=approval_group.pk).update(join_policy=Group.JoinPolicy.OPEN)

    response = ask_to_join(client_of(staff), approval_group, "Brave Finch 31")
    assert TAKEN in response.content.decode()


def test_every_join_attempt_counts_toward_the_join_rate(settings):
    settings.GROUPS_JOIN_RATE = "3/h"
    group = GroupFactory()
    MembershipFactory(group=group, persona__name="Silent Willow 7")
    client = client_of(AccountFactory())

    answers = [ask_to_join(client, group, "Silent Willow 7").content.decode() for _ in range(4)]

    assert all(TAKEN in answer for answer in answers[:3])
    assert TAKEN not in answers[3]
    assert "many groups just now (3 per hour)" in answers[3]


def test_a_refused_name_then_a_good_one_share_one_limit(settings):
    settings.GROUPS_JOIN_RATE = "2/h"
    group = GroupFactory()
    MembershipFactory(group=group, persona__name="Silent Willow 7")
    account = AccountFactory()
    client = client_of(account)
    ask_to_join(client, group, "Silent Willow 7")
    ask_to_join(client, group, "Silent Willow 8")
    ask_to_join(client, GroupFactory(), "Silent Willow 9")
    assert Membership.objects.filter(persona__account=account).count() == 1


def test_a_declined_applicant_may_ask_again_under_another_name(approval_group, host, settings):
    settings.GROUPS_REAPPLY_DAYS = 0
    applicant = AccountFactory()
    ask_to_join(client_of(applicant), approval_group, "Brave Finch 31")
    membership_services.decide_request(
        account=host.persona.account,
        membership=host,
        request=request_of(applicant, approval_group),
        approve=False,
    )
    form = client_of(applicant).get("/groups/night-shift/join/")
    assert 'value="Brave Finch 31"' in form.content.decode()  # offered again, and editable
    ask_to_join(client_of(applicant), approval_group, "Other Name 5")
    persona = Persona.objects.get(account=applicant, space=approval_group.space)
    assert persona.name == "Other Name 5"
