"""The one-button form partial: a CSRF-protected POST with exactly what it was given."""

from django.template.loader import render_to_string
from django.test import RequestFactory


def render_button(**context) -> str:
    request = RequestFactory().get("/")
    return render_to_string("_post_button.html", context, request=request)


def test_it_posts_to_the_action_with_a_csrf_token_and_one_button():
    html = render_button(action="/notifications/read/", label="Mark all as read")
    assert '<form method="post" action="/notifications/read/">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert html.count("<button") == 1
    assert '<button type="submit">Mark all as read</button>' in html


def test_classes_a_hidden_field_and_words_for_screen_readers_are_passed_through():
    html = render_button(
        action="/x/",
        label="Unblock",
        hidden_label="Calm Heron",
        form_class="inline-form",
        button_class="secondary",
        hidden_name="next",
        hidden_value="/back/",
    )
    assert '<form method="post" action="/x/" class="inline-form">' in html
    assert '<input type="hidden" name="next" value="/back/">' in html
    assert (
        '<button type="submit" class="secondary">Unblock '
        '<span class="visually-hidden"><bdi>Calm Heron</bdi></span></button>'
    ) in html


def test_its_words_are_escaped():
    html = render_button(action="/x/", label="<b>Go</b>", hidden_label='"><script>')
    assert "<b>Go</b>" not in html and "&lt;b&gt;Go&lt;/b&gt;" in html
    assert "<script>" not in html
