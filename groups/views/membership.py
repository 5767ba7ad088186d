from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from community.errors import NotAllowed
from community.forms import submit
from community.name_forms import name_form
from community.services.personas import is_name_reserved
from community.text import isolate
from groups import policies, selectors
from groups.app_settings import app_settings
from groups.forms import ChooseNameForm, JoinForm
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
    asks_again_from = selectors.asks_again_from(request.user, group)
    if asks_again_from is not None:
        # No form: it would refuse them only after they wrote their answer.
        return render(
            request,
            "groups/join.html",
            {"group": group, "asks_again": membership_services.reapply_message(asks_again_from)},
        )
    persona = _kept_persona(request.user, group)
    approval = not policies.joins_at_once(group=group)
    form_options = {
        "existing_name": persona.name if persona else "",
        "ask_question": approval and bool(group.join_question),
    }
    form = name_form(
        JoinForm,
        request,
        account=request.user,
        space_id=group.space_id,
        initial={"name": _name_to_offer(request.user, group)},
        **form_options,
    )
    if form.is_bound and form.is_valid():
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
    return render(
        request,
        "groups/join.html",
        {"group": group, "form": form, "persona": persona, "approval": approval},
    )


def _kept_persona(account, group):
    """The persona a joiner comes back as: only one whose name is already theirs here."""
    persona = selectors.persona_of(account, group)
    return persona if persona is not None and is_name_reserved(persona) else None


def _name_to_offer(account, group) -> str:
    # An earlier request's name (never reserved) is offered again, else (empty) a fresh one.
    persona = selectors.persona_of(account, group)
    return persona.name if persona is not None else ""


def _joined(request, result, group):
    if isinstance(result, JoinRequest):
        # Only thanks: the group page says what happens next, once.
        messages.success(request, "Thank you. Your request was sent.")
    else:
        messages.success(request, f"Welcome to {isolate(group.name)}.")
    return redirect("groups:group", group.slug)


@require_http_methods(["GET", "POST"])
def choose_name(request, slug):
    """A host approved the viewer's request, but the name they gave is taken: pick another."""
    place = place_for(request, slug)
    pending = place.pending
    if pending is None or not policies.can_choose_name(account=request.user, request=pending):
        raise Http404  # nothing waiting for a name, or not yours
    form = name_form(ChooseNameForm, request, account=request.user, space_id=place.group.space_id)
    if form.is_bound and form.is_valid():
        submit(
            form,
            membership_services.choose_name,
            account=request.user,
            request=pending,
            name=form.cleaned_data["name"],
        )
        if not form.errors:
            messages.success(request, f"Welcome to {isolate(place.group.name)}.")
            return redirect("groups:group", slug)
    return render(request, "groups/choose_name.html", {"group": place.group, "form": form})


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
        decided = membership_services.decide_request(
            account=request.user,
            membership=place.membership,
            request=join_request,
            approve=decision == "approve",
        )
    except NotAllowed as error:
        messages.error(request, str(error))
        return redirect("groups:requests", slug)
    name = isolate(join_request.persona.name)
    if decision == "decline":
        messages.success(request, f"{name}'s request was declined.")
    elif decided.waiting_for_name:
        messages.success(
            request,
            f"Approved. The name {name} is taken here by now, so they are asked to choose "
            "another; they join as soon as they do.",
        )
    else:
        messages.success(request, f"{name}'s request was approved.")
    return redirect("groups:requests", slug)
