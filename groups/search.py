"""Full-text search over the threads and posts of the groups where an account is an active
member: `search(account, text, page=..., group=...)`, one function over two backends chosen by
the database vendor (PostgreSQL full-text search, SQLite FTS5; groups/search_index.py).

What a search can return is exactly what the account reads in its groups' threads, minus what
it would find folded there: posts of groups where it is an active member (staff included, no
bypass), never a deleted, hidden or held post (held ones not even the author's own: the
simplest rule), never a hidden or held thread, never a post by a persona the account blocked in
that group, nor anything in a thread such a persona started (every result shows its thread's
title). Blocks are per persona and a persona lives in one space, so a block leaves out nothing
in other groups. Nothing but post bodies and thread titles is indexed: no email, no persona
name, no group name.

A result is a post: one whose body matches, or the first post a reader sees of a thread whose
title matches. Newest first, so pages are stable on both backends (relevance ranks differ
between them). The member's text is never handed to the index's query language: it is cut into
words (letters and digits), and phrases in double quotes are kept as phrases; each word or
phrase is quoted before the database sees it, so FTS5's `"*^():-`, NEAR, AND, OR, NOT and
PostgreSQL's websearch operators are plain words.
"""

import re
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from community.models import Account, Block
from groups.app_settings import app_settings
from groups.models import Group, Membership, Post, Thread
from groups.search_index import CONFIG, PG_COLUMN
from groups.selectors.people import _earlier_posts_count as earlier_posts_count

_WORD = re.compile(r"\w+")
# A phrase in double quotes (straight or curly), or a run of anything else.
_PHRASE = re.compile(r"[\"“”„«»](.*?)(?:[\"“”„«»]|$)|([^\"“”„«»]+)", re.DOTALL)


class SearchTextError(ValueError):
    """The text cannot be searched for; `str(error)` says why, in words for the member."""


@dataclass(frozen=True)
class SearchQueryText:
    text: str  # as typed, trimmed
    phrases: tuple[tuple[str, ...], ...]  # words, each tuple one phrase (a lone word is one)

    @property
    def words(self) -> list[str]:
        return [word for phrase in self.phrases for word in phrase]

    def fts5(self) -> str:
        """`"a b" "c"`: every phrase a quoted FTS5 string, implicitly ANDed. Words hold
        letters, digits and "_" only, so no quote needs doubling; doubled anyway."""
        return " ".join(
            '"{}"'.format(" ".join(phrase).replace('"', '""')) for phrase in self.phrases
        )

    def websearch(self) -> str:
        """The same for websearch_to_tsquery: quoted, so "or" and "-" stay words."""
        return " ".join('"{}"'.format(" ".join(phrase)) for phrase in self.phrases)


def parse_query(text: str) -> SearchQueryText:
    """The words and phrases of `text`, or SearchTextError with what to change."""
    text = (text or "").strip()
    if not text:
        raise SearchTextError("Type a word or two to search for.")
    if len(text) > app_settings.SEARCH_MAX_QUERY_CHARS:
        raise SearchTextError(
            f"That is {len(text)} characters; a search takes at most "
            f"{app_settings.SEARCH_MAX_QUERY_CHARS}. Try the few words that matter most."
        )
    phrases = []
    for quoted, plain in _PHRASE.findall(text):
        if quoted:
            words = tuple(_WORD.findall(quoted))
            if words:
                phrases.append(words)
        else:
            phrases += [(word,) for word in _WORD.findall(plain)]
    letters = sum(len(word) for phrase in phrases for word in phrase)
    if letters < app_settings.SEARCH_MIN_QUERY_CHARS:
        raise SearchTextError(
            f"Search for at least {app_settings.SEARCH_MIN_QUERY_CHARS} letters or digits "
            "(punctuation and emoji are left out)."
        )
    return SearchQueryText(text=text, phrases=tuple(phrases))


def readable_posts(account: Account) -> QuerySet[Post]:
    """Every post `account` may find: see the module's docstring. One small query first (the
    account's active groups and the personas it blocked, as lists of ids), so the search query
    that filters on them is quick to build and to plan: nested subqueries cost more in Django's
    query building than the search itself."""
    groups = Membership.objects.filter(persona__account=account, status=Membership.Status.ACTIVE)
    blocks = Block.objects.filter(blocker=account)
    rows = (
        groups.annotate(kind=Value("group"))
        .values_list("group_id", "kind")
        .union(blocks.annotate(kind=Value("block")).values_list("persona_id", "kind"), all=True)
    )
    active_groups, blocked = [], []
    for pk, kind in rows:
        (active_groups if kind == "group" else blocked).append(pk)
    readable = Post.objects.filter(
        thread__group__in=active_groups,
        deleted_at__isnull=True,
        hidden_at__isnull=True,
        held_at__isnull=True,
        thread__hidden_at__isnull=True,
        thread__held_at__isnull=True,
    )
    if blocked:
        readable = readable.exclude(author__in=blocked).exclude(thread__author__in=blocked)
    return readable


# The ids of the matching rows of each table, per vendor (groups/search_index.py). Names are
# constants; the member's words reach the database as a parameter only, already quoted.
_MATCHING_SQL = {
    ("postgresql", table): (
        f"SELECT id FROM {table} WHERE {PG_COLUMN} @@ websearch_to_tsquery(%s::regconfig, %s)"  # noqa: S608
    )
    for table in ("groups_post", "groups_thread")
} | {
    ("sqlite", table): f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s"  # noqa: S608
    for table in ("groups_post", "groups_thread")
}


def _matching(table: str, query: SearchQueryText) -> RawSQL:
    postgres = connection.vendor == "postgresql"
    params = [CONFIG, query.websearch()] if postgres else [query.fts5()]
    return RawSQL(_MATCHING_SQL[connection.vendor, table], params)  # noqa: S611 (see above)


def matching_posts(account: Account, query: SearchQueryText, group: Group | None = None):
    """The posts `account` may find that match `query`, newest first, each with its thread,
    group and author."""
    readable = readable_posts(account)
    if group is not None:
        readable = readable.filter(thread__group=group)
    # A title match is shown on the first post a reader finds in that thread.
    first_readable = (
        readable.filter(thread=OuterRef("pk")).order_by("created", "pk").values("pk")[:1]
    )
    openers = (
        Thread.objects.filter(pk__in=_matching("groups_thread", query))
        .annotate(opener=Subquery(first_readable))
        .values("opener")
    )
    # One IN over a UNION, not two INs joined by OR: the database can then start from the
    # matches (a semi-join) instead of testing every readable post against both lists.
    bodies = Post.objects.filter(pk__in=_matching("groups_post", query)).values("pk")
    return (
        readable.filter(pk__in=bodies.union(openers))
        .select_related("thread__group", "author")
        .order_by("-created", "-pk")
    )


@dataclass
class Result:
    post: Post
    title: SafeString  # the thread's title, escaped, matches marked
    snippet: SafeString  # a piece of the post's text, escaped, matches marked
    url: str  # the thread page that shows the post, at the post


def search(
    account: Account, text: str, *, page: int | str | None = 1, group: Group | None = None
) -> tuple[SearchQueryText, Page]:
    """A page of results for `text` (SearchTextError if it cannot be searched for), in the
    groups where `account` is an active member, or in `group` alone (the caller checked the
    account reads there).

    Four queries whatever the page holds: the account's groups and blocks (`readable_posts`),
    the count (of at most SEARCH_MAX_RESULTS matches, so a word found in most posts costs no
    more than that), the page, and the page's positions in their threads (for the links;
    counted for the page's posts only, not for every match the database sorts).
    """
    query = parse_query(text)
    limit = app_settings.SEARCH_MAX_RESULTS
    matches = matching_posts(account, query, group)
    paginator = Paginator(matches[:limit], app_settings.SEARCH_RESULTS_PER_PAGE)
    # Counted unordered: any `limit` matches give the same count, so the database may stop at
    # the limit instead of sorting every match first.
    paginator.count = matches.order_by()[:limit].count()
    results = paginator.get_page(page)
    posts = list(results.object_list)
    positions = (
        dict(
            Post.objects.filter(pk__in=[post.pk for post in posts])
            .annotate(
                position=Coalesce(earlier_posts_count(), Value(0), output_field=IntegerField())
            )
            .values_list("pk", "position")
        )
        if posts
        else {}
    )
    for post in posts:
        post.position = positions[post.pk]
    results.object_list = [_result(post, query) for post in posts]
    results.is_capped = paginator.count >= app_settings.SEARCH_MAX_RESULTS
    return query, results


def _result(post: Post, query: SearchQueryText) -> Result:
    thread = post.thread
    page_number = post.position // app_settings.POSTS_PER_PAGE + 1
    return Result(
        post=post,
        title=mark_matches(thread.title, query.words),
        snippet=snippet(post.body, query.words),
        url=f"{thread.get_absolute_url()}?page={page_number}#post-{post.public_id}",
    )


def _stems(words: list[str]) -> tuple[str, ...]:
    """Prefixes that mark a word as a match: the index stems ("harassed" finds "harassment"),
    so a word is marked when it starts like a searched one, ending aside."""
    stems = set()
    for word in words:
        word = word.casefold()
        stems.add(word if len(word) <= 4 else word[: max(4, len(word) - 3)])
    return tuple(stems)


def _pieces(text: str, stems: tuple[str, ...]):
    """(piece, is_match) over `text`, every character in exactly one piece."""
    at = 0
    for word in _WORD.finditer(text):
        if word.group().casefold().startswith(stems):
            if word.start() > at:
                yield text[at : word.start()], False
            yield word.group(), True
            at = word.end()
    if at < len(text):
        yield text[at:], False


def mark_matches(text: str, words: list[str]) -> SafeString:
    """`text` escaped, with its matching words in <mark>. Every piece of member text goes
    through conditional_escape; only the <mark> tags are ours."""
    stems = _stems(words)
    return mark_safe(  # noqa: S308 (each piece escaped just here)
        "".join(
            format_html("<mark>{}</mark>", piece) if matched else conditional_escape(piece)
            for piece, matched in _pieces(text, stems)
        )
    )


def snippet(text: str, words: list[str]) -> SafeString:
    """About SEARCH_SNIPPET_CHARS of `text` around its first match, whitespace folded,
    escaped and marked; "…" where it was cut."""
    text = " ".join(text.split())
    size = app_settings.SEARCH_SNIPPET_CHARS
    stems = _stems(words)
    matches = (word for word in _WORD.finditer(text) if word.group().casefold().startswith(stems))
    first = next((word.start() for word in matches), 0)
    start = max(0, first - size // 3)
    if start > 0:  # begin at a word
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    marked = mark_matches(text[start:end], words)
    return mark_safe(  # noqa: S308 (marked is escaped; the ellipses are ours)
        ("…" if start > 0 else "") + marked + ("…" if end < len(text) else "")
    )
