"""Reactions: support / me too / thank you, one of each per persona per post, toggled."""

import pytest
from django.utils import timezone

from community.errors import NotAllowed
from community.models import Notification
from groups.models import Membership, Reaction
from groups.selectors.reactions import annotate_reactions
from groups.services.reactions import toggle_reaction
from tests.factories import (
    BlockFactory,
    GroupFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return GroupFactory(name="Founders and contractors", slug="founders")


@pytest.fixture
def author(group):
    return MembershipFactory(group=group, persona__name="Steady Lark")


@pytest.fixture
def reactor(group):
    return MembershipFactory(group=group, persona__name="Warm Otter")


@pytest.fixture
def post(author):
    return ThreadFactory(membership=author, body="I was let go after I reported it.").posts.get()


def _counts(post, viewer):
    (annotated,) = annotate_reactions([post], viewer)
    return {button.kind: (button.count, button.pressed) for button in annotated.reaction_buttons}


def test_a_member_reacts_and_the_count_shows_it(post, reactor):
    assert toggle_reaction(membership=reactor, post=post, kind="support") is True

    assert _counts(post, reactor.persona)["support"] == (1, True)
    assert _counts(post, None)["support"] == (1, False)


def test_reacting_again_with_the_same_kind_takes_it_back(post, reactor):
    toggle_reaction(membership=reactor, post=post, kind="me_too")

    assert toggle_reaction(membership=reactor, post=post, kind="me_too") is False

    assert not Reaction.objects.filter(post=post).exists()


def test_one_of_each_kind_per_persona(post, reactor, group):
    for kind in ("support", "me_too", "thank_you"):
        toggle_reaction(membership=reactor, post=post, kind=kind)
    toggle_reaction(membership=MembershipFactory(group=group), post=post, kind="support")

    counts = _counts(post, reactor.persona)

    assert counts == {"support": (2, True), "me_too": (1, True), "thank_you": (1, True)}


def test_an_unknown_kind_is_refused(post, reactor):
    with pytest.raises(NotAllowed):
        toggle_reaction(membership=reactor, post=post, kind="angry")

    assert not Reaction.objects.exists()


def test_non_members_and_former_members_cannot_react(post, group):
    left = MembershipFactory(group=group, status=Membership.Status.LEFT)
    outsider = MembershipFactory()

    for membership in (None, left, outsider):
        with pytest.raises(NotAllowed):
            toggle_reaction(membership=membership, post=post, kind="support")

    assert not Reaction.objects.exists()


def test_deleted_posts_take_no_reactions(post, reactor):
    post.deleted_at = timezone.now()
    post.save()

    with pytest.raises(NotAllowed, match="deleted"):
        toggle_reaction(membership=reactor, post=post, kind="support")


def test_the_author_is_told_someone_reacted_without_a_name(post, reactor, author):
    toggle_reaction(membership=reactor, post=post, kind="thank_you")

    notification = Notification.objects.get(account=author.persona.account)
    assert notification.kind == "reaction"
    # Which thread, by its title, and which group; never who.
    assert notification.text == (
        f"Someone reacted to your post in “\u2068{post.thread.title}\u2069” "
        "(\u2068Founders and contractors\u2069)."
    )
    assert "Warm Otter" not in notification.text
    assert post.public_id in notification.url


def test_more_reactions_while_unread_add_no_more_notifications(post, reactor, author, group):
    toggle_reaction(membership=reactor, post=post, kind="support")
    toggle_reaction(membership=reactor, post=post, kind="me_too")
    toggle_reaction(membership=MembershipFactory(group=group), post=post, kind="support")

    assert Notification.objects.filter(account=author.persona.account).count() == 1


def test_reacting_to_your_own_post_is_refused_and_notifies_nobody(post, author):
    with pytest.raises(NotAllowed, match="your own post"):
        toggle_reaction(membership=author, post=post, kind="support")

    assert not Reaction.objects.exists()
    assert not Notification.objects.exists()


def test_no_notification_from_someone_the_author_blocked(post, reactor, author):
    BlockFactory(blocker=author.persona.account, persona=reactor.persona)

    toggle_reaction(membership=reactor, post=post, kind="support")

    assert not Notification.objects.exists()


def test_counts_and_the_viewers_own_are_read_in_one_query_whatever_the_page(
    author, reactor, group, django_assert_num_queries
):
    thread = ThreadFactory(membership=author)
    posts = [PostFactory(thread=thread, author=author.persona) for _ in range(30)]
    other = MembershipFactory(group=group)
    for number, post in enumerate(posts):
        toggle_reaction(membership=reactor, post=post, kind="support")
        if number % 2:
            toggle_reaction(membership=other, post=post, kind="me_too")

    with django_assert_num_queries(1):
        annotated = annotate_reactions(posts, reactor.persona)

    for number, post in enumerate(annotated):
        support, me_too = post.reaction_buttons[0], post.reaction_buttons[1]
        assert (support.kind, support.count, support.pressed) == ("support", 1, True)
        # Another's reaction counts but is not pressed for this viewer.
        assert (me_too.kind, me_too.count, me_too.pressed) == ("me_too", number % 2, False)
