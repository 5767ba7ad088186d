"""Each layer of `community.rendering` holds on its own (its module docstring promises it).

The Markdown layer is replaced by one that lets raw HTML and images through, as a future
Markdown upgrade or a changed option might, and the stored HTML must still hold nothing
executable and load nothing. The allowlists are also tried in bleach without the link callback.
"""

import pytest
from bleach.sanitizer import Cleaner
from markdown_it import MarkdownIt

from community import rendering
from community.rendering import render_markdown
from tests.community.test_rendering import HOSTILE, assert_nothing_executable, elements_of

SCRIPT_URLS = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
]


@pytest.fixture
def markdown_lets_html_through(monkeypatch):
    monkeypatch.setattr(rendering, "_markdown", MarkdownIt("commonmark", {"html": True}))


@pytest.mark.parametrize("source", HOSTILE + SCRIPT_URLS)
def test_the_sanitizer_alone_keeps_hostile_html_out(markdown_lets_html_through, source):
    assert_nothing_executable(render_markdown(source))


def test_the_sanitizer_alone_drops_images_so_nothing_is_loaded(markdown_lets_html_through):
    html = render_markdown('![pixel](https://tracker.example/p.png) <img src="https://t.example/">')
    assert "<img" not in html
    assert "tracker.example" not in html and "t.example" not in html


@pytest.mark.parametrize("source", SCRIPT_URLS)
def test_the_allowlists_alone_drop_script_links(source):
    cleaner = Cleaner(
        tags=rendering.ALLOWED_TAGS,
        attributes=rendering.ALLOWED_ATTRIBUTES,
        protocols=rendering.ALLOWED_PROTOCOLS,
        strip=True,
    )
    assert elements_of(cleaner.clean(source)) == [("a", {})]


def test_a_markdown_image_shows_as_a_link_to_it_and_loads_nothing():
    html = render_markdown("![my screenshot](https://images.example/shot.png)")
    assert "<img" not in html
    assert ("a", {"href": "https://images.example/shot.png", "rel": rendering.LINK_REL}) in (
        elements_of(html)
    )
    assert "my screenshot" in html
