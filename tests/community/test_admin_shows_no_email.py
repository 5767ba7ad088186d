"""The web admin keeps curated content only and shows no email, even to a superuser.

Through allauth's email and authenticator admins and the account admin a superuser could
find, edit and take over accounts, and link an email to a persona (issue 8, section 2).
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from community.models import SupportResource
from mentoring.models import FocusArea
from tests.factories import AccountFactory, MembershipFactory

pytestmark = pytest.mark.django_db

REMOVED_ADMIN_PAGES = [
    "/staff/admin/account/emailaddress/?q=alice",
    "/staff/admin/account/emailaddress/",
    "/staff/admin/mfa/authenticator/",
    "/staff/admin/community/account/",
    "/staff/admin/community/persona/",
    "/staff/admin/auth/group/",
    "/staff/admin/sessions/session/",
]


@pytest.fixture
def superuser_client(client):
    superuser = AccountFactory(email="root.person@example.test", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    return client


@pytest.fixture
def people(db):
    alice = AccountFactory(email="alice.private@example.test")
    MembershipFactory(persona__account=alice, persona__name="Quiet Otter 7")
    FocusArea.objects.create(name="Reporting to HR")
    return [alice, AccountFactory(email="bob.private@example.test", is_staff=True)]


def admin_urls() -> list[str]:
    """The admin's index, each app's index and every page of every registered model."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse("admin:app_list", args=[meta.app_label]))
        urls += [
            reverse(f"admin:{meta.app_label}_{meta.model_name}_{page}")
            for page in ("changelist", "add")
        ]
        obj = model.objects.first()
        urls += [
            reverse(f"admin:{meta.app_label}_{meta.model_name}_{page}", args=[obj.pk])
            for page in ("change", "history", "delete")
        ]
    return urls


def test_the_admin_registers_only_curated_content():
    # Support resources, and mentoring's focus areas (a list of tags).
    assert set(admin.site._registry) == {SupportResource, FocusArea}


@pytest.mark.parametrize("url", REMOVED_ADMIN_PAGES)
def test_no_admin_page_lists_accounts_emails_or_authenticators(superuser_client, people, url):
    response = superuser_client.get(url)
    assert response.status_code == 404
    assert "alice.private" not in response.content.decode()


def test_no_admin_page_shows_an_email_to_a_superuser(superuser_client, people):
    # An edit puts the superuser's name in the history page and the recent actions.
    resource = SupportResource.objects.first()
    superuser_client.post(
        reverse("admin:community_supportresource_change", args=[resource.pk]),
        {
            "title": resource.title,
            "category": resource.category,
            "region": "Worldwide",
            "description": "",
            "phone": "",
            "url": "",
            "order": 1,
            "is_published": "on",
        },
    )
    urls = admin_urls()
    assert len(urls) >= 7
    for url in urls:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "@example.test" not in text, url
        for account in people:
            assert account.email.partition("@")[0] not in text, url
        assert "root.person" not in text, url


def test_the_admin_password_page_is_allauths(superuser_client):
    response = superuser_client.get(reverse("admin:password_change"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_change_password")
