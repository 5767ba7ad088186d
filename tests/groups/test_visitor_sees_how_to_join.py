import pytest
from django.test import Client

from groups.models import Group
from tests.factories import GroupFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_a_logged_out_visitor_is_shown_how_to_join_an_open_group(client: Client, group):
    page = client.get(f"/groups/{group.slug}/").content.decode()
    next_part = f"?next=/groups/{group.slug}/join/"
    assert "To join," in page
    assert f'href="/accounts/login/{next_part}"' in page
    assert f'href="/accounts/signup/{next_part}"' in page


def test_a_logged_out_visitor_is_not_invited_to_join_an_invite_only_group(client: Client):
    group = GroupFactory(join_policy=Group.JoinPolicy.INVITE)
    page = page_text(client.get(f"/groups/{group.slug}/"))
    assert "To join," not in page
    assert "joined by invite link only" in page
