"""Length limits hold in the services, not only in the forms: a consumer, a command or a
future API calling the service directly gets the same refusal, and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError

from groups.models import Post, Thread
from groups.services import posts as post_services
from tests.factories import MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.GROUPS_MAX_TITLE_CHARS = 20
    settings.GROUPS_MAX_POST_CHARS = 50
    settings.GROUPS_MAX_CONTENT_WARNING_CHARS = 10


@pytest.fixture
def member():
    return MembershipFactory()


def start(member, **fields):
    values = {"title": "A short title", "body": "A short body", "content_warning": ""} | fields
    return post_services.create_thread(
        account=member.persona.account, membership=member, group=member.group, **values
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "t" * 21), ("body", "b" * 51), ("content_warning", "c" * 11)],
)
def test_starting_a_thread_with_an_over_long_field_is_refused(member, field, value):
    with pytest.raises(ValidationError) as refusal:
        start(member, **{field: value})
    assert "at most" in str(refusal.value.message_dict[field])
    assert not Thread.objects.exists()


def test_a_field_at_its_limit_is_accepted(member):
    thread = start(member, title="t" * 20, body="b" * 50, content_warning="c" * 10)
    assert thread.posts.get().body == "b" * 50


@pytest.mark.parametrize(("field", "value"), [("body", "b" * 51), ("content_warning", "c" * 11)])
def test_an_over_long_reply_is_refused(member, field, value):
    thread = ThreadFactory(membership=member)
    values = {"body": "A reply", "content_warning": ""} | {field: value}
    with pytest.raises(ValidationError):
        post_services.create_post(
            account=member.persona.account, membership=member, thread=thread, **values
        )
    assert Post.objects.filter(thread=thread).count() == 1


def test_an_edit_past_the_limit_is_refused_and_keeps_the_old_text(member):
    post = ThreadFactory(membership=member, body="Before").posts.get()
    with pytest.raises(ValidationError):
        post_services.edit_post(membership=member, post=post, body="b" * 51)
    post.refresh_from_db()
    assert post.body == "Before"
