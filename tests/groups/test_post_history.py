"""Edit history: every edit keeps the text it replaces; only the author and the group's
moderators read it (everyone else: 404, as for an unknown post, and only "edited" on the
post); deleting the post or erasing the account deletes it; the author's export has it."""

import pytest

from community.services.accounts import delete_account, export_account_data
from groups.models import Membership, PostRevision
from groups.services import posts as post_services
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.pages import page_text
from tests.world import add_host, start_thread

pytestmark = pytest.mark.django_db

ORIGINAL = "My manager at Northwind said it in front of everyone."
EDITED = "My manager said it in front of everyone."


@pytest.fixture
def author(group):
    return MembershipFactory(group=group, persona__name="Quiet Heron 12")


@pytest.fixture
def reader(group, author):
    """Another account sharing this group and one more with the author."""
    reader = MembershipFactory(group=group, persona__name="Steady Otter 4")
    elsewhere = GroupFactory(name="Elsewhere", slug="elsewhere")
    MembershipFactory(
        group=elsewhere, persona__account=author.persona.account, persona__name="Far Lantern 9"
    )
    MembershipFactory(
        group=elsewhere, persona__account=reader.persona.account, persona__name="Near Fern 2"
    )
    return reader


@pytest.fixture
def post(author):
    post = start_thread(author, "After the meeting", ORIGINAL).posts.get()
    return post_services.edit_post(membership=author, post=post, body=EDITED)


def history_url(post):
    return f"/groups/{post.thread.group.slug}/posts/{post.public_id}/history/"


def test_an_edit_keeps_the_text_it_replaced(post):
    revision = PostRevision.objects.get(post=post)

    assert revision.body == ORIGINAL
    assert ORIGINAL in revision.body_html
    assert revision.written == post.created


def test_each_edit_adds_one_version_and_saving_unchanged_text_adds_none(post, author):
    post_services.edit_post(membership=author, post=post, body="Third version.")
    post_services.edit_post(membership=author, post=post, body="Third version.")

    assert list(post.revisions.order_by("created", "pk").values_list("body", flat=True)) == [
        ORIGINAL,
        EDITED,
    ]


def test_the_author_reads_the_history(client, post, author):
    client.force_login(author.persona.account)

    page = page_text(client.get(history_url(post)))

    assert ORIGINAL in page
    assert EDITED in page
    assert "Far Lantern 9" not in page


def test_a_host_reads_the_history(client, post, group):
    host = add_host(group, "Calm Willow 3")
    client.force_login(host.persona.account)

    assert ORIGINAL in page_text(client.get(history_url(post)))


@pytest.mark.parametrize("who", ["member", "outsider", "staff_outside", "former"])
def test_everyone_else_gets_404_as_for_an_unknown_post(client, post, reader, who):
    account = {
        "member": reader.persona.account,
        "outsider": AccountFactory(),
        "staff_outside": AccountFactory(is_staff=True),
        "former": reader.persona.account,
    }[who]
    if who == "former":
        Membership.objects.filter(pk=reader.pk).update(status=Membership.Status.LEFT)
    client.force_login(account)

    assert client.get(history_url(post)).status_code == 404
    unknown = f"/groups/{post.thread.group.slug}/posts/AAAAAAAAAAAAAAAA/history/"
    assert client.get(unknown).status_code == 404


def test_other_members_see_only_edited_and_never_the_old_words(client, post, reader):
    client.force_login(reader.persona.account)

    page = page_text(client.get(post.thread.get_absolute_url()))

    assert "edited" in page
    assert ORIGINAL not in page
    assert "Northwind" not in page
    assert "/history/" not in page


def test_the_author_and_hosts_get_a_link_from_edited(client, post, author, group):
    client.force_login(author.persona.account)
    assert history_url(post) in page_text(client.get(post.thread.get_absolute_url()))

    host = add_host(group, "Calm Willow 3")
    client.force_login(host.persona.account)
    assert history_url(post) in page_text(client.get(post.thread.get_absolute_url()))


def test_deleting_the_post_deletes_its_history(client, post, author):
    post_services.delete_post(membership=author, post=post)

    assert not PostRevision.objects.exists()
    client.force_login(author.persona.account)
    gone = client.get(history_url(post))
    assert gone.status_code == 200
    assert "Northwind" not in gone.content.decode()


@pytest.mark.parametrize("keep_content", [True, False])
def test_erasing_the_account_deletes_its_history(post, author, keep_content):
    delete_account(account=author.persona.account, keep_content=keep_content)

    assert not PostRevision.objects.exists()


def test_erasure_leaves_other_members_history_alone(post, reader, group):
    thread = post.thread
    theirs = post_services.create_post(
        account=reader.persona.account, membership=reader, thread=thread, body="Mine, first."
    )
    post_services.edit_post(membership=reader, post=theirs, body="Mine, second.")

    delete_account(account=post.author.account, keep_content=False)

    assert list(PostRevision.objects.values_list("body", flat=True)) == ["Mine, first."]


def test_the_authors_export_holds_the_earlier_versions_and_nobody_elses(post, author, reader):
    theirs = post_services.create_post(
        account=reader.persona.account, membership=reader, thread=post.thread, body="Theirs 1"
    )
    post_services.edit_post(membership=reader, post=theirs, body="Theirs 2")

    data = export_account_data(author.persona.account)

    assert [row["body"] for row in data["group_post_revisions"]] == [ORIGINAL]
    assert "Theirs 1" not in str(data)


def test_the_history_page_costs_a_fixed_number_of_queries(
    client, post, author, django_assert_max_num_queries
):
    for number in range(5):
        post_services.edit_post(membership=author, post=post, body=f"Version {number}")
    client.force_login(author.persona.account)

    with django_assert_max_num_queries(12):
        page_text(client.get(history_url(post)))


def test_a_visitor_gets_404_for_the_history_and_the_quote_source(client, post):
    assert client.get(history_url(post)).status_code == 404
    quote = f"/groups/{post.thread.group.slug}/posts/{post.public_id}/quote/"
    assert client.get(quote).status_code == 404
