"""Markdown to safe HTML, done once on save. The only place bleach is used (CONVENTIONS.md).

Three layers, each enough on its own for the common attacks:
1. markdown-it-py with raw HTML off (typed tags come out as text). An image would be a request
   to a third party (DESIGN.md §3), so `![alt](url)` is rendered as a plain link instead: its
   text is the alt text, or the URL when there is none, with no stray "!". Its link validator
   already refuses `javascript:`, `vbscript:`, `file:` and `data:` URLs (a refused image stays
   text, as a refused link does).
2. bleach's allowlist: only the tags Markdown produces, only `href`/`title` on links, only
   http, https and mailto URLs; everything else is stripped, keeping its text.
3. While sanitizing, bare http(s) URLs and `www.` names become links, and every link (typed or
   found) gets `rel="nofollow noopener noreferrer ugc"`; a link whose URL is not absolute
   http(s)/mailto (relative, protocol-relative) loses its `<a>` and keeps its text.

Before all of it, the bidi controls that reorder letters (embeddings, overrides, isolates) are
removed from the source (community.text.clean_multiline): a post could otherwise reverse its
own text and run on into the page. Right-to-left writing, direction marks and zero-width joiners
(emoji sequences) are kept; templates show the body in a `dir="auto"` block.
"""

from functools import partial
from urllib.parse import urlsplit

from bleach.linkifier import LinkifyFilter, build_url_re
from bleach.sanitizer import Cleaner
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from community.text import clean_multiline

LINK_REL = "nofollow noopener noreferrer ugc"

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def _image_as_link(renderer, tokens, index, options, env) -> str:
    """`![alt](url)` as `<a href="url">alt</a>`: nothing is loaded, the reader may follow it."""
    token = tokens[index]
    src = token.attrGet("src") or ""
    text = renderer.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escapeHtml(src)}">{escapeHtml(text)}</a>'


_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False})
_markdown.add_render_rule("image", _image_as_link)


def _safe_link(attrs, new=False):
    """Keep a link only if it points to an absolute http(s) or mailto URL; set its rel."""
    href = attrs.get((None, "href"), "")
    scheme = urlsplit(href).scheme.lower() if href else ""
    if scheme not in ALLOWED_PROTOCOLS:
        return None  # bleach keeps the link text and drops the <a>
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        partial(
            LinkifyFilter,
            callbacks=[_safe_link],
            skip_tags={"pre", "code"},
            parse_email=False,
            # Bare URLs become links only for these schemes (bleach's default list is longer).
            url_re=build_url_re(protocols=["http", "https"]),
        )
    ],
)


def render_markdown(source: str) -> str:
    """HTML for `source`, safe to show with `|safe`. Store it; don't render on every view."""
    return _cleaner.clean(_markdown.render(clean_multiline(source)))
