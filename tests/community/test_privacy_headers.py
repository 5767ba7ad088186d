"""No page of a signed-in member stays in the browser (no-store), a logout tells the browser to
forget Lantern (Clear-Site-Data), and every answer turns off powerful features
(Permissions-Policy). Checked by crawling the demo site as every demo role, on the sync and the
async request paths."""

from collections import deque

import pytest
from asgiref.sync import async_to_sync
from django.core.management import call_command
from django.http import HttpResponse
from django.test import AsyncClient, Client, RequestFactory
from django.urls import reverse

from community.middleware import PrivacyHeadersMiddleware, StaffRequireMFAMiddleware
from community.models import Account
from tests.community.sessions_helpers import logged_in_client
from tests.community.test_identity_crawl import links_of
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

DEMO_ROLES = {
    "member": "member@demo.lantern.test",
    "advocate": "advocate@demo.lantern.test",
    "moderator": "moderator@demo.lantern.test",
}
# Never fetched: the logout ends the crawl's session; assets are not pages.
NOT_FETCHED = ("/accounts/logout/", "/static/", "/ws/")
CRAWL_LIMIT = 500
# Pages the navigation does not link to: the crawl starts from them too.
SEEDS = ["/", "/settings/", "/notifications/", "/groups/", "/groups/manage/", "/staff/admin/"]


def crawl(client: Client) -> dict[str, object]:
    """Every same-site page reachable from SEEDS, by path: its response."""
    pages: dict[str, object] = {}
    queue = deque(SEEDS)
    seen = set(queue)
    while queue and len(pages) < CRAWL_LIMIT:
        path = queue.popleft()
        response = client.get(path)
        pages[path] = response
        for link in links_of(response, path):
            if link not in seen and not link.startswith(NOT_FETCHED):
                seen.add(link)
                queue.append(link)
    return pages


@pytest.fixture
def demo(debug_on):
    call_command("seed_demo", verbosity=0)


def is_no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


# What each role's crawl must reach with a 200, so a crawl that stops early fails.
MUST_REACH = {
    "member": ["/", "/settings/", "/accounts/sessions/", "/groups/", "/threads/"],
    "advocate": ["/settings/", "/accounts/sessions/", "/groups/", "/requests/"],
    "moderator": ["/settings/", "/accounts/sessions/", "/groups/manage/", "/staff/admin/"],
}


def signed_in_crawl(role: str) -> dict[str, object]:
    client = Client()
    client.force_login(Account.objects.get(email=DEMO_ROLES[role]))
    pages = crawl(client)
    assert len(pages) < CRAWL_LIMIT, "the crawl stopped at its limit: raise CRAWL_LIMIT"
    return pages


def unreached(pages: dict[str, object], fragments: list[str]) -> list[str]:
    answered = [path for path, response in pages.items() if response.status_code == 200]
    return [part for part in fragments if not any(part in path for path in answered)]


def without_permissions_policy(pages: dict[str, object], policy: str) -> list[str]:
    return [
        path for path, response in pages.items() if response.get("Permissions-Policy") != policy
    ]


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_every_page_of_every_demo_role_is_no_store_and_turns_off_features(demo, settings, role):
    pages = signed_in_crawl(role)
    assert not unreached(pages, MUST_REACH[role]), unreached(pages, MUST_REACH[role])
    kept = [
        f"{path} ({response.status_code})"
        for path, response in pages.items()
        if not is_no_store(response)
    ]
    assert not kept, f"pages a browser may keep: {kept}"
    assert not without_permissions_policy(pages, settings.PERMISSIONS_POLICY)


def test_every_page_of_a_visitor_turns_off_features(demo, settings):
    pages = {**crawl(Client()), "/no-such-page/": Client().get("/no-such-page/")}
    assert pages["/no-such-page/"].status_code == 404
    assert not unreached(pages, ["/", "/accounts/login/", "/groups/"])
    assert not without_permissions_policy(pages, settings.PERMISSIONS_POLICY)
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in settings.PERMISSIONS_POLICY


def test_visitors_pages_may_be_cached(client):
    """no-store is for signed-in requests: the public pages of a visitor stay cacheable."""
    response = client.get(reverse("guidelines"))
    assert response.status_code == 200
    assert not is_no_store(response)


def test_an_answer_that_changes_something_is_no_store_too(member_client):
    response = member_client.post(reverse("settings"), {"discreet_mode": "on"})
    assert response.status_code == 302
    assert is_no_store(response)


def test_logout_tells_the_browser_to_forget_lantern(account):
    client = logged_in_client(account)
    asked = client.get(reverse("account_logout"))
    assert asked.status_code == 200
    assert not asked.has_header("Clear-Site-Data")
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert is_no_store(response)
    assert client.get(reverse("settings")).status_code == 302


# The async client's requests run in another thread: they need a committed database.
@pytest.mark.django_db(transaction=True)
def test_the_async_path_sends_the_same_headers(account, settings):
    async def fetch():
        client = AsyncClient()
        await client.aforce_login(account)
        page = await client.get(reverse("settings"))
        logout = await client.post(reverse("account_logout"))
        return page, logout

    page, logout = async_to_sync(fetch)()
    assert page.status_code == 200
    assert is_no_store(page)
    assert page["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert logout.status_code == 302
    assert logout["Clear-Site-Data"] == '"cache", "cookies", "storage"'


@pytest.mark.django_db(transaction=True)
def test_staff_without_mfa_are_turned_away_on_the_async_path_too():
    staff = AccountFactory(is_staff=True, totp_secret=False)

    async def fetch():
        client = AsyncClient()
        await client.aforce_login(staff)
        return await client.get(reverse("groups:manage"))

    response = async_to_sync(fetch)()
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("middleware_class", [PrivacyHeadersMiddleware, StaffRequireMFAMiddleware])
def test_the_middleware_runs_as_a_coroutine_on_an_async_stack(middleware_class):
    """Given an async `get_response`, the middleware is itself a coroutine function (no thread
    hop), and given a sync one it answers synchronously."""

    async def async_view(request):
        return HttpResponse("async")

    def sync_view(request):
        return HttpResponse("sync")

    from asgiref.sync import iscoroutinefunction

    assert iscoroutinefunction(middleware_class(async_view))
    assert not iscoroutinefunction(middleware_class(sync_view))
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()

    async def auser():
        return AnonymousUser()

    request.auser = auser
    assert async_to_sync(middleware_class(async_view))(request).content == b"async"
    assert middleware_class(sync_view)(request).content == b"sync"
