"""A mentee's side: asking for a mentor, choosing one of the proposals, withdrawing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from community.errors import NotAllowed
from community.forms import submit
from community.name_forms import name_form
from mentoring import access, flows, policies, services
from mentoring.forms import ChooseForm, RequestForm
from mentoring.views import reads

ASKED_ALREADY = "You already asked for a mentor; your request is below."


@login_required
@require_http_methods(["GET", "POST"])
def ask(request):
    """Ask for a mentor. Proposals are made at once when mentors fit; otherwise the request
    waits for the coordinators, and the mentee reads "still looking"."""
    if reads.open_request_of(request.user) is not None:
        messages.info(request, ASKED_ALREADY)
        return redirect("mentoring:home")
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            submit(
                form,
                services.request_mentor,
                account=request.user,
                focus_areas=form.cleaned_data["focus_areas"],
                languages=form.cleaned_data["languages"],
                time_zone=form.cleaned_data["time_zone"],
                hopes=form.cleaned_data["hopes"],
            )
            if not form.errors:
                messages.success(request, "Thank you. Your request is in.")
                return redirect("mentoring:home")
    else:
        form = RequestForm(initial={"languages": ["en"]})
    return render(request, "mentoring/ask.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def choose(request, proposal_public_id):
    """The mentee picks this proposal and their name for the mentorship; the mentor is asked."""
    proposal = access.access_proposal_as_mentee(request.user, proposal_public_id)
    if not policies.can_choose(request.user, proposal):
        # A mentor is being asked already: which one stays unsaid (the home page says
        # "still looking"), so the other proposals are not to be opened meanwhile.
        raise Http404
    form = name_form(ChooseForm, request, account=request.user)
    if form.is_bound and form.is_valid():
        submit(
            form,
            flows.choose_proposal,
            account=request.user,
            proposal=proposal,
            name=form.cleaned_data["name"],
        )
        if not form.errors:
            messages.success(
                request,
                "Thank you. We have asked your mentor; you will hear as soon as a mentor accepts.",
            )
            return redirect("mentoring:home")
    return render(
        request,
        "mentoring/choose.html",
        {"form": form, "proposal": proposal, "profile": proposal.mentor},
    )


@login_required
@require_POST
def withdraw(request):
    """The viewer's own open request, found through the session: no id to guess."""
    open_request = reads.open_request_of(request.user)
    if open_request is None:
        raise Http404
    try:
        services.withdraw_request(account=request.user, request=open_request)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your request was withdrawn. You can ask again at any time.")
    return redirect("mentoring:home")
