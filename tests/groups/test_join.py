from datetime import timedelta

import pytest
from django.utils import timezone

from community.models import Notification, Persona
from groups.models import Group, JoinRequest, Membership
from tests.factories import (
    AccountFactory,
    GroupFactory,
    JoinRequestFactory,
    MembershipFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def join_data(**fields):
    return {"name": "Steady Otter 12", "accept_guidelines": "on", **fields}


def test_the_join_form_suggests_a_name_and_shows_the_guidelines(member_client, group):
    response = member_client.get(f"/groups/{group.slug}/join/")
    assert response.status_code == 200
    assert "Be kind. What is said here stays here." in response.content.decode()
    assert response.context["form"].initial["name"]


def test_joining_an_open_group_makes_you_a_member_at_once(member_client, account, group):
    response = member_client.post(f"/groups/{group.slug}/join/", join_data(), follow=True)
    assert "Welcome to <bdi>Women in engineering</bdi>." in response.content.decode()
    membership = Membership.objects.get(persona__account=account, group=group)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.persona.name == "Steady Otter 12"


def test_an_invalid_name_re_renders_the_form_with_the_text_kept(member_client, group):
    response = member_client.post(f"/groups/{group.slug}/join/", join_data(name="Al"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "characters long" in page
    assert 'value="Al"' in page
    assert not Membership.objects.filter(group=group).exists()


def test_a_name_taken_in_the_group_is_refused(member_client, group):
    MembershipFactory(group=group, persona__name="Steady Otter 12")
    response = member_client.post(f"/groups/{group.slug}/join/", join_data())
    assert "That name is taken here" in response.content.decode()


def test_the_guidelines_must_be_accepted(member_client, group):
    response = member_client.post(f"/groups/{group.slug}/join/", {"name": "Steady Otter 12"})
    assert "Please read and accept the guidelines." in response.content.decode()
    assert not Persona.objects.filter(space=group.space).exists()


def test_an_approval_group_queues_a_request_with_the_answer(member_client, account):
    group = GroupFactory(join_policy=Group.JoinPolicy.APPROVAL, join_question="Why this group?")
    response = member_client.post(
        f"/groups/{group.slug}/join/", join_data(answer="I reported my manager."), follow=True
    )
    assert "waiting for one of the hosts" in response.content.decode()
    request = JoinRequest.objects.get(group=group)
    assert request.status == JoinRequest.Status.PENDING
    assert request.answer == "I reported my manager."
    assert not Membership.objects.filter(group=group).exists()


def test_an_over_long_answer_keeps_its_text_and_says_why(member_client, settings):
    settings.GROUPS_MAX_JOIN_ANSWER_CHARS = 20
    group = GroupFactory(join_policy=Group.JoinPolicy.APPROVAL, join_question="Why?")
    answer = "This answer is certainly longer than twenty characters."
    response = member_client.post(f"/groups/{group.slug}/join/", join_data(answer=answer))
    page = response.content.decode()
    assert "at most 20 characters" in page
    assert answer in page
    assert not JoinRequest.objects.exists()


def test_hosts_see_persona_and_answer_but_never_the_account(client, group):
    group.join_policy = Group.JoinPolicy.APPROVAL
    group.save()
    host = MembershipFactory(group=group, role=Membership.Role.HOST)
    applicant = JoinRequestFactory(
        group=group, persona__name="Hopeful Wren 7", answer="I need people who get it."
    ).persona
    client.force_login(host.persona.account)
    page = page_text(client.get(f"/groups/{group.slug}/requests/"))
    assert "Hopeful Wren 7" in page
    assert "I need people who get it." in page
    assert applicant.account.email not in page


def test_an_approved_applicant_becomes_a_member_and_is_told(client, group):
    group.join_policy = Group.JoinPolicy.APPROVAL
    group.save()
    host = MembershipFactory(group=group, role=Membership.Role.HOST)
    request = JoinRequestFactory(group=group)
    applicant = request.persona
    client.force_login(host.persona.account)
    client.post(f"/groups/{group.slug}/requests/{request.public_id}/approve/")
    assert Membership.objects.get(persona=applicant).status == Membership.Status.ACTIVE
    note = Notification.objects.get(account=applicant.account)
    assert "was approved" in note.text
    assert note.kind == "join_decision"


def test_a_declined_applicant_is_told_and_may_not_ask_again_too_soon(client, group, settings):
    settings.GROUPS_REAPPLY_DAYS = 30
    group.join_policy = Group.JoinPolicy.APPROVAL
    group.save()
    host = MembershipFactory(group=group, role=Membership.Role.HOST)
    request = JoinRequestFactory(group=group)
    applicant = request.persona
    client.force_login(host.persona.account)
    client.post(f"/groups/{group.slug}/requests/{request.public_id}/decline/")
    assert "not accepted" in Notification.objects.get(account=applicant.account).text
    assert not Membership.objects.filter(persona=applicant).exists()

    client.force_login(applicant.account)
    response = client.post(f"/groups/{group.slug}/join/", join_data())
    assert "You can ask again from" in response.content.decode()
    assert JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count() == 0


def test_a_declined_applicant_may_ask_again_after_the_wait(client, group, settings):
    settings.GROUPS_REAPPLY_DAYS = 30
    group.join_policy = Group.JoinPolicy.APPROVAL
    group.save()
    applicant = JoinRequestFactory(
        group=group,
        persona__name="Hopeful Wren 7",
        status=JoinRequest.Status.DECLINED,
        decided_at=timezone.now() - timedelta(days=31),
    ).persona
    client.force_login(applicant.account)
    client.post(f"/groups/{group.slug}/join/", join_data())
    pending = JoinRequest.objects.get(status=JoinRequest.Status.PENDING)
    assert pending.persona == applicant  # the same persona, not a second one


def test_a_second_request_while_one_is_pending_is_not_made(member_client, account):
    group = GroupFactory(join_policy=Group.JoinPolicy.APPROVAL)
    member_client.post(f"/groups/{group.slug}/join/", join_data())
    response = member_client.get(f"/groups/{group.slug}/join/", follow=True)
    assert "waiting for one of the hosts" in response.content.decode()
    assert JoinRequest.objects.count() == 1


def test_an_invite_only_group_is_joined_through_its_link(member_client, account):
    group = GroupFactory(join_policy=Group.JoinPolicy.INVITE)
    assert member_client.post(f"/groups/{group.slug}/join/", join_data()).status_code == 404
    member_client.post(f"/groups/join/{group.invite_token}/", join_data())
    assert Membership.objects.get(persona__account=account).group == group


def test_an_old_invite_link_stops_working_once_regenerated(member_client, staff):
    group = GroupFactory(visibility=Group.Visibility.UNLISTED)
    old_token = group.invite_token
    from django.test import Client

    staff_client = Client()
    staff_client.force_login(staff)
    staff_client.post(f"/groups/manage/{group.slug}/invite/", {"confirm": "yes"})
    assert member_client.get(f"/groups/join/{old_token}/").status_code == 404
    group.refresh_from_db()
    assert member_client.get(f"/groups/join/{group.invite_token}/").status_code == 200


def test_leaving_and_rejoining_keeps_the_same_persona(member_client, account, group):
    member_client.post(f"/groups/{group.slug}/join/", join_data())
    member_client.post(f"/groups/{group.slug}/leave/")
    membership = Membership.objects.get(persona__account=account)
    assert membership.status == Membership.Status.LEFT
    page = member_client.get(f"/groups/{group.slug}/join/").content.decode()
    assert "be <strong><bdi>Steady Otter 12</bdi></strong> here" in page
    member_client.post(f"/groups/{group.slug}/join/", {"accept_guidelines": "on"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert Persona.objects.filter(account=account, space=group.space).count() == 1


def test_joins_are_rate_limited_per_account_with_a_clear_message(member_client, settings):
    settings.GROUPS_JOIN_RATE = "2/h"
    groups = [GroupFactory() for _ in range(3)]
    for number, group in enumerate(groups[:2]):
        # A name of its own in each group: the same one twice is stopped by a warning.
        member_client.post(f"/groups/{group.slug}/join/", join_data(name=f"Still Lake {number}"))
    response = member_client.post(f"/groups/{groups[2].slug}/join/", join_data())
    assert "many groups just now (2 per hour)" in response.content.decode()
    assert Membership.objects.count() == 2
    # The form kept what was typed, and no persona was left behind.
    assert 'value="Steady Otter 12"' in response.content.decode()
    assert not Persona.objects.filter(space=groups[2].space).exists()


def test_anonymous_visitors_are_sent_to_log_in_before_joining(client, group):
    response = client.get(f"/groups/{group.slug}/join/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_second_account_cannot_take_over_a_persona_by_rejoining(client, group):
    first = AccountFactory()
    client.force_login(first)
    client.post(f"/groups/{group.slug}/join/", join_data())
    client.force_login(AccountFactory())
    response = client.post(f"/groups/{group.slug}/join/", join_data())
    assert "That name is taken here" in response.content.decode()


def test_hosts_are_told_a_request_is_waiting_without_being_told_who(member_client, account):
    group = GroupFactory(join_policy=Group.JoinPolicy.APPROVAL)
    host = MembershipFactory(group=group, role=Membership.Role.HOST)
    response = member_client.post(f"/groups/{group.slug}/join/", join_data())
    assert response.status_code == 302
    note = Notification.objects.get(account=host.persona.account)
    assert note.kind == "join_request"
    assert note.url == f"/groups/{group.slug}/requests/"
    assert account.email not in note.text and "Steady Otter 12" not in note.text
