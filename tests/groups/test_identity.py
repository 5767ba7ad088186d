"""Two accounts share two groups. Nothing either can reach in a group lets them learn the
other's email, account pk, or that the other's two personas belong to one account."""

import re

import pytest
from django.test import Client

from community.models import Account, Notification
from groups.models import Membership
from groups.services import posts as post_services
from tests.factories import AccountFactory, GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/groups/[^"#?]*)(?:\?page=\d+)?')


def crawl(client: Client, start: list[str], limit: int = 80) -> dict[str, str]:
    """Every groups page reachable by following links from `start`, as this client sees it."""
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.content.decode() if response.status_code == 200 else ""
        queue.extend(match for match in LINK.findall(seen[url]) if match not in seen)
    return seen


@pytest.fixture
def world():
    first_group = GroupFactory(name="Women in engineering", slug="women-in-engineering")
    second_group = GroupFactory(name="Retaliation after reporting", slug="retaliation")
    alice = AccountFactory(email="alice.real@example.test")
    # A pk that could not appear on a page by chance.
    bea = AccountFactory(pk=987654, email="bea.real@example.test", role=Account.Role.ADVOCATE)
    alice_first = MembershipFactory(
        group=first_group,
        persona__account=alice,
        persona__name="Quiet Heron 11",
        role=Membership.Role.HOST,
    )
    alice_second = MembershipFactory(
        group=second_group, persona__account=alice, persona__name="Amber Fox 22"
    )
    bea_first = MembershipFactory(
        group=first_group, persona__account=bea, persona__name="Silver Moth 33"
    )
    bea_second = MembershipFactory(
        group=second_group, persona__account=bea, persona__name="Copper Wren 44"
    )
    for membership, other in ((alice_first, bea_first), (alice_second, bea_second)):
        thread = post_services.create_thread(
            account=membership.persona.account,
            membership=membership,
            group=membership.group,
            title=f"Hello from {membership.group.name}",
            body="Glad this place exists.",
        )
        post_services.create_post(
            account=other.persona.account, membership=other, thread=thread, body="Me too."
        )
    return {
        "alice": alice,
        "bea": bea,
        "first": (first_group, bea_first.persona),
        "second": (second_group, bea_second.persona),
    }


def assert_nothing_links(pages: dict[str, str], *, group_slug: str, other_persona, account):
    assert pages, "the crawl found no pages"
    for url, page in pages.items():
        assert account.email not in page, url
        assert account.email.split("@")[0] not in page, url
        assert str(account.pk) not in page, url
        if url.startswith(f"/groups/{group_slug}/"):
            # A page of one group never names or points at the other group's persona.
            assert other_persona.name not in page, url
            assert other_persona.public_id not in page, url


def test_a_member_learns_nothing_of_the_other_account_from_group_pages(world):
    client = Client()
    client.force_login(world["alice"])
    pages = crawl(client, ["/groups/", "/groups/women-in-engineering/", "/groups/retaliation/"])
    assert any("Silver Moth 33" in page for page in pages.values())  # the crawl saw her
    assert any("Copper Wren 44" in page for page in pages.values())
    _, second_persona = world["second"]
    _, first_persona = world["first"]
    assert_nothing_links(
        pages,
        group_slug="women-in-engineering",
        other_persona=second_persona,
        account=world["bea"],
    )
    assert_nothing_links(
        pages, group_slug="retaliation", other_persona=first_persona, account=world["bea"]
    )


def test_staff_pages_show_an_advocate_by_the_persona_of_that_group_only(world):
    client = Client()
    client.force_login(AccountFactory(is_staff=True))
    pages = crawl(client, ["/groups/manage/"])
    assert any("Silver Moth 33" in page for page in pages.values())
    _, second_persona = world["second"]
    _, first_persona = world["first"]
    for url, page in pages.items():
        assert world["bea"].email not in page, url
        if "women-in-engineering" in url:
            assert second_persona.name not in page, url
        if "retaliation" in url:
            assert first_persona.name not in page, url


def test_reply_notifications_name_only_the_persona_of_that_group(world):
    texts = list(Notification.objects.filter(account=world["alice"]).values_list("text", flat=True))
    assert len(texts) == 2
    first_text = next(text for text in texts if "Women in engineering" in text)
    second_text = next(text for text in texts if "Retaliation after reporting" in text)
    assert "Silver Moth 33" in first_text and "Copper Wren 44" not in first_text
    assert "Copper Wren 44" in second_text and "Silver Moth 33" not in second_text
    assert all(world["bea"].email not in text for text in texts)
