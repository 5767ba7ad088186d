from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from community.errors import NotAllowed
from community.forms import submit
from community.pseudonyms import suggest_name
from community.text import isolate
from groups import policies, selectors
from groups.app_settings import app_settings
from groups.forms import JoinForm
from groups.models import JoinRequest
from groups.services import membership as membership_services
from groups.views._common import Place, moderated_place_for, place_for


def join(request, slug):
    place = place_for(request, slug)
    return _join(request, place, via_invite=False)


def join_by_invite(request, token):
    """The invite link: it makes an unlisted or invite-only group reachable and joinable."""
    group = selectors.group_by_invite(token)
    if group is None:
        raise Http404
    membership = selectors.membership_of(request.user, group)
    place = Place(
        group=group,
        account=request.user,
        membership=membership,
        pending=selectors.pending_request_of(request.user, group),
    )
    return _join(request, place, via_invite=True)


def _join(request, place: Place, *, via_invite: bool):
    group = place.group
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if place.is_member or place.pending is not None:
        return redirect("groups:group", group.slug)
    if not policies.can_join(
        account=request.user, group=group, membership=place.membership, via_invite=via_invite
    ):
        raise Http404
    persona = selectors.persona_of(request.user, group)
    approval = not policies.joins_at_once(group=group)
    form_options = {
        "existing_name": persona.name if persona else "",
        "ask_question": approval and bool(group.join_question),
    }
    if request.method == "POST":
        form = JoinForm(request.POST, **form_options)
        if form.is_valid():
            result = submit(
                form,
                membership_services.join_group,
                account=request.user,
                group=group,
                name=form.cleaned_data.get("name", ""),
                accepted_guidelines=form.cleaned_data["accept_guidelines"],
                answer=form.cleaned_data.get("answer", ""),
                via_invite=via_invite,
            )
            if not form.errors:
                return _joined(request, result, group)
    else:
        form = JoinForm(initial={"name": suggest_name()}, **form_options)
    return render(
        request,
        "groups/join.html",
        {"group": group, "form": form, "persona": persona, "approval": approval},
    )


def _joined(request, result, group):
    if isinstance(result, JoinRequest):
        messages.success(request, "Thank you. Your request is waiting for one of the hosts.")
    else:
        messages.success(request, f"Welcome to {isolate(group.name)}.")
    return redirect("groups:group", group.slug)


@require_http_methods(["GET", "POST"])
def leave(request, slug):
    """GET asks first (what leaving means for this group); only the POST leaves."""
    place = place_for(request, slug)
    if not place.is_member:
        raise Http404  # nothing to leave
    group = place.group
    if request.method == "GET":
        return render(
            request,
            "groups/leave_confirm.html",
            {
                "group": group,
                "viewer": place.persona,
                "is_host": place.membership.role == place.membership.Role.HOST,
                "come_back": _how_to_come_back(group),
            },
        )
    try:
        membership_services.leave_group(membership=place.membership)
    except NotAllowed as error:
        messages.error(request, str(error))
        return redirect("groups:group", slug)
    messages.success(request, f"You left {isolate(group.name)}. {_how_to_come_back(group)}")
    if group.visibility == group.Visibility.UNLISTED:
        return redirect("groups:directory")
    return redirect("groups:group", slug)


def _how_to_come_back(group) -> str:
    # "Come back any time" would be untrue where a host or an invite link decides.
    if (
        group.join_policy == group.JoinPolicy.INVITE
        or group.visibility == group.Visibility.UNLISTED
    ):
        return "To come back, you will need an invite link again."
    if group.join_policy == group.JoinPolicy.APPROVAL:
        return "To come back, you can ask to join again and a host will decide."
    return "You can come back any time."


@require_POST
def withdraw(request, slug):
    """The applicant's own pending request, found through the session: no id to guess."""
    place = place_for(request, slug)
    if place.pending is None:
        raise Http404  # nothing waiting, or not yours
    try:
        membership_services.withdraw_request(account=request.user, request=place.pending)
    except NotAllowed as error:
        messages.error(request, str(error))
        return redirect("groups:group", slug)
    messages.success(request, "Your request was withdrawn. You can ask again whenever you like.")
    # Without the request, an unlisted group's page is no longer theirs to see.
    if place.group.visibility == place.group.Visibility.UNLISTED:
        return redirect("groups:directory")
    return redirect("groups:group", slug)


def request_queue(request, slug):
    """Hosts' queue: each request's persona and answer, never the account."""
    place = moderated_place_for(request, slug)
    return render(
        request,
        "groups/requests.html",
        {
            "group": place.group,
            "requests": selectors.pending_requests(place.group),
            "reapply_days": app_settings.REAPPLY_DAYS,
        },
    )


@require_POST
def decide(request, slug, request_public_id, decision):
    place = moderated_place_for(request, slug)
    if decision not in ("approve", "decline"):
        raise Http404
    join_request = selectors.join_request_in(place.group, request_public_id)
    if join_request is None:
        raise Http404
    try:
        membership_services.decide_request(
            account=request.user,
            membership=place.membership,
            request=join_request,
            approve=decision == "approve",
        )
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        verb = "approved" if decision == "approve" else "declined"
        messages.success(request, f"{isolate(join_request.persona.name)}'s request was {verb}.")
    return redirect("groups:requests", slug)
