"""Issue 13, polish across the site: labels without stray colons, log out in one click, a way
to get the confirmation email again, and Lantern's own 404 page under DEBUG."""

import re

import pytest
from asgiref.sync import async_to_sync
from django import forms
from django.core import mail
from django.test import AsyncClient
from django.urls import reverse

from community.middleware import OwnNotFoundPageMiddleware
from tests.factories import DEMO_PASSWORD, MembershipFactory
from tests.pages import page_text
from tests.world import start_thread

# A colon right before a label's (or legend's) end: Django's label_suffix.
STRAY_COLON = re.compile(r":\s*</(label|legend)>")


class _PlainForm(forms.Form):
    name = forms.CharField(label="Your name")
    agree = forms.BooleanField(label="I agree")


def test_a_plain_django_form_renders_its_labels_without_a_colon():
    html = str(_PlainForm())
    assert "Your name</label>" in html
    assert not STRAY_COLON.search(html)
    assert not STRAY_COLON.search(_PlainForm()["name"].label_tag())


def test_a_label_that_asks_for_its_own_suffix_still_gets_it():
    assert _PlainForm()["name"].label_tag(label_suffix=" →").endswith(" →</label>")


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["account_signup", "account_login", "account_reset_password"])
def test_account_pages_have_no_stray_colons(client, url_name):
    assert not STRAY_COLON.search(page_text(client.get(reverse(url_name))))


def test_members_forms_have_no_stray_colons(client, account):
    membership = MembershipFactory(persona__account=account)
    group = membership.group
    thread = start_thread(membership)
    other = MembershipFactory().group
    client.force_login(account)
    for url in [
        reverse("settings"),
        reverse("account_change_password"),
        reverse("account_email"),
        f"/groups/{group.slug}/threads/new/",
        thread.get_absolute_url(),
        f"/groups/{other.slug}/join/",
        reverse("mentoring:home"),
    ]:
        page = page_text(client.get(url))
        assert not STRAY_COLON.search(page), url


def test_the_navigation_logs_out_with_one_posted_button(client, account):
    client.force_login(account)
    page = page_text(client.get(reverse("settings")))
    logout = reverse("account_logout")
    form = re.search(rf'<form method="post" action="{logout}"[^>]*>(.*?)</form>', page)
    assert form, "no logout form in the navigation"
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert ">Log out</button>" in form.group(1)
    assert f'href="{reverse("account_logout")}"' not in page  # no link to a confirmation page


def test_logging_out_without_the_csrf_token_is_refused(account):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(account)
    assert client.post(reverse("account_logout")).status_code == 403
    assert client.get(reverse("settings")).status_code == 200  # still logged in


def test_check_your_email_offers_to_send_the_link_again_and_allauth_rate_limits_it(client, db):
    email = "new.member@example.test"
    client.post(
        reverse("account_signup"),
        {"email": email, "password1": DEMO_PASSWORD, "password2": DEMO_PASSWORD},
    )
    page = page_text(client.get(reverse("account_email_verification_sent")))
    assert f'<a href="{reverse("account_login")}">Send the link again</a>' in page
    assert len(mail.outbox) == 1

    def log_in():
        return client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})

    # Straight away: allauth's "confirm_email" limit (one per address per 3 minutes) holds.
    assert log_in()["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1

    from django.core.cache import cache

    cache.clear()  # the 3 minutes have passed
    assert log_in()["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == [email]
    assert "Confirm your email" in mail.outbox[1].subject


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/no-such-page/", "/groups/no-such-group/"])
def test_under_debug_a_missing_page_is_lanterns_own_404(client, settings, path):
    settings.DEBUG = True
    response = client.get(path)
    page = page_text(response, status=404)
    assert "We couldn" in page and "find that page" in page
    assert "URLconf" not in page and "Using the URLconf" not in page
    assert "groups/&lt;slug:slug&gt;" not in page and "<slug:slug>" not in page


@pytest.mark.django_db
def test_one_setting_brings_back_djangos_debug_404(client, settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = True
    assert "URLconf" in page_text(client.get("/no-such-page/"), status=404)
    assert "Raised by" in page_text(client.get("/groups/no-such-group/"), status=404)


@pytest.mark.django_db
def test_a_missing_slash_is_still_added_under_debug(client, settings):
    settings.DEBUG = True
    response = client.get("/groups")
    assert response.status_code == 301
    assert response["Location"] == "/groups/"


@pytest.mark.django_db(transaction=True)
def test_the_async_path_shows_lanterns_404_too(settings):
    settings.DEBUG = True

    async def fetch():
        return await AsyncClient().get("/no-such-page/")

    response = async_to_sync(fetch)()
    assert response.status_code == 404
    assert "URLconf" not in response.content.decode()
    assert "find that page" in response.content.decode()


def test_the_404_middleware_runs_as_a_coroutine_on_an_async_stack():
    from asgiref.sync import iscoroutinefunction

    async def async_view(request):
        return None

    assert iscoroutinefunction(OwnNotFoundPageMiddleware(async_view))
    assert not iscoroutinefunction(OwnNotFoundPageMiddleware(lambda request: None))
