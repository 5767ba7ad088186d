"""Break glass pages (moderation.reveals): the staff list of reveals, a request, its decision,
the revealed account, and the member's notice.

Everything but the member's notice is 404 for anyone without the reveal permission, exactly as
if it did not exist. Asking, deciding and seeing the account need a recent authentication
(allauth's re-authentication); asking and approving also a fresh TOTP code (the services).
"""

from functools import wraps

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from community.errors import NotAllowed
from community.forms import submit
from community.models import Persona
from community.spaces import names_of_spaces
from moderation import policies, reveals, selectors
from moderation.app_settings import app_settings
from moderation.forms import RevealDecisionForm, RevealRequestForm
from moderation.models import RevealRequest


def _holders_only(view):
    """404 for anyone not holding the permission, before any re-authentication is asked (a
    redirect to it would tell a member the page exists)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.holds_reveal_permission(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def _space_name(space) -> str:
    return names_of_spaces([space]).get(space.pk, "") if space is not None else ""


def _reveal_or_404(public_id: str) -> RevealRequest:
    return get_object_or_404(RevealRequest.objects.select_related("space"), public_id=public_id)


@_holders_only
def reveal_list(request):
    """Every reveal request, newest first: who it was about (persona, space), why, its state."""
    page = Paginator(selectors.reveal_requests(), app_settings.REVEAL_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    names = names_of_spaces([reveal.space for reveal in page if reveal.space_id])
    for reveal in page:
        reveal.space_name = names.get(reveal.space_id, "")
        reveal.expired = reveals.is_expired(reveal)
    return render(request, "moderation/reveals.html", {"page": page})


@_holders_only
@reauthentication_required
def reveal_new(request, persona_public_id: str):
    persona = get_object_or_404(
        Persona.objects.select_related("space"), public_id=persona_public_id
    )
    form = RevealRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = submit(
            form,
            reveals.request_reveal,
            requester=request.user,
            persona=persona,
            reason=form.cleaned_data["reason"],
            code=form.cleaned_data["code"],
        )
        if not form.errors:
            messages.success(request, "Asked. A second staff member must approve it.")
            return redirect("moderation:reveal", reveal_public_id=created.public_id)
    return render(
        request,
        "moderation/reveal_new.html",
        {"persona": persona, "space_name": _space_name(persona.space), "form": form},
        status=400 if form.errors else 200,
    )


def _reveal_page(request, reveal: RevealRequest, form=None, status=200):
    can_decide = (
        reveal.status == RevealRequest.Status.PENDING
        and not reveals.is_expired(reveal)
        and policies.can_decide_reveal(request.user, reveal, holds=True)
    )
    ends = reveals.view_ends_at(reveal)
    return render(
        request,
        "moderation/reveal.html",
        {
            "reveal": reveal,
            "space_name": _space_name(reveal.space),
            "expired": reveals.is_expired(reveal),
            "is_requester": reveal.requester_id == request.user.pk,
            "form": (form or RevealDecisionForm()) if can_decide else None,
            # Why a decision was refused, shown even when the form is no longer offered.
            "refusal": form.non_field_errors() if form is not None and not can_decide else [],
            "can_see": policies.can_see_revealed(request.user, reveal, holds=True),
            "view_ends": ends,
        },
        status=status,
    )


@_holders_only
@reauthentication_required
def reveal(request, reveal_public_id: str):
    return _reveal_page(request, _reveal_or_404(reveal_public_id))


@_holders_only
@require_POST
@reauthentication_required
def reveal_decide(request, reveal_public_id: str):
    reveal_request = _reveal_or_404(reveal_public_id)
    form = RevealDecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        if approve:
            submit(
                form,
                reveals.approve_reveal,
                approver=request.user,
                reveal=reveal_request,
                code=form.cleaned_data["code"],
            )
        else:
            submit(
                form,
                reveals.refuse_reveal,
                approver=request.user,
                reveal=reveal_request,
                note=form.cleaned_data["note"],
            )
        if not form.errors:
            messages.success(
                request,
                "Approved: the requester can now see the account, and the member is told."
                if approve
                else "Refused.",
            )
            return redirect("moderation:reveal", reveal_public_id=reveal_request.public_id)
    reveal_request.refresh_from_db()
    return _reveal_page(request, reveal_request, form=form, status=400)


@_holders_only
@require_POST
@reauthentication_required
def reveal_account(request, reveal_public_id: str):
    """The email, on a page that says this view is logged (a POST: each showing is one audit
    entry, and a reload does not show it again silently)."""
    reveal_request = _reveal_or_404(reveal_public_id)
    if not policies.can_see_revealed(request.user, reveal_request, holds=True):
        raise Http404
    try:
        email = reveals.show_revealed_email(viewer=request.user, reveal=reveal_request)
    except NotAllowed as error:
        messages.error(request, str(error))
        return redirect("moderation:reveal", reveal_public_id=reveal_request.public_id)
    return render(
        request,
        "moderation/reveal_account.html",
        {
            "reveal": reveal_request,
            "space_name": _space_name(reveal_request.space),
            "email": email,
        },
    )


@login_required
def reveal_notice(request, reveal_public_id: str):
    """The member's own notice: which of their personas, where, when and why. Never who asked
    or approved."""
    reveal_request = get_object_or_404(
        RevealRequest.objects.select_related("space"),
        public_id=reveal_public_id,
        account=request.user,
        status=RevealRequest.Status.APPROVED,
    )
    return render(
        request,
        "moderation/reveal_notice.html",
        {"reveal": reveal_request, "space_name": _space_name(reveal_request.space)},
    )
