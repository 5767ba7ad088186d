"""A moderator's mute in a group covers its chat rooms, those opened later included."""

import pytest

from chat import services
from chat.models import Mute
from chat.services import Muted
from tests.chat.conftest import schedule, send
from tests.moderation.conftest import act, flag
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_a_mute_reaches_existing_rooms_and_rooms_opened_later(host, author, item, moderator):
    before = services.open_session(membership=host, session=schedule(host))
    act(moderator, item, "mute", days=1)
    assert Mute.objects.filter(room=before.room, persona=author.persona).exists()
    author.refresh_from_db()
    with pytest.raises(Muted):
        send(author, before.room)
    later = services.open_session(membership=host, session=schedule(host, title="Later"))
    with pytest.raises(Muted):
        send(author, later.room)


def test_other_members_still_send(host, author, flagger, item, moderator):
    live = services.open_session(membership=host, session=schedule(host))
    act(moderator, item, "mute", days=1)
    assert send(flagger, live.room, body="Still here.").body == "Still here."


def test_a_chat_message_can_be_flagged_and_deleted(host, author, flagger, moderator):
    live = services.open_session(membership=host, session=schedule(host))
    message = send(author, live.room, body="Words to delete.")
    item = flag(flagger, message).item
    act(moderator, item, "delete")
    message.refresh_from_db()
    assert message.body == "" and message.removed_at is not None
    assert item.flags.get().snapshot["body"] == "Words to delete."


def test_a_hidden_message_leaves_the_transcript_page(client, host, author, flagger, moderator):
    live = services.open_session(membership=host, session=schedule(host))
    message = send(author, live.room, body="Words to hide.")
    act(moderator, flag(flagger, message).item, "hide")
    client.force_login(flagger.persona.account)
    page = page_text(client.get(live.get_absolute_url()))
    assert "Words to hide." not in page
    assert "A moderator hid this message." in page
