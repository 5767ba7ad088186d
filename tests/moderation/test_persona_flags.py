"""Members' names as a flag target (issue #11: "personas"): a member flags another member's
name in their group; moderators reset it to a generated name or act on the account through
it; an overturned reset gives the name back if it is still free. Nothing shown to anyone
links the name to the account's email or its names in other groups (DESIGN.md §1)."""

import csv
import io
import re

import pytest
from django.urls import reverse

from community import flagging
from community.errors import NotAllowed
from community.models import Account, Block, NameReset, Notification, Persona
from community.services.accounts import delete_account, export_account_data
from community.services.personas import create_persona
from community.text import FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE
from groups.models import Membership
from moderation.appeals import decide_appeal, submit_appeal
from moderation.models import Action, AuditEntry, Flag, ReviewItem
from moderation.services import flag_content
from tests.factories import (
    AccountFactory,
    JoinRequestFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
)
from tests.moderation.conftest import act
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def flag_url(persona) -> str:
    return reverse("moderation:flag", args=["persona", persona.public_id])


def plain(text: str) -> str:
    """Notification text without the isolates around member text (community.text.isolate)."""
    return text.replace(FIRST_STRONG_ISOLATE, "").replace(POP_DIRECTIONAL_ISOLATE, "")


def flag_name(membership, persona, reason="personal_info", **fields) -> Flag:
    account = membership.persona.account
    return flag_content(reporter=account, target=persona, reason=reason, **fields)


@pytest.fixture
def elsewhere(author):
    """The flagged account's name in another group, with a post there: never to be shown."""
    there = MembershipFactory(persona__account=author.persona.account, persona__name="Hidden Lark")
    PostFactory(thread__group=there.group, author=there.persona, body="Elsewhere words.")
    return there


@pytest.fixture
def name_item(post, author, flagger):
    """Sharp Hawk's name, flagged by Steady Otter."""
    return flag_name(flagger, author.persona).item


@pytest.fixture
def staff(db):
    return AccountFactory(is_staff=True, email="staff@example.test")


# Flagging a name.


def test_a_member_flags_another_members_name_from_beside_their_post(client, post, author, flagger):
    client.force_login(flagger.persona.account)
    page = page_text(client.get(post.thread.get_absolute_url()))
    assert f'href="{flag_url(author.persona)}"' in page
    assert "Flag name" in page

    page = page_text(client.get(flag_url(author.persona)))
    assert "Flag the name" in page and "Sharp Hawk" in page and "Women in engineering" in page
    response = client.post(
        flag_url(author.persona), {"reason": "personal_info", "note": "Her name"}
    )
    assert response.status_code == 302

    flag = Flag.objects.get()
    assert flag.reporter == flagger.persona.account
    assert flag.snapshot["kind"] == "persona"
    assert flag.snapshot["name"] == "Sharp Hawk"
    assert flag.snapshot["author"] == {"persona": author.persona.public_id, "name": "Sharp Hawk"}
    assert flag.snapshot["group"] == {"name": "Women in engineering", "slug": "women"}
    assert flag.snapshot["joined"] == author.created.strftime("%Y-%m")
    assert flag.snapshot["url"] == reverse("groups:group", args=["women"])
    assert "taken" in flag.snapshot
    item = flag.item
    assert (item.kind, item.author, item.space) == ("persona", author.persona, author.group.space)


def test_flagging_a_name_twice_from_one_account_is_one_flag(author, flagger):
    first = flag_name(flagger, author.persona)
    again = flag_name(flagger, author.persona, reason="harassment")
    assert again.pk == first.pk
    assert Flag.objects.count() == 1
    assert ReviewItem.objects.get().flagger_count == 1


def test_no_flag_name_link_for_your_own_name_or_a_former_members(client, group, author, flagger):
    own = PostFactory(thread__group=group, author=flagger.persona, body="Mine.")
    former = MembershipFactory(group=group, persona__name="Gone Member")
    PostFactory(thread=own.thread, author=former.persona, body="Left behind.")
    Persona.objects.filter(pk=former.persona.pk).update(account=None)
    PostFactory(thread=own.thread, author=author.persona, body="Theirs.")
    client.force_login(flagger.persona.account)
    page = page_text(client.get(own.thread.get_absolute_url()))
    assert flag_url(flagger.persona) not in page
    assert flag_url(former.persona) not in page
    assert flag_url(author.persona) in page


def test_your_own_name_cannot_be_flagged(client, author):
    client.force_login(author.persona.account)
    assert client.get(flag_url(author.persona)).status_code == 404
    assert client.post(flag_url(author.persona), {"reason": "spam"}).status_code == 404
    with pytest.raises(NotAllowed):
        flag_name(author, author.persona)
    assert not Flag.objects.exists()


def without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_outsiders_get_the_same_404_as_for_an_unknown_name_and_learn_nothing(
    client, group, author, flagger, elsewhere
):
    unknown = reverse("moderation:flag", args=["persona", "no-such-persona"])
    staff_outsider = AccountFactory(is_staff=True)
    applicant = JoinRequestFactory(group=group, persona__name="Waiting Wren").persona
    former = MembershipFactory(group=group, persona__name="Gone Member").persona
    Persona.objects.filter(pk=former.pk).update(account=None)
    cases = [
        (AccountFactory(), author.persona),  # not a member of the group
        (staff_outsider, author.persona),  # staff are no exception
        (flagger.persona.account, elsewhere.persona),  # a name of another group
        (flagger.persona.account, applicant),  # an applicant's name is shown nowhere
        (flagger.persona.account, former),  # "former member": no name left
    ]
    for account, persona in cases:
        client.force_login(account)
        expected = client.get(unknown)
        for response in (client.get(flag_url(persona)), client.post(flag_url(persona), {})):
            assert response.status_code == 404
            # Each render masks the CSRF token (the navigation's Log out form) anew.
            assert without_csrf(response) == without_csrf(expected)
            assert persona.name not in response.content.decode()
    assert not Flag.objects.exists()


def test_the_registered_kind_finds_names_through_the_groups_access_rule(author, flagger):
    kind = flagging.kind_named("persona")
    assert kind.model is Persona and flagging.kind_of(author.persona) is kind
    assert kind.find(flagger.persona.account, author.persona.public_id) == author.persona
    assert kind.can_flag(flagger.persona.account, author.persona)
    assert not kind.can_flag(author.persona.account, author.persona)
    assert not kind.can_flag(AccountFactory(), author.persona)
    assert kind.delete is None and kind.lock is None
    assert "Sharp Hawk" in kind.describe(author.persona)


def test_blocking_in_the_same_step_blocks_that_name_in_that_group(client, author, flagger):
    client.force_login(flagger.persona.account)
    response = client.post(flag_url(author.persona), {"reason": "harassment", "block_author": "on"})
    assert response.status_code == 302
    block = Block.objects.get()
    assert (block.blocker, block.persona) == (flagger.persona.account, author.persona)


# What moderators see: the name of this group, nothing else of the account.


def test_moderation_pages_and_the_csv_show_only_the_groups_name(
    client, moderator, staff, name_item, author, flagger, elsewhere
):
    act(moderator, name_item, "warn", rule="unmasking")
    action = act(moderator, name_item, "hide", rule="unmasking")
    submit_appeal(account=author.persona.account, action=action, text="It is a nickname.")
    appeal = action.appeal
    pages = []
    client.force_login(moderator)
    for url in (
        reverse("moderation:queue"),
        reverse("moderation:queue") + "?state=decided",
        reverse("moderation:item", args=[name_item.public_id]),
        reverse("moderation:audit"),
    ):
        pages.append(page_text(client.get(url)))
    confirm = client.post(
        reverse("moderation:act", args=[name_item.public_id]), {"kind": "warn", "rule": "spam"}
    )
    pages.append(page_text(confirm))
    client.force_login(staff)
    pages.append(page_text(client.get(reverse("moderation:appeals"))))
    pages.append(page_text(client.get(reverse("moderation:appeal", args=[appeal.public_id]))))
    export = client.get(reverse("moderation:audit_export"))
    csv_text = b"".join(export.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert any("Sharp Hawk" in row for row in rows)  # the name acted on, as it was
    pages.append(csv_text)
    for page in pages:
        assert "Hidden Lark" not in page
        assert elsewhere.group.name not in page
        assert "Elsewhere words." not in page
        assert "author@example.test" not in page and "@example.test" not in page
        assert elsewhere.persona.public_id not in page
        assert flagger.persona.name not in page


def test_the_item_page_shows_the_name_then_and_now_and_its_latest_posts(
    client, moderator, name_item, author, group
):
    for number in range(7):
        PostFactory(thread__group=group, author=author.persona, body=f"Post number {number}.")
    client.force_login(moderator)
    page = page_text(client.get(reverse("moderation:item", args=[name_item.public_id])))
    assert "Review: persona" in page
    assert "The name <strong><bdi>Sharp Hawk</bdi></strong>" in page
    assert f"a member since {author.created:%Y-%m}" in page
    assert "Their latest posts here" in page
    assert "Post number 6." in page and "Post number 2." in page
    assert "Post number 1." not in page  # the latest five only


@pytest.mark.parametrize("posts", [1, 6])
def test_the_name_item_page_runs_a_fixed_number_of_queries(
    client, moderator, name_item, author, group, posts, django_assert_num_queries
):
    for _ in range(posts):
        PostFactory(thread__group=group, author=author.persona)
    client.force_login(moderator)
    client.get(reverse("moderation:item", args=[name_item.public_id]))
    # session, user, item, flags, target, its live copy (membership, group), its latest
    # posts, the author's account, history, actions, space name, the nav's count, the bell's
    with django_assert_num_queries(14):
        client.get(reverse("moderation:item", args=[name_item.public_id]))


def test_the_form_offers_reset_and_the_account_actions_never_delete(client, moderator, name_item):
    client.force_login(moderator)
    page = page_text(client.get(reverse("moderation:item", args=[name_item.public_id])))
    for label in (
        "Dismiss (no action)",
        "Reset the name",
        "Warn the author",
        "Mute in this space",
        "Remove from the group",
        "Suspend the account",
        "Ban the account",
    ):
        assert label in page
    assert "Hide the content" not in page
    assert "Delete the content" not in page
    url = reverse("moderation:act", args=[name_item.public_id])
    response = client.post(url, {"kind": "delete", "rule": "spam", "confirm": "yes"})
    assert response.status_code == 400
    with pytest.raises(NotAllowed):
        act(moderator, name_item, "delete")
    assert not Action.objects.exists()


# Resetting a name.


def test_a_reset_renames_the_member_on_the_thread_page_and_the_thread_list(
    client, moderator, name_item, author, flagger, post, group, elsewhere
):
    thread = ThreadFactory(group=group, author=author.persona, title="My own thread")
    client.force_login(moderator)
    url = reverse("moderation:act", args=[name_item.public_id])
    confirm = page_text(client.post(url, {"kind": "hide", "rule": "unmasking"}))
    assert "Reset the name?" in confirm
    response = client.post(url, {"kind": "hide", "rule": "unmasking", "confirm": "yes"})
    assert response.status_code == 302
    assert "Done: reset the name." in page_text(client.get(response.url))

    author.persona.refresh_from_db()
    new_name = author.persona.name
    assert new_name != "Sharp Hawk"
    reset = NameReset.objects.get()
    assert (reset.persona, reset.previous_name, reset.name) == (
        author.persona,
        "Sharp Hawk",
        new_name,
    )
    # Not the account's name elsewhere, which stays as it was.
    elsewhere.persona.refresh_from_db()
    assert elsewhere.persona.name == "Hidden Lark" != new_name

    client.force_login(flagger.persona.account)
    for page_url in (post.thread.get_absolute_url(), thread.get_absolute_url()):
        page = page_text(client.get(page_url))
        assert new_name in page and "Sharp Hawk" not in page
    group_page = page_text(client.get(reverse("groups:group", args=[group.slug])))
    assert "My own thread" in group_page
    assert new_name in group_page and "Sharp Hawk" not in group_page
    # The evidence keeps the name as it was.
    assert Flag.objects.get().snapshot["name"] == "Sharp Hawk"


def test_the_member_is_told_their_name_was_changed_and_why(client, moderator, name_item, author):
    action = act(moderator, name_item, "hide", rule="unmasking", message="That is a real name.")
    author.persona.refresh_from_db()
    notice = Notification.objects.get(account=author.persona.account)
    assert plain(notice.text).startswith(
        "A moderator reset your name in Women in engineering to a new generated one, under the "
        "rule \u201cNever unmask anyone (personal information, doxxing)\u201d."
    )
    client.force_login(author.persona.account)
    page = page_text(client.get(notice.url))
    assert "Reset the name" in page
    assert "Never unmask anyone" in page and "That is a real name." in page
    assert "The name <strong><bdi>Sharp Hawk</bdi></strong>" in page
    assert f"Your name there is now <strong><bdi>{author.persona.name}</bdi></strong>" in page
    assert "Send my appeal" in page
    assert action.persona == author.persona


def test_a_reset_is_in_the_audit_log_under_the_name_it_had(moderator, name_item, host):
    act(moderator, name_item, "hide", rule="unmasking")
    entry = AuditEntry.objects.get(event="action.hide")
    assert (entry.persona_name, entry.detail, entry.rule) == (
        "Sharp Hawk",
        "Reset the name",
        "unmasking",
    )
    assert entry.actor_role == "site moderator"
    assert entry.item_public_id == name_item.public_id


def test_an_overturned_reset_gives_the_name_back(moderator, staff, name_item, author):
    action = act(moderator, name_item, "hide", rule="unmasking")
    appeal = submit_appeal(account=author.persona.account, action=action, text="My nickname.")
    decide_appeal(reviewer=staff, appeal=appeal, outcome="overturned", reason="Not a real name.")
    author.persona.refresh_from_db()
    assert author.persona.name == "Sharp Hawk"
    assert NameReset.objects.get().restored_at is not None
    told = Notification.objects.filter(account=author.persona.account).first()
    assert plain(told.text) == (
        "Your appeal was decided: the decision was overturned. Your earlier name, Sharp Hawk, "
        "is yours again."
    )
    entry = AuditEntry.objects.get(event="appeal.overturned")
    assert entry.detail == "Appeal of: Reset the name"


def test_an_overturned_reset_keeps_the_new_name_when_the_old_one_was_taken(
    moderator, staff, name_item, author, group
):
    action = act(moderator, name_item, "hide", rule="unmasking")
    author.persona.refresh_from_db()
    given = author.persona.name
    create_persona(account=AccountFactory(), space=group.space, name="Sharp Hawk")
    appeal = submit_appeal(account=author.persona.account, action=action, text="My nickname.")
    decide_appeal(reviewer=staff, appeal=appeal, outcome="overturned", reason="Not a real name.")
    author.persona.refresh_from_db()
    assert author.persona.name == given
    assert NameReset.objects.get().restored_at is None
    told = Notification.objects.filter(account=author.persona.account).first()
    assert "could not be given back" in told.text and given in told.text


def test_an_upheld_reset_keeps_the_new_name(moderator, staff, name_item, author):
    action = act(moderator, name_item, "hide", rule="unmasking")
    author.persona.refresh_from_db()
    given = author.persona.name
    appeal = submit_appeal(account=author.persona.account, action=action, text="My nickname.")
    decide_appeal(reviewer=staff, appeal=appeal, outcome="upheld", reason="It names someone.")
    author.persona.refresh_from_db()
    assert author.persona.name == given


def test_a_reset_never_gives_a_name_the_account_has_elsewhere(
    moderator, name_item, author, elsewhere, monkeypatch
):
    drawn = iter(["Hidden Lark", "Calm Lynx 42"])
    monkeypatch.setattr("community.pseudonyms.suggest_name", lambda: next(drawn))
    act(moderator, name_item, "hide")
    author.persona.refresh_from_db()
    assert author.persona.name == "Calm Lynx 42"


# The account actions, through the name.


def test_account_actions_work_through_the_name(moderator, name_item, author):
    act(moderator, name_item, "mute", days=2)
    membership = Membership.objects.get(pk=author.pk)
    assert membership.muted_until is not None
    warned = Notification.objects.filter(account=author.persona.account).first()
    assert "because of your name in Women in engineering" in plain(warned.text)
    act(moderator, name_item, "remove_from_group")
    assert Membership.objects.get(pk=author.pk).status == Membership.Status.REMOVED
    act(moderator, name_item, "suspend", days=1)
    assert not Account.objects.get(pk=author.persona.account.pk).is_active


def test_hosts_act_on_names_in_their_own_group_only(client, host, name_item, author):
    other_host = MembershipFactory(
        role=Membership.Role.HOST, persona__account__role=Account.Role.ADVOCATE
    )
    outsider = other_host.persona.account
    client.force_login(outsider)
    assert client.get(reverse("moderation:item", args=[name_item.public_id])).status_code == 404
    url = reverse("moderation:act", args=[name_item.public_id])
    assert client.post(url, {"kind": "hide", "rule": "spam", "confirm": "yes"}).status_code == 404
    with pytest.raises(NotAllowed):
        act(outsider, name_item, "hide")
    with pytest.raises(NotAllowed):
        act(host.persona.account, name_item, "suspend", days=1)
    assert not Action.objects.exists()

    client.force_login(host.persona.account)
    page = page_text(client.get(reverse("moderation:item", args=[name_item.public_id])))
    assert "Reset the name" in page and "Suspend the account" not in page
    response = client.post(url, {"kind": "hide", "rule": "unmasking", "confirm": "yes"})
    assert response.status_code == 302
    author.persona.refresh_from_db()
    assert author.persona.name != "Sharp Hawk"
    assert AuditEntry.objects.get(event="action.hide").actor_role == "host"


def test_my_reports_calls_it_a_name(client, name_item, flagger):
    client.force_login(flagger.persona.account)
    page = page_text(client.get(reverse("moderation:my_reports")))
    assert "A member&#x27;s name in" in page or "A member's name in" in page


# The name reset belongs to the member: in their export, and gone with their account.


def test_the_reset_is_in_the_members_export_and_goes_with_the_account(moderator, name_item, author):
    act(moderator, name_item, "hide")
    author.persona.refresh_from_db()
    account = author.persona.account
    [entry] = export_account_data(account)["name_resets"]
    assert entry["previous_name"] == "Sharp Hawk" and entry["name"] == author.persona.name
    assert entry["space"] == author.group.space.public_id
    delete_account(account=account, keep_content=True)
    assert not NameReset.objects.exists()


def test_another_members_name_reset_is_not_in_my_export(moderator, name_item, flagger):
    act(moderator, name_item, "hide")
    assert export_account_data(flagger.persona.account)["name_resets"] == []


def test_a_former_members_name_cannot_be_reset(moderator, name_item, author):
    Persona.objects.filter(pk=author.persona.pk).update(account=None)
    with pytest.raises(NotAllowed):
        act(moderator, name_item, "hide")
