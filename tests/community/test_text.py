"""The cleaning rules of community.text and the `member_text` filter (issue #8 §8)."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from community.rendering import render_markdown
from community.text import clean_line, clean_multiline, isolate
from groups.services import posts as post_services
from tests.factories import MembershipFactory


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("\u202egnorw\u202c", "gnorw"),  # an override cannot reverse the title
        ("a\u2066b\u2069c\u200ed\u200ff\u061cg", "abcdfg"),  # isolates and marks
        ("\u200bhidden\u2060\ufeff", "hidden"),  # zero width space, word joiner, BOM
        ("two\nlines\tand tab", "two lines and tab"),
        ("  طلب مساعدة  ", "طلب مساعدة"),  # right-to-left writing is untouched
        ("שלום world", "שלום world"),
        ("\U0001f469\u200d\U0001f4bb coder", "\U0001f469\u200d\U0001f4bb coder"),  # emoji ZWJ
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian non-joiner between letters
        ("\u200dedge\u200c", "edge"),  # a joiner beside nothing is dropped
        ("word \u200d next", "word  next"),  # beside a space too
    ],
)
def test_clean_line(typed, stored):
    assert clean_line(typed) == stored


def test_clean_multiline_drops_only_the_controls_that_reorder_letters():
    typed = "\u202eline one\u202c\nالسلام\u200f عليكم \u2067x\u2069 \U0001f469\u200d\U0001f4bb"
    assert clean_multiline(typed) == "line one\nالسلام\u200f عليكم x \U0001f469\u200d\U0001f4bb"


def test_a_rendered_body_keeps_rtl_text_and_loses_the_override():
    html = render_markdown("\u202e**مرحبا** שלום")
    assert html == "<p><strong>مرحبا</strong> שלום</p>\n"


def render_member_text(value) -> str:
    return Template("{% load bidi %}{{ value|member_text }}").render(Context({"value": value}))


def test_member_text_puts_isolated_pieces_in_bdi_and_escapes_everything():
    reversed_title = "\u202eTitle"
    value = f"{isolate('<b>Owl</b>')} replied in {isolate(reversed_title)}."
    assert render_member_text(value) == (
        "<bdi>&lt;b&gt;Owl&lt;/b&gt;</bdi> replied in <bdi>Title</bdi>."
    )


def test_member_text_drops_stray_controls_from_text_stored_before_the_cleaning():
    assert render_member_text("Owl replied in \u202eeltit\u2069 \u2068x") == (
        "Owl replied in eltit x"
    )


@pytest.mark.django_db
def test_a_title_of_only_invisible_characters_is_refused():
    member = MembershipFactory()
    with pytest.raises(ValidationError) as error:
        post_services.create_thread(
            account=member.persona.account,
            membership=member,
            group=member.group,
            title="\u200b\u202e\u2060",
            body="Hello",
        )
    assert error.value.message_dict == {"title": ["Please write a title."]}


@pytest.mark.django_db
def test_an_edit_cleans_the_content_warning_and_the_body():
    member = MembershipFactory()
    thread = post_services.create_thread(
        account=member.persona.account,
        membership=member,
        group=member.group,
        title="Hello",
        body="first",
    )
    post = thread.posts.get()
    post_services.edit_post(
        membership=member, post=post, body="\u202eedited", content_warning="\u202ewarning\u200b"
    )
    post.refresh_from_db()
    assert (post.body, post.content_warning) == ("edited", "warning")
