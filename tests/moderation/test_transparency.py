"""The public transparency page: monthly figures, none under the threshold shown exactly,
nothing that names a person, a persona, a group or content (issue 11, Transparency)."""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import Account
from moderation import transparency
from moderation.appeals import decide_appeal, submit_appeal
from moderation.models import Flag, ReviewItem
from tests.factories import AccountFactory, MembershipFactory, PostFactory
from tests.moderation.conftest import act, flag
from tests.pages import page_text

pytestmark = pytest.mark.django_db

URL = "/moderation/transparency/"


def month_start(back: int) -> datetime:
    """The first moment of the month `back` months before this one."""
    now = timezone.localtime()
    index = now.year * 12 + now.month - 1 - back
    return now.replace(
        year=index // 12, month=index % 12 + 1, day=1, hour=0, minute=0, second=0, microsecond=0
    )


def flags_in(group, post, count: int, reason: str, back: int) -> list[Flag]:
    made = []
    for _ in range(count):
        reporter = MembershipFactory(group=group)
        made.append(flag(reporter, post, reason=reason))
    Flag.objects.filter(pk__in=[f.pk for f in made]).update(
        created=month_start(back) + timedelta(days=3)
    )
    return made


def row(page: str, label: str) -> str:
    found = re.search(rf"<th scope=\"row\">{re.escape(label)}</th><td>([^<]*)</td>", page)
    assert found, f"no row {label!r}"
    return found.group(1)


def section(page: str, month: datetime) -> str:
    heading = f"{month:%B %Y}</h2>"
    assert heading in page, heading
    return page.split(heading, 1)[1].split("</section>", 1)[0]


def test_the_page_is_public_and_linked_from_the_footer(client, db):
    assert reverse("moderation:transparency") == URL
    assert f'href="{URL}"' in page_text(client.get(reverse("home")))
    assert "Transparency report" in page_text(client.get(URL))


def test_figures_under_five_are_shown_as_fewer_than_five(client, group, post):
    flags_in(group, post, 4, "harassment", back=1)
    flags_in(group, post, 5, "spam", back=1)
    flags_in(group, post, 1, "threat", back=1)
    page = section(page_text(client.get(URL)), month_start(1))
    assert row(page, "Spam or advertising") == "5"
    assert row(page, "Harassment or bullying") == "fewer than 5"
    assert row(page, "Threat of violence") == "fewer than 5"
    # An empty cell looks like a small one, so neither can be told apart.
    assert row(page, "Hate or discrimination") == "fewer than 5"
    assert ">4<" not in page and ">1<" not in page


def test_the_threshold_is_a_setting(client, settings, group, post):
    settings.MODERATION_TRANSPARENCY_MIN_COUNT = 10
    flags_in(group, post, 7, "spam", back=1)
    page = section(page_text(client.get(URL)), month_start(1))
    assert row(page, "Spam or advertising") == "fewer than 10"


def test_flags_are_grouped_by_month_and_this_month_is_not_shown(client, group, post):
    flags_in(group, post, 5, "spam", back=1)
    flags_in(group, post, 6, "spam", back=2)
    flags_in(group, post, 7, "spam", back=0)
    page = page_text(client.get(URL))
    assert row(section(page, month_start(1)), "Spam or advertising") == "5"
    assert row(section(page, month_start(2)), "Spam or advertising") == "6"
    assert f"{month_start(0):%B %Y}</h2>" not in page
    assert ">7<" not in page and ">18<" not in page and ">11<" not in page


def test_actions_appeal_outcomes_and_the_median_wait(group, author, monkeypatch):
    moderator = AccountFactory(role=Account.Role.MODERATOR)
    reviewer = AccountFactory(role=Account.Role.MODERATOR)
    items = []
    for hours in (1, 2, 3, 4, 50):
        post = PostFactory(thread__group=group, author=author.persona)
        item = flag(MembershipFactory(group=group), post).item
        action = act(moderator, item, "warn")
        appeal = submit_appeal(account=action.account, action=action, text="Please.")
        decide_appeal(reviewer=reviewer, appeal=appeal, outcome="overturned", reason="Sorry.")
        items.append((item, hours))
    for item, hours in items:
        decided = ReviewItem.objects.get(pk=item.pk).decided_at
        ReviewItem.objects.filter(pk=item.pk).update(created=decided - timedelta(hours=hours))
    # The audit log cannot be back-dated, so the report is read a month from now.
    next_month = month_start(0) + timedelta(days=40)
    monkeypatch.setattr(transparency, "_now", lambda: next_month)
    month = transparency.report()[0]
    assert month.start == month_start(0).date()
    assert dict(month.actions)["Warn the author"] == "5"
    assert dict(month.actions)["Ban the account"] == "fewer than 5"
    assert dict(month.appeals) == {
        "Appeals made": "5",
        "Decisions upheld on appeal": "fewer than 5",
        "Decisions overturned on appeal": "5",
    }
    assert month.median == "3 hours"


def test_a_median_over_fewer_than_five_decisions_is_not_shown(group, author, monkeypatch):
    moderator = AccountFactory(role=Account.Role.MODERATOR)
    post = PostFactory(thread__group=group, author=author.persona)
    act(moderator, flag(MembershipFactory(group=group), post).item, "warn")
    monkeypatch.setattr(transparency, "_now", lambda: month_start(0) + timedelta(days=40))
    assert transparency.report()[0].median == "not shown (fewer than 5 decisions)"


def test_nothing_on_the_page_names_anyone_or_shows_content(client, group, author, post):
    flaggers = [m.persona for m in [MembershipFactory(group=group) for _ in range(6)]]
    for persona in flaggers:
        flag_content_of(persona, post)
    Flag.objects.update(created=month_start(1) + timedelta(days=2))
    page = page_text(client.get(URL))
    for secret in [
        author.persona.name,
        author.persona.public_id,
        group.name,
        post.body,
        author.persona.account.email,
        post.public_id,
        *[p.name for p in flaggers],
        *[p.account.email for p in flaggers],
    ]:
        assert secret not in page
    assert "@example.test" not in page


def flag_content_of(persona, post):
    from moderation.services import flag_content

    return flag_content(reporter=persona.account, target=post, reason="spam")


def test_the_page_costs_three_queries_however_many_months_and_rows(
    client, settings, django_assert_num_queries, group, post
):
    flags_in(group, post, 6, "spam", back=1)
    flags_in(group, post, 6, "hate", back=3)
    with django_assert_num_queries(3):
        page_text(client.get(URL))
    settings.MODERATION_TRANSPARENCY_MONTHS = 36
    with django_assert_num_queries(3):
        page_text(client.get(URL))
