"""The member hit is told what, why, until when and how to appeal; flaggers only the outcome.
Nobody is told who flagged, and no block stops a moderation notice."""

import pytest
from django.urls import reverse

from community.models import Notification
from community.services.blocks import block_persona
from moderation.models import Flag
from tests.factories import AccountFactory
from tests.moderation.conftest import act
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_flaggers_hear_action_was_taken_and_nothing_of_the_sanction(
    item, post, moderator, flagger, second_flagger
):
    from tests.moderation.conftest import flag

    flag(second_flagger, post)
    act(moderator, item, "suspend", days=3, message="Repeated abuse.")
    for membership in (flagger, second_flagger):
        notice = Notification.objects.get(account=membership.persona.account)
        assert notice.text == (
            "Moderators reviewed something you reported: action was taken. Thank you."
        )
        assert notice.url == reverse("moderation:my_reports")
    assert set(Flag.objects.values_list("status", flat=True)) == {Flag.Status.ACTIONED}


def test_flaggers_hear_no_action_on_a_dismissal(item, moderator, flagger):
    act(moderator, item, "dismiss")
    notice = Notification.objects.get(account=flagger.persona.account)
    assert "no action" in notice.text
    assert Flag.objects.get().status == Flag.Status.DISMISSED


def test_a_block_of_the_host_does_not_stop_the_warning(host, item, author):
    block_persona(blocker=author.persona.account, persona=host.persona)
    act(host.persona.account, item, "warn")
    assert Notification.objects.filter(
        account=author.persona.account, kind="moderation_notice"
    ).exists()


def test_the_notice_says_until_when_and_names_the_rule(client, item, moderator, author):
    action = act(moderator, item, "mute", days=3, rule="kindness")
    client.force_login(author.persona.account)
    page = page_text(client.get(reverse("moderation:notice", args=[action.public_id])))
    assert f"{action.until:%-d %B %Y}" in page
    assert "Be kind, and believe people" in page
    assert "Women in engineering" in page
    assert "How to appeal" in page


def test_nobody_else_can_open_the_notice(client, item, moderator, flagger):
    action = act(moderator, item, "warn")
    for account in (flagger.persona.account, moderator, AccountFactory()):
        client.force_login(account)
        url = reverse("moderation:notice", args=[action.public_id])
        assert client.get(url).status_code == 404


def test_my_reports_lists_each_flag_and_its_state_only(client, item, moderator, flagger, post):
    client.force_login(flagger.persona.account)
    page = page_text(client.get(reverse("moderation:my_reports")))
    assert "Waiting for a moderator" in page
    act(moderator, item, "hide")
    page = page_text(client.get(reverse("moderation:my_reports")))
    assert "Action was taken" in page
    assert "Hide the content" not in page and "moderator hid" not in page


def test_my_reports_shows_no_one_elses_flags(client, item, second_flagger):
    client.force_login(second_flagger.persona.account)
    page = page_text(client.get(reverse("moderation:my_reports")))
    assert "You have not flagged anything" in page


def test_the_members_data_export_lists_decisions_about_them_never_who(item, moderator, author):
    from community.services.accounts import export_account_data

    act(moderator, item, "warn", message="Please stop.")
    data = export_account_data(author.persona.account)
    assert data["moderation_decisions"][0]["action"] == "warn"
    assert data["moderation_decisions"][0]["message"] == "Please stop."
    assert "Steady Otter" not in str(data) and "moderator@example.test" not in str(data)
