"""A member's data export holds what they did in groups and the flags they raised, and
nothing written by anyone else."""

from community.services.accounts import export_account_data
from moderation.models import Flag
from moderation.services import flag_content
from tests.factories import GroupFactory, MembershipFactory, PostFactory, ThreadFactory


def test_export_holds_the_members_groups_threads_posts_and_reactions(db):
    group = GroupFactory(name="Women in engineering")
    mine = MembershipFactory(group=group, persona__name="Quiet Otter")
    theirs = MembershipFactory(group=group, persona__name="Steady Lark")
    thread = ThreadFactory(membership=mine, title="After I reported", body="My first post.")
    PostFactory(thread=thread, author=theirs.persona, body="Someone else's reply.")
    data = export_account_data(mine.persona.account)

    assert data["group_memberships"][0]["group"] == "Women in engineering"
    assert data["group_memberships"][0]["as"] == "Quiet Otter"
    assert [thread["title"] for thread in data["group_threads"]] == ["After I reported"]
    assert [post["body"] for post in data["group_posts"]] == ["My first post."]
    assert "Someone else's reply." not in str(data)
    assert "Steady Lark" not in str(data)


def test_export_lists_flags_raised_without_the_flagged_persons_words(db):
    group = GroupFactory()
    reporter = MembershipFactory(group=group, persona__name="Quiet Otter")
    author = MembershipFactory(group=group, persona__name="Loud Crow")
    thread = ThreadFactory(membership=author, body="Something hurtful.")
    flag_content(
        reporter=reporter.persona.account,
        target=thread.posts.get(),
        reason=Flag.Reason.HARASSMENT,
        note="This is aimed at me.",
    )
    data = export_account_data(reporter.persona.account)

    assert data["flags_raised"][0]["note"] == "This is aimed at me."
    assert data["flags_raised"][0]["reason"] == "harassment"
    assert "Something hurtful." not in str(data)
    assert "Loud Crow" not in str(data)
    assert export_account_data(author.persona.account)["flags_raised"] == []
