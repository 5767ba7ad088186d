import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from community.models import Account, Persona
from groups.demo import PEER_DOMAIN
from groups.models import Group, JoinRequest, Membership, Post, Reaction, Thread
from tests.pages import page_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("debug_on")]


def seed_demo_json() -> dict:
    stdout = StringIO()
    call_command("seed_demo", "--json", stdout=stdout)
    return json.loads(stdout.getvalue())


def test_seed_demo_lists_the_demo_groups_in_its_json():
    output = seed_demo_json()
    by_slug = {group["slug"]: group for group in output["groups"]}
    assert by_slug["women-in-engineering"]["name"] == "Women in engineering"
    assert by_slug["retaliation-after-reporting"]["join_policy"] == "approval"
    assert by_slug["lgbtq-in-tech"]["url"] == "/groups/lgbtq-in-tech/"
    assert "founders-and-contractors" in by_slug
    unlisted = Group.objects.get(visibility=Group.Visibility.UNLISTED)
    assert by_slug[unlisted.slug]["invite_url"] == f"/groups/join/{unlisted.invite_token}/"


def test_seed_demo_twice_adds_nothing_twice():
    seed_demo_json()
    counts = [
        model.objects.count() for model in (Group, Persona, Membership, Thread, Post, Reaction)
    ]
    seed_demo_json()
    assert [
        model.objects.count() for model in (Group, Persona, Membership, Thread, Post, Reaction)
    ] == (counts)


def test_the_demo_advocate_hosts_and_the_demo_member_reads_threads():
    seed_demo_json()
    advocate = Account.objects.get(email="advocate@demo.lantern.test")
    member = Account.objects.get(email="member@demo.lantern.test")
    hosted = Membership.objects.filter(persona__account=advocate, role=Membership.Role.HOST)
    assert hosted.count() == Group.objects.count()
    client = Client()
    client.force_login(member)
    page = client.get("/groups/women-in-engineering/").content.decode()
    assert "Being talked over in design reviews" in page
    thread = Thread.objects.get(title="Being talked over in design reviews")
    page = client.get(f"/groups/women-in-engineering/threads/{thread.public_id}/").content
    assert "Thank you both" in page.decode()


def test_demo_posts_carry_reactions_from_other_members_only():
    seed_demo_json()
    assert Reaction.objects.count() > 10
    assert not Reaction.objects.filter(persona=F("post__author")).exists()


def test_the_demo_host_has_a_request_waiting_in_the_approval_group():
    seed_demo_json()
    client = Client()
    client.force_login(Account.objects.get(email="advocate@demo.lantern.test"))
    page = client.get("/groups/retaliation-after-reporting/requests/").content.decode()
    assert "Hopeful Wren 7" in page
    assert JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count() == 1


def test_no_demo_account_has_the_same_name_in_two_groups():
    seed_demo_json()
    for account in Account.objects.filter(personas__isnull=False).distinct():
        names = list(account.personas.values_list("name", flat=True))
        assert len(names) == len(set(names))


def test_seed_demo_shows_mentions_and_a_followed_thread_once():
    from community.models import Notification
    from groups.models import Mention, ThreadSubscription

    seed_demo_json()
    seed_demo_json()

    member = Account.objects.get(email="member@demo.lantern.test")
    notices = Notification.objects.filter(account=member, kind="mention")
    assert sorted(notice.text.split(" mentioned")[0] for notice in notices) == [
        "\u2068Cedar Light\u2069",
        "\u2068Quiet Heron 41\u2069",
    ]
    mentioning = Post.objects.get(mentions__persona__name="Steady Otter 12")
    assert 'class="mention"' in mentioning.body_html
    assert Mention.objects.count() == 3  # Steady Otter 12, Amber Finch 7, Calm Lynx 3
    assert ThreadSubscription.objects.filter(
        persona__account=member, level=ThreadSubscription.Level.FOLLOW
    ).exists()


def test_the_demo_member_has_new_posts_on_their_home_and_group_pages():
    seed_demo_json()
    client = Client()
    client.force_login(Account.objects.get(email="member@demo.lantern.test"))
    home = client.get("/home/").content.decode()
    assert "2 new" in home and "with new posts" in home
    assert "2 new" in client.get("/groups/women-in-engineering/").content.decode()
    # Stored counts match the posts the seeder wrote.
    for thread in Thread.objects.all():
        assert thread.post_count == thread.posts.filter(held_at__isnull=True).count()


def test_the_demo_shows_a_quote_and_an_edited_post_whose_author_reads_its_history():
    seed_demo_json()
    member = Account.objects.get(email="member@demo.lantern.test")
    post = Post.objects.get(author__account=member, body__contains="Seconding")
    assert post.edited_at is not None
    client = Client()
    client.force_login(member)
    page = page_text(client.get(post.get_absolute_url()))
    assert "<blockquote>" in page
    history = client.get(f"/groups/founders-and-contractors/posts/{post.public_id}/history/")
    assert "a client in the same city" in page_text(history)
    client.force_login(Account.objects.get(email=f"peer2@{PEER_DOMAIN}"))
    assert "/history/" not in page_text(client.get(post.get_absolute_url()))
