"""A block acts only in the group where it was made (DESIGN.md §2, issue #7).

There, the blocked persona's posts and threads are folded for the blocker and its replies and
reactions notify the blocker of nothing; the thread stays readable. In another group nothing
changes, for either side: the blocker's pages there are byte-identical before and after the
block, which closes the linkage oracle (block a persona, watch which names vanish elsewhere).
The blocked person sees no difference anywhere.

Two accounts have a persona in each of two groups: the harasser ("Harsh Crow" in Women in
engineering, "Quiet Otter" in Founders) and the blocker ("Calm Wren", "Steady Finch").
"""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from community.models import Notification
from community.services.blocks import block_persona
from groups.models import Group, Membership, Post, Thread
from groups.services.reactions import toggle_reaction
from tests.clients import client_for
from tests.factories import GroupFactory, MembershipFactory
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db

TITLE = "The week after I spoke up"
FOLDED = "Hidden: you blocked this person"


@dataclass
class World:
    women: Group
    founders: Group
    crow: Membership  # the harasser, in Women in engineering
    otter: Membership  # the same account, in Founders
    wren: Membership  # the blocker, in Women in engineering
    finch: Membership  # the same account, in Founders
    fox: Membership  # a third member of Women in engineering
    thread: Thread  # started by the crow
    opening: Post
    wren_reply: Post
    fox_reply: Post
    founders_thread: Thread  # started by the finch, with a reply by the otter
    otter_reply: Post

    @property
    def blocker(self):
        return self.wren.persona.account

    @property
    def harasser(self):
        return self.crow.persona.account


def _join(group, account, name):
    return MembershipFactory(group=group, persona__account=account, persona__name=name)


@pytest.fixture
def world(settings):
    settings.GROUPS_POST_RATE = "1000/m"
    women = GroupFactory(name="Women in engineering", slug="women")
    founders = GroupFactory(name="Founders", slug="founders")
    crow = MembershipFactory(group=women, persona__name="Harsh Crow")
    wren = MembershipFactory(group=women, persona__name="Calm Wren")
    fox = MembershipFactory(group=women, persona__name="Bright Fox")
    otter = _join(founders, crow.persona.account, "Quiet Otter")
    finch = _join(founders, wren.persona.account, "Steady Finch")
    thread = start_thread(crow, TITLE, "Crow's opening words")
    wren_reply = reply(wren, thread, "Wren's own reply")
    fox_reply = reply(fox, thread, "Fox's kind reply")
    founders_thread = start_thread(finch, "Invoices", "Finch's opening words")
    otter_reply = reply(otter, founders_thread, "Otter's words")
    # Everything happened days ago, so "just now" never turns into "1 minute ago" mid-test
    # and spoils a byte-for-byte comparison.
    days_ago = timezone.now() - timedelta(days=3)
    Post.objects.update(created=days_ago)
    Thread.objects.update(created=days_ago, last_activity=days_ago)
    Group.objects.update(last_activity=days_ago)
    Notification.objects.all().delete()
    return World(
        women=women,
        founders=founders,
        crow=crow,
        otter=otter,
        wren=wren,
        finch=finch,
        fox=fox,
        thread=thread,
        opening=thread.posts.order_by("created", "pk").first(),
        wren_reply=wren_reply,
        fox_reply=fox_reply,
        founders_thread=founders_thread,
        otter_reply=otter_reply,
    )


def _article(page: str, post: Post) -> str:
    """The markup of one post on a thread page."""
    start = page.index(f'id="post-{post.public_id}"')
    return page[start : page.index("</article>", start)]


def _without_csrf(page: str) -> str:
    """The page without its per-render tokens: the CSRF token and the forms' submission ids."""
    page = re.sub(r'name="client_id" value="[^"]+"', "", page)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


# In the group where the block was made.


def test_blocking_the_thread_starter_leaves_the_thread_readable_with_their_posts_folded(world):
    block_persona(blocker=world.blocker, persona=world.crow.persona)

    response = client_for(world.blocker).get(world.thread.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert FOLDED in _article(page, world.opening)
    assert "Wren's own reply" in _article(page, world.wren_reply)
    assert FOLDED not in _article(page, world.wren_reply)
    assert "Fox's kind reply" in _article(page, world.fox_reply)
    assert FOLDED not in _article(page, world.fox_reply)
    # The title is folded too: not in the tab, and only inside the folded heading on the page.
    assert TITLE not in page[page.index("<title>") : page.index("</title>")]
    heading = page[page.index('<details class="blocked-content thread-heading">') :]
    assert heading.index(FOLDED) < heading.index(TITLE) < heading.index("</details>")


def test_a_folded_post_still_holds_its_words_for_when_the_blocker_opens_it(world):
    block_persona(blocker=world.blocker, persona=world.crow.persona)

    page = client_for(world.blocker).get(world.thread.get_absolute_url()).content.decode()

    opening = _article(page, world.opening)
    assert opening.index("<details") < opening.index(FOLDED) < opening.index("Crow's opening")
    assert "Harsh Crow" in opening  # the name is inside the fold, like the words


def test_the_group_page_lists_the_blocked_starters_thread_folded(world):
    block_persona(blocker=world.blocker, persona=world.crow.persona)

    response = client_for(world.blocker).get("/groups/women/")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(FOLDED) == 1
    assert page.index(FOLDED) < page.index(TITLE)
    assert world.thread.get_absolute_url() in page  # still reachable from the list


def test_the_blocker_can_still_reply_in_the_blocked_starters_thread(world):
    block_persona(blocker=world.blocker, persona=world.crow.persona)

    response = client_for(world.blocker).post(
        f"{world.thread.get_absolute_url()}reply/", {"body": "Still here for the others."}
    )

    assert response.status_code == 302
    assert Post.objects.filter(body="Still here for the others.", thread=world.thread).exists()


def test_the_blocked_personas_replies_and_reactions_there_notify_the_blocker_of_nothing(world):
    block_persona(blocker=world.blocker, persona=world.crow.persona)

    reply(world.crow, world.thread, "Crow again")
    toggle_reaction(membership=world.crow, post=world.wren_reply, kind="support")

    assert not Notification.objects.filter(account=world.blocker).exists()
    # Others in the thread still hear about the reply.
    assert Notification.objects.filter(account=world.fox.persona.account, kind="reply").exists()


def test_replies_by_others_in_the_blocked_starters_thread_still_notify_the_blocker(world):
    block_persona(blocker=world.blocker, persona=world.crow.persona)

    reply(world.fox, world.thread, "Fox again")

    notification = Notification.objects.get(account=world.blocker, kind="reply")
    followed = client_for(world.blocker).get(notification.url)
    assert followed.status_code == 200
    assert "Fox again" in followed.content.decode()


# In another group: nothing changes, for either side.


def test_in_another_group_the_blocker_sees_the_same_accounts_other_persona_normally(world):
    block_persona(blocker=world.blocker, persona=world.crow.persona)
    client = client_for(world.blocker)

    thread_page = client.get(world.founders_thread.get_absolute_url())
    group_page = client.get("/groups/founders/")

    assert thread_page.status_code == 200
    assert "Otter's words" in _article(thread_page.content.decode(), world.otter_reply)
    assert FOLDED not in thread_page.content.decode()
    assert group_page.status_code == 200
    assert FOLDED not in group_page.content.decode()


def test_in_another_group_the_same_accounts_replies_and_reactions_still_notify_the_blocker(
    world,
):
    block_persona(blocker=world.blocker, persona=world.crow.persona)
    finch_opening = world.founders_thread.posts.order_by("created", "pk").first()

    reply(world.otter, world.founders_thread, "Otter again")
    toggle_reaction(membership=world.otter, post=finch_opening, kind="me_too")

    kinds = sorted(
        Notification.objects.filter(account=world.blocker).values_list("kind", flat=True)
    )
    assert kinds == ["reaction", "reply"]
    page = client_for(world.blocker).get("/notifications/").content.decode()
    assert "<bdi>Quiet Otter</bdi> replied" in page
    assert "Someone reacted to your post in “<bdi>" in page
    assert "</bdi>” (<bdi>Founders</bdi>)." in page


def test_the_blockers_pages_in_another_group_are_byte_identical_before_and_after(world):
    """The old oracle: block a persona here, then watch which names vanish over there."""
    client = client_for(world.blocker)
    urls = ["/groups/founders/", world.founders_thread.get_absolute_url()]
    client.get(urls[0])  # past the first visit, the only one with the guidelines in full
    before = [_without_csrf(client.get(url).content.decode()) for url in urls]

    response = client.post(f"/groups/women/posts/{world.opening.public_id}/block/", follow=True)
    assert "You blocked <bdi>Harsh Crow</bdi>" in response.content.decode()

    after = [_without_csrf(client.get(url).content.decode()) for url in urls]
    assert after == before


# The blocked person.


def test_the_blocked_persons_pages_are_byte_identical_before_and_after_the_block(world):
    client = client_for(world.harasser)
    urls = [
        "/groups/women/",
        world.thread.get_absolute_url(),
        "/groups/founders/",
        world.founders_thread.get_absolute_url(),
        "/notifications/",
        "/settings/blocks/",
    ]
    for url in urls:  # past the first visits, the only ones with the guidelines in full
        client.get(url)
    before = [_without_csrf(client.get(url).content.decode()) for url in urls]

    block_persona(blocker=world.blocker, persona=world.crow.persona)

    after = [_without_csrf(client.get(url).content.decode()) for url in urls]
    assert after == before
    assert not Notification.objects.filter(account=world.harasser).exists()
