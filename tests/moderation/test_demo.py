"""seed_demo gives the demo moderator a queue that is not empty, and lists the flags in --json
by public id and reason, never by reporter."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from community.models import Account
from moderation.models import Flag, ReviewItem
from moderation.selectors import nav_entry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("debug_on")]


def seed_demo() -> dict:
    stdout = StringIO()
    call_command("seed_demo", "--json", stdout=stdout)
    return json.loads(stdout.getvalue())


def test_the_demo_moderators_queue_has_the_listed_flags_and_no_reporter_in_the_json():
    data = seed_demo()
    flags = data["flags"]
    assert len(flags) == 3
    assert all(set(entry) == {"public_id", "reason", "item"} for entry in flags)
    reporter = Account.objects.get(email="member@demo.lantern.test")
    assert "member@demo" not in json.dumps(flags)
    assert str(reporter.pk) not in {entry["public_id"] for entry in flags}
    moderator = Account.objects.get(email="moderator@demo.lantern.test")
    assert nav_entry(moderator) == {"open": ReviewItem.objects.count()}
    assert ReviewItem.objects.count() == 3


def test_the_demo_flags_one_of_each_kind_first_a_name_among_them():
    seed_demo()
    kinds = list(ReviewItem.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["post", "thread", "persona"]
    reporter = Account.objects.get(email="member@demo.lantern.test")
    name_flag = Flag.objects.get(item__kind="persona")
    assert name_flag.snapshot["author"]["persona"] not in set(
        reporter.personas.values_list("public_id", flat=True)
    )


def test_seeding_twice_makes_no_second_flag():
    first = seed_demo()["flags"]
    again = seed_demo()["flags"]
    assert first == again
    assert Flag.objects.count() == 3
