"""Declining a join request takes a second step that says what it means (the applicant waits
GROUPS_REAPPLY_DAYS before asking again), so a misclick does not lock someone out."""

import re

import pytest

from groups.models import Group, Membership
from tests.factories import GroupFactory, JoinRequestFactory, MembershipFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_the_decline_button_sits_behind_an_explanation(client, settings):
    settings.GROUPS_REAPPLY_DAYS = 30
    group = GroupFactory(join_policy=Group.JoinPolicy.APPROVAL)
    host = MembershipFactory(group=group, role=Membership.Role.HOST)
    JoinRequestFactory(group=group, persona__name="Hopeful Wren")
    client.force_login(host.persona.account)
    page = page_text(client.get(f"/groups/{group.slug}/requests/"))
    details = re.search(r'<details class="confirm-decline">(.*?)</details>', page, re.S)
    assert details, "the decline form should be inside a <details> second step"
    assert "/decline/" in details.group(1)
    assert "can ask again after 30 days" in details.group(1)
    outside = page.replace(details.group(0), "")
    assert "/decline/" not in outside
