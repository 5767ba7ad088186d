"""Migration moderation 0004: open flags made before review items are gathered, one item per
target, so the queue shows them."""

import pytest

from tests.migrations import migrate

BEFORE = [("moderation", "0003_review_items_actions_audit")]
AFTER = [("moderation", "0004_gather_open_flags_into_review_items")]


@pytest.mark.django_db(transaction=True)
def test_open_flags_gather_into_one_item_per_target(back_to_latest):
    old = migrate(BEFORE)
    Account = old.get_model("community", "Account")
    Space = old.get_model("community", "Space")
    Persona = old.get_model("community", "Persona")
    Flag = old.get_model("moderation", "Flag")
    ContentType = old.get_model("contenttypes", "ContentType")
    space = Space.objects.create(kind="group")
    author = Persona.objects.create(
        account=Account.objects.create(email="a@example.org"), space=space, name="A", name_key="a"
    )
    post_type = ContentType.objects.get(app_label="groups", model="post")
    snapshot = {"kind": "post", "author": {"persona": author.public_id, "name": "A"}}
    for number, reason in enumerate(["spam", "threat"]):
        reporter = Account.objects.create(email=f"r{number}@example.org")
        Flag.objects.create(
            reporter=reporter,
            space=space,
            content_type=post_type,
            object_id=7,
            reason=reason,
            snapshot=snapshot,
        )
    new = migrate(AFTER)
    item = new.get_model("moderation", "ReviewItem").objects.get()
    assert (item.kind, item.flagger_count, item.urgent) == ("post", 2, True)
    assert item.author_id == author.pk
    assert new.get_model("moderation", "Flag").objects.filter(item=item).count() == 2
