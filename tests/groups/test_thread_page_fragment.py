"""The thread page's posts come from one Jinja2 fragment (groups/_posts.jinja, rendered per
request): each viewer's own state stays theirs, it escapes what members write, its forms work
without JavaScript, and the page stays at ten queries, the read marker's one write included."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from groups.models import Membership, Reaction
from tests.factories import (
    BlockFactory,
    GroupFactory,
    MembershipFactory,
    PersonaFactory,
    PostFactory,
    ReactionFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    """Ash and Birch share a group (and Ash has another persona elsewhere); Cedar, whom Ash
    blocked here, and Hazel, a host, write in the same thread."""
    group = GroupFactory(slug="circle")
    ash = MembershipFactory(group=group, persona__name="Ash Lantern")
    birch = MembershipFactory(group=group, persona__name="Birch Lantern")
    cedar = MembershipFactory(group=group, persona__name="Cedar Lantern")
    hazel = MembershipFactory(group=group, persona__name="Hazel Lantern", role="host")
    # Ash elsewhere, under another name: nothing of it may show in this group.
    PersonaFactory(account=ash.persona.account, name="Secret Elsewhere")
    thread = ThreadFactory(membership=hazel, title="Where to start")
    by = {
        "hazel": thread.posts.get(),
        "ash": PostFactory(thread=thread, author=ash.persona, body="Ash writes."),
        "birch": PostFactory(thread=thread, author=birch.persona, body="Birch writes."),
        "cedar": PostFactory(thread=thread, author=cedar.persona, body="Cedar writes."),
    }
    ReactionFactory(post=by["birch"], persona=ash.persona, kind=Reaction.Kind.SUPPORT)
    BlockFactory(blocker=ash.persona.account, persona=cedar.persona)
    url = f"/groups/{group.slug}/threads/{thread.public_id}/"
    return {"ash": ash, "birch": birch, "hazel": hazel, "posts": by, "url": url}


def _page_as(membership: Membership, url: str) -> str:
    client = Client()
    client.force_login(membership.persona.account)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _without_tokens(page: str) -> str:
    """The page less what differs on every request: the CSRF token and the reply's client_id."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r'name="client_id" value="[^"]+"', "", page)


def _post_html(page: str, post) -> str:
    start = page.index(f'id="post-{post.public_id}"')
    return page[start : page.index("</article>", start)]


def test_each_viewer_gets_their_own_controls_whoever_looked_before(scene):
    posts, url = scene["posts"], scene["url"]
    # Alternate viewers in one process: nothing of one request may reach the next.
    pages: dict[str, list[str]] = {}
    for name in ("ash", "birch", "hazel", "ash", "birch"):
        pages.setdefault(name, []).append(_page_as(scene[name], url))
    for seen in pages.values():  # the same page each time, but for its one-time tokens
        assert len({_without_tokens(page) for page in seen}) == 1

    ash, birch, hazel = pages["ash"][-1], pages["birch"][-1], pages["hazel"][-1]
    # Own posts: Edit and Delete for their author only.
    assert "/edit/" in _post_html(ash, posts["ash"])
    assert "/edit/" not in _post_html(ash, posts["birch"])
    assert "/edit/" in _post_html(birch, posts["birch"])
    assert "/edit/" not in _post_html(birch, posts["ash"])
    # Pressed reactions: Ash's, on Ash's page only.
    assert 'aria-pressed="true">Support' in _post_html(ash, posts["birch"])
    assert 'aria-pressed="true"' not in birch
    assert 'aria-pressed="true"' not in hazel
    # The block folds Cedar's post for Ash, and for nobody else.
    assert "Hidden: you blocked this person" in _post_html(ash, posts["cedar"])
    assert "Hidden: you blocked this person" not in birch + hazel
    assert f"/groups/circle/posts/{posts['cedar'].public_id}/block/" not in ash
    assert f"/groups/circle/posts/{posts['cedar'].public_id}/block/" in birch
    # Host controls for the host only; the host badge for everyone.
    assert "Hide or remove" in hazel
    assert "Hide or remove" not in ash + birch
    for page in (ash, birch, hazel):
        assert '<span class="tag">host</span>' in _post_html(page, posts["hazel"])
        assert '<span class="tag">host</span>' not in _post_html(page, posts["birch"])
    # No Flag and no reaction buttons on one's own post (its counts still show); a Quote link
    # on the others' posts for whoever may reply.
    assert 'class="flag-link"' not in _post_html(ash, posts["ash"])
    assert 'class="flag-link"' in _post_html(birch, posts["ash"])
    assert 'class="reaction-form"' not in _post_html(birch, posts["birch"])
    assert 'class="reaction-form"' in _post_html(ash, posts["birch"])
    assert 'class="quote-link"' in _post_html(ash, posts["birch"])
    assert f"quote={posts['birch'].public_id}#reply" in _post_html(hazel, posts["birch"])


def test_the_unread_divider_is_each_readers_own(scene):
    posts, url = scene["posts"], scene["url"]
    _page_as(scene["ash"], url)
    _page_as(scene["birch"], url)
    new = PostFactory(
        thread=posts["hazel"].thread, author=scene["hazel"].persona, body="Something new."
    )
    divider = '<p id="unread" class="unread-divider">'

    birch = _page_as(scene["birch"], url)
    again = _page_as(scene["birch"], url)
    ash = _page_as(scene["ash"], url)

    # Right before the first post Birch had not seen; gone once Birch has seen it; still
    # there for Ash, whose marker is Ash's own.
    assert birch.index(divider) < birch.index(f'id="post-{new.public_id}"')
    assert birch.count(divider) == 1
    assert divider not in again
    assert ash.count(divider) == 1


def test_the_page_shows_nothing_of_an_account_but_its_persona_here(scene):
    ash_account = scene["ash"].persona.account
    for name in ("birch", "hazel", "ash"):
        page = _page_as(scene[name], scene["url"])
        assert ash_account.email not in page
        assert "Secret Elsewhere" not in page
        assert f"account={ash_account.pk}" not in page
        assert "Ash Lantern" in page


def test_what_members_write_is_escaped_in_the_fragment():
    group = GroupFactory()
    member = MembershipFactory(group=group, persona__name="<b>Bold</b> & Co")
    thread = ThreadFactory(membership=member)
    PostFactory(thread=thread, author=member.persona, content_warning='<script>x("cw")</script>')
    page = _page_as(member, f"/groups/{group.slug}/threads/{thread.public_id}/")

    assert "<script>x(" not in page
    assert "&lt;script&gt;x(" in page
    assert "<b>Bold</b>" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in page


def test_the_reaction_form_works_without_javascript_with_the_pages_token(scene):
    client = Client(enforce_csrf_checks=True)
    client.force_login(scene["birch"].persona.account)
    page = client.get(scene["url"]).content.decode()
    post = scene["posts"]["hazel"]
    form = re.search(
        rf'<form method="post" action="(/groups/circle/posts/{post.public_id}/react/)".*?</form>',
        page,
        re.S,
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form[0])[1]
    following = re.search(r'name="next" value="([^"]+)"', form[0])[1]

    response = client.post(
        form[1], {"csrfmiddlewaretoken": token, "next": following, "add": "me_too"}
    )

    assert response.status_code == 302
    assert Reaction.objects.filter(
        post=post, persona=scene["birch"].persona, kind=Reaction.Kind.ME_TOO
    ).exists()


def test_a_thread_page_makes_at_most_ten_queries_the_one_write_included(scene):
    client = Client()
    client.force_login(scene["ash"].persona.account)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(scene["url"])
    assert response.status_code == 200
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(queries) <= 10  # the write included
    assert len(writes) <= 1  # the one a GET may make: the read marker (DESIGN.md §4)
