"""Flags on posts and threads: snapshot now, one open flag per reporter, per-account limit."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from community.errors import NotAllowed
from groups.models import Membership
from moderation.errors import FlagRateLimited
from moderation.models import Flag
from moderation.services import flag_content
from tests.factories import BlockFactory, GroupFactory, MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return GroupFactory(name="Retaliation after reporting", slug="retaliation")


@pytest.fixture
def author(group):
    return MembershipFactory(group=group, persona__name="Loud Jackal")


@pytest.fixture
def reporter(group):
    return MembershipFactory(group=group, persona__name="Careful Wren")


@pytest.fixture
def thread(author):
    return ThreadFactory(
        membership=author,
        title="About that manager",
        body="Here is **where he lives**.",
        content_warning="doxxing",
    )


@pytest.fixture
def post(thread):
    post = thread.posts.get()
    post.content_warning = "names a person"
    post.save()
    return post


def _flag(reporter, target, reason="personal_info", note=""):
    return flag_content(reporter=reporter.persona.account, target=target, reason=reason, note=note)


def test_a_flag_snapshots_the_post_as_it_is_now(reporter, post, author):
    flag = _flag(reporter, post, note="This shares an address.")

    snapshot = flag.snapshot
    assert flag.reason == "personal_info"
    assert flag.note == "This shares an address."
    assert flag.status == Flag.Status.OPEN
    assert flag.target == post
    assert flag.space == post.thread.group.space
    assert snapshot["author"] == {"persona": author.persona.public_id, "name": "Loud Jackal"}
    assert snapshot["body"] == "Here is **where he lives**."
    assert "<strong>where he lives</strong>" in snapshot["body_html"]
    assert snapshot["title"] == "About that manager"
    assert snapshot["content_warning"] == "names a person"
    assert snapshot["group"] == {"name": "Retaliation after reporting", "slug": "retaliation"}
    assert snapshot["url"].endswith(f"#post-{post.public_id}")
    assert snapshot["created"] == post.created.isoformat()


def test_the_snapshot_survives_the_author_editing_and_deleting_the_post(reporter, post):
    flag = _flag(reporter, post)

    post.body = "Nothing to see."
    post.body_html = "<p>Nothing to see.</p>"
    post.edited_at = timezone.now()
    post.save()
    post.body = post.body_html = ""
    post.deleted_at = timezone.now()
    post.save()

    flag.refresh_from_db()
    assert flag.snapshot["body"] == "Here is **where he lives**."
    assert "where he lives" in flag.snapshot["body_html"]


def test_the_snapshot_names_the_author_persona_and_never_the_account(reporter, post, author):
    flag = _flag(reporter, post)

    text = str(flag.snapshot)
    account = author.persona.account
    assert account.email not in text
    assert account.email.split("@")[0] not in text


def test_a_thread_can_be_flagged_with_its_opening_post(reporter, thread):
    flag = _flag(reporter, thread, reason="harassment")

    assert flag.target == thread
    assert flag.snapshot["kind"] == "thread"
    assert flag.snapshot["title"] == "About that manager"
    assert flag.snapshot["content_warning"] == "doxxing"
    assert flag.snapshot["body"] == "Here is **where he lives**."


def test_one_open_flag_per_reporter_per_target(reporter, post, group):
    first = _flag(reporter, post, note="first")
    again = _flag(reporter, post, reason="harassment", note="second")
    someone_else = _flag(MembershipFactory(group=group), post)

    assert again == first
    assert someone_else != first
    assert Flag.objects.count() == 2
    first.refresh_from_db()
    assert first.note == "first"


def test_a_closed_flag_does_not_stop_a_new_one(reporter, post):
    first = _flag(reporter, post)
    first.status = Flag.Status.DISMISSED
    first.save()

    assert _flag(reporter, post) != first


def test_flags_are_limited_per_account(reporter, author, settings):
    settings.MODERATION_FLAG_RATE = "2/h"
    threads = [ThreadFactory(membership=author, title=f"Thread {n}") for n in range(3)]

    _flag(reporter, threads[0])
    _flag(reporter, threads[1])
    with pytest.raises(FlagRateLimited, match="wait"):
        _flag(reporter, threads[2])

    assert Flag.objects.count() == 2


def test_the_limit_counts_the_account_across_its_personas(reporter, author, settings):
    settings.MODERATION_FLAG_RATE = "1/h"
    other_group = GroupFactory()
    same_account_elsewhere = MembershipFactory(
        group=other_group, persona__account=reporter.persona.account
    )
    other_thread = ThreadFactory(group=other_group)
    _flag(reporter, ThreadFactory(membership=author))

    with pytest.raises(FlagRateLimited):
        _flag(same_account_elsewhere, other_thread)


def test_a_bad_reason_or_a_long_note_is_refused(reporter, post, settings):
    settings.MODERATION_FLAG_NOTE_MAX_CHARS = 10

    with pytest.raises(ValidationError):
        _flag(reporter, post, reason="bored")
    with pytest.raises(ValidationError, match="at most 10 characters"):
        _flag(reporter, post, note="x" * 11)

    assert not Flag.objects.exists()


def test_non_members_cannot_flag(post, group):
    outsider = MembershipFactory()
    left = MembershipFactory(group=group, status=Membership.Status.LEFT)

    for membership in (outsider, left):
        with pytest.raises(NotAllowed):
            _flag(membership, post)

    assert not Flag.objects.exists()


def test_a_deleted_post_cannot_be_flagged(reporter, post):
    post.deleted_at = timezone.now()
    post.save()

    with pytest.raises(NotAllowed):
        _flag(reporter, post)


def test_the_blocker_can_still_flag_what_the_blocked_persona_wrote(reporter, post, author):
    """Harassment that goes on after a block is what moderators most need to hear about."""
    BlockFactory(blocker=reporter.persona.account, persona=author.persona)

    flag = _flag(reporter, post)

    assert flag.snapshot["author"]["name"] == "Loud Jackal"
    assert Flag.objects.filter(reporter=reporter.persona.account).count() == 1
