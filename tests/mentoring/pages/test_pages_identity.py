"""The identity rule on every mentoring page: a mentor and a mentee who are also in one group
together. Whatever either of them (or the coordinator, a host of that group) can open while
the two go from request to ended mentorship, no page shows either group persona's name, an
email (or its local part) or an account number; each page shows only personas of its own
space. The crawl follows every link under /mentoring/ and the flag pages they lead to, and
must reach every mentoring page that answers a GET."""

import re
from collections import deque

import pytest
from django.test import Client
from django.urls import resolve, reverse

from mentoring import flows
from mentoring.models import Mentorship, Proposal
from tests.mentoring.pages.world import (
    MENTEE_GROUP_NAME,
    MENTOR_GROUP_NAME,
    proposal_of,
    request_for,
)
from tests.pages import page_text
from tests.url_names import all_url_names

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/(?:mentoring|notifications|moderation/flag)/[^"#]*)"')
# Forms' targets too: some also answer GET with a page of their own (ending a mentorship).
FORM = re.compile(r'action="(/mentoring/[^"#]*)"')
# Mentoring pages that only take a POST, answered with a redirect: their forms are on pages
# the crawl reads.
POST_ONLY = {
    "mentoring:withdraw",
    "mentoring:pause",
    "mentoring:resume",
    "mentoring:decline",
    "mentoring:ask_again",
    "mentoring:coordinate_mentor_action",
}


def crawl(client: Client, seen_names: set[str], limit: int = 60) -> dict[str, str]:
    pages: dict[str, str] = {}
    queue = deque([reverse("mentoring:home"), reverse("notifications")])
    while queue and len(pages) < limit:
        url = queue.popleft().replace("&amp;", "&")
        if url in pages:
            continue
        response = client.get(url)
        if response.status_code == 405:  # a form's target that only takes its POST
            pages[url] = ""
            continue
        assert response.status_code in (200, 302), (url, response.status_code)
        pages[url] = response.content.decode()
        if response.status_code == 200:
            seen_names.add(_name_of(url))
        found = LINK.findall(pages[url]) + FORM.findall(pages[url])
        queue.extend(link for link in found if link not in pages)
    return pages


def _name_of(url: str) -> str:
    match = resolve(url.split("?")[0])
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def assert_no_other_identity(pages: dict[str, str], world, *, viewer) -> None:
    assert pages
    forbidden = [MENTOR_GROUP_NAME, MENTEE_GROUP_NAME]
    for account in (world.mentor, world.mentee):
        forbidden += [account.email, account.email.split("@")[0], str(account.pk)]
    for url, page in pages.items():
        for text in forbidden:
            assert text not in page, f"{text!r} on {url} seen by {viewer}"


def everyone(world) -> dict[str, Client]:
    clients = {}
    for label in ("mentor", "mentee", "coordinator", "other_mentor"):
        client = Client()
        client.force_login(getattr(world, label))
        clients[label] = client
    return clients


def test_no_mentoring_page_links_a_mentorship_to_the_group_at_any_stage(mworld):
    clients = everyone(mworld)
    seen: set[str] = set()

    def check_all():
        for label, client in clients.items():
            assert_no_other_identity(crawl(client, seen), mworld, viewer=label)

    # Before anything: volunteering, asking, the coordinators' lists.
    check_all()
    request = request_for(mworld)
    check_all()  # the mentee's proposals (and the choose pages)
    proposal = proposal_of(request, mworld.profile)
    flows.choose_proposal(account=mworld.mentee, proposal=proposal, name="Brave Sparrow")
    check_all()  # the mentor's waiting answer and the accept page
    proposal.refresh_from_db()
    mentorship = flows.accept_proposal(
        account=mworld.mentor, proposal=proposal, name="Calm Harbour"
    )
    check_all()  # the mentorship, its end and block pages
    flows.end_mentorship(account=mworld.mentee, mentorship=mentorship, feedback="Thank you.")
    check_all()  # ended: ask again; the coordinators' feedback

    outsider = Client()
    outsider.force_login(mworld.outsider)
    assert_no_other_identity(crawl(outsider, seen), mworld, viewer="outsider")
    assert outsider.get(reverse("mentoring:volunteer")).status_code == 200
    seen.add("mentoring:volunteer")

    pages = {name for name in all_url_names() if name.startswith("mentoring:")} - POST_ONLY
    assert pages <= seen, f"not reached by the crawl: {sorted(pages - seen)}"


def test_the_mentorship_page_shows_only_the_two_personas_of_the_mentorship(mworld):
    request = request_for(mworld)
    proposal = proposal_of(request, mworld.profile)
    flows.choose_proposal(account=mworld.mentee, proposal=proposal, name="Brave Sparrow")
    proposal.refresh_from_db()
    mentorship = flows.accept_proposal(
        account=mworld.mentor, proposal=proposal, name="Calm Harbour"
    )
    url = reverse("mentoring:mentorship", args=[mentorship.public_id])
    for account in (mworld.mentor, mworld.mentee):
        client = Client()
        client.force_login(account)
        page = page_text(client.get(url))
        assert "Brave Sparrow" in page and "Calm Harbour" in page
        # Not the mentor's profile name either: the mentorship's personas are fresh.
        assert mworld.profile.persona.name not in page
    assert Mentorship.objects.get().mentor.space_id != mworld.profile.persona.space_id


def test_a_mentor_sees_nothing_of_a_mentee_before_being_chosen(mworld):
    request_for(mworld, hopes="My manager at Initrode retaliated.")
    client = Client()
    client.force_login(mworld.mentor)
    page = page_text(client.get(reverse("mentoring:asked")))
    assert "Initrode" not in page
    assert not Proposal.objects.filter(state=Proposal.State.CHOSEN).exists()
