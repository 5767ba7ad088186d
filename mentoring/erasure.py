"""The mentoring part of deleting an account, registered with community.erasure.

Always: the account's open request is withdrawn, its mentorships end (the other side sees
them ended, as by a click), and as a mentor it retires, its mentees moving on. With
keep_content=False its feedback goes too. Its profile, requests and employer entries go with
the account itself (their rows cascade).
"""

from django.db.models import QuerySet

from community import erasure
from community.models import Account, Persona
from mentoring import flows, services
from mentoring.models import Feedback


@erasure.register
def erase_for(personas: QuerySet[Persona], *, keep_content: bool) -> None:
    account_ids = set(personas.exclude(account=None).values_list("account", flat=True))
    for account in Account.objects.filter(pk__in=account_ids):
        flows.tell_the_other_side(services.end_everything_of(account), leaving=account)
    if not keep_content:
        Feedback.objects.filter(author__in=personas).delete()
