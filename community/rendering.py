"""Markdown to safe HTML, done once on save. The only place bleach is used (CONVENTIONS.md)."""

import bleach
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")

ALLOWED_TAGS = [
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
]
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = ["http", "https", "mailto"]


def _link_rel(attrs, new=False):
    attrs[(None, "rel")] = "nofollow noopener noreferrer ugc"
    return attrs


def render_markdown(source: str) -> str:
    html = _markdown.render(source)
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
    )
    return bleach.linkify(
        cleaned, callbacks=[_link_rel], skip_tags=["pre", "code"], parse_email=False
    )
