"""Chat pages: scheduling, the session page with its read-only transcript and the hosts'
controls, the calendar file, quiet-room requests. The live room (WebSocket) comes next.

Everything inside a room goes through `chat.access` (404 for whoever may not read it); hosts'
controls answer 404 to anyone else, so a member learns nothing from trying them.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from chat import calendar, policies, selectors, services
from chat.access import access_message, access_room
from chat.forms import MuteForm, SessionForm
from chat.models import QuietRoomRequest, Room
from community.errors import NotAllowed
from community.forms import submit
from groups.access import access_group


def _session_fields(form: SessionForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "content_warning": data["content_warning"],
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "capacity": data["capacity"],
    }


def schedule(request, slug):
    group, membership = access_group(request.user, slug)
    if not policies.can_schedule(membership, group):
        raise Http404
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = submit(
            form,
            services.schedule_session,
            membership=membership,
            group=group,
            client_id=form.cleaned_data["client_id"],
            **_session_fields(form),
        )
        if not form.errors:
            messages.success(request, "Session scheduled.")
            return redirect(session)
    status = 400 if form.errors else 200
    return render(
        request,
        "chat/schedule.html",
        {"group": group, "form": form, "session": None},
        status=status,
    )


def _hosted_session(request, slug, room_public_id):
    room, membership = access_room(request.user, room_public_id, group=slug)
    if room.kind != Room.Kind.SESSION or not policies.can_host(membership, room.chat_session):
        raise Http404
    return room.chat_session, membership


def edit(request, slug, room_public_id):
    session, membership = _hosted_session(request, slug, room_public_id)
    initial = {
        "title": session.title,
        "description": session.description,
        "content_warning": session.content_warning,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "capacity": session.capacity,
    }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        submit(
            form,
            services.edit_session,
            membership=membership,
            session=session,
            **_session_fields(form),
        )
        if not form.errors:
            messages.success(request, "Session updated.")
            return redirect(session)
    status = 400 if form.errors else 200
    context = {"group": session.room.group, "form": form, "session": session}
    return render(request, "chat/schedule.html", context, status=status)


def room_page(request, slug, room_public_id):
    """The session (or quiet room): details, live or read-only, the transcript read-only, and
    the hosts' controls. Messages by a persona the viewer blocked in this group are folded.
    The query count does not grow with the number of messages."""
    room, membership = access_room(request.user, room_public_id, group=slug)
    now = timezone.now()
    session = room.live_session
    can_host = policies.can_host(membership, session)
    is_quiet = room.kind == Room.Kind.QUIET
    context = {
        **selectors.room_on_page(request.user, room, membership, now),
        "group": room.group,
        "session": session,
        "is_quiet": is_quiet,
        "has_finished": policies.has_finished(session, now),
        "can_host": can_host and not is_quiet,
        "can_open": not is_quiet and policies.can_open(membership, session, now),
        "can_end": not is_quiet and policies.can_end(membership, session, now),
        "can_edit": not is_quiet and policies.can_edit_session(membership, session, now),
        "can_request_quiet_room": not is_quiet
        and policies.can_request_quiet_room(membership, session, now),
        "quiet_requests": [],
        "own_quiet_request": None,
        "mute_form": MuteForm(),
    }
    if context["can_host"]:
        context["quiet_requests"] = selectors.pending_quiet_room_requests(session)
    elif not is_quiet:
        context["own_quiet_request"] = selectors.quiet_room_request_of(membership.persona, session)
    return render(request, "chat/room.html", context)


def calendar_file(request, slug, room_public_id):
    """The session as an .ics event: its title, times and a link; no persona of anyone."""
    room, _membership = access_room(request.user, room_public_id, group=slug)
    if room.kind != Room.Kind.SESSION:
        raise Http404
    link = request.build_absolute_uri(room.get_absolute_url())
    response = HttpResponse(
        calendar.ics_for(room.chat_session, link=link), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="lantern-session.ics"'
    return response


SESSION_ACTIONS = {
    "open": (services.open_session, "The room is open."),
    "end": (services.end_session, "The session has ended. Its transcript stays read-only."),
    "cancel": (services.cancel_session, "The session is cancelled."),
}


@require_POST
def control(request, slug, room_public_id, action):
    if action not in SESSION_ACTIONS:
        raise Http404
    session, membership = _hosted_session(request, slug, room_public_id)
    change, done = SESSION_ACTIONS[action]
    try:
        change(membership=membership, session=session)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(session)


@require_POST
def remove_message(request, slug, room_public_id, message_id):
    room, _membership = access_room(request.user, room_public_id, group=slug)
    message, membership = access_message(request.user, message_id, room=room)
    if not policies.can_remove_message(membership, message):
        raise Http404
    services.remove_message(membership=membership, message=message)
    messages.success(request, "Message removed.")
    return redirect(room)


@require_POST
def mute(request, slug, room_public_id):
    room, membership = access_room(request.user, room_public_id, group=slug)
    if not policies.can_host(membership, room.live_session):
        raise Http404
    form = MuteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose for how many minutes, from 1.")
        return redirect(room)
    try:
        services.mute_participant(
            membership=membership,
            room=room,
            persona_public_id=form.cleaned_data["persona"],
            minutes=form.cleaned_data["minutes"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Muted for {form.cleaned_data['minutes']} minutes.")
    return redirect(room)


@require_POST
def request_quiet_room(request, slug, room_public_id):
    room, membership = access_room(request.user, room_public_id, group=slug)
    if room.kind != Room.Kind.SESSION:
        raise Http404
    try:
        services.request_quiet_room(
            account=request.user, membership=membership, session=room.chat_session
        )
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The host has been asked. Only they see your request.")
    return redirect(room)


QUIET_DECISIONS = {"accept": services.accept_quiet_room, "decline": services.decline_quiet_room}


@require_POST
def decide_quiet_room(request, slug, room_public_id, request_public_id, decision):
    session, membership = _hosted_session(request, slug, room_public_id)
    if decision not in QUIET_DECISIONS:
        raise Http404
    quiet_request = get_object_or_404(
        QuietRoomRequest.objects.select_related("requester"),
        public_id=request_public_id,
        session=session,
    )
    quiet_request.session = session  # already loaded, with its room and group
    try:
        outcome = QUIET_DECISIONS[decision](membership=membership, request=quiet_request)
    except NotAllowed as error:
        messages.error(request, str(error))
        return redirect(session)
    if decision == "accept":
        messages.success(request, "Quiet room opened.")
        return redirect(outcome)
    messages.success(request, "Request declined. The member was told kindly.")
    return redirect(session)
