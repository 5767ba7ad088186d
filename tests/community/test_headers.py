"""Every page: a strict CSP, no referrer to other sites, no sniffing, no framing, nothing
loaded from elsewhere."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/guidelines/",
    "/support/",
    "/privacy/",
    "/accounts/login/",
    "/accounts/signup/",
    "/healthz",
    "/no-such-page/",
]
HTML_PAGES = [page for page in PAGES if page != "/healthz"]


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("page", PAGES)
def test_every_page_sends_a_strict_content_security_policy(any_client, page):
    response = any_client.get(page)
    assert response.status_code in (200, 302, 404)  # PAGES holds a missing page on purpose
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_hides_its_address_from_other_sites_no_sniffing_no_framing(any_client, page):
    response = any_client.get(page)
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


class LoadedURLs(HTMLParser):
    """Every URL the browser would fetch by itself: src, srcset, <link href>, poster, data."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ["src", "poster", "data"]:
            if attributes.get(name):
                self.urls.append(attributes[name])
        if attributes.get("srcset"):
            self.urls += [item.split()[0] for item in attributes["srcset"].split(",")]
        if tag == "link" and attributes.get("href"):
            self.urls.append(attributes["href"])


@pytest.mark.parametrize("page", HTML_PAGES)
def test_no_page_loads_anything_from_another_site(any_client, page):
    parser = LoadedURLs()
    parser.feed(any_client.get(page).content.decode())
    for url in parser.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"{page} loads {url}"
        assert url.startswith("/"), f"{page} loads {url}"


def test_stylesheet_imports_nothing_from_another_site():
    stylesheet = (Path(settings.BASE_DIR) / "static/css/lantern.css").read_text()
    assert "@import" not in stylesheet
    assert "http" not in stylesheet
    assert "//" not in stylesheet.replace("/*", "").replace("*/", "")
