import pytest
from django.urls import reverse

from community.models import SupportResource
from tests.factories import AccountFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_home_explains_how_anonymity_works(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "How anonymity works here" in text
    assert "A different name in every space" in text
    assert "Nobody sees your email" in text
    assert "Reporters are never named" in text
    assert "Blocks are silent" in text


def test_home_invites_visitors_to_join_but_not_members(client, account):
    assert "Join Lantern" in page_text(client.get(reverse("home")))
    client.force_login(account)
    assert "Join Lantern" not in page_text(client.get(reverse("home")))


def test_guidelines_forbid_harassment_and_retaliation_against_reporters(client):
    response = client.get(reverse("guidelines"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Zero tolerance of harassment" in text
    assert "Zero tolerance of retaliation against anyone who reports" in text


def test_privacy_page_says_what_is_stored_and_for_how_long(client):
    text = client.get(reverse("privacy")).content.decode()
    assert "What we store" in text
    assert "What we don't store or do" in text
    assert "chat history is deleted after a retention period set by the operators" in text.lower()


def test_support_page_lists_the_starter_crisis_lines(client):
    text = client.get(reverse("support")).content.decode()
    assert "Samaritans" in text
    assert "116 123" in text
    assert "988 Suicide &amp; Crisis Lifeline" in text
    assert 'href="https://findahelpline.com"' in text


def test_support_page_groups_published_resources_under_their_category(client):
    SupportResource.objects.all().delete()
    SupportResource.objects.create(
        category=SupportResource.Category.LEGAL, title="Tenant Law Clinic", region="Narnia"
    )
    SupportResource.objects.create(
        category=SupportResource.Category.CRISIS, title="Night Line", phone="0800 000"
    )
    SupportResource.objects.create(
        category=SupportResource.Category.CRISIS, title="Withdrawn Line", is_published=False
    )
    text = page_text(client.get(reverse("support")))
    assert "Withdrawn Line" not in text
    assert "Counselling" not in text  # no empty headings
    # Crisis lines come first, each resource under its own heading.
    assert text.index("Crisis lines") < text.index("Night Line") < text.index("Legal help")
    assert text.index("Legal help") < text.index("Tenant Law Clinic")
    assert "(<bdi>Narnia</bdi>)" in text


def test_support_page_without_resources_still_points_somewhere(client):
    SupportResource.objects.all().delete()
    response = client.get(reverse("support"))
    assert response.status_code == 200
    assert "Find A Helpline" in response.content.decode()


@pytest.mark.parametrize("name", ["home", "guidelines", "support", "privacy"])
def test_every_public_page_links_to_guidelines_support_and_privacy(client, name):
    text = client.get(reverse(name)).content.decode()
    for target in ["guidelines", "support", "privacy"]:
        assert f'href="{reverse(target)}"' in text


def test_staff_edit_support_resources_in_the_admin(client):
    superuser = AccountFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:community_supportresource_add"),
        {
            "title": "Quiet Harbour Line",
            "category": "counselling",
            "region": "Worldwide",
            "description": "",
            "phone": "",
            "url": "",
            "order": 0,
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    assert "Quiet Harbour Line" in client.get(reverse("support")).content.decode()


def test_support_phone_numbers_can_be_tapped_to_call(client):
    text = client.get(reverse("support")).content.decode()
    assert 'href="tel:116123"' in text
