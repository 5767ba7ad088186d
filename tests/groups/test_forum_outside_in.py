"""Issue 13's features tried from outside, as another member and as a careless client: two
accounts sharing two groups under other names. Every GET of the new features (home, search,
the "@" names, quote source, post history, notifications, opening one) shows nothing of the
other account but its persona of the space shown, writes nothing but the one read marker, and
answers odd input and wrong methods without a 500."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Notification
from groups.services import posts as post_services
from tests.clients import client_for
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.world import open_group, reply, start_thread

pytestmark = pytest.mark.django_db

AMBER_EMAIL = "zebra.unmistakable.4417@example.test"
AMBER_PK = 7349821
WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


@pytest.fixture
def forum():
    """Amber and Lark in two groups, under other names in each; Lark mentions Amber in both;
    Amber edited her first post (so it has a history)."""
    first = open_group()
    second = GroupFactory(name="Night shift", slug="night-shift")
    amber = AccountFactory(email=AMBER_EMAIL, pk=AMBER_PK)
    lark = AccountFactory(email="okapi.unmistakable.9052@example.test")
    amber_here = MembershipFactory(group=first, persona__account=amber, persona__name="Amber Finch")
    amber_there = MembershipFactory(
        group=second, persona__account=amber, persona__name="Quiet Heron"
    )
    lark_here = MembershipFactory(group=first, persona__account=lark, persona__name="Steady Lark")
    lark_there = MembershipFactory(
        group=second, persona__account=lark, persona__name="Bright Cedar"
    )
    thread = start_thread(amber_here, title="Back at work", body="The lighthouse walk helped.")
    opening = thread.posts.get()
    post_services.edit_post(membership=amber_here, post=opening, body="The lighthouse walk.")
    reply(lark_here, thread, "@Amber Finch the lighthouse, yes")
    elsewhere = start_thread(amber_there, title="Nights", body="A lighthouse at night.")
    reply(lark_there, elsewhere, "@Quiet Heron I know that lighthouse")
    return {
        "amber": amber,
        "lark": lark_here,
        "thread": thread,
        "opening": opening,
        "notifications": list(Notification.objects.filter(account=amber)),
    }


def get_paths(forum) -> list[str]:
    thread, opening = forum["thread"], forum["opening"]
    base = "/groups/retaliation"
    return [
        "/home/",
        "/notifications/",
        "/groups/search/?q=lighthouse",
        "/groups/search/?q=lighthouse&group=retaliation",
        f"{base}/people/names/?q=a",
        f"{base}/people/names/?q=q",
        f"{base}/posts/{opening.public_id}/quote/",
        f"{base}/posts/{opening.public_id}/history/",
        f"{base}/threads/{thread.public_id}/?quote={opening.public_id}",
    ]


def test_lark_sees_nothing_of_ambers_account_nor_her_name_in_the_other_group(forum):
    client = client_for(forum["lark"])
    for path in get_paths(forum) + [
        f"/notifications/{notification.public_id}/open/" for notification in forum["notifications"]
    ]:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        text = response.content.decode() + response.get("Location", "")
        for needle in (AMBER_EMAIL, AMBER_EMAIL.split("@")[0]):
            assert needle not in text, f"{path} shows {needle}"
        assert not re.search(rf"(?<!\d){AMBER_PK}(?!\d)", text), f"{path} shows Amber's pk"
        if "retaliation" in path:
            assert "Quiet Heron" not in text, f"{path} shows Amber's name in another group"


def test_amber_cannot_open_larks_notifications_nor_lark_hers(forum):
    response = client_for(forum["lark"]).get(
        f"/notifications/{forum['notifications'][0].public_id}/open/"
    )
    assert response.status_code == 404
    assert Notification.objects.filter(account=forum["amber"], read_at__isnull=False).count() == 0


def test_the_new_pages_write_nothing_but_opening_a_notification_its_read_mark(forum):
    client = client_for(forum["amber"])
    for path in get_paths(forum):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        writes = [query["sql"] for query in queries if WRITE.match(query["sql"])]
        if "/threads/" in path:  # the thread page: its read marker, one statement
            assert len(writes) == 1 and "groups_threadread" in writes[0], writes
        else:
            assert writes == [], f"GET {path} wrote: {writes}"

    notification = forum["notifications"][0]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/notifications/{notification.public_id}/open/")
    assert response.status_code == 302
    writes = [query["sql"] for query in queries if WRITE.match(query["sql"])]
    assert len(writes) == 1 and "community_notification" in writes[0], writes


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_new_pages_answer_only_get(forum, method):
    client = client_for(forum["amber"])
    paths = [path for path in get_paths(forum) if "/threads/" not in path]  # the thread page
    paths += [f"/notifications/{forum['notifications'][0].public_id}/open/"]  # takes its reply form
    for path in paths:
        response = getattr(client, method)(path)
        assert response.status_code == 405, f"{method.upper()} {path}: {response.status_code}"
    # Not opened, so not read.
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_a_head_request_reads_the_pages_but_never_opens_a_notification(forum):
    client = client_for(forum["amber"])
    pages = [path for path in get_paths(forum) if "/names/" not in path]  # the names are JSON
    for path in pages:
        assert client.head(path).status_code == 200, path
    notification = forum["notifications"][0]
    assert client.head(f"/notifications/{notification.public_id}/open/").status_code == 405
    assert not Notification.objects.filter(read_at__isnull=False).exists()


@pytest.mark.parametrize("typed", ["\x00", "am\x00", "\x00" * 64])
def test_a_nul_byte_in_the_typed_name_finds_no_one_instead_of_failing(forum, typed):
    # PostgreSQL refuses a NUL byte in a query: this was a 500 there (the selector now answers
    # "no one", as no name can hold one).
    response = client_for(forum["lark"]).get("/groups/retaliation/people/names/", {"q": typed})
    assert response.status_code == 200
    assert json.loads(response.content) == {"names": []}
