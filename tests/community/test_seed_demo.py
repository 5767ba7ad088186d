import base64
import json
import time
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import CommandError, call_command
from django.urls import reverse

from community import demo
from community.models import Account, SupportResource

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("debug_on")]

ROLE_LOGINS = {
    "member@demo.lantern.test": "member",
    "advocate@demo.lantern.test": "advocate",
    "moderator@demo.lantern.test": "moderator",
}


def seed_demo(*args) -> str:
    stdout = StringIO()
    call_command("seed_demo", *args, stdout=stdout)
    return stdout.getvalue()


def counts() -> tuple[int, int, int]:
    return (
        Account.objects.count(),
        EmailAddress.objects.count(),
        SupportResource.objects.count(),
    )


def example_seeder(accounts):
    print("seeding the example space")  # must not end up in --json output
    return {"groups": [{"name": "Example circle", "host": accounts["advocate"].role}]}


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        seed_demo()
    assert not Account.objects.filter(email__endswith="@demo.lantern.test").exists()


def test_seed_demo_creates_member_advocate_and_moderator_and_prints_their_logins(settings):
    output = seed_demo()
    for email, role in ROLE_LOGINS.items():
        account = Account.objects.get(email=email)
        assert account.role == role
        assert account.check_password(settings.DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=account).verified
        assert email in output
    assert Account.objects.get(email="moderator@demo.lantern.test").is_staff
    assert not Account.objects.get(email="member@demo.lantern.test").is_staff
    assert settings.DEMO_PASSWORD in output


def test_seed_demo_is_idempotent():
    seed_demo()
    first = counts()
    seed_demo()
    assert counts() == first


def test_seed_demo_json_prints_the_accounts_and_nothing_else(settings):
    data = json.loads(seed_demo("--json"))
    # App seeders (groups, ...) add their own keys; the accounts are these three.
    secret = data["accounts"][2].pop("totp_secret")
    assert data["accounts"] == [
        {"email": email, "password": settings.DEMO_PASSWORD, "role": role}
        for email, role in ROLE_LOGINS.items()
    ]
    assert base64.b32decode(secret)  # the staff account's entry, and only that one, has it


def test_the_demo_moderator_signs_in_with_a_code_from_its_totp_secret(client, settings):
    secret = json.loads(seed_demo("--json"))["accounts"][2]["totp_secret"]
    assert json.loads(seed_demo("--json"))["accounts"][2]["totp_secret"] == secret  # rerun
    asked = client.post(
        reverse("account_login"),
        {"login": "moderator@demo.lantern.test", "password": settings.DEMO_PASSWORD},
    )
    assert asked["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("groups:manage")).status_code == 404  # not signed in yet
    code = format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))
    signed_in = client.post(reverse("mfa_authenticate"), {"code": code})
    assert signed_in.status_code == 302
    assert client.get(reverse("groups:manage")).status_code == 200


def test_seed_demo_members_adds_that_many_members_who_can_log_in(client, settings):
    seed_demo()
    before = Account.objects.count()
    data = json.loads(seed_demo("--json", "--members", "3"))
    assert Account.objects.count() == before + 3
    extra = [account["email"] for account in data["accounts"][3:]]
    assert extra == [f"member{number}@demo.lantern.test" for number in (1, 2, 3)]
    seed_demo("--members", "3")
    assert Account.objects.count() == before + 3
    response = client.post(
        reverse("account_login"),
        {"login": "member2@demo.lantern.test", "password": settings.DEMO_PASSWORD},
    )
    assert response.status_code == 302


def test_seed_demo_rejects_a_negative_member_count():
    with pytest.raises(CommandError, match="--members"):
        seed_demo("--members", "-1")


def test_demo_login_works_through_the_login_page(client, settings):
    seed_demo()
    response = client.post(
        reverse("account_login"),
        {"login": "advocate@demo.lantern.test", "password": settings.DEMO_PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert response.context["user"].email == "advocate@demo.lantern.test"
    assert "Log out" in response.content.decode()


def test_seed_demo_adds_support_resources_when_there_are_none():
    SupportResource.objects.all().delete()
    seed_demo()
    assert SupportResource.objects.filter(title="Samaritans", phone="116 123").exists()


def test_seed_demo_leaves_edited_support_resources_alone():
    SupportResource.objects.all().delete()
    SupportResource.objects.create(category="crisis", title="Our own line")
    seed_demo()
    assert list(SupportResource.objects.values_list("title", flat=True)) == ["Our own line"]


def test_seed_demo_merges_what_each_app_seeder_returns_into_the_json(monkeypatch):
    monkeypatch.setattr(demo, "_seeders", {})
    demo.register(example_seeder)
    data = json.loads(seed_demo("--json"))
    assert data["groups"] == [{"name": "Example circle", "host": "advocate"}]
    assert len(data["accounts"]) == 3


def test_each_app_registers_its_own_seeder_and_the_json_keeps_its_shape():
    assert [seeder.__module__ for seeder in demo.registered_seeders()] == [
        "groups.demo",
        "chat.demo",
        "mentoring.demo",
        "moderation.demo",
    ]
    data = json.loads(seed_demo("--json"))
    # The accounts first, then what the seeders made, in INSTALLED_APPS order; a seeder's
    # new keys come after its earlier ones.
    assert list(data) == [
        "accounts",
        "groups",
        "rooms",
        "mentors",
        "requests",
        "flags",
        "appeals",
        "held",
        "word_lists",
    ]
    assert data["groups"][0]["url"] == "/groups/women-in-engineering/"


def test_the_demo_moderator_can_edit_support_resources_in_the_admin(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    client.force_login(Account.objects.get(email="moderator@demo.lantern.test"))
    assert client.get("/staff/admin/community/supportresource/").status_code == 200
    assert client.get("/staff/admin/community/account/").status_code == 404
