"""Garbage to every groups, moderation and community URL: never a 500.

Malformed public ids, huge or missing fields, unknown reaction and flag kinds, page numbers
that are not numbers or far past the end: each gets a 4xx, a redirect or the page again.
"""

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from tests.world import World

HUGE = "x" * 200_000
BAD_IDS = ["nope", "0", "-1", "1%20OR%201=1", "%E2%80%AE" * 3, "a" * 500, "..%2F..", "%00"]
BAD_PAGES = ["abc", "999999", "-1", "0", "1e9", "", "%00", "9" * 40]
A = "/groups/{approval}"
G = "/groups/{open}"
T = G + "/threads/{thread}"
P = G + "/posts/{post}"

# (method, url, data, role): {bad} is replaced by each malformed id.
ID_CASES = [
    ("get", "/groups/{bad}/", None, "member"),
    ("get", "/groups/{bad}/join/", None, "outsider"),
    ("get", "/groups/join/{bad}/", None, "outsider"),
    ("post", "/groups/{bad}/leave/", None, "member"),
    ("get", G + "/threads/{bad}/", None, "member"),
    ("post", G + "/threads/{bad}/reply/", {"body": "hi"}, "member"),
    ("post", G + "/threads/{bad}/pin/", None, "host"),
    ("post", T + "/{bad}/", None, "host"),
    ("get", G + "/posts/{bad}/edit/", None, "member"),
    ("post", G + "/posts/{bad}/delete/", None, "member"),
    ("post", G + "/posts/{bad}/react/", {"kind": "support"}, "member"),
    ("get", G + "/posts/{bad}/block/", None, "host"),
    ("post", A + "/requests/{bad}/approve/", None, "host"),
    ("post", A + "/requests/{request}/{bad}/", None, "host"),
    ("get", "/groups/manage/{bad}/", None, "staff"),
    ("post", "/groups/manage/{approval}/hosts/{bad}/add/", None, "staff"),
    ("post", "/groups/manage/{approval}/hosts/{bad}/remove/", None, "staff"),
    ("get", "/moderation/flag/{bad}/{post}/", None, "host"),
    ("get", "/moderation/flag/post/{bad}/", None, "host"),
    ("get", "/moderation/flags/{bad}/thanks/", None, "host"),
    ("post", "/settings/blocks/{bad}/unblock/", None, "member"),
]

PAGE_URLS = [
    (G + "/", "member"),
    (T + "/", "member"),
    ("/notifications/", "member"),
    ("/groups/", "member"),
]

# Bad form data to the pages that take forms.
FORM_CASES = [
    ("post", T + "/reply/", {"body": HUGE, "content_warning": HUGE}, "member"),
    ("post", T + "/reply/", {}, "member"),
    ("post", T + "/reply/", {"body": "a\x00b"}, "member"),
    ("post", G + "/threads/new/", {"title": HUGE, "body": HUGE}, "member"),
    ("post", G + "/threads/new/", {"title": ["a", "b"]}, "member"),
    ("post", P + "/edit/", {"body": HUGE}, "member"),
    ("post", P + "/edit/", {}, "member"),
    ("post", P + "/react/", {"kind": "rage"}, "host"),
    ("post", P + "/react/", {}, "host"),
    ("post", P + "/react/", {"kind": "support", "next": "https://evil.example/"}, "host"),
    ("post", P + "/react/", {"kind": "support", "next": "javascript:alert(1)"}, "host"),
    ("post", "/moderation/flag/post/{post}/", {"reason": "nonsense", "note": HUGE}, "host"),
    ("post", "/moderation/flag/post/{post}/", {}, "host"),
    ("post", "/moderation/flag/thread/{thread}/", {"reason": ["spam", "hate"]}, "host"),
    ("post", A + "/join/", {"name": HUGE, "answer": HUGE}, "outsider"),
    (
        "post",
        A + "/join/",
        {"name": "\u202eevil", "accept_guidelines": "on"},
        "outsider",
    ),
    ("post", A + "/join/", {}, "outsider"),
    ("post", "/groups/join/{invite}/", {"name": "a\x00b", "accept_guidelines": "on"}, "outsider"),
    ("post", "/groups/manage/new/", {"name": HUGE, "slug": "manage", "visibility": "x"}, "staff"),
    ("post", "/groups/manage/{approval}/", {}, "staff"),
    ("post", "/settings/", {"discreet_mode": HUGE}, "member"),
    ("post", "/notifications/read/", {"extra": HUGE}, "member"),
]


def _client(world: World, role: str) -> Client:
    """Logged in as `role`, the name of one of the world's accounts."""
    client = Client()
    client.force_login(getattr(world, role))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "url", "data", "role"), ID_CASES)
def test_malformed_public_ids_never_cause_a_server_error(shared_world, method, url, data, role):
    client = _client(shared_world, role)
    for bad in BAD_IDS:
        response = getattr(client, method)(shared_world.path(url, bad=bad), data or {})
        assert response.status_code < 500, (bad, response.status_code)
        assert response.status_code in (302, 400, 404, 405), (bad, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "role"), PAGE_URLS)
def test_page_numbers_that_are_not_pages_show_a_page(shared_world, url, role):
    client = _client(shared_world, role)
    for page in BAD_PAGES:
        response = client.get(shared_world.path(url) + f"?page={page}")
        assert response.status_code == 200, (page, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "url", "data", "role"), FORM_CASES)
def test_bad_form_data_gets_an_answer_not_a_server_error(shared_world, method, url, data, role):
    response = getattr(_client(shared_world, role), method)(shared_world.path(url), data)
    assert response.status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_the_next_parameter_never_leads_off_site(shared_world, target):
    client = _client(shared_world, "host")
    response = client.post(shared_world.path(P + "/react/"), {"kind": "support", "next": target})
    assert response.status_code == 302
    assert response["Location"].startswith(f"/groups/{shared_world.open_group.slug}/threads/")


@pytest.mark.parametrize(
    "path",
    [
        "/groups/open-circle/threads/a\x00b/",
        "/groups/open-circle/posts/" + "a" * 65 + "/react/",
        "/moderation/flag/post/a.b/",
        "/settings/blocks/a b/unblock/",
        "/groups/join/%E2%80%AE/",
    ],
)
def test_a_malformed_public_id_is_404_before_any_view_or_query_runs(path):
    """PostgreSQL refuses a NUL byte in a query (a 500 there); routing stops it first."""
    with pytest.raises(Resolver404):
        resolve(path)
