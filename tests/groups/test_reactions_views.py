"""The reaction buttons under a post: plain forms, members only, 404 for what you can't see."""

import pytest
from django.utils import timezone

from community.fragments import render_fragment
from groups.models import Membership, Reaction
from groups.views.threads import prepare_posts
from tests.factories import (
    BlockFactory,
    GroupFactory,
    MembershipFactory,
    ReactionFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return GroupFactory(name="LGBTQ+ in tech", slug="lgbtq")


@pytest.fixture
def post(group):
    return ThreadFactory(
        membership=MembershipFactory(group=group, persona__name="Bright Finch")
    ).posts.get()


def _react_url(post, kind_slug="lgbtq"):
    return f"/groups/{kind_slug}/posts/{post.public_id}/react/"


def test_a_member_toggles_a_reaction_with_a_post(client, group, post):
    member = MembershipFactory(group=group)
    client.force_login(member.persona.account)

    response = client.post(_react_url(post), {"kind": "me_too"})

    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.public_id}")
    assert Reaction.objects.filter(post=post, persona=member.persona, kind="me_too").exists()

    client.post(_react_url(post), {"kind": "me_too"})
    assert not Reaction.objects.exists()


def test_react_goes_back_to_the_page_it_came_from_but_never_off_site(client, group, post):
    client.force_login(MembershipFactory(group=group).persona.account)

    here = client.post(_react_url(post), {"kind": "support", "next": "/groups/lgbtq/?page=2"})
    away = client.post(_react_url(post), {"kind": "support", "next": "https://evil.example/"})

    assert here.status_code == away.status_code == 302
    assert here["Location"] == f"/groups/lgbtq/?page=2#post-{post.public_id}"
    assert "evil.example" not in away["Location"]


def test_a_non_member_gets_404_and_nothing_is_stored(client, post):
    outsider = MembershipFactory()
    client.force_login(outsider.persona.account)

    response = client.post(_react_url(post), {"kind": "support"})

    assert response.status_code == 404
    assert not Reaction.objects.exists()


def test_a_post_in_the_wrong_group_url_is_404(client, group, post):
    other = GroupFactory(slug="elsewhere")
    client.force_login(MembershipFactory(group=group).persona.account)
    MembershipFactory(group=other)

    response = client.post(_react_url(post, "elsewhere"), {"kind": "support"})

    assert response.status_code == 404


def test_a_block_folds_a_post_without_locking_it_for_the_blocker(client, group, post):
    """The blocker may open a folded post and react; a block hides, it does not forbid."""
    member = MembershipFactory(group=group)
    BlockFactory(blocker=member.persona.account, persona=post.author)
    client.force_login(member.persona.account)

    assert client.post(_react_url(post), {"kind": "support"}).status_code == 302
    assert Reaction.objects.filter(post=post, persona=member.persona).exists()


def test_react_needs_a_post(client, group, post):
    client.force_login(MembershipFactory(group=group).persona.account)

    assert client.get(_react_url(post)).status_code == 405


def test_anonymous_visitors_are_sent_to_log_in(client, post):
    response = client.post(_react_url(post), {"kind": "support"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Reaction.objects.exists()


def test_an_unknown_kind_shows_a_message_instead_of_failing(client, group, post):
    client.force_login(MembershipFactory(group=group).persona.account)

    response = client.post(_react_url(post), {"kind": "angry"}, follow=True)

    assert response.status_code == 200
    assert "not a reaction Lantern knows" in response.content.decode()


def _render_actions(post, viewer, group):
    """One post through the thread page's own fragment, as `viewer` sees it."""
    membership = Membership.objects.get(group=group, persona=viewer)
    (post,) = prepare_posts([post], thread=post.thread, membership=membership, blocked=set())
    return render_fragment(
        "groups/_posts.jinja",
        {
            "posts": [post],
            "viewer": viewer,
            "can_post": False,
            "can_moderate": False,
            "csrf_token": "token",
            "next": "/groups/lgbtq/threads/x/",
        },
    )


def test_the_partial_shows_counts_and_which_ones_are_yours(group, post):
    member = MembershipFactory(group=group)
    ReactionFactory(post=post, persona=member.persona, kind="support")
    ReactionFactory(post=post, kind="support")

    html = _render_actions(post, member.persona, group)

    assert 'aria-pressed="true">Support <span class="reaction-count">2</span>' in html
    # A zero is not shown: the button says only what it does.
    assert 'aria-pressed="false">Me too</button>' in html
    assert ">0<" not in html
    assert "/moderation/flag/post/" in html
    assert f"/groups/lgbtq/posts/{post.public_id}/block/" in html


def test_the_partial_offers_no_block_flag_or_reaction_button_on_your_own_post(group, post):
    author = post.author
    ReactionFactory(post=post, kind="support")

    html = _render_actions(post, author, group)

    assert "/block/" not in html
    assert "/moderation/flag/post/" not in html
    assert "<button" not in html
    assert "/react/" not in html
    # What others made of it still shows, as a count (and only where it is not zero).
    assert 'Support <span class="reaction-count">1</span>' in html
    assert "Me too" not in html


def test_the_partial_offers_no_buttons_on_a_deleted_post(group, post):
    post.deleted_at = timezone.now()
    html = _render_actions(post, MembershipFactory(group=group).persona, group)

    assert "<form" not in html
    assert "Flag" not in html
