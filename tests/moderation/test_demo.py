"""seed_demo shows all of moderation: the demo moderator's queue has flags and held content,
an appeal waits for them (and one they decided), the site and a group have word list entries,
and the public transparency page has last month's figures. --json lists what was made by
public ids, never by reporter or account; running it twice doubles nothing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from community.models import Account
from moderation.models import (
    Action,
    Appeal,
    AuditEntry,
    Flag,
    HeldContent,
    ReviewItem,
    WordListEntry,
)
from moderation.selectors import nav_entry
from tests.pages import page_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("debug_on")]

MODELS = (Flag, ReviewItem, Action, Appeal, AuditEntry, HeldContent, WordListEntry)


def seed_demo() -> dict:
    stdout = StringIO()
    call_command("seed_demo", "--json", stdout=stdout)
    return json.loads(stdout.getvalue())


def demo_client(name: str) -> Client:
    client = Client()
    client.force_login(Account.objects.get(email=f"{name}@demo.lantern.test"))
    return client


def test_the_demo_moderators_queue_has_the_listed_flags_and_no_reporter_in_the_json():
    data = seed_demo()
    flags = data["flags"]
    assert len(flags) == 3
    assert all(set(entry) == {"public_id", "reason", "item"} for entry in flags)
    reporter = Account.objects.get(email="member@demo.lantern.test")
    assert "member@demo" not in json.dumps(flags)
    assert str(reporter.pk) not in {entry["public_id"] for entry in flags}
    waiting = ReviewItem.objects.filter(status=ReviewItem.Status.OPEN)
    assert {entry["item"] for entry in flags} == set(waiting.values_list("public_id", flat=True))
    held = HeldContent.objects.filter(status=HeldContent.Status.HELD).count()
    moderator = Account.objects.get(email="moderator@demo.lantern.test")
    assert nav_entry(moderator) == {"open": waiting.count() + held}


def test_an_appeal_waits_for_the_demo_moderator_and_another_is_decided():
    data = seed_demo()
    assert [set(entry) for entry in data["appeals"]] == [{"public_id", "status"}] * 2
    assert [entry["status"] for entry in data["appeals"]] == ["open", "overturned"]
    moderator = Account.objects.get(email="moderator@demo.lantern.test")
    waiting = Appeal.objects.get(public_id=data["appeals"][0]["public_id"])
    assert waiting.reviewer == moderator
    # Taken by the demo advocate as a host, so the moderator may decide it.
    assert waiting.action.moderator.email == "advocate@demo.lantern.test"
    client = demo_client("moderator")
    listed = page_text(client.get(reverse("moderation:appeals")))
    for entry in data["appeals"]:
        assert entry["public_id"] in listed
    page = page_text(client.get(reverse("moderation:appeal", args=[waiting.public_id])))
    assert "Overturn: undo what can be undone" in page
    assert "name my company, my HR team" in page
    # What the JSON says is public ids and states, nothing of the members behind them.
    assert "@" not in json.dumps(data["appeals"])


def test_held_chat_messages_wait_in_the_live_room_for_moderators_and_the_host():
    data = seed_demo()
    assert [(entry["kind"], entry["reason"]) for entry in data["held"]] == [
        ("message", "personal_info"),
        ("message", "word_list"),
    ]
    [room] = data["rooms"]
    held = HeldContent.objects.filter(public_id__in=[entry["public_id"] for entry in data["held"]])
    assert {entry.content["room"] for entry in held} == {room["public_id"]}
    assert {entry.status for entry in held} == {HeldContent.Status.HELD}
    for who in ("moderator", "advocate"):
        queue = page_text(demo_client(who).get(reverse("moderation:queue")))
        for entry in data["held"]:
            assert f"/moderation/held/{entry['public_id']}/" in queue
        assert "Held chat message" in queue


def test_the_site_and_the_live_rooms_group_have_word_list_entries():
    data = seed_demo()
    assert data["word_lists"] == [
        {"pattern": "kill yourself", "action": "block", "scope": "site"},
        {"pattern": "overreacting", "action": "hold", "scope": "Women in engineering"},
    ]
    site = page_text(demo_client("moderator").get(reverse("moderation:site_words")))
    assert "kill yourself" in site
    group_entry = WordListEntry.objects.get(pattern="overreacting")
    page = demo_client("advocate").get(
        reverse("moderation:space_words", args=[group_entry.space.public_id])
    )
    assert "overreacting" in page_text(page)


def test_the_transparency_page_has_last_months_figures():
    seed_demo()
    page = page_text(Client().get(reverse("moderation:transparency")))
    months = page.split("<h2")[1:]
    assert months, "no month shown"
    last_month = months[0]
    assert "<td>5</td>" in last_month  # harassment flags, shown exactly
    assert "<td>8</td>" in last_month  # dismissals
    assert "not shown (fewer than" not in last_month  # the median is shown
    assert "@demo.lantern.test" not in page


def test_seeding_twice_doubles_nothing():
    first = seed_demo()
    counts = [model.objects.count() for model in MODELS]
    again = seed_demo()
    assert [model.objects.count() for model in MODELS] == counts
    for key in ("flags", "appeals", "held", "word_lists"):
        assert first[key] == again[key]


def test_the_demo_flags_one_of_each_kind_first_a_name_among_them():
    seed_demo()
    reporter = Account.objects.get(email="member@demo.lantern.test")
    members_items = ReviewItem.objects.filter(flags__reporter=reporter).order_by("pk")
    assert list(members_items.values_list("kind", flat=True)) == ["post", "thread", "persona"]
    name_flag = Flag.objects.get(item__kind="persona", reporter=reporter)
    assert name_flag.snapshot["author"]["persona"] not in set(
        reporter.personas.values_list("public_id", flat=True)
    )
