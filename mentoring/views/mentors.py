"""A mentor's side: volunteering and the profile, pausing, the private employers list, and
the proposals that wait for their answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from community.errors import NotAllowed
from community.forms import submit
from community.name_forms import name_form
from mentoring import access, flows, policies, services
from mentoring.app_settings import app_settings
from mentoring.forms import AcceptForm, EmployerForm, MentorProfileForm
from mentoring.models import EmployerEntry, MentorProfile
from mentoring.views import reads


def _profile_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "focus_areas": data["focus_areas"],
        "languages": data["languages"],
        "time_zone": data["time_zone"],
        "capacity": data["capacity"],
        "availability": data["availability"],
        "bio": data["bio"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def volunteer(request):
    """Offer to mentor, under a name of its own; a coordinator approves before any match.
    A retired mentor may volunteer again (their profile comes back for approval)."""
    profile = reads.own_profile(request.user)
    if profile is not None and profile.status != MentorProfile.Status.RETIRED:
        return redirect("mentoring:profile")
    space_id = profile.persona.space_id if profile else None
    form = name_form(
        MentorProfileForm,
        request,
        account=request.user,
        space_id=space_id,
        initial=_initial(profile) if profile else {"capacity": 1},
    )
    if form.is_bound and form.is_valid():
        submit(form, services.volunteer, account=request.user, **_profile_fields(form))
        if not form.errors:
            messages.success(
                request,
                "Thank you for volunteering. A coordinator will look at your profile; "
                "you can be matched once they approve it.",
            )
            return redirect("mentoring:profile")
    return render(request, "mentoring/volunteer.html", {"form": form, "profile": profile})


def _initial(profile: MentorProfile) -> dict:
    return {
        "name": profile.persona.name,
        "focus_areas": [area.pk for area in profile.focus_areas.all() if area.is_active],
        "languages": profile.languages,
        "time_zone": profile.time_zone,
        "capacity": profile.capacity,
        "availability": profile.availability,
        "bio": profile.bio,
    }


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """The mentor's own profile: its state, the form to edit it, pause and resume."""
    profile = reads.own_profile(request.user)
    if profile is None or profile.status == MentorProfile.Status.RETIRED:
        return redirect("mentoring:volunteer")
    space_id = profile.persona.space_id
    form = name_form(
        MentorProfileForm,
        request,
        account=request.user,
        space_id=space_id,
        initial=_initial(profile),
    )
    if form.is_bound and form.is_valid():
        submit(form, services.update_mentor_profile, account=request.user, **_profile_fields(form))
        if not form.errors:
            messages.success(request, "Your mentor profile is saved.")
            return redirect("mentoring:profile")
    return render(
        request,
        "mentoring/profile.html",
        {
            "form": form,
            "profile": profile,
            "can_pause": policies.can_pause_self(profile),
            "can_resume": policies.can_resume_self(profile),
        },
    )


@login_required
@require_POST
def pause(request):
    try:
        flows.pause_self(account=request.user)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "You are paused: nobody new is proposed to you. Your mentorships go on as before.",
        )
    return redirect("mentoring:profile")


@login_required
@require_POST
def resume(request):
    try:
        services.resume_self(account=request.user)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Welcome back: mentees can be matched with you again.")
    return redirect("mentoring:profile")


@login_required
@require_http_methods(["GET", "POST"])
def employers(request):
    """The member's private employers list: add a name, or remove one by typing it again.
    The names are never shown, not even here: only a keyed digest of each is kept."""
    add_form = EmployerForm(prefix="add")
    remove_form = EmployerForm(prefix="remove")
    if request.method == "POST":
        if "remove" in request.POST.get("action", ""):
            remove_form = EmployerForm(request.POST, prefix="remove")
            if _remove_employer(request, remove_form):
                return redirect("mentoring:employers")
        else:
            add_form = EmployerForm(request.POST, prefix="add")
            if add_form.is_valid():
                submit(
                    add_form,
                    services.add_employer,
                    account=request.user,
                    name=add_form.cleaned_data["employer"],
                )
                if not add_form.errors:
                    messages.success(request, "Added. Nobody will ever see it, not even you.")
                    return redirect("mentoring:employers")
    return render(
        request,
        "mentoring/employers.html",
        {
            "add_form": add_form,
            "remove_form": remove_form,
            "count": EmployerEntry.objects.filter(account=request.user).count(),
            "most": app_settings.MAX_EMPLOYERS,
        },
    )


def _remove_employer(request, form) -> bool:
    if not form.is_valid():
        return False
    name = form.cleaned_data["employer"]
    if services.remove_employer(account=request.user, name=name):
        messages.success(request, "Removed.")
        return True
    form.add_error(
        "employer", "That name is not on your list (written any way, it would have matched)."
    )
    return False


@login_required
def asked(request):
    """What mentees who chose this mentor hope for, with the deadline to answer. Never who
    they are: a mentee has no name here until the mentorship opens."""
    proposals = list(reads.asked_of(request.user))
    for proposal in proposals:
        proposal.deadline = reads.response_deadline(proposal)
    return render(
        request,
        "mentoring/asked.html",
        {"proposals": proposals, "profile": reads.own_profile(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def accept(request, proposal_public_id):
    proposal = access.access_proposal_as_mentor(request.user, proposal_public_id)
    form = name_form(AcceptForm, request, account=request.user)
    if form.is_bound and form.is_valid():
        mentorship = submit(
            form,
            flows.accept_proposal,
            account=request.user,
            proposal=proposal,
            name=form.cleaned_data["name"],
        )
        if not form.errors:
            messages.success(request, "Your mentorship has begun.")
            return redirect("mentoring:mentorship", mentorship.public_id)
    return render(
        request,
        "mentoring/accept.html",
        {
            "form": form,
            "proposal": proposal,
            "request_": proposal.request,
            "deadline": reads.response_deadline(proposal),
        },
    )


@login_required
@require_POST
def decline(request, proposal_public_id):
    """One click (the page asks first, in a fold): the mentee moves on, told nothing."""
    try:
        proposal = access.access_proposal_as_mentor(request.user, proposal_public_id)
    except Http404:
        messages.info(request, services.NO_LONGER_WAITING)
        return redirect("mentoring:asked")
    try:
        flows.decline_proposal(account=request.user, proposal=proposal)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "Declined. Thank you for saying so: the mentee will be matched with someone else.",
        )
    return redirect("mentoring:asked")
