import pytest
from django.test import Client

from tests.factories import GroupFactory, MembershipFactory, PostFactory, ThreadFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_the_flag_form_offers_a_way_back_to_the_post_without_flagging():
    group = GroupFactory()
    reader = MembershipFactory(group=group)
    thread = ThreadFactory(group=group)
    post = PostFactory(thread=thread)
    client = Client()
    client.force_login(reader.persona.account)
    page = page_text(client.get(f"/moderation/flag/post/{post.public_id}/"))
    back = f"/groups/{group.slug}/threads/{thread.public_id}/?page=1#post-{post.public_id}"
    assert f'<a href="{back}">Cancel</a>' in page
