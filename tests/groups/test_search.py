"""Search (issue 13, "Search"): what it finds, what it never finds, what the results page shows
and at what cost. Runs on SQLite (FTS5) and, with DATABASE_URL, on PostgreSQL (GIN indexes):
the same assertions hold on both backends."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from community.services.blocks import block_persona
from groups.models import Membership, Post
from groups.search import SearchTextError, parse_query, search, snippet
from groups.services import posts as post_services
from groups.services.management import create_group
from tests.factories import (
    AccountFactory,
    GroupFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db

SEARCH = "/groups/search/"


def client_of(account) -> Client:
    client = Client()
    client.force_login(account)
    return client


def found(account, text: str, **options) -> list[Post]:
    _query, page = search(account, text, **options)
    return [result.post for result in page.object_list]


def main_of(page: str) -> str:
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def group():
    return GroupFactory(name="Women in engineering", slug="women")


@pytest.fixture
def reader(group):
    return MembershipFactory(group=group, persona__name="Reading Finch")


@pytest.fixture
def writer(group):
    """Another account, in the reader's group and in a second one under another name."""
    account = AccountFactory(pk=987654, email="dana.real@example.test")
    MembershipFactory(
        group=GroupFactory(name="Founders", slug="founders"),
        persona__account=account,
        persona__name="Copper Wren 44",
    )
    return MembershipFactory(group=group, persona__account=account, persona__name="Silver Moth")


def test_finds_words_in_posts_and_thread_titles_with_stemming(reader, writer):
    thread = ThreadFactory(
        membership=writer, title="Retaliation after reporting", body="I reported my manager."
    )
    reply = PostFactory(thread=thread, author=writer.persona, body="The harassment went on.")
    account = reader.persona.account

    assert found(account, "harassed") == [reply]
    assert found(account, "retaliation") == [thread.posts.order_by("created", "pk").first()]
    assert found(account, "nothing-like-this") == []


def test_all_words_must_match_and_quoted_words_match_as_a_phrase(reader, writer):
    thread = ThreadFactory(membership=writer, body="My manager took credit for my work.")
    other = PostFactory(thread=thread, author=writer.persona, body="Work took my credit score.")
    account = reader.persona.account

    assert set(found(account, "credit work")) == {thread.posts.first(), other}
    assert found(account, '"took credit"') == [thread.posts.first()]
    assert found(account, "credit giraffe") == []


def test_results_are_newest_first_and_paginated(reader, writer, settings):
    settings.GROUPS_SEARCH_RESULTS_PER_PAGE = 2
    thread = ThreadFactory(membership=writer, body="lantern one")
    later = [PostFactory(thread=thread, author=writer.persona, body=f"lantern {n}") for n in "ab"]
    account = reader.persona.account

    _query, first_page = search(account, "lantern")
    _query, second_page = search(account, "lantern", page=2)

    assert [r.post for r in first_page.object_list] == [later[1], later[0]]
    assert [r.post for r in second_page.object_list] == [thread.posts.order_by("pk").first()]
    assert first_page.paginator.count == 3


def test_a_group_the_account_is_not_in_or_left_is_never_searched(reader):
    outside = ThreadFactory(title="Elsewhere", body="confidential salary details")
    left = MembershipFactory(persona__account=reader.persona.account, status="left")
    ThreadFactory(group=left.group, body="confidential notes from before")

    assert found(reader.persona.account, "confidential") == []
    assert outside.posts.exists()


def test_a_blocked_persona_is_left_out_in_its_group_only(group, reader, writer):
    elsewhere = MembershipFactory(
        group=GroupFactory(slug="elsewhere"), persona__account=reader.persona.account
    )
    theirs = ThreadFactory(membership=writer, title="Their thread", body="gardening tips")
    reply_in_their_thread = PostFactory(
        thread=theirs, author=reader.persona, body="gardening thanks"
    )
    mine = ThreadFactory(membership=reader, body="gardening question")
    their_reply = PostFactory(thread=mine, author=writer.persona, body="gardening answer")
    same_account_elsewhere = ThreadFactory(group=elsewhere.group, body="gardening elsewhere")
    account = reader.persona.account
    assert their_reply in found(account, "gardening")

    block_persona(blocker=account, persona=writer.persona)

    results = found(account, "gardening")
    assert their_reply not in results
    assert reply_in_their_thread not in results  # the title is theirs: the whole thread goes
    assert theirs.posts.first() not in results
    assert mine.posts.first() in results
    assert same_account_elsewhere.posts.first() in results
    assert found(account, "their thread") == []


def test_a_block_in_one_group_changes_nothing_for_the_same_account_in_another(reader, writer):
    founders = Membership.objects.get(group__slug="founders")
    MembershipFactory(group=founders.group, persona__account=reader.persona.account)
    there = ThreadFactory(membership=founders, body="orchids bloom")
    block_persona(blocker=reader.persona.account, persona=writer.persona)

    assert found(reader.persona.account, "orchids") == [there.posts.first()]


def test_deleted_hidden_and_held_posts_and_hidden_or_held_threads_are_never_found(reader, writer):
    thread = ThreadFactory(membership=writer, body="opening words")
    deleted = PostFactory(thread=thread, author=writer.persona, body="kestrel deleted")
    post_services.delete_post(membership=writer, post=deleted)
    PostFactory(
        thread=thread, author=writer.persona, body="kestrel hidden", hidden_at=timezone.now()
    )
    # Held: not even the author's own (the simplest rule).
    PostFactory(thread=thread, author=reader.persona, body="kestrel held", held_at=timezone.now())
    hidden_thread = ThreadFactory(membership=writer, title="kestrel", hidden_at=timezone.now())
    held_thread = ThreadFactory(membership=reader, title="kestrel", held_at=timezone.now())
    PostFactory(thread=hidden_thread, author=writer.persona, body="kestrel in hidden thread")
    PostFactory(thread=held_thread, author=reader.persona, body="kestrel in held thread")

    assert found(reader.persona.account, "kestrel") == []
    assert found(writer.persona.account, "kestrel") == []


def test_an_edit_is_searched_as_it_reads_now(reader, writer):
    thread = ThreadFactory(membership=writer, body="first draft mentions falcon")
    opening = thread.posts.get()
    post_services.edit_post(membership=writer, post=opening, body="now it says osprey")

    assert found(reader.persona.account, "falcon") == []
    assert found(reader.persona.account, "osprey") == [opening]


def test_emails_persona_names_and_group_names_are_not_searchable(reader, writer):
    ThreadFactory(membership=writer, title="A calm thread", body="Nothing identifying.")
    account = reader.persona.account

    for text in (
        "dana.real@example.test",
        "dana",
        "Copper Wren",
        "Silver Moth",
        "Founders",
        "Women in engineering",
        "example.test",
    ):
        assert found(account, text) == [], text


def test_a_title_match_lands_on_the_first_post_the_reader_may_see(reader, writer):
    thread = ThreadFactory(membership=writer, title="Heron sightings", body="gone soon")
    post_services.delete_post(membership=writer, post=thread.posts.get())
    reply = PostFactory(thread=thread, author=reader.persona, body="a reply")

    assert found(reader.persona.account, "heron") == [reply]


def test_the_link_opens_the_page_of_the_thread_that_shows_the_post(reader, writer, settings):
    settings.GROUPS_POSTS_PER_PAGE = 2
    thread = ThreadFactory(membership=writer, body="one")
    PostFactory(thread=thread, author=writer.persona, body="two", held_at=timezone.now())
    posts = [PostFactory(thread=thread, author=writer.persona, body=w) for w in ("two", "three")]
    target = PostFactory(thread=thread, author=writer.persona, body="pelican")

    _query, page = search(reader.persona.account, "pelican")

    (result,) = page.object_list
    assert result.url == target.get_absolute_url()
    assert "?page=2#post-" in result.url and len(posts) == 2


def test_a_group_scope_searches_that_group_only(group, reader):
    other = MembershipFactory(
        group=GroupFactory(slug="other"), persona__account=reader.persona.account
    )
    here = ThreadFactory(group=group, body="walrus here")
    ThreadFactory(group=other.group, body="walrus there")

    assert found(reader.persona.account, "walrus", group=group) == [here.posts.get()]
    page = page_text(
        client_of(reader.persona.account).get(SEARCH, {"q": "walrus", "group": "women"})
    )
    assert "1 result" in page and "walrus there" not in page


def test_a_group_scope_the_account_is_not_in_is_not_found(reader):
    GroupFactory(slug="closed")
    response = client_of(reader.persona.account).get(SEARCH, {"q": "walrus", "group": "closed"})
    assert response.status_code == 404


@pytest.mark.parametrize("slug", ["women\x00", "../women", "wom en", "😀"])
def test_a_group_scope_that_is_no_group_address_is_not_found(reader, slug):
    response = client_of(reader.persona.account).get(SEARCH, {"q": "walrus", "group": slug})
    assert response.status_code == 404


# --- The page ------------------------------------------------------------------------------


def test_the_page_shows_title_snippet_persona_of_that_space_group_and_link(reader, writer):
    thread = ThreadFactory(membership=writer, title="Owls at night", body="Hoot <b>owl</b> hoot")
    post = thread.posts.get()

    page = main_of(page_text(client_of(reader.persona.account).get(SEARCH, {"q": "owl"})))

    assert "<mark>Owls</mark> at night" in page
    assert "Hoot &lt;b&gt;<mark>owl</mark>&lt;/b&gt; hoot" in page
    assert "<b>owl</b>" not in page
    assert "Silver Moth" in page and "Women in engineering" in page
    assert f'?page=1#post-{post.public_id}"' in page


def test_the_page_shows_nothing_of_another_account_or_its_other_personas(reader, writer):
    ThreadFactory(membership=writer, title="Badger", body="badger badger")
    account = writer.persona.account

    page = page_text(client_of(reader.persona.account).get(SEARCH, {"q": "badger"}))

    assert "Silver Moth" in page
    for secret in (account.email, "dana.real", "Copper Wren 44", "Founders"):
        assert secret not in page
    assert not re.search(rf"\b{account.pk}\b", main_of(page).replace(account.email, ""))


def test_a_content_warning_keeps_the_text_out_of_the_results(reader, writer):
    ThreadFactory(membership=writer, body="skunk details")
    Post.objects.filter(body="skunk details").update(content_warning="assault")

    page = main_of(page_text(client_of(reader.persona.account).get(SEARCH, {"q": "skunk"})))

    assert "Content warning" in page and "skunk details" not in page


def test_the_empty_form_no_results_and_too_short_say_so(reader):
    client = client_of(reader.persona.account)

    assert "Search finds words" in page_text(client.get(SEARCH))
    no_results = page_text(client.get(SEARCH, {"q": "zebra"}))
    assert "No results" in no_results
    # The words stay out of the title, which the browser's history keeps.
    assert "<title>Search · Lantern</title>" in no_results
    short = page_text(client.get(SEARCH, {"q": "z"}))
    assert "at least 2 letters" in short and 'value="z"' in short
    empty = page_text(client.get(SEARCH, {"q": "   "}))
    assert "Type a word or two" in empty


def test_a_query_over_the_limit_is_refused_with_the_text_kept(reader, settings):
    settings.GROUPS_SEARCH_MAX_QUERY_CHARS = 10
    page = page_text(client_of(reader.persona.account).get(SEARCH, {"q": "elevenchars"}))
    assert "at most 10" in page and 'value="elevenchars"' in page


NASTY = [
    '"',
    '""',
    "a*",
    "^start",
    "col:umn",
    "(open",
    "close)",
    "-minus",
    "NEAR(a b)",
    "a AND",
    "OR",
    "NOT NOT",
    'unbalanced "quote',
    "café naïve",
    "ÄÖÜ straße",
    "😀😀",
    "😀 smile",
    "שלום עולם",
    "مرحبا",
    "日本語",
    "a" * 200,
    "x",
    "'; DROP TABLE groups_post; --",
    "%_\\",
    "\u202e reversed",
    "\x00 null",
    "a:* & b | !c <-> d",
    "{curly} [square] <angle>",
    "“curly quotes”",
]


@pytest.mark.parametrize("text", NASTY)
def test_anything_a_person_can_type_gets_a_page_not_an_error(reader, writer, text):
    ThreadFactory(membership=writer, title="Ordinary words", body="café straße שלום 日本語 smile")
    response = client_of(reader.persona.account).get(SEARCH, {"q": text})
    assert response.status_code == 200
    assert "<h1>Search your groups</h1>" in response.content.decode()


def test_unicode_words_are_found(reader, writer):
    thread = ThreadFactory(membership=writer, body="Le café était naïve, שלום עולם")
    assert found(reader.persona.account, "café") == [thread.posts.get()]
    assert found(reader.persona.account, "שלום") == [thread.posts.get()]


def test_search_operators_are_plain_words():
    query = parse_query('NEAR(a b) OR "x y" -z ^q*')
    assert query.fts5() == '"NEAR" "a" "b" "OR" "x y" "z" "q"'
    assert query.websearch() == '"NEAR" "a" "b" "OR" "x y" "z" "q"'
    with pytest.raises(SearchTextError):
        parse_query('"*^():-')


def test_the_snippet_escapes_member_text_and_marks_only_matches():
    text = "<script>alert('x')</script> " + "filler " * 60 + "the lighthouse <i>keeper</i>"
    cut = snippet(text, ["lighthouse"])
    assert "<script>" not in cut and "<i>" not in cut
    assert "<mark>lighthouse</mark> &lt;i&gt;keeper&lt;/i&gt;" in cut
    assert cut.startswith("…")


def test_visitors_are_asked_to_log_in():
    response = Client().get(SEARCH, {"q": "anything"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_count_stops_at_the_most_results_searched(reader, writer, settings):
    settings.GROUPS_SEARCH_MAX_RESULTS = 3
    settings.GROUPS_SEARCH_RESULTS_PER_PAGE = 2
    thread = ThreadFactory(membership=writer, body="gull")
    for _ in range(4):
        PostFactory(thread=thread, author=writer.persona, body="gull")

    page = page_text(client_of(reader.persona.account).get(SEARCH, {"q": "gull", "page": 2}))

    assert "The newest 3 results" in page and "There may be more" in page
    assert page.count('class="card search-result"') == 1


def test_searching_too_often_is_refused_with_a_clear_message(reader, settings):
    settings.GROUPS_SEARCH_RATE = "2/m"
    client = client_of(reader.persona.account)
    for _ in range(2):
        assert client.get(SEARCH, {"q": "anything"}).status_code == 200
    response = client.get(SEARCH, {"q": "anything"})
    assert response.status_code == 429
    assert "searched many times" in response.content.decode()


# Session, account, the bell's count, the account's groups and blocks (one query), the count of
# results (at most SEARCH_MAX_RESULTS), the page of results (threads, groups and authors
# joined), their positions in their threads.
SEARCH_PAGE_QUERIES = 7


@pytest.mark.parametrize("posts", [1, 25])
def test_the_results_page_costs_the_same_queries_whatever_it_shows(
    reader, writer, posts, django_assert_num_queries
):
    other = MembershipFactory(
        group=GroupFactory(slug="second"), persona__account=reader.persona.account
    )
    for n in range(posts):
        membership = writer if n % 2 else MembershipFactory(group=other.group)
        ThreadFactory(membership=membership, title=f"Topic {n}", body=f"albatross {n}")
    client = client_of(reader.persona.account)
    client.get(SEARCH, {"q": "albatross"})  # the session is loaded once before counting

    with django_assert_num_queries(SEARCH_PAGE_QUERIES):
        response = client.get(SEARCH, {"q": "albatross"})

    assert response.content.decode().count('class="card search-result"') == min(posts, 20)


def test_search_is_a_reserved_group_address():
    with pytest.raises(ValidationError, match="reserved"):
        create_group(
            staff=AccountFactory(is_staff=True), name="Search", slug="search", description="d"
        )


def test_in_two_shared_groups_each_result_names_the_persona_of_its_own_group(reader, writer):
    founders = Membership.objects.get(group__slug="founders")
    MembershipFactory(
        group=founders.group, persona__account=reader.persona.account, persona__name="Tidal Fern"
    )
    ThreadFactory(membership=writer, title="Here", body="meadowlark in women")
    ThreadFactory(membership=founders, title="There", body="meadowlark in founders")

    page = main_of(page_text(client_of(reader.persona.account).get(SEARCH, {"q": "meadowlark"})))
    results = page.split('class="card search-result"')[1:]

    by_group = {("Founders" in result): result for result in results}
    assert "Copper Wren 44" in by_group[True] and "Silver Moth" not in by_group[True]
    assert "Silver Moth" in by_group[False] and "Copper Wren 44" not in by_group[False]
    account = writer.persona.account
    assert account.email not in page and str(account.pk) not in page
