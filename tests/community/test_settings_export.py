import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from community import exports
from community.models import Block
from community.services.notifications import notify
from groups.spaces import SPACE_KIND
from tests.factories import BlockFactory, PersonaFactory, SpaceFactory


def walk(value, key=None):
    """Every (key, value) pair of a JSON document, nested ones included."""
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from walk(inner, inner_key)
    elif isinstance(value, list):
        for inner in value:
            yield from walk(inner, key)
    else:
        yield key, value


def export(client):
    response = client.post(reverse("settings_export"))
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_export_is_a_json_attachment(member_client):
    response, _data = export(member_client)
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")


def test_export_needs_a_post_and_a_login(client, account):
    assert client.post(reverse("settings_export")).status_code == 302
    client.force_login(account)
    assert client.get(reverse("settings_export")).status_code == 405


def test_export_holds_own_email_personas_blocks_and_notifications(client, account, other_account):
    space = SpaceFactory(kind=SPACE_KIND)
    mine = PersonaFactory(account=account, space=space, name="Silver Owl")
    theirs = PersonaFactory(account=other_account, space=space, name="Amber Fox")
    BlockFactory(blocker=account, persona=theirs)
    notify(account=account, kind="reply", text="You have a new reply", url="/somewhere/")
    notify(account=other_account, kind="reply", text="Not yours")

    client.force_login(account)
    _response, data = export(client)

    assert data["account"]["email"] == account.email
    assert data["account"]["joined"] == account.date_joined.strftime("%Y-%m")
    assert data["email_addresses"] == [{"email": account.email, "verified": True, "primary": True}]
    assert data["personas"] == [
        {
            "space_kind": "group",
            "space": space.public_id,
            "name": mine.name,
            "created": mine.created.strftime("%Y-%m"),
        }
    ]
    assert data["blocks"][0]["blocked_persona"] == "Amber Fox"
    assert [n["text"] for n in data["notifications"]] == ["You have a new reply"]


def test_export_holds_no_other_accounts_email_or_pk(client, account, other_account):
    space = SpaceFactory()
    PersonaFactory(account=account, space=space)
    theirs = PersonaFactory(account=other_account, space=space)
    Block.objects.create(blocker=account, blocked_account=other_account, persona=theirs)
    Block.objects.create(blocker=other_account, blocked_account=account, persona=theirs)
    client.force_login(account)

    response, data = export(client)

    assert other_account.email.encode() not in response.content
    assert theirs.public_id.encode() not in response.content
    for key, _value in walk(data):
        assert key not in {"pk", "id", "account", "account_id", "user", "user_id", "blocked"}, key


def test_export_lists_mfa_kinds_without_secrets(member_client, account):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=account, type=Authenticator.Type.TOTP, data={"secret": "SECRETSECRETSECRET"}
    )
    response, data = export(member_client)
    assert data["mfa"] == ["totp"]
    assert b"SECRETSECRETSECRET" not in response.content


def test_each_app_registers_its_own_part_in_installed_apps_order():
    assert [part.__module__ for part in exports.registered_parts()] == [
        "groups.exports",
        "chat.exports",
        "mentoring.exports",
        "moderation.exports",
    ]


def test_a_registered_part_is_merged_after_the_accounts_own_data(
    member_client, account, monkeypatch
):
    monkeypatch.setattr(exports, "_parts", {})

    @exports.register
    def export_for(exported):
        return {"things_made": [{"by": exported.email}]}

    _response, data = export(member_client)

    assert data["things_made"] == [{"by": account.email}]
    assert list(data)[-1] == "things_made"
    assert data["account"]["email"] == account.email


def test_an_export_part_may_not_overwrite_another_part(member_client, monkeypatch):
    monkeypatch.setattr(exports, "_parts", {})
    exports.register(lambda exported: {"account": "not the account"})

    with pytest.raises(ImproperlyConfigured, match="account"):
        export(member_client)
