"""@mentions: found on save among the group's active members, linked, notified, capped."""

import pytest

from community.models import Notification
from community.rendering import render_markdown
from community.services.blocks import block_persona
from groups.mentions import link_mentions
from groups.models import Membership, Mention, ThreadSubscription
from groups.services import posts as post_services
from tests.clients import client_for
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _roomy_rates(settings):
    settings.GROUPS_POST_RATE = "1000/m"


@pytest.fixture
def group():
    return GroupFactory(name="Night shift", slug="night-shift")


@pytest.fixture
def author(group):
    return MembershipFactory(group=group, persona__name="Grey Heron")


@pytest.fixture
def river(group):
    return MembershipFactory(group=group, persona__name="Quiet River")


@pytest.fixture
def thread(author):
    return start_thread(author, title="Late rotas again")


def mentions_of(membership):
    return Notification.objects.filter(account=membership.persona.account, kind="mention")


# --- finding and linking ---------------------------------------------------------------------


def test_a_mention_becomes_a_link_to_the_persons_page_in_the_group(group, river):
    html, named = link_mentions(render_markdown("Thank you @Quiet River, truly."), group)

    path = f"/groups/night-shift/people/{river.persona.public_id}/"
    assert f'<a class="mention" href="{path}">@<bdi>Quiet River</bdi></a>, truly.' in html
    assert named == [river.persona]


def test_the_longest_member_name_after_the_at_wins(group, river):
    quiet = MembershipFactory(group=group, persona__name="Quiet")

    _html, named = link_mentions(render_markdown("@quiet river and @Quiet alone"), group)

    assert named == [river.persona, quiet.persona]


def test_a_name_followed_by_more_letters_is_not_a_mention(group, river):
    _html, named = link_mentions(render_markdown("@Quiet Riverbank is a place"), group)

    assert named == []


def test_an_email_address_is_not_a_mention(group):
    MembershipFactory(group=group, persona__name="example")

    html, named = link_mentions(render_markdown("write to someone@example tonight"), group)

    assert named == []
    assert "mention" not in html


def test_mentions_in_code_and_links_stay_text(group, river):
    body = "`@Quiet River` and [@Quiet River](https://example.org/)\n\n    @Quiet River"

    html, named = link_mentions(render_markdown(body), group)

    assert named == []
    assert 'class="mention"' not in html


def test_a_quoted_mention_stays_text_and_tells_no_one_again(thread, author, river, group):
    # Quote-reply puts "X wrote:\n\n> ..." in the box: the quoter did not name River.
    lark = MembershipFactory(group=group, persona__name="Steady Lark")
    reply(lark, thread, "@Quiet River you said it best.")
    assert mentions_of(river).count() == 1

    post = reply(author, thread, "Steady Lark wrote:\n\n> @Quiet River you said it best.\n\nSame.")

    assert mentions_of(river).count() == 1
    assert 'class="mention"' not in post.body_html
    # A mention after the quote is one.
    reply(author, thread, "> @Quiet River you said it best.\n\n@Quiet River and you listened.")
    assert mentions_of(river).count() == 2


def test_personas_of_other_groups_and_former_members_are_plain_text(group, river):
    elsewhere = MembershipFactory(group=GroupFactory(), persona__name="Far Away")
    MembershipFactory(group=group, persona__name="Gone Already", status=Membership.Status.LEFT)

    html, named = link_mentions(render_markdown("@Far Away and @Gone Already"), group)

    assert named == []
    assert elsewhere.persona.public_id not in html
    assert "<a" not in html


def test_a_name_with_markup_characters_is_escaped_in_the_link(group):
    odd = MembershipFactory(group=group, persona__name="Ash & Oak")

    html, named = link_mentions(render_markdown("hello @Ash & Oak!"), group)

    assert named == [odd.persona]
    assert "@<bdi>Ash &amp; Oak</bdi></a>!" in html


def test_text_without_mentions_comes_back_unchanged(group, river):
    rendered = render_markdown("Nothing to see @ all, <b>really</b> & truly")

    assert link_mentions(rendered, group) == (rendered, [])


# --- notifying --------------------------------------------------------------------------------


def test_a_reply_mentioning_a_member_notifies_them_with_the_exact_post(thread, author, river):
    post = reply(author, thread, "@Quiet River you said it best.")

    notice = mentions_of(river).get()
    assert notice.text == (
        "\u2068Grey Heron\u2069 mentioned you in “\u2068Late rotas again\u2069” "
        "(\u2068Night shift\u2069)."
    )
    assert notice.subject == post
    assert notice.url.endswith(f"#post-{post.public_id}")
    assert 'class="mention"' in post.body_html


def test_a_new_thread_mentioning_a_member_notifies_them(author, river):
    thread = start_thread(author, title="Hello", body="@Quiet River welcome!")

    assert mentions_of(river).get().subject == thread.posts.get()


def test_mentioning_yourself_notifies_nobody(thread, author):
    reply(author, thread, "Note to self, @Grey Heron: rest.")

    assert not Notification.objects.filter(kind="mention").exists()


def test_a_persona_who_blocked_the_author_here_hears_nothing_of_a_mention(thread, author, river):
    block_persona(blocker=river.persona.account, persona=author.persona)

    reply(author, thread, "@Quiet River are you there?")

    assert not Notification.objects.filter(account=river.persona.account).exists()


def test_a_block_of_the_authors_persona_in_another_group_changes_nothing_here(
    thread, author, river
):
    other_group = GroupFactory()
    theirs = MembershipFactory(group=other_group, persona__account=author.persona.account)
    MembershipFactory(group=other_group, persona__account=river.persona.account)
    block_persona(blocker=river.persona.account, persona=theirs.persona)

    reply(author, thread, "@Quiet River are you there?")

    assert mentions_of(river).count() == 1


def test_a_member_who_muted_the_thread_is_not_told_of_mentions(thread, author, river):
    ThreadSubscription.objects.create(
        persona=river.persona, thread=thread, level=ThreadSubscription.Level.MUTE
    )

    reply(author, thread, "@Quiet River what do you think?")

    assert not Notification.objects.filter(account=river.persona.account).exists()


def test_a_mentioned_poster_gets_the_mention_not_a_second_reply_notice(thread, author, river):
    reply(river, thread, "I'm here.")

    reply(author, thread, "@Quiet River thank you.")

    kinds = list(
        Notification.objects.filter(account=river.persona.account).values_list("kind", flat=True)
    )
    assert kinds == ["mention"]


def test_an_edit_tells_only_those_it_newly_names(thread, author, river, group):
    lake = MembershipFactory(group=group, persona__name="Still Lake")
    post = reply(author, thread, "@Quiet River first")

    post_services.edit_post(
        membership=author, post=post, body="@Quiet River first, and @Still Lake too"
    )
    post_services.edit_post(
        membership=author, post=post, body="@Quiet River first, and @Still Lake too!"
    )

    assert mentions_of(river).count() == 1
    assert mentions_of(lake).count() == 1
    assert set(Mention.objects.filter(post=post).values_list("persona__name", flat=True)) == {
        "Quiet River",
        "Still Lake",
    }


def test_a_held_post_notifies_nobody_until_edited_clean(thread, author, river):
    post = reply(author, thread, "@Quiet River his address is dan.hughes@bigco.com")
    assert post.held_at is not None
    assert not mentions_of(river).exists()

    post_services.edit_post(membership=author, post=post, body="@Quiet River he knows.")

    assert mentions_of(river).count() == 1


# --- the cap ----------------------------------------------------------------------------------


def test_more_mentions_than_the_cap_are_refused_with_the_text_kept(settings, thread, author, group):
    settings.GROUPS_MAX_MENTIONS_PER_POST = 2
    for name in ("Pale Moon", "Soft Rain", "Warm Light"):
        MembershipFactory(group=group, persona__name=name)
    body = "@Pale Moon @Soft Rain @Warm Light hello"

    response = client_for(author).post(
        f"/groups/{group.slug}/threads/{thread.public_id}/reply/", {"body": body}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "A post can mention at most 2 people (this one mentions 3)." in page
    assert body in page
    assert thread.posts.count() == 1
    assert not Notification.objects.filter(kind="mention").exists()


def test_the_cap_counts_people_not_repetitions(settings, thread, author, river):
    settings.GROUPS_MAX_MENTIONS_PER_POST = 1

    reply(author, thread, "@Quiet River, @Quiet River, @quiet river!")

    assert mentions_of(river).count() == 1


def test_the_cap_holds_for_edits_too(settings, thread, author, group, river):
    settings.GROUPS_MAX_MENTIONS_PER_POST = 1
    MembershipFactory(group=group, persona__name="Pale Moon")
    post = reply(author, thread, "plain")

    response = client_for(author).post(
        f"/groups/{group.slug}/posts/{post.public_id}/edit/",
        {"body": "@Quiet River and @Pale Moon"},
    )

    assert response.status_code == 200  # the edit form again, with the error
    assert "A post can mention at most 1 people" in response.content.decode()
    post.refresh_from_db()
    assert post.body == "plain"


# --- identity ---------------------------------------------------------------------------------


def test_the_stored_html_names_only_the_persona_of_this_group(thread, author, group):
    account = AccountFactory(email="river.real@example.org")
    river = MembershipFactory(group=group, persona__account=account, persona__name="Quiet River")
    elsewhere = MembershipFactory(
        group=GroupFactory(), persona__account=account, persona__name="Other Name"
    )

    post = reply(author, thread, "@Quiet River")

    assert river.persona.public_id in post.body_html
    for secret in ("river.real", "Other Name", elsewhere.persona.public_id):
        assert secret not in post.body_html
