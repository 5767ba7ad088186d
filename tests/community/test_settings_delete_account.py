import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from community.models import FORMER_MEMBER_NAME, Account, Block, Notification, Persona
from community.services.accounts import delete_account
from community.services.notifications import notify
from community.services.personas import create_persona
from tests.factories import (
    DEMO_PASSWORD,
    AccountFactory,
    BlockFactory,
    PersonaFactory,
    SpaceFactory,
)


@pytest.fixture
def member_with_data(account, other_account):
    """`account` with a persona, a block each way, a notification and an authenticator."""
    space = SpaceFactory()
    persona = PersonaFactory(account=account, space=space, name="Silver Owl")
    theirs = PersonaFactory(account=other_account, space=space, name="Amber Fox")
    BlockFactory(blocker=account, persona=theirs)
    BlockFactory(blocker=other_account, persona=persona)
    notify(account=account, kind="reply", text="You have a new reply")
    Authenticator.objects.create(user=account, type=Authenticator.Type.TOTP, data={})
    return persona


def reauthenticate(client):
    response = client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    assert response.status_code == 302


def delete_form(content="keep", confirmation=None):
    return {
        "content": content,
        "confirmation": confirmation or settings.ACCOUNT_DELETE_CONFIRMATION,
    }


def assert_personal_data_gone(account):
    assert not Account.objects.filter(pk=account.pk).exists()
    assert not EmailAddress.objects.filter(email=account.email).exists()
    assert not Authenticator.objects.filter(user_id=account.pk).exists()
    assert not Notification.objects.filter(account_id=account.pk).exists()
    assert not Block.objects.filter(blocker_id=account.pk).exists()
    assert not Block.objects.filter(blocked_account_id=account.pk).exists()


def test_keeping_content_leaves_personas_as_former_member(account, member_with_data):
    delete_account(account=account, keep_content=True)

    persona = Persona.objects.get(pk=member_with_data.pk)
    assert persona.account is None
    assert persona.name == FORMER_MEMBER_NAME
    assert persona.display_name == FORMER_MEMBER_NAME
    rendered = Template("{% load people %}{% persona p %}").render(Context({"p": persona}))
    assert FORMER_MEMBER_NAME in rendered
    assert "Silver Owl" not in rendered
    assert_personal_data_gone(account)


def test_keeping_content_frees_the_name_in_its_space(account, other_account, member_with_data):
    delete_account(account=account, keep_content=True)
    newcomer = AccountFactory()
    persona = create_persona(account=newcomer, space=member_with_data.space, name="Silver Owl")
    assert persona.name == "Silver Owl"


def test_deleting_content_leaves_no_name_on_the_personas(account, member_with_data):
    # The persona row stays only as the author of blanked posts (groups.erasure).
    delete_account(account=account, keep_content=False)
    persona = Persona.objects.get(pk=member_with_data.pk)
    assert persona.account is None
    assert persona.name == FORMER_MEMBER_NAME
    assert not Persona.objects.filter(name="Silver Owl").exists()
    assert_personal_data_gone(account)


def test_deleting_leaves_other_members_alone(account, other_account, member_with_data):
    delete_account(account=account, keep_content=False)
    assert Account.objects.filter(pk=other_account.pk).exists()
    assert Persona.objects.filter(account=other_account, name="Amber Fox").exists()


def test_delete_page_needs_reauthentication(client, account, password):
    client.post(reverse("account_login"), {"login": account.email, "password": password})
    response = client.get(reverse("settings_delete"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))

    response = client.post(reverse("settings_delete"), delete_form())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert Account.objects.filter(pk=account.pk).exists()


def test_delete_page_explains_both_choices(member_client):
    reauthenticate(member_client)
    html = member_client.get(reverse("settings_delete")).content.decode()
    assert FORMER_MEMBER_NAME in html
    assert "cannot be undone" in html
    assert 'value="keep"' in html and 'value="delete"' in html
    assert settings.ACCOUNT_DELETE_CONFIRMATION in html


def test_wrong_confirmation_keeps_the_account_and_the_typed_text(member_client, account):
    reauthenticate(member_client)
    response = member_client.post(
        reverse("settings_delete"), delete_form(confirmation="delete it please")
    )
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert b'value="delete it please"' in response.content
    assert Account.objects.filter(pk=account.pk).exists()


def test_missing_choice_is_asked_for(member_client, account):
    reauthenticate(member_client)
    form = delete_form()
    del form["content"]
    response = member_client.post(reverse("settings_delete"), form)
    assert b"Choose what happens to what you wrote." in response.content
    assert Account.objects.filter(pk=account.pk).exists()


def test_deleting_logs_out_and_confirms(member_client, account, member_with_data):
    reauthenticate(member_client)
    response = member_client.post(reverse("settings_delete"), delete_form("keep"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("settings_deleted")
    assert b"Your account is deleted" in response.content
    assert Persona.objects.get(pk=member_with_data.pk).display_name == FORMER_MEMBER_NAME
    assert_personal_data_gone(account)
    assert member_client.get(reverse("settings")).status_code == 302
    # The confirmation is shown once, to the person who deleted.
    assert member_client.get(reverse("settings_deleted")).status_code == 302


def test_deleting_with_content_scrubs_personas_through_the_page(member_client, member_with_data):
    reauthenticate(member_client)
    member_client.post(reverse("settings_delete"), delete_form("delete"))
    assert Persona.objects.get(pk=member_with_data.pk).name == FORMER_MEMBER_NAME
    assert not Persona.objects.filter(name="Silver Owl").exists()


def test_deleting_ends_the_accounts_other_sessions(member_client, account):
    other_device = Client()
    other_device.force_login(account)
    assert other_device.get(reverse("settings")).status_code == 200

    reauthenticate(member_client)
    member_client.post(reverse("settings_delete"), delete_form())

    assert other_device.get(reverse("settings")).status_code == 302


def test_delete_post_without_csrf_token_is_refused(account):
    client = Client(enforce_csrf_checks=True)
    client.force_login(account)
    page = client.get(reverse("account_reauthenticate")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    client.post(
        reverse("account_reauthenticate"),
        {"password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
    )

    refused = client.post(reverse("settings_delete"), delete_form())
    assert refused.status_code == 403
    assert Account.objects.filter(pk=account.pk).exists()

    accepted = client.post(
        reverse("settings_delete"), {**delete_form(), "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 302
    assert not Account.objects.filter(pk=account.pk).exists()
