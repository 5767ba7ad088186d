"""A mentorship's page, for its two people only (404 for anyone else): the two personas of
this space, the agreed focus areas, the private room, ending it, blocking, asking anew."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from chat import selectors as chat_selectors
from chat.access import access_room
from community.errors import NotAllowed
from community.forms import submit
from community.services.blocks import block_persona
from mentoring import access, flows, policies, rooms, services
from mentoring.forms import EndForm
from mentoring.views import reads


def _place(request, mentorship_public_id):
    mentorship, me = access.access_mentorship(request.user, mentorship_public_id)
    side = policies.side_of(request.user, mentorship)
    other = mentorship.mentee if side == "mentor" else mentorship.mentor
    return mentorship, me, other, side


@login_required
def mentorship_page(request, mentorship_public_id):
    mentorship, me, other, side = _place(request, mentorship_public_id)
    context = _room_context(request, mentorship)
    context |= {
        "mentorship": mentorship,
        "me": me,
        "other": other,
        "side": side,
        "focus_areas": mentorship.focus_areas.order_by("order", "name"),
        "can_ask_again": _can_ask_again(request.user, mentorship, side),
        # Ending is one click from here (issue 12); the feedback beside it is optional.
        "end_form": EndForm(),
    }
    return render(request, "mentoring/mentorship.html", context)


def _room_context(request, mentorship) -> dict:
    """The private room through chat's own door and page parts: live while the mentorship
    is, then its transcript, read-only, until chat's retention purges it."""
    room = rooms.room_for_page(mentorship)
    if room is None:
        return {}
    found, participant = access_room(request.user, room.public_id)
    return chat_selectors.room_on_page(request.user, found, participant, timezone.now())


def _can_ask_again(account, mentorship, side) -> bool:
    """The mentee of an ended mentorship, with no request open and no other mentor now."""
    if side != "mentee" or mentorship.is_active:
        return False
    if reads.open_request_of(account) is not None:
        return False
    return not any(
        entry.side == "mentee" and entry.mentorship.is_active
        for entry in reads.mentorships_of(account)
    )


@login_required
@require_http_methods(["GET", "POST"])
def end(request, mentorship_public_id):
    """The POST (the mentorship page's one-click form, or this page's) ends it at once, with
    optional feedback for the coordinators; GET shows what ending means, with the same form,
    and so does a POST whose feedback is too long (the text kept)."""
    mentorship, me, other, side = _place(request, mentorship_public_id)
    if not mentorship.is_active:
        return redirect("mentoring:mentorship", mentorship.public_id)
    form = EndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        submit(
            form,
            flows.end_mentorship,
            account=request.user,
            mentorship=mentorship,
            feedback=form.cleaned_data["feedback"],
        )
        if not form.errors:
            messages.success(request, "The mentorship has ended. Thank you for taking part.")
            return redirect("mentoring:mentorship", mentorship.public_id)
    return render(
        request,
        "mentoring/end.html",
        {"mentorship": mentorship, "me": me, "other": other, "side": side, "form": form},
    )


@login_required
@require_POST
def ask_again(request, mentorship_public_id):
    """The mentee of an ended mentorship asks anew with what they asked before."""
    mentorship, _me, _other, side = _place(request, mentorship_public_id)
    earlier = mentorship.request or reads.last_closed_request_of(request.user)
    if side != "mentee" or earlier is None:
        messages.error(request, "Please ask for a mentor from the mentoring page.")
        return redirect("mentoring:home")
    try:
        services.ask_again(account=request.user, request=earlier)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your new request is in.")
    return redirect("mentoring:home")


@login_required
@require_http_methods(["GET", "POST"])
def block(request, mentorship_public_id):
    """Blocking the other side ends the mentorship at once and silently (mentoring.blocks),
    and the two are never matched again. GET says so first."""
    mentorship, me, other, side = _place(request, mentorship_public_id)
    if request.method == "POST":
        try:
            block_persona(blocker=request.user, persona=other)
        except NotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Blocked. The mentorship has ended.")
        return redirect("mentoring:mentorship", mentorship.public_id)
    return render(
        request,
        "mentoring/block_confirm.html",
        {"mentorship": mentorship, "me": me, "other": other},
    )
