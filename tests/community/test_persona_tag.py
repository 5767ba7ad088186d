"""The one tag that renders a person shows the persona and nothing derived from the account."""

import re

import pytest
from django.template import Context, Template

from community.models import FORMER_MEMBER_NAME, Persona
from tests.factories import AccountFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def render(persona) -> str:
    return Template("{% load people %}{% persona p %}").render(Context({"p": persona}))


def colour_of(html: str) -> str:
    return re.search(r"avatar-(\w+)", html).group(1)


def test_the_tag_shows_the_name_and_its_initial():
    html = render(PersonaFactory(name="quiet Heron 4"))
    assert '<bdi class="persona-name">quiet Heron 4</bdi>' in html
    assert 'aria-hidden="true">Q</span>' in html


def test_a_detached_persona_shows_as_former_member_in_grey():
    html = render(PersonaFactory(name="Quiet Heron", account=None))
    assert FORMER_MEMBER_NAME in html
    assert "Quiet Heron" not in html
    assert colour_of(html) == "former"


def test_a_missing_author_shows_as_former_member():
    assert FORMER_MEMBER_NAME in render(None)


def test_the_name_is_escaped():
    html = render(PersonaFactory(name="<b>Bold</b> Owl"))
    assert "<b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; Owl" in html


def test_two_personas_of_one_account_share_nothing_derived_from_the_account():
    account = AccountFactory(email="river.song@example.test")
    first = PersonaFactory(account=account, name="Calm Heron", public_id="aaaaaaaaaaaaaaaa")
    second = PersonaFactory(account=account, name="Brave Otter", public_id="bbbbbbbbbbbbbbbb")
    first_html, second_html = render(first), render(second)

    assert colour_of(first_html) != colour_of(second_html)
    assert "Brave Otter" not in first_html and "Calm Heron" not in second_html
    for html in (first_html, second_html):
        assert "river" not in html.lower()
        assert "example.test" not in html
        assert f'"{account.pk}"' not in html
        assert first.public_id not in html and second.public_id not in html


def test_the_output_does_not_change_when_the_account_behind_it_does():
    persona = PersonaFactory(name="Calm Heron")
    before = render(persona)
    Persona.objects.filter(pk=persona.pk).update(account=AccountFactory())
    persona.refresh_from_db()
    assert render(persona) == before


def test_the_colour_follows_the_public_id():
    colours = {
        colour_of(render(PersonaFactory(name="Calm Heron", public_id=f"id{number:014d}")))
        for number in range(40)
    }
    assert len(colours) > 5
