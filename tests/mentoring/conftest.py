"""Mentoring test helpers: focus areas, a coordinator, and mentors and requests made through
the services, as members would make them."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from mentoring import services
from mentoring.models import FocusArea, MentorProfile, MentorshipRequest, Proposal
from tests.factories import AccountFactory

_names = itertools.count(1)
AREA_NAMES = ["Reporting to HR", "Retaliation", "Leaving a job", "A legal process"]


@pytest.fixture
def areas(db) -> list[FocusArea]:
    return [
        FocusArea.objects.create(name=name, order=index) for index, name in enumerate(AREA_NAMES)
    ]


@pytest.fixture
def coordinator(db):
    return AccountFactory(is_staff=True)


def make_mentor(
    coordinator,
    areas,
    *,
    account=None,
    name: str | None = None,
    languages=("en",),
    time_zone: str = "Europe/London",
    capacity: int = 2,
    approve: bool = True,
    bio: str = "I reported to HR twice and came out the other side.",
) -> MentorProfile:
    profile = services.volunteer(
        account=account or AccountFactory(),
        name=name or f"Calm Willow {next(_names)}",
        focus_areas=areas,
        languages=languages,
        time_zone=time_zone,
        capacity=capacity,
        availability="Weekday evenings",
        bio=bio,
    )
    if approve:
        services.approve_mentor(coordinator=coordinator, profile=profile)
    return profile


def make_request(
    areas, *, account=None, languages=("en",), time_zone: str = "Europe/Paris", hopes: str = ""
) -> MentorshipRequest:
    return services.request_mentor(
        account=account or AccountFactory(),
        focus_areas=areas,
        languages=languages,
        time_zone=time_zone,
        hopes=hopes or "Someone who has been through an HR process.",
    )


def offered(request: MentorshipRequest) -> list[Proposal]:
    return list(request.proposals.filter(state=Proposal.State.OFFERED).order_by("rank"))


def chosen(request: MentorshipRequest) -> Proposal | None:
    return request.proposals.filter(state=Proposal.State.CHOSEN).first()


def refreshed(obj):
    obj.refresh_from_db()
    return obj


def age_chosen(proposal: Proposal, days: float) -> Proposal:
    """Pretend the mentee chose `proposal` `days` ago."""
    Proposal.objects.filter(pk=proposal.pk).update(chosen_at=timezone.now() - timedelta(days=days))
    return refreshed(proposal)
