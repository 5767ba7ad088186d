"""Every mentoring page, as the person who uses it, in the browser world's states: for the
layout checks (390 px and 1280 px) and the accessibility audit."""

from tests.browser.mentoring.conftest import BrowserWorld


def pages_to_check(world: BrowserWorld) -> list[tuple[str, object, str]]:
    """(name, account, path) for every mentoring page that answers a GET."""
    base = world.world
    mentorship = world.mentorship.public_id
    offered = world.asker_request.proposals.filter(state="offered").order_by("rank").first()
    return [
        ("home-visitor", None, "/mentoring/"),
        ("home-choosing", world.asker, "/mentoring/"),
        ("choose", world.asker, f"/mentoring/proposals/{offered.public_id}/"),
        ("ask", base.outsider, "/mentoring/ask/"),
        ("home-waiting", world.chooser, "/mentoring/"),
        ("home-mentor", base.mentor, "/mentoring/"),
        ("volunteer", base.outsider, "/mentoring/volunteer/"),
        ("profile", base.mentor, "/mentoring/profile/"),
        ("employers", base.mentee, "/mentoring/employers/"),
        ("asked", base.mentor, "/mentoring/asked/"),
        ("accept", base.mentor, f"/mentoring/asked/{world.chosen.public_id}/accept/"),
        ("mentorship", base.mentee, f"/mentoring/m/{mentorship}/"),
        ("end", base.mentee, f"/mentoring/m/{mentorship}/end/"),
        ("block", base.mentee, f"/mentoring/m/{mentorship}/block/"),
        ("coordinate-mentors", base.coordinator, "/mentoring/coordinate/"),
        ("coordinate-approved", base.coordinator, "/mentoring/coordinate/?status=approved"),
        ("coordinate-waiting", base.coordinator, "/mentoring/coordinate/waiting/"),
        ("coordinate-batch", base.coordinator, "/mentoring/coordinate/batch/"),
        ("coordinate-feedback", base.coordinator, "/mentoring/coordinate/feedback/"),
        (
            "flag-profile",
            world.asker,
            f"/moderation/flag/mentor-profile/{offered.mentor.public_id}/",
        ),
    ]
