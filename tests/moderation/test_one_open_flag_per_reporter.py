"""One open flag per reporter per target, held by the database itself, not only by a lock:
a second open flag cannot be stored, and a request that loses the race gets the open flag."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from moderation import services
from moderation.models import Flag
from tests.factories import GroupFactory, MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_and_reporter():
    group = GroupFactory(name="Founders and contractors", slug="founders")
    thread = ThreadFactory(
        membership=MembershipFactory(group=group, persona__name="Pushy Stoat"),
        body="Give me their address.",
    )
    return thread.posts.get(), MembershipFactory(
        group=group, persona__name="Watchful Owl"
    ).persona.account


def _row(post, reporter, status=Flag.Status.OPEN):
    return Flag(
        reporter=reporter,
        content_type=ContentType.objects.get_for_model(post),
        object_id=post.pk,
        reason="harassment",
        snapshot={},
        status=status,
    )


def test_the_database_refuses_a_second_open_flag_by_the_same_reporter(post_and_reporter):
    post, reporter = post_and_reporter
    _row(post, reporter).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(post, reporter).save()


def test_a_closed_flag_does_not_stop_a_new_open_one(post_and_reporter):
    post, reporter = post_and_reporter
    _row(post, reporter, status=Flag.Status.DISMISSED).save()
    _row(post, reporter).save()
    assert Flag.objects.filter(reporter=reporter).count() == 2


def test_a_request_that_loses_the_race_gets_the_open_flag_instead_of_an_error(
    post_and_reporter, monkeypatch
):
    post, reporter = post_and_reporter
    first = _row(post, reporter)
    first.save()
    real_lookup = services._open_flag
    calls = []

    def lookup_before_the_other_request_committed(**kwargs):
        # The first look happens before the other request's flag is visible.
        calls.append(kwargs)
        return None if len(calls) == 1 else real_lookup(**kwargs)

    monkeypatch.setattr(services, "_open_flag", lookup_before_the_other_request_committed)
    flag = services.flag_content(reporter=reporter, target=post, reason="threat")
    assert flag == first
    assert Flag.objects.filter(reporter=reporter, status=Flag.Status.OPEN).count() == 1
