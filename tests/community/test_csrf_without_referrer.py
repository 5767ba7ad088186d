"""Forms keep working under `Referrer-Policy: no-referrer`, and CSRF protection stays whole."""

import pytest
from django.test import Client

LOGIN = "/accounts/login/"


@pytest.fixture
def browser_like():
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN)
    return client


def post_login(client, **headers):
    data = {"login": "nobody@example.test", "password": "wrong password here"}
    if headers.pop("with_token", True):
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    return client.post(LOGIN, data, headers=headers)


def test_same_origin_post_with_null_origin_passes_the_csrf_check(db, browser_like):
    response = post_login(browser_like, origin="null", sec_fetch_site="same-origin")
    # 200: the form re-rendered with a login error, so the CSRF check let it through.
    assert response.status_code == 200


def test_null_origin_from_another_site_is_refused(db, browser_like):
    response = post_login(browser_like, origin="null", sec_fetch_site="cross-site")
    assert response.status_code == 403


@pytest.mark.parametrize("fetch_site", ["same-site", "none", "SAME-ORIGIN", "same-origin, x"])
def test_null_origin_is_let_through_only_for_exactly_same_origin(db, browser_like, fetch_site):
    # "same-site" is a sibling subdomain (which may be someone else's), "none" a typed address.
    response = post_login(browser_like, origin="null", sec_fetch_site=fetch_site)
    assert response.status_code == 403


def test_null_origin_without_fetch_metadata_is_refused(db, browser_like):
    assert post_login(browser_like, origin="null").status_code == 403


def test_same_origin_post_without_a_token_is_refused(db, browser_like):
    response = post_login(
        browser_like, origin="null", sec_fetch_site="same-origin", with_token=False
    )
    assert response.status_code == 403


def test_pages_send_no_referrer(db, client):
    assert client.get("/").headers["Referrer-Policy"] == "no-referrer"
