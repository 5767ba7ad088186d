"""Follow or mute a thread: one POST button each in the thread's header."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from community.errors import NotAllowed
from groups.access import access_thread
from groups.services.subscriptions import set_thread_notifications

SAID = {
    "follow": "You follow this thread: every reply will notify you.",
    "mute": "You muted this thread: nothing in it will notify you, mentions included.",
    "": "Back to the usual: replies notify you if you have posted in this thread.",
}


@require_POST
def thread_notifications(request, slug, thread_public_id):
    thread, membership = access_thread(request.user, thread_public_id, group=slug)
    level = request.POST.get("level", "")
    try:
        now = set_thread_notifications(membership=membership, thread=thread, level=level)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, SAID[now])
    return redirect(thread)
