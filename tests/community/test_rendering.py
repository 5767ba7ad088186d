"""Markdown rendering: the stored HTML holds nothing executable, and Markdown still works.

Output is checked with a real HTML parser (html.parser), the way a browser would see it,
not by searching for substrings.
"""

from html.parser import HTMLParser

import pytest

from community.rendering import render_markdown

LINK_REL = "nofollow noopener noreferrer ugc"
TAGS_MARKDOWN_MAY_PRODUCE = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
FORBIDDEN_TAGS = {
    "script", "style", "iframe", "svg", "math", "object", "embed", "img", "form", "input",
    "link", "meta", "base", "video", "audio", "source", "details", "marquee", "frame",
    "frameset", "textarea", "button", "template", "noscript", "applet", "isindex",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "rel"}, "ol": {"start"}}
SAFE_URL_PREFIXES = ("http://", "https://", "mailto:")


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements_of(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def assert_nothing_executable(html: str) -> None:
    for tag, attrs in elements_of(html):
        assert tag not in FORBIDDEN_TAGS, html
        assert tag in TAGS_MARKDOWN_MAY_PRODUCE, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert name != "style", html
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()), html
            assert "javascript" not in (value or "").lower(), html
        if tag == "a":
            assert attrs.get("rel") == LINK_REL, html
            assert (attrs.get("href") or "").lower().startswith(SAFE_URL_PREFIXES), html


HOSTILE = [
    # script tags, plain and disguised
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "\x00<script>alert(1)</script>",
    "[x](https://ok.example)<script>alert(1)</script>",
    # event handlers
    "<img src=x onerror=alert(1)>",
    '<img src="x" / onerror="alert(1)"',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>",
    "<x onclick=alert(1)>click",
    "*<img src=x onerror=alert(1)>*",
    "[<img src=x onerror=alert(1)>](https://ok.example)",
    # javascript:, vbscript: and data: links, in Markdown and in HTML
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](<java script:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '[x](https://ok.example "\\" onmouseover=\\"alert(1)")',
    '[x](https://ok.example/"><script>alert(1)</script>)',
    'https://example.com/"onmouseover="alert(1)',
    "www.example.com/<script>alert(1)</script>",
    # links that are not absolute http(s)/mailto
    "[x](//evil.example/path)",
    "[x](/local/path)",
    "ftp://example.com/file",
    "<ftp://example.com/file>",
    # images: third-party requests, and a classic vector
    "![x](javascript:alert(1))",
    "![pixel](https://tracker.example/pixel.png)",
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # frames, objects, forms, document-level tags
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>">',
    "<embed src=javascript:alert(1)>",
    "<form action=https://evil.example><input name=p></form>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<isindex action=javascript:alert(1) type=image>",
    # CSS
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="https://ok.example" style="position:fixed;top:0">x</a>',
    # malformed markup, comments, CDATA
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<a href='https://ok.example'<script>alert(1)</script>",
    '<p <img src=x onerror=alert(1)>">',
    # nested quotes and lists
    "> > > <img src=x onerror=alert(1)>",
    "> [x](javascript:alert(1))\n>> [y](data:text/html,hi)",
    ">" * 200 + " <script>alert(1)</script>",
    "\n".join("  " * depth + "- [x](javascript:alert(1))" for depth in range(60)),
    # code must stay text
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
]


def test_the_corpus_has_at_least_forty_hostile_inputs():
    assert len(HOSTILE) >= 40


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_input_renders_to_nothing_executable(source):
    assert_nothing_executable(render_markdown(source))


def test_a_typed_script_tag_stays_visible_as_text():
    html = render_markdown("I saw <script>alert(1)</script> in a post")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_unsafe_link_keeps_its_text_but_loses_its_link():
    html = render_markdown("see [the docs](/local/path)")
    assert elements_of(html) == [("p", {})]
    assert "the docs" in html


# --- Ordinary Markdown still works ----------------------------------------------------------


def test_emphasis_and_strong():
    assert render_markdown("*soft* and **loud**") == (
        "<p><em>soft</em> and <strong>loud</strong></p>\n"
    )


def test_lists_keep_their_items_and_start_number():
    html = render_markdown("- one\n- two\n\n3. three\n4. four")
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>' in html


def test_quotes_nest():
    html = render_markdown("> outer\n>> inner")
    assert html.count("<blockquote>") == 2
    assert "inner" in html


def test_inline_and_block_code_are_kept_verbatim():
    html = render_markdown("use `a < b`\n\n```\nif x > 1:\n    pass\n```")
    assert "<code>a &lt; b</code>" in html
    assert "<pre><code>if x &gt; 1:\n    pass\n</code></pre>" in html


def test_headings_and_rules():
    html = render_markdown("# Title\n\n---\n\n## Part")
    assert "<h1>Title</h1>" in html and "<hr>" in html and "<h2>Part</h2>" in html


def test_links_render_with_their_rel_and_title():
    html = render_markdown('[help](https://help.example/a?b=1&c=2 "Help")')
    [(tag, attrs)] = [element for element in elements_of(html) if element[0] == "a"]
    assert attrs == {
        "href": "https://help.example/a?b=1&c=2",
        "title": "Help",
        "rel": LINK_REL,
    }


def test_mailto_links_are_kept():
    html = render_markdown("<someone@help.example>")
    assert ("a", {"href": "mailto:someone@help.example", "rel": LINK_REL}) in elements_of(html)


def test_bare_urls_become_safe_links_but_not_inside_code():
    html = render_markdown(
        "see https://help.example.org/x and www.help.org\n\n`https://no.example.org`"
    )
    links = [attrs for tag, attrs in elements_of(html) if tag == "a"]
    assert links == [
        {"href": "https://help.example.org/x", "rel": LINK_REL},
        {"href": "http://www.help.org", "rel": LINK_REL},
    ]
    assert "<code>https://no.example.org</code>" in html


def test_empty_input_renders_empty():
    assert render_markdown("") == ""
