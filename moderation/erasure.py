"""The moderation part of deleting an account, registered with community.erasure: what the
filters hold for review (moderation.filters.account_data). Flags keep their snapshots."""

from django.db.models import QuerySet

from community import erasure
from community.models import Persona
from moderation.filters.account_data import erase_held


@erasure.register
def erase_for(personas: QuerySet[Persona], *, keep_content: bool) -> None:
    erase_held(personas, keep_content=keep_content)
