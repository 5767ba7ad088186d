"""A member's page inside a group (issue 13, "People in a space"): who may reach it, what it
shows (name, month and year joined, host or not, posts newest first), and what it never shows
(anything of the account or of its personas elsewhere). The thread page links names to it and
badges hosts, at no extra query."""

import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import timezone

from groups.models import Membership, Thread
from groups.services import posts as post_services
from tests.factories import (
    AccountFactory,
    BlockFactory,
    GroupFactory,
    JoinRequestFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db

# session, account, the persona shown (with its membership and group), the viewer's persona
# and membership, the personas the viewer blocked here, paginator count, a page of posts
# (threads joined, positions in a subquery), the bell's count.
PERSON_PAGE_QUERIES = 8


def person_url(persona, slug: str | None = None) -> str:
    return f"/groups/{slug or persona.membership.group.slug}/people/{persona.public_id}/"


def client_of(account) -> Client:
    client = Client()
    client.force_login(account)
    return client


def main_of(page: str) -> str:
    """The page's own content, without the layout's navigation."""
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def group():
    return GroupFactory(name="Women in engineering", slug="women")


@pytest.fixture
def viewer(group):
    return MembershipFactory(group=group, persona__name="Viewer Vole")


@pytest.fixture
def author(group):
    """Bea: a host here, in a second group under another name, with a pk and email to look for."""
    account = AccountFactory(pk=987654, email="bea.real@example.test")
    elsewhere = GroupFactory(name="Founders and contractors", slug="founders")
    MembershipFactory(group=elsewhere, persona__account=account, persona__name="Copper Wren 44")
    return MembershipFactory(
        group=group, persona__account=account, persona__name="Silver Moth 33", role="host"
    )


def test_a_member_sees_the_name_month_joined_host_and_posts_newest_first(viewer, author):
    Membership.objects.filter(pk=author.pk).update(created=datetime(2026, 3, 14, 9, 26, tzinfo=UTC))
    first = ThreadFactory(membership=author, title="Where I started", body="My first words.")
    PostFactory(thread=first, author=author.persona, body="A later reply.")
    PostFactory(thread=first, author=viewer.persona, body="Not hers.")

    page = main_of(page_text(client_of(viewer.persona.account).get(person_url(author.persona))))

    assert "Silver Moth 33" in page
    assert "Member since March 2026" in page
    assert "14 March" not in page and "09:26" not in page  # coarse: month and year only
    assert '<span class="tag">host</span>' in page
    assert page.index("A later reply.") < page.index("My first words.")
    assert "Not hers." not in page
    assert "Where I started" in page


def test_each_post_links_to_the_page_of_its_thread_that_shows_it(settings, viewer, author):
    settings.GROUPS_POSTS_PER_PAGE = 2
    thread = ThreadFactory(membership=viewer)
    PostFactory(thread=thread, author=viewer.persona)
    post = PostFactory(thread=thread, author=author.persona, body="Third in the thread.")

    page = page_text(client_of(viewer.persona.account).get(person_url(author.persona)))

    assert f'href="{post.get_absolute_url()}"' in page
    assert "?page=2#post-" in post.get_absolute_url()


def test_posts_are_paginated(settings, viewer, author):
    settings.GROUPS_POSTS_PER_PAGE = 3
    thread = ThreadFactory(membership=viewer)
    for number in range(7):
        PostFactory(thread=thread, author=author.persona, body=f"Reply number {number}.")
    client = client_of(viewer.persona.account)

    first = page_text(client.get(person_url(author.persona)))
    last = page_text(client.get(person_url(author.persona) + "?page=3"))

    assert "Reply number 6." in first and "Reply number 4." in first
    assert "Reply number 3." not in first
    assert "Page 1 of 3" in first
    assert "Reply number 0." in last and "Reply number 1." not in last


def test_deleted_hidden_and_held_posts_show_as_the_thread_page_shows_them(viewer, author):
    thread = ThreadFactory(membership=viewer)
    PostFactory(thread=thread, author=author.persona, body="Gone.", deleted_at=timezone.now())
    PostFactory(thread=thread, author=author.persona, body="Hid.", hidden_at=timezone.now())
    PostFactory(thread=thread, author=author.persona, body="Held.", held_at=timezone.now())
    hidden_thread = ThreadFactory(membership=author, body="In a thread a moderator hid.")
    Thread.objects.filter(pk=hidden_thread.pk).update(hidden_at=timezone.now())
    held_thread = ThreadFactory(membership=author, body="In a held thread.")
    Thread.objects.filter(pk=held_thread.pk).update(held_at=timezone.now())

    page = main_of(page_text(client_of(viewer.persona.account).get(person_url(author.persona))))

    assert "This post was deleted." in page and "Gone." not in page
    assert "A moderator hid this post." in page and "Hid." not in page
    for unseen in ("Held.", "In a thread a moderator hid.", "In a held thread."):
        assert unseen not in page
    assert page.count('class="card post"') == 2


def test_the_author_sees_their_own_held_post_on_their_page(author):
    thread = ThreadFactory(membership=author)
    PostFactory(thread=thread, author=author.persona, body="Held for now.", held_at=timezone.now())

    page = page_text(client_of(author.persona.account).get(person_url(author.persona)))

    assert "Held for now." in page
    assert "Waiting for review: only you can see this post." in page


def test_a_persona_the_viewer_blocked_shows_folded(viewer, author):
    ThreadFactory(membership=author, title="Their thread", body="Folded words.")
    BlockFactory(blocker=viewer.persona.account, persona=author.persona)

    page = main_of(page_text(client_of(viewer.persona.account).get(person_url(author.persona))))

    assert page.count('<details class="blocked-content">') == 1
    assert page.index("Hidden: you blocked this person") < page.index("Folded words.")
    # The thread they started is named as the group page names it: hidden.
    assert "Their thread" not in page and "In a hidden thread" in page


def test_a_block_made_in_another_group_folds_nothing_here(viewer, author):
    elsewhere = author.persona.account.personas.get(name="Copper Wren 44")
    BlockFactory(blocker=viewer.persona.account, persona=elsewhere)
    ThreadFactory(membership=author, body="Seen as ever.")

    page = page_text(client_of(viewer.persona.account).get(person_url(author.persona)))

    assert "Hidden: you blocked this person" not in page


def test_nothing_of_the_account_or_its_other_personas_is_on_the_page(viewer, author):
    ThreadFactory(membership=author, body="Hello.")

    page = page_text(client_of(viewer.persona.account).get(person_url(author.persona)))

    for secret in ("bea.real", "example.test", "987654", "Copper Wren 44", "founders"):
        assert secret not in page
    other_persona = author.persona.account.personas.get(name="Copper Wren 44")
    assert other_persona.public_id not in page


def test_nothing_on_the_page_leads_outside_the_group(viewer, author):
    ThreadFactory(membership=author, body="[a link](https://example.org/) in a post")

    page = main_of(page_text(client_of(viewer.persona.account).get(person_url(author.persona))))
    # Links written in posts are the authors' words; the page's own links are all here.
    page = re.sub(r'<div class="post-body".*?</div>', "", page, flags=re.DOTALL)

    links = re.findall(r'href="([^"]*)"', page)
    assert links
    assert all(link.startswith("/groups/women/") for link in links), links


@pytest.mark.parametrize("post_count", [1, 40])
def test_the_query_count_does_not_grow_with_posts(
    settings, viewer, author, post_count, django_assert_num_queries
):
    settings.GROUPS_POSTS_PER_PAGE = 50
    threads = [ThreadFactory(membership=viewer) for _ in range(3)]
    for number in range(post_count):
        PostFactory(thread=threads[number % 3], author=author.persona)
    BlockFactory(blocker=viewer.persona.account, persona=author.persona)
    client = client_of(viewer.persona.account)

    with django_assert_num_queries(PERSON_PAGE_QUERIES):
        response = client.get(person_url(author.persona))

    assert page_text(response).count('class="card post"') == post_count


# Who reaches the page.


def test_a_non_member_staff_and_visitors_get_404(group, author):
    url = person_url(author.persona)
    for account in (AccountFactory(), AccountFactory(is_staff=True)):
        assert client_of(account).get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_a_member_who_left_gets_404_inside(group, viewer, author):
    Membership.objects.filter(pk=viewer.pk).update(status=Membership.Status.LEFT)
    assert client_of(viewer.persona.account).get(person_url(author.persona)).status_code == 404


def test_a_persona_of_another_group_is_404_under_this_groups_slug(group, viewer, author):
    """The viewer is in both groups: the persona exists and is visible, but not here."""
    elsewhere = author.persona.account.personas.get(name="Copper Wren 44")
    MembershipFactory(group=elsewhere.membership.group, persona__account=viewer.persona.account)
    client = client_of(viewer.persona.account)

    assert client.get(person_url(elsewhere)).status_code == 200
    assert client.get(person_url(elsewhere, slug="women")).status_code == 404
    assert client.get(person_url(author.persona, slug="founders")).status_code == 404


def test_an_unknown_or_applicant_persona_is_404(group, viewer):
    request = JoinRequestFactory(group=group, persona__account=AccountFactory())
    client = client_of(viewer.persona.account)
    assert client.get(person_url(request.persona, slug="women")).status_code == 404
    assert client.get("/groups/women/people/no-such-person/").status_code == 404


def test_a_member_who_left_or_was_removed_has_a_plain_page_saying_so(viewer, author):
    ThreadFactory(membership=author, body="Still in the thread.")
    client = client_of(viewer.persona.account)
    for status in (Membership.Status.LEFT, Membership.Status.REMOVED):
        Membership.objects.filter(pk=author.pk).update(status=status)

        page = main_of(page_text(client.get(person_url(author.persona))))

        assert "Silver Moth 33" in page
        assert "No longer a member of this group." in page
        for absent in ("Still in the thread.", "Member since", "host"):
            assert absent not in page


def test_a_deleted_accounts_persona_has_no_page(viewer, author):
    post = PostFactory(thread=ThreadFactory(membership=viewer), author=author.persona)
    author.persona.account = None
    author.persona.save()
    client = client_of(viewer.persona.account)

    assert client.get(person_url(author.persona)).status_code == 404
    thread_page = page_text(client.get(post.thread.get_absolute_url()))
    assert f"/people/{author.persona.public_id}/" not in thread_page


# The thread page: names link here, hosts carry a badge.


def test_names_on_the_thread_page_link_to_their_page_in_this_group(viewer, author):
    thread = ThreadFactory(membership=viewer, body="Opening.")
    post_services.create_post(
        account=author.persona.account, membership=author, thread=thread, body="A host reply."
    )

    page = page_text(client_of(viewer.persona.account).get(thread.get_absolute_url()))

    assert f'href="{person_url(author.persona)}"><bdi>Silver Moth 33</bdi></a>' in page
    assert f'href="{person_url(viewer.persona)}"><bdi>Viewer Vole</bdi></a>' in page


def test_hosts_carry_a_badge_on_their_posts_and_members_do_not(viewer, author):
    thread = ThreadFactory(membership=viewer, body="Opening.")
    PostFactory(thread=thread, author=author.persona, body="From a host.")
    PostFactory(thread=thread, author=author.persona, body="Again from a host.")
    former_host = MembershipFactory(group=viewer.group, role="host", status="left")
    PostFactory(thread=thread, author=former_host.persona, body="Was a host.")

    page = page_text(client_of(viewer.persona.account).get(thread.get_absolute_url()))

    posts = page.split('class="card post"')[1:]
    badges = ['<span class="tag">host</span>' in post for post in posts]
    assert badges == [False, True, True, False]
