"""Under `Referrer-Policy: same-origin` our own forms post with their real Origin, so Django's
CSRF check works unaided: a post from our pages with the token passes, anything else is refused.
"""

import pytest
from django.test import Client

LOGIN = "/accounts/login/"
OUR_ORIGIN = "http://testserver"


@pytest.fixture
def browser_like():
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN)
    return client


def post_login(client, *, with_token=True, **headers):
    data = {"login": "nobody@example.test", "password": "wrong password here"}
    if with_token:
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    return client.post(LOGIN, data, headers=headers)


def test_a_post_from_our_own_page_with_the_token_passes(db, browser_like):
    response = post_login(browser_like, origin=OUR_ORIGIN, sec_fetch_site="same-origin")
    # The form came back with the login's own error, so the CSRF check let it through.
    assert response.status_code == 200
    assert "password you specified are not correct" in response.content.decode()


def test_a_browser_without_fetch_metadata_can_post(db, browser_like):
    assert post_login(browser_like, origin=OUR_ORIGIN).status_code == 200


def test_a_post_from_another_site_is_refused_even_with_a_token(db, browser_like):
    response = post_login(
        browser_like, origin="https://elsewhere.example", sec_fetch_site="cross-site"
    )
    assert response.status_code == 403


def test_a_post_from_our_origin_without_the_token_is_refused(db, browser_like):
    assert post_login(browser_like, origin=OUR_ORIGIN, with_token=False).status_code == 403


def test_a_null_origin_is_refused_whatever_fetch_metadata_says(db, browser_like):
    # Nothing rewrites `Origin: null` any more: our pages never send it under same-origin.
    response = post_login(browser_like, origin="null", sec_fetch_site="same-origin")
    assert response.status_code == 403


def test_pages_tell_browsers_to_keep_our_addresses_from_other_sites(db, client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert '<meta name="referrer" content="same-origin">' in response.content.decode()
