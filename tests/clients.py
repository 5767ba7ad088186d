"""Test clients logged in as someone, for tests that act as several people at once."""

from django.test import Client

from community.models import Account
from groups.models import Membership


def client_for(person: Account | Membership) -> Client:
    """A new client logged in as `person`: an account, or the account behind a membership."""
    account = person.persona.account if isinstance(person, Membership) else person
    client = Client()
    client.force_login(account)
    return client
