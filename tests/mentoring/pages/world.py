"""A small mentoring world, made through the services as members would make it.

- a group where the mentor and the mentee are both members, under group personas whose
  names must never show on a mentoring page (the identity tests look for them);
- a coordinator (a host of that group: an advocate) who approved the mentor;
- an approved mentor, one more approved mentor and a pending one;
- a mentee with no request yet, and another member.

`mentorship_between(world)` takes the whole path (request, choice, acceptance) for tests
that start from an open mentorship.
"""

from dataclasses import dataclass

from community.models import Account
from groups.models import Group, Membership
from mentoring import flows, services
from mentoring.models import FocusArea, MentorProfile, Mentorship, MentorshipRequest, Proposal
from tests.factories import AccountFactory, GroupFactory, MembershipFactory

MENTOR_PK = 987651
MENTEE_PK = 987652
MENTOR_EMAIL = "kestrel.unique.mentor@example.test"
MENTEE_EMAIL = "marigold.unique.mentee@example.test"
MENTOR_GROUP_NAME = "Groupname Otterlight"
MENTEE_GROUP_NAME = "Groupname Willowbank"
MENTOR_PROFILE_NAME = "Steady Lighthouse"
MENTEE_MENTORSHIP_NAME = "Brave Sparrow"
MENTOR_MENTORSHIP_NAME = "Calm Harbour"


@dataclass
class MentoringWorld:
    group: Group
    coordinator: Account
    mentor: Account
    other_mentor: Account
    pending_mentor: Account
    mentee: Account
    outsider: Account
    mentor_membership: Membership
    mentee_membership: Membership
    hr: FocusArea
    retaliation: FocusArea
    leaving: FocusArea

    @property
    def profile(self) -> MentorProfile:
        return MentorProfile.objects.get(account=self.mentor)

    @property
    def other_profile(self) -> MentorProfile:
        return MentorProfile.objects.get(account=self.other_mentor)

    @property
    def pending_profile(self) -> MentorProfile:
        return MentorProfile.objects.get(account=self.pending_mentor)


def volunteer(account: Account, name: str, areas, **fields) -> MentorProfile:
    values = {
        "languages": ["en"],
        "time_zone": "Europe/Lisbon",
        "capacity": 2,
        "availability": "Weekday evenings",
        "bio": "I reported to HR and survived it.",
    }
    values.update(fields)
    return services.volunteer(account=account, name=name, focus_areas=areas, **values)


def build_mentoring_world() -> MentoringWorld:
    hr = FocusArea.objects.create(name="Reporting to HR", order=1)
    retaliation = FocusArea.objects.create(name="Retaliation", order=2)
    leaving = FocusArea.objects.create(name="Leaving a job", order=3)
    group = GroupFactory(name="Night shift")
    coordinator = AccountFactory(email="coordinator.person@example.test")
    MembershipFactory(
        group=group,
        persona__account=coordinator,
        persona__name="Host Evening",
        role=Membership.Role.HOST,
    )
    # Account numbers that could not appear on a page by chance (the identity tests look).
    mentor = AccountFactory(pk=MENTOR_PK, email=MENTOR_EMAIL)
    mentee = AccountFactory(pk=MENTEE_PK, email=MENTEE_EMAIL)
    mentor_membership = MembershipFactory(
        group=group, persona__account=mentor, persona__name=MENTOR_GROUP_NAME
    )
    mentee_membership = MembershipFactory(
        group=group, persona__account=mentee, persona__name=MENTEE_GROUP_NAME
    )
    other_mentor = AccountFactory(email="second.mentor@example.test")
    pending_mentor = AccountFactory(email="pending.mentor@example.test")
    profile = volunteer(mentor, MENTOR_PROFILE_NAME, [hr, retaliation])
    other = volunteer(other_mentor, "Patient Cedar", [leaving], time_zone="America/Chicago", bio="")
    volunteer(pending_mentor, "Waiting Willow", [hr])
    services.approve_mentor(coordinator=coordinator, profile=profile)
    services.approve_mentor(coordinator=coordinator, profile=other)
    return MentoringWorld(
        group=group,
        coordinator=coordinator,
        mentor=mentor,
        other_mentor=other_mentor,
        pending_mentor=pending_mentor,
        mentee=mentee,
        outsider=AccountFactory(email="outsider.person@example.test"),
        mentor_membership=mentor_membership,
        mentee_membership=mentee_membership,
        hr=hr,
        retaliation=retaliation,
        leaving=leaving,
    )


def request_for(world: MentoringWorld, **fields) -> MentorshipRequest:
    values = {
        "focus_areas": [world.hr],
        "languages": ["en"],
        "time_zone": "Europe/Madrid",
        "hopes": "Someone to talk to before my HR meeting.",
    }
    values.update(fields)
    return services.request_mentor(account=world.mentee, **values)


def proposal_of(request: MentorshipRequest, profile: MentorProfile) -> Proposal:
    return Proposal.objects.get(request=request, mentor=profile)


def mentorship_between(world: MentoringWorld) -> Mentorship:
    request = request_for(world)
    proposal = proposal_of(request, world.profile)
    flows.choose_proposal(account=world.mentee, proposal=proposal, name=MENTEE_MENTORSHIP_NAME)
    proposal.refresh_from_db()
    return flows.accept_proposal(
        account=world.mentor, proposal=proposal, name=MENTOR_MENTORSHIP_NAME
    )
