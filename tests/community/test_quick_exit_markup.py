"""Quick exit on every page: a plain link that works without JavaScript, wired by quick-exit.js."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from community.views.pages import server_error
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/guidelines/", "/support/", "/privacy/", "/no-such-page/"]
NEUTRAL_SITE = "https://weather.example/today"


class Layout(HTMLParser):
    def __init__(self):
        super().__init__()
        self.quick_exit: dict[str, str] | None = None
        self.scripts: list[dict[str, str]] = []
        self.inline_handlers: list[str] = []
        self.style_attributes = 0
        self.title = ""
        self.icon = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id") == "quick-exit":
            self.quick_exit = attributes
        if tag == "script":
            self.scripts.append(attributes)
        if tag == "link" and attributes.get("rel") == "icon":
            self.icon = attributes["href"]
        if "style" in attributes:
            self.style_attributes += 1
        self.inline_handlers += [name for name in attributes if name.startswith("on")]
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def layout_of(response) -> Layout:
    parser = Layout()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture(autouse=True)
def neutral_site(settings):
    settings.QUICK_EXIT_URL = NEUTRAL_SITE


@pytest.mark.parametrize("page", PAGES)
def test_quick_exit_is_a_plain_link_to_the_neutral_site_on_every_page(any_client, page):
    layout = layout_of(any_client.get(page))
    assert layout.quick_exit is not None, f"no Quick exit on {page}"
    assert layout.quick_exit["href"] == NEUTRAL_SITE
    assert layout.quick_exit["data-quick-exit-url"] == NEUTRAL_SITE
    assert "noreferrer" in layout.quick_exit["rel"]


@pytest.mark.parametrize("page", PAGES)
def test_quick_exit_script_is_a_file_and_nothing_runs_inline(any_client, page):
    layout = layout_of(any_client.get(page))
    assert any(script.get("src", "").endswith("js/quick-exit.js") for script in layout.scripts)
    assert all(script.get("src") for script in layout.scripts), "inline <script> on " + page
    assert layout.inline_handlers == []
    assert layout.style_attributes == 0


def test_quick_exit_is_on_the_server_error_page(settings):
    settings.DEBUG = False
    layout = layout_of(server_error(RequestFactory().get("/")))
    assert layout.quick_exit["href"] == NEUTRAL_SITE


def test_quick_exit_script_leaves_with_location_replace_and_sends_nothing_home():
    script = (Path(settings.BASE_DIR) / "static/js/quick-exit.js").read_text()
    assert "location.replace(" in script
    for request_api in ["fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket"]:
        assert request_api not in script


def test_quick_exit_stays_above_everything_in_the_stylesheet():
    stylesheet = (Path(settings.BASE_DIR) / "static/css/lantern.css").read_text()
    rule = re.search(r"\.quick-exit \{([^}]*)\}", stylesheet).group(1)
    assert "position: fixed" in rule
    assert "z-index: 2147483647" in rule


def test_discreet_mode_gives_a_neutral_title_and_icon():
    client = Client()
    client.force_login(AccountFactory(discreet_mode=True))
    response = client.get("/")
    layout = layout_of(response)
    assert layout.title == "Notes"
    assert layout.icon.endswith("img/discreet.svg")
    assert "<title>Notes</title>" in response.content.decode()


def test_without_discreet_mode_the_tab_says_lantern(member_client):
    layout = layout_of(member_client.get("/"))
    assert layout.title.endswith("Lantern")
    assert layout.icon.endswith("img/lantern.svg")
