"""Mentoring's name forms share groups' "Suggest another": one click, no JavaScript, and the
rest of what was typed stays (community.name_forms)."""

import html

import pytest
from django.urls import reverse

from mentoring.models import MentorProfile
from tests.mentoring.pages.test_pages_forms import profile_data
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_suggest_another_on_the_volunteer_form_keeps_the_rest(mworld, client_of):
    client = client_of(mworld.outsider)
    data = profile_data(mworld, suggest="")
    response = client.post(reverse("mentoring:volunteer"), data)
    page = html.unescape(page_text(response))
    form = response.context["form"]
    assert form["name"].value() not in ("", "Gentle Beacon")
    assert data["bio"] in page
    assert 'value="Saturday mornings"' in page
    assert form["languages"].value() == ["en", "pt-br"]
    assert 'class="errorlist' not in page
    assert not MentorProfile.objects.filter(account=mworld.outsider).exists()


def test_the_volunteer_form_has_the_button_after_its_own(mworld, client_of):
    page = page_text(client_of(mworld.outsider).get(reverse("mentoring:volunteer")))
    assert page.index(">Volunteer</button>") < page.index('name="suggest"')
