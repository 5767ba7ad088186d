"""The coordinators' pages (advocates and staff; 404 for anyone else): mentors to approve,
pause or retire, the waiting requests and the batch assignment, and the feedback left when
mentorships ended. Personas only: a mentor's profile name, a request's public id."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from community.errors import NotAllowed
from community.text import isolate
from mentoring import flows, policies
from mentoring.app_settings import app_settings
from mentoring.models import MentorProfile
from mentoring.views import reads

Status = MentorProfile.Status
# The tabs of the mentors page, in order: (status, title).
MENTOR_TABS = [
    (Status.PENDING, "Waiting for approval"),
    (Status.APPROVED, "Approved"),
    (Status.PAUSED, "Paused"),
    (Status.RETIRED, "Retired"),
]
ACTIONS = {
    "approve": (policies.can_approve, "{name} is approved: mentees can be matched with them."),
    "pause": (policies.can_pause, "{name} is paused: nobody new is proposed to them."),
    "retire": (policies.can_retire, "{name} is retired."),
}


def _coordinator(request) -> None:
    if not policies.remember_coordinator(request.user):
        raise Http404


def _page(request, queryset):
    return Paginator(queryset, app_settings.COORDINATOR_PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def mentors(request):
    _coordinator(request)
    status = request.GET.get("status") or Status.PENDING
    if status not in Status.values:
        raise Http404
    page = _page(request, reads.mentors_for_coordinators(status))
    counts = reads.mentor_counts()
    for profile in page:
        profile.actions = [
            action for action, (allowed, _) in ACTIONS.items() if allowed(request.user, profile)
        ]
        profile.is_own = profile.account_id == request.user.pk
    return render(
        request,
        "mentoring/coordinate/mentors.html",
        {
            "page": page,
            "status": status,
            "tabs": [(value, title, counts[value]) for value, title in MENTOR_TABS],
            "section": "mentors",
        },
    )


@login_required
@require_POST
def mentor_action(request, profile_public_id, action):
    _coordinator(request)
    if action not in ACTIONS:
        raise Http404
    profile = get_object_or_404(
        MentorProfile.objects.select_related("persona"), public_id=profile_public_id
    )
    status = profile.status
    try:
        flows.coordinate(action, coordinator=request.user, profile=profile)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, ACTIONS[action][1].format(name=isolate(profile.persona.name)))
    return redirect(f"{reverse('mentoring:coordinate_mentors')}?status={status}")


@login_required
def waiting(request):
    _coordinator(request)
    return render(
        request,
        "mentoring/coordinate/waiting.html",
        {"page": _page(request, reads.waiting_requests()), "section": "waiting"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def batch(request):
    """GET asks first (what the batch does); the POST runs it and says how many proposals
    were made."""
    _coordinator(request)
    if request.method == "POST":
        try:
            proposals = flows.run_batch_assignment(coordinator=request.user)
        except NotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _made(len(proposals)))
        return redirect("mentoring:coordinate_waiting")
    return render(
        request,
        "mentoring/coordinate/batch.html",
        {"waiting_count": reads.waiting_requests().count(), "section": "waiting"},
    )


def _made(count: int) -> str:
    if count == 0:
        return "No proposals were made: no waiting request fits a mentor with a free place now."
    if count == 1:
        return "1 proposal was made. Its mentee can now choose it."
    return f"{count} proposals were made, one per matched request. Their mentees can now choose."


@login_required
def feedback(request):
    _coordinator(request)
    return render(
        request,
        "mentoring/coordinate/feedback.html",
        {"page": _page(request, reads.recent_feedback()), "section": "feedback"},
    )
