"""A member appeals an action once, in words; a moderator who did not act decides; an overturn
undoes what can be undone; the member hears the outcome and reason, never who flagged, acted
or decided (issue 11, Appeals)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from chat import services as chat_services
from chat.models import Mute
from community.errors import NotAllowed
from community.models import Account, Notification
from groups.models import Membership, Thread
from moderation.appeals import appeal_link, choose_reviewer, decide_appeal, submit_appeal
from moderation.models import AccountRestriction, Appeal, AuditEntry, BannedEmail
from moderation.restrictions import email_check, login_check
from tests.chat.conftest import schedule, send
from tests.factories import (
    DEMO_PASSWORD,
    AccountFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
)
from tests.moderation.conftest import act, flag
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(db):
    return AccountFactory(role=Account.Role.MODERATOR, email="reviewer@example.test")


def appeal_of(action, text="I was quoting what was said to me, to ask for help."):
    return submit_appeal(account=action.account, action=action, text=text)


def notice_url(action):
    return reverse("moderation:notice", args=[action.public_id])


# Once only.


def test_a_member_appeals_from_the_notice_once(client, item, moderator, reviewer, author):
    action = act(moderator, item, "warn")
    client.force_login(author.persona.account)
    page = page_text(client.get(notice_url(action)))
    assert "Send my appeal" in page and "not open yet" not in page
    response = client.post(notice_url(action), {"text": "I meant it kindly."})
    assert response.status_code == 302
    page = page_text(client.get(notice_url(action)))
    assert "I meant it kindly." in page and "Waiting for a moderator" in page
    assert "Send my appeal" not in page
    # A second try, by the page or the service, is refused and stores nothing.
    client.post(notice_url(action), {"text": "Again."})
    with pytest.raises(NotAllowed):
        appeal_of(action, text="Once more.")
    assert Appeal.objects.get().text == "I meant it kindly."


def test_an_empty_or_over_long_appeal_keeps_the_text_and_says_why(
    client, settings, item, moderator, reviewer, author
):
    settings.MODERATION_APPEAL_MAX_CHARS = 20
    action = act(moderator, item, "warn")
    client.force_login(author.persona.account)
    response = client.post(notice_url(action), {"text": "x" * 21})
    page = page_text(response, status=400)
    assert "at most 20 characters" in page and "x" * 21 in page
    page = page_text(client.post(notice_url(action), {"text": "   "}), status=400)
    assert "Please write" in page
    assert not Appeal.objects.exists()


def test_only_the_member_hit_can_appeal_and_not_a_dismissal(item, moderator, flagger, post):
    action = act(moderator, item, "warn")
    with pytest.raises(NotAllowed):
        submit_appeal(account=flagger.persona.account, action=action, text="Not mine.")
    other = flag(flagger, PostFactory(thread=post.thread, author=post.author)).item
    dismissal = act(moderator, other, "dismiss")
    with pytest.raises(NotAllowed):
        submit_appeal(account=post.author.account, action=dismissal, text="Nothing to appeal.")
    assert not Appeal.objects.exists()


# Who reviews it.


def test_the_appeal_goes_to_another_moderator_than_the_one_who_acted(
    item, moderator, reviewer, author
):
    appeal = appeal_of(act(moderator, item, "warn"))
    assert appeal.reviewer == reviewer
    notice = Notification.objects.get(account=reviewer, kind="appeal_to_review")
    assert notice.url == reverse("moderation:appeal", args=[appeal.public_id])
    assert not Notification.objects.filter(account=moderator, kind="appeal_to_review").exists()


def test_the_moderator_who_acted_cannot_decide_or_open_it(client, item, moderator, reviewer):
    appeal = appeal_of(act(moderator, item, "warn"))
    with pytest.raises(NotAllowed):
        decide_appeal(reviewer=moderator, appeal=appeal, outcome="overturned", reason="Mine.")
    client.force_login(moderator)
    assert client.get(reverse("moderation:appeal", args=[appeal.public_id])).status_code == 404
    page = page_text(client.get(reverse("moderation:appeals")))
    assert appeal.public_id not in page
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.OPEN


def test_appeals_spread_over_moderators_by_open_load(item, moderator, reviewer, post, flagger):
    third = AccountFactory(role=Account.Role.MODERATOR)
    first = appeal_of(act(moderator, item, "warn"))
    second_item = flag(flagger, PostFactory(thread=post.thread, author=post.author)).item
    second = appeal_of(act(moderator, second_item, "warn"))
    assert {first.reviewer, second.reviewer} == {reviewer, third}


def test_a_site_with_one_moderator_sends_the_appeal_to_staff(item, moderator, author):
    staff = AccountFactory(is_staff=True)
    appeal = appeal_of(act(moderator, item, "warn"))
    assert appeal.reviewer == staff
    decide_appeal(reviewer=staff, appeal=appeal, outcome="upheld", reason="It broke the rule.")
    assert AuditEntry.objects.filter(event="appeal.upheld", actor=staff).exists()


def test_the_member_is_never_their_own_reviewer(group, host, author, flagger, moderator):
    # A moderator who is also a member of a group is sanctioned by a host there.
    author.persona.account.role = Account.Role.MODERATOR
    author.persona.account.save()
    post = PostFactory(thread__group=group, author=author.persona)
    action = act(host.persona.account, flag(flagger, post).item, "warn")
    assert choose_reviewer(action, appellant=author.persona.account) == moderator


def test_with_nobody_to_review_any_other_moderator_may_take_it_later(
    client, item, moderator, author
):
    appeal = appeal_of(act(moderator, item, "warn"))
    assert appeal.reviewer is None
    later = AccountFactory(role=Account.Role.MODERATOR)
    client.force_login(later)
    assert appeal.public_id in page_text(client.get(reverse("moderation:appeals")))
    decide_appeal(reviewer=later, appeal=appeal, outcome="upheld", reason="It stands.")


def test_members_and_other_moderators_get_404_for_an_appeal(
    client, item, moderator, reviewer, author, flagger
):
    appeal = appeal_of(act(moderator, item, "warn"))
    other = AccountFactory(role=Account.Role.MODERATOR)
    for account in (author.persona.account, flagger.persona.account, other):
        client.force_login(account)
        assert client.get(reverse("moderation:appeal", args=[appeal.public_id])).status_code == 404
    client.force_login(flagger.persona.account)
    assert client.get(reverse("moderation:appeals")).status_code == 404


# Deciding, and what an overturn undoes.


def decide_by_page(client, reviewer, appeal, outcome, reason):
    client.force_login(reviewer)
    url = reverse("moderation:appeal", args=[appeal.public_id])
    return client.post(url, {"outcome": outcome, "reason": reason})


def test_the_reviewer_decides_from_the_page_and_the_member_reads_outcome_and_reason(
    client, item, moderator, reviewer, author
):
    action = act(moderator, item, "warn")
    appeal = appeal_of(action)
    response = decide_by_page(client, reviewer, appeal, "upheld", "The post named a colleague.")
    assert response.status_code == 302
    entry = AuditEntry.objects.get(event="appeal.upheld")
    assert entry.actor == reviewer and entry.actor_role == "site moderator"
    assert entry.persona_name == "Sharp Hawk" and entry.item_public_id == item.public_id
    told = Notification.objects.get(account=author.persona.account, kind="appeal_outcome")
    assert "the decision stands" in told.text and told.url == notice_url(action)
    client.force_login(author.persona.account)
    page = page_text(client.get(notice_url(action)))
    assert "The post named a colleague." in page and "the decision stands" in page
    # Decided once: a second decision is refused.
    with pytest.raises(NotAllowed):
        decide_appeal(reviewer=reviewer, appeal=appeal, outcome="overturned", reason="Changed.")


def test_a_decision_without_a_reason_keeps_the_form_and_changes_nothing(
    client, item, moderator, reviewer
):
    appeal = appeal_of(act(moderator, item, "warn"))
    page = page_text(decide_by_page(client, reviewer, appeal, "overturned", ""), status=400)
    assert "Please write a reason." in page
    with pytest.raises(ValidationError):
        decide_appeal(reviewer=reviewer, appeal=appeal, outcome="maybe", reason="Hm.")
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.OPEN


def overturn(reviewer, action):
    return decide_appeal(
        reviewer=reviewer, appeal=appeal_of(action), outcome="overturned", reason="A mistake."
    )


def test_overturning_a_hide_shows_the_post_again(client, post, item, moderator, reviewer, flagger):
    overturn(reviewer, act(moderator, item, "hide"))
    client.force_login(flagger.persona.account)
    assert "You should all be quiet." in page_text(client.get(post.thread.get_absolute_url()))
    assert AuditEntry.objects.filter(event="appeal.overturned").exists()


def test_overturning_a_thread_hide_shows_it_again(
    client, group, author, flagger, moderator, reviewer
):
    thread = ThreadFactory(group=group, author=author.persona, title="A fair title")
    overturn(reviewer, act(moderator, flag(flagger, thread).item, "hide"))
    assert Thread.objects.get(pk=thread.pk).hidden_at is None
    client.force_login(flagger.persona.account)
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_overturning_a_delete_cannot_restore_it_and_says_so(
    post, item, moderator, reviewer, author
):
    overturn(reviewer, act(moderator, item, "delete"))
    post.refresh_from_db()
    assert post.body == ""
    told = Notification.objects.get(account=author.persona.account, kind="appeal_outcome")
    assert "cannot be restored" in told.text


def test_overturning_a_mute_lets_the_member_post_and_send_again(
    host, author, item, moderator, reviewer
):
    live = chat_services.open_session(membership=host, session=schedule(host))
    overturn(reviewer, act(moderator, item, "mute", days=3))
    author.refresh_from_db()
    assert author.muted_until is None
    assert not Mute.objects.filter(persona=author.persona).exists()
    assert send(author, live.room, body="Back.").body == "Back."


def test_overturning_a_mute_keeps_a_hosts_own_chat_mute(host, author, item, moderator, reviewer):
    live = chat_services.open_session(membership=host, session=schedule(host))
    action = act(moderator, item, "mute", days=3)
    Mute.objects.create(
        room=live.room, persona=author.persona, until=action.until, muted_by=host.persona
    )
    overturn(reviewer, action)
    assert Mute.objects.filter(persona=author.persona, muted_by=host.persona).exists()


def test_overturning_a_removal_readmits_to_the_group(client, item, moderator, reviewer, author):
    overturn(reviewer, act(moderator, item, "remove_from_group"))
    author.refresh_from_db()
    assert author.status == Membership.Status.ACTIVE
    client.force_login(author.persona.account)
    assert client.get(reverse("groups:group", args=[author.group.slug])).status_code == 200


def test_overturning_a_suspension_lets_the_account_sign_in(item, moderator, reviewer, author):
    account = author.persona.account
    overturn(reviewer, act(moderator, item, "suspend", days=30))
    account.refresh_from_db()
    assert account.is_active and login_check(account) is None
    assert AccountRestriction.objects.get().overturned_at is not None


def test_overturning_a_ban_lifts_it_and_frees_the_address(item, moderator, reviewer, author):
    account = author.persona.account
    overturn(reviewer, act(moderator, item, "ban"))
    account.refresh_from_db()
    assert account.is_active and login_check(account) is None
    assert not BannedEmail.objects.exists() and email_check(account.email) is None


def test_an_overturned_suspension_leaves_another_in_force(
    item, moderator, reviewer, author, flagger, post
):
    account = author.persona.account
    first = act(moderator, item, "suspend", days=3)
    second_item = flag(flagger, PostFactory(thread=post.thread, author=post.author)).item
    act(moderator, second_item, "suspend", days=30)
    overturn(reviewer, first)
    account.refresh_from_db()
    assert not account.is_active and "suspended" in login_check(account)


# Identity: persona-free for the member, persona-only for the reviewer.


def test_the_member_never_learns_who_flagged_acted_or_decided(
    client, item, moderator, reviewer, author, flagger
):
    reviewer_persona = MembershipFactory(
        group=author.group, persona__account=reviewer, persona__name="Quiet Reviewer"
    ).persona
    action = act(moderator, item, "hide")
    overturn(reviewer, action)
    client.force_login(author.persona.account)
    pages = [
        page_text(client.get(notice_url(action))),
        page_text(client.get(reverse("notifications"))),
    ]
    for page in pages:
        for secret in (
            flagger.persona.name,
            flagger.persona.public_id,
            reviewer_persona.name,
            "reviewer@example.test",
            "moderator@example.test",
            flagger.persona.account.email,
        ):
            assert secret not in page


def test_the_reviewer_sees_the_persona_of_the_space_only(
    client, item, moderator, reviewer, author, flagger
):
    elsewhere = MembershipFactory(
        persona__account=author.persona.account, persona__name="Hidden Lark"
    )
    appeal = appeal_of(act(moderator, item, "warn"), text="Please look again.")
    client.force_login(reviewer)
    for url in (
        reverse("moderation:appeals"),
        reverse("moderation:appeal", args=[appeal.public_id]),
    ):
        page = page_text(client.get(url))
        assert "Sharp Hawk" in page
        for secret in (
            "author@example.test",
            "@example.test",
            "Hidden Lark",
            elsewhere.persona.public_id,
            elsewhere.group.name,
            flagger.persona.name,
        ):
            assert secret not in page
    assert "Please look again." in page


def test_the_appeal_pages_cost_a_fixed_number_of_queries(
    client, django_assert_num_queries, item, moderator, reviewer, post, flagger
):
    appeal = appeal_of(act(moderator, item, "warn"))
    client.force_login(reviewer)
    list_url = reverse("moderation:appeals")
    page_url = reverse("moderation:appeal", args=[appeal.public_id])
    with django_assert_num_queries(LIST_QUERIES):
        page_text(client.get(list_url))
    with django_assert_num_queries(PAGE_QUERIES):
        page_text(client.get(page_url))
    for _ in range(3):
        other = flag(flagger, PostFactory(thread=post.thread, author=post.author)).item
        appeal_of(act(moderator, other, "warn"))
    # More appeals on the list, the same queries.
    with django_assert_num_queries(LIST_QUERIES):
        assert page_text(client.get(list_url)).count("Warn the author") == 4


LIST_QUERIES = 7
PAGE_QUERIES = 7


# A suspended or banned member cannot sign in: the login refusal carries the way to appeal.


def test_a_banned_member_appeals_from_the_login_refusal_and_can_sign_in_once_overturned(
    client, item, moderator, reviewer, author
):
    account = author.persona.account
    act(moderator, item, "ban", message="Repeated abuse.")
    credentials = {"login": account.email, "password": DEMO_PASSWORD}
    page = page_text(client.post(reverse("account_login"), credentials), status=403)
    link = re.search(r'href="(/moderation/appeal/[^"]+)"', page).group(1)
    page = page_text(client.get(link))
    assert "Repeated abuse." in page and "Send my appeal" in page
    assert client.post(link, {"text": "It was not me."}).status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.account == account and appeal.reviewer == reviewer
    # Appealed: the refusal no longer offers a link, and the link offers no second form.
    page = page_text(client.post(reverse("account_login"), credentials), status=403)
    assert "/moderation/appeal/" not in page
    assert "Send my appeal" not in page_text(client.get(link))
    decide_appeal(reviewer=reviewer, appeal=appeal, outcome="overturned", reason="Mistaken.")
    assert client.post(reverse("account_login"), credentials).status_code == 302


def test_a_forged_appeal_link_is_404(client, item, moderator, author):
    action = act(moderator, item, "suspend", days=3)
    forged = reverse("moderation:appeal_by_link", args=[f"{action.public_id}:forged"])
    assert client.get(forged).status_code == 404
    assert client.post(forged, {"text": "Let me in."}).status_code == 404
    assert not Appeal.objects.exists()


def test_the_appeal_link_shows_the_decision_but_not_the_content(client, item, moderator):
    action = act(moderator, item, "suspend", days=3)
    page = page_text(client.get(appeal_link(action)))
    assert "Zero tolerance of harassment" in page
    assert "You should all be quiet." not in page


def test_the_members_data_export_holds_their_appeal_and_its_outcome_never_who(
    item, moderator, reviewer, author
):
    from community.services.accounts import export_account_data

    overturn(reviewer, act(moderator, item, "warn"))
    data = export_account_data(author.persona.account)
    appeal = data["moderation_decisions"][0]["appeal"]
    assert appeal["status"] == "overturned" and appeal["reason"] == "A mistake."
    assert appeal["text"].startswith("I was quoting")
    assert "reviewer@example.test" not in str(data) and "moderator@example.test" not in str(data)
