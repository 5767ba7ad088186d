"""A form that creates something, sent again (a double click, a retry after a slow answer),
lands on what it already made instead of storing it twice (issue #9 §5; community.submissions).
"""

import re
import uuid

import pytest
from django.test import Client

from community.models import Notification
from groups.models import Post, Thread
from groups.services import posts as post_services
from tests.factories import GroupFactory, MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db

BODY = "Three weeks since I reported it. Some days are better."


@pytest.fixture
def group():
    return GroupFactory(slug="night-shift")


@pytest.fixture
def thread(group):
    return ThreadFactory(membership=MembershipFactory(group=group))


@pytest.fixture
def replier(group):
    return MembershipFactory(group=group)


def _client(membership) -> Client:
    client = Client()
    client.force_login(membership.persona.account)
    return client


def _reply_url(thread) -> str:
    return f"/groups/night-shift/threads/{thread.public_id}/reply/"


def _client_id_in(page: str) -> str:
    return re.search(r'name="client_id" value="([^"]+)"', page).group(1)


def test_the_same_reply_sent_twice_is_stored_once_and_both_land_on_it(thread, replier):
    client = _client(replier)
    data = {"body": BODY, "client_id": str(uuid.uuid4())}

    first = client.post(_reply_url(thread), data)
    second = client.post(_reply_url(thread), data)

    assert (first.status_code, second.status_code) == (302, 302)
    post = Post.objects.get(author=replier.persona)
    assert first["Location"] == second["Location"] == post.get_absolute_url()
    assert Notification.objects.filter(account=thread.author.account).count() == 1


def test_each_render_of_the_reply_form_is_a_new_submission(thread, replier):
    client = _client(replier)
    pages = [client.get(thread.get_absolute_url()).content.decode() for _ in range(2)]
    ids = [_client_id_in(page) for page in pages]
    assert ids[0] != ids[1]

    for client_id, body in zip(ids, ["First thought.", "And a second one."], strict=True):
        assert (
            client.post(_reply_url(thread), {"body": body, "client_id": client_id}).status_code
            == 302
        )

    assert Post.objects.filter(author=replier.persona).count() == 2


def test_a_form_sent_back_with_an_error_keeps_its_id_so_the_fix_still_dedupes(thread, replier):
    client = _client(replier)
    client_id = str(uuid.uuid4())

    refused = client.post(_reply_url(thread), {"body": "", "client_id": client_id})
    assert refused.status_code == 400
    assert _client_id_in(refused.content.decode()) == client_id

    fixed = [client.post(_reply_url(thread), {"body": BODY, "client_id": client_id}) for _ in "12"]
    assert [response.status_code for response in fixed] == [302, 302]
    assert Post.objects.filter(author=replier.persona).count() == 1


@pytest.mark.parametrize("client_id", [None, "", "not-a-uuid"])
def test_a_missing_or_malformed_id_still_posts(thread, replier, client_id):
    data = {"body": BODY} if client_id is None else {"body": BODY, "client_id": client_id}

    response = _client(replier).post(_reply_url(thread), data)

    assert response.status_code == 302
    assert Post.objects.get(author=replier.persona).client_id is not None


def test_a_resubmission_is_not_counted_against_the_post_rate(thread, replier, settings):
    settings.GROUPS_POST_RATE = "1/m"
    client = _client(replier)
    data = {"body": BODY, "client_id": str(uuid.uuid4())}

    responses = [client.post(_reply_url(thread), data) for _ in range(3)]

    assert [response.status_code for response in responses] == [302, 302, 302]
    assert Post.objects.filter(author=replier.persona).count() == 1


def test_one_members_id_never_lands_another_on_their_post(group, thread, replier):
    other = MembershipFactory(group=group)
    data = {"body": BODY, "client_id": str(uuid.uuid4())}

    mine = _client(replier).post(_reply_url(thread), data)
    theirs = _client(other).post(_reply_url(thread), data)

    assert (mine.status_code, theirs.status_code) == (302, 302)
    assert mine["Location"] != theirs["Location"]
    assert Post.objects.filter(author=other.persona).count() == 1


def test_the_same_new_thread_sent_twice_is_stored_once(group, replier):
    client = _client(replier)
    form = client.get("/groups/night-shift/threads/new/").content.decode()
    data = {"title": "Back at work", "body": BODY, "client_id": _client_id_in(form)}

    first = client.post("/groups/night-shift/threads/new/", data)
    second = client.post("/groups/night-shift/threads/new/", data)

    assert (first.status_code, second.status_code) == (302, 302)
    thread = Thread.objects.get(author=replier.persona)
    assert first["Location"] == second["Location"] == thread.get_absolute_url()
    assert thread.posts.count() == 1


def test_when_both_submissions_look_before_either_writes_the_constraint_decides(
    thread, replier, monkeypatch
):
    """The race on PostgreSQL: neither request finds the other's post, both insert, and the
    loser gets the winner's post back instead of an error."""
    client_id = uuid.uuid4()
    first = post_services.create_post(
        account=replier.persona.account,
        membership=replier,
        thread=thread,
        body=BODY,
        client_id=client_id,
    )
    monkeypatch.setattr(post_services, "earlier_submission", lambda *args, **kwargs: None)

    second = post_services.create_post(
        account=replier.persona.account,
        membership=replier,
        thread=thread,
        body=BODY,
        client_id=client_id,
    )

    assert second == first
    assert Post.objects.filter(author=replier.persona).count() == 1
    assert Notification.objects.filter(account=thread.author.account).count() == 1


def _react_url(post) -> str:
    return f"/groups/night-shift/posts/{post.public_id}/react/"


def test_a_reaction_sent_twice_stays_on_instead_of_toggling_back(thread, replier):
    post = thread.posts.get()
    client = _client(replier)

    responses = [client.post(_react_url(post), {"add": "support"}) for _ in "12"]

    assert [response.status_code for response in responses] == [302, 302]
    assert list(post.reactions.values_list("kind", flat=True)) == ["support"]
    assert Notification.objects.filter(account=thread.author.account).count() == 1


def test_taking_a_reaction_back_twice_leaves_it_off(thread, replier):
    post = thread.posts.get()
    client = _client(replier)
    client.post(_react_url(post), {"add": "me_too"})

    responses = [client.post(_react_url(post), {"remove": "me_too"}) for _ in "12"]

    assert [response.status_code for response in responses] == [302, 302]
    assert not post.reactions.exists()


def test_a_repeated_reaction_is_not_counted_against_the_reaction_rate(thread, replier, settings):
    settings.GROUPS_REACTION_RATE = "1/m"
    post = thread.posts.get()
    client = _client(replier)

    sent = [client.post(_react_url(post), {"add": "thank_you"}) for _ in range(3)]
    response = client.get(thread.get_absolute_url())

    assert [answer.status_code for answer in sent] == [302, 302, 302]
    assert response.status_code == 200
    assert "reacting very fast" not in response.content.decode()
    assert post.reactions.filter(kind="thank_you").count() == 1


def test_the_buttons_say_whether_they_add_or_remove(thread, replier):
    post = thread.posts.get()
    client = _client(replier)
    client.post(_react_url(post), {"add": "support"})

    response = client.get(thread.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="remove" value="support"' in page
    assert 'name="add" value="me_too"' in page
