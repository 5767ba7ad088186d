"""Following and muting a thread: which of its replies and mentions reach a member."""

from django.db import transaction

from community.errors import NotAllowed
from groups import policies
from groups.models import Membership, Thread, ThreadSubscription

LEVELS = {level.value for level in ThreadSubscription.Level}


@transaction.atomic
def set_thread_notifications(*, membership: Membership | None, thread: Thread, level: str) -> str:
    """Set the member's persona to follow (every reply), mute (nothing, mentions included) or
    neither ("": replies to threads they posted in) `thread`; returns the level now.

    Only an active member of the thread's group may; the choice is the persona's, in this
    group only.
    """
    if level not in LEVELS | {""}:
        raise NotAllowed("Choose to follow or mute this thread.")
    if not policies.is_active_member(membership) or membership.group_id != thread.group_id:
        raise NotAllowed("Only members can follow or mute threads here.")
    persona = membership.persona
    if not level:
        ThreadSubscription.objects.filter(persona=persona, thread=thread).delete()
        return ""
    ThreadSubscription.objects.update_or_create(
        persona=persona, thread=thread, defaults={"level": level}
    )
    return level
