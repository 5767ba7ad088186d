"""The chat part of deleting an account, registered with community.erasure.

Always: the account's waiting quiet-room requests go. With keep_content=False, its messages
are blanked in place (as a host's removal does), so ids and the order of others' messages stay
whole; mutes of its personas go with it.
"""

from django.db.models import QuerySet
from django.utils import timezone

from chat.models import Message, Mute, QuietRoomRequest
from community import erasure
from community.models import Persona


@erasure.register
def erase_for(personas: QuerySet[Persona], *, keep_content: bool) -> None:
    QuietRoomRequest.objects.filter(
        requester__in=personas, status=QuietRoomRequest.Status.PENDING
    ).delete()
    if keep_content:
        return
    Message.objects.filter(author__in=personas, removed_at__isnull=True).update(
        body="", body_html="", content_warning="", removed_at=timezone.now()
    )
    Mute.objects.filter(persona__in=personas).delete()
