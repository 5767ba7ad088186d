"""The mentoring part of `seed_demo`: focus areas, three approved mentors and one open request.

The mentors are three of the groups demo's peer voices (so a mentor shares a group with the
demo member, as happens for real: nothing on either side may link the two personas), approved
by the demo advocate, who hosts groups and so coordinates. The open request is the demo
member's, made through the services, so it already has its proposals to choose from.

`--json` lists the mentors by persona name and focus areas only, and the request by public id.
Idempotent: areas, profiles and the request are found again on a rerun.
"""

from django.contrib.auth.models import Permission
from django.db import transaction

from community import demo
from community.models import Account
from groups.demo import PEER_DOMAIN
from mentoring import services
from mentoring.models import FocusArea, MentorProfile, MentorshipRequest

FOCUS_AREAS = [
    ("Reporting to HR", "Preparing for, going through and living after an HR process."),
    ("Retaliation", "When reporting made things worse at work."),
    ("Leaving a job", "Deciding to go, and going on your own terms."),
    ("A legal process", "Lawyers, tribunals, settlements and NDAs."),
    ("Returning to work", "Going back after leave, or starting somewhere new."),
    ("Online harassment", "Pile-ons, doxxing and being followed across platforms."),
]

# (peer key, profile name, focus areas by index, languages, time zone, capacity, bio)
MENTORS = [
    ("peer1", "Gentle Harbor", [0, 1], ["en"], "Europe/London", 2,
     "I went through two HR investigations. I can help you prepare and keep notes."),
    ("peer2", "Calm Cedar", [2, 4], ["en", "es"], "America/New_York", 3,
     "I left a job after retaliation and found my feet again. Happy to listen first."),
    ("peer3", "Bright Meadow", [1, 3, 5], ["en", "hi"], "Asia/Kolkata", 1,
     "A tribunal claim taught me a lot about evidence and pacing yourself."),
]  # fmt: skip
HOPES = "Someone who has been through an HR process and can help me think about my options."


def _areas() -> list[FocusArea]:
    areas = []
    for order, (name, description) in enumerate(FOCUS_AREAS):
        area, _ = FocusArea.objects.get_or_create(
            name=name, defaults={"description": description, "order": order}
        )
        areas.append(area)
    return areas


def _peer(key: str) -> Account:
    account, created = Account.objects.get_or_create(email=f"{key}@{PEER_DOMAIN}")
    if created:
        account.set_unusable_password()  # a voice in the demo, not a login
        account.save(update_fields=["password"])
    return account


def _mentor(spec, areas: list[FocusArea], coordinator: Account) -> MentorProfile:
    key, name, indexes, languages, time_zone, capacity, bio = spec
    account = _peer(key)
    profile = MentorProfile.objects.filter(account=account).first()
    if profile is None:
        profile = services.volunteer(
            account=account,
            name=name,
            focus_areas=[areas[index] for index in indexes],
            languages=languages,
            time_zone=time_zone,
            capacity=capacity,
            availability="Evenings, most weeks",
            bio=bio,
        )
    if profile.status == MentorProfile.Status.PENDING:
        services.approve_mentor(coordinator=coordinator, profile=profile)
    return profile


def _request(member: Account, areas: list[FocusArea]) -> MentorshipRequest:
    existing = MentorshipRequest.objects.filter(mentee=member).order_by("-pk").first()
    if existing is not None:
        return existing
    return services.request_mentor(
        account=member,
        focus_areas=areas[:2],
        languages=["en"],
        time_zone="Europe/Berlin",
        hopes=HOPES,
    )


@demo.register
@transaction.atomic
def seed(accounts: dict[str, Account]) -> dict:
    # The demo moderator (staff) curates the focus areas in the admin, as it does the support
    # resources.
    accounts["moderator"].user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="mentoring", content_type__model="focusarea"
        )
    )
    areas = _areas()
    mentors = [_mentor(spec, areas, accounts["advocate"]) for spec in MENTORS]
    request = _request(accounts["member"], areas)
    return {
        "mentors": [
            {
                "name": profile.persona.name,
                "focus_areas": [area.name for area in profile.focus_areas.order_by("order")],
            }
            for profile in mentors
        ],
        "requests": [{"public_id": request.public_id}],
    }
