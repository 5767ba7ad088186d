"""Migration groups 0003: titles, warnings, group text and bodies stored with bidi controls
and zero-width characters are cleaned as the services now clean them on save."""

import pytest

from tests.migrations import migrate

BEFORE = [("groups", "0002_one_pending_request_per_persona")]
AFTER = [("groups", "0003_clean_bidi_in_stored_text")]


@pytest.mark.django_db(transaction=True)
def test_stored_text_is_cleaned_and_clean_text_left_alone(back_to_latest):
    old = migrate(BEFORE)
    Space = old.get_model("community", "Space")
    Account = old.get_model("community", "Account")
    Persona = old.get_model("community", "Persona")
    Group = old.get_model("groups", "Group")
    Thread = old.get_model("groups", "Thread")
    Post = old.get_model("groups", "Post")
    space = Space.objects.create(kind="group")
    persona = Persona.objects.create(
        account=Account.objects.create(email="a@example.org"),
        space=space,
        name="Wren",
        name_key="wren",
    )
    group = Group.objects.create(
        space=space,
        name="\u202eCircle\u200b",
        slug="circle",
        description="שלום \u2067x\u2069",
        guidelines="\u202eBe kind",
        invite_token="t1",
    )
    twin_space = Space.objects.create(kind="group")
    Group.objects.create(
        space=twin_space, name="Twin", slug="twin", description="d", invite_token="t2"
    )
    twin_with_zwsp = Group.objects.create(
        space=Space.objects.create(kind="group"),
        name="Twin\u200b",
        slug="twin2",
        description="d",
        invite_token="t3",
    )
    thread = Thread.objects.create(
        group=group,
        author=persona,
        title="\u202eeltit",
        content_warning="\u200b",
        last_activity="2026-01-01T00:00:00Z",
    )
    invisible_title = Thread.objects.create(
        group=group, author=persona, title="\u200b\u202e", last_activity="2026-01-01T00:00:00Z"
    )
    post = Post.objects.create(
        thread=thread,
        author=persona,
        body="\u202eمرحبا \U0001f469\u200d\U0001f4bb",
        body_html="<p>\u202eمرحبا \U0001f469\u200d\U0001f4bb</p>",
        content_warning="\u2066cw\u2069",
    )
    untouched = Post.objects.create(
        thread=thread, author=persona, body="plain", body_html="<p>plain</p>"
    )

    new = migrate(AFTER)

    group = new.get_model("groups", "Group").objects.get(pk=group.pk)
    assert (group.name, group.description, group.guidelines) == ("Circle", "שלום x", "Be kind")
    assert new.get_model("groups", "Group").objects.get(pk=twin_with_zwsp.pk).name == "Twin\u200b"
    Thread = new.get_model("groups", "Thread")
    assert (
        Thread.objects.get(pk=thread.pk).title,
        Thread.objects.get(pk=thread.pk).content_warning,
    ) == ("eltit", "")
    assert Thread.objects.get(pk=invisible_title.pk).title == "Untitled"
    post = new.get_model("groups", "Post").objects.get(pk=post.pk)
    assert post.body == "مرحبا \U0001f469\u200d\U0001f4bb"
    assert post.body_html == "<p>مرحبا \U0001f469\u200d\U0001f4bb</p>"
    assert post.content_warning == "cw"
    assert new.get_model("groups", "Post").objects.get(pk=untouched.pk).body == "plain"
