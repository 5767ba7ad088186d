"""A Markdown image becomes a plain link (text: the alt text, or the URL when empty), with no
stray "!", and loads nothing."""

import pytest

from community.rendering import LINK_REL, render_markdown
from tests.community.test_rendering import assert_nothing_executable


def test_an_image_is_a_link_named_by_its_alt_text_without_a_bang():
    html = render_markdown("See ![my screenshot](https://images.example/shot.png) here")

    assert html == (
        f'<p>See <a href="https://images.example/shot.png" rel="{LINK_REL}">my screenshot</a>'
        " here</p>\n"
    )


def test_an_image_without_alt_text_shows_its_url():
    html = render_markdown("![](https://images.example/shot.png)")

    assert html == (
        f'<p><a href="https://images.example/shot.png" rel="{LINK_REL}">'
        "https://images.example/shot.png</a></p>\n"
    )


@pytest.mark.parametrize(
    "source",
    [
        "![x](javascript:alert(1))",
        '![x"><script>alert(1)</script>](https://ok.example/)',
        "![<b>bold</b>](https://ok.example/a.png)",
        '![x](https://ok.example/a.png"onerror="alert(1))',
    ],
)
def test_hostile_images_load_and_run_nothing(source):
    html = render_markdown(source)

    assert "<img" not in html
    assert_nothing_executable(html)
    # A refused URL stays text, as a refused link does; a kept one loses its "!".
    assert "<a" not in html or not html.startswith("<p>!")


def test_an_exclamation_mark_before_a_link_is_still_text():
    assert render_markdown("Wow! [link](https://ok.example/)").startswith("<p>Wow! <a")
