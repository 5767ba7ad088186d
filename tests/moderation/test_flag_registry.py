"""Flag targets are registered by the app that owns them (groups/flagging.py) into the
community registry, found by autodiscovery; moderation reads the registry and imports no
content app, so imports keep running community <- groups <- moderation (DESIGN.md §4)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.http import Http404

from chat.models import Message
from community import flagging
from groups.models import Post, Thread
from tests.factories import AccountFactory, MembershipFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def _imported_modules(folder: str) -> set[str]:
    names = set()
    for path in (Path(settings.BASE_DIR) / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
    return names


def test_groups_registers_posts_and_threads_without_anyone_importing_it():
    assert flagging.kind_named("post").model is Post
    assert flagging.kind_named("thread").model is Thread


def test_chat_registers_messages_from_its_own_folder():
    assert flagging.kind_named("message").model is Message


def test_a_target_is_looked_up_by_its_model():
    post = PostFactory()
    assert flagging.kind_of(post).name == "post"
    assert flagging.kind_of(post.thread).name == "thread"
    with pytest.raises(ValueError, match="cannot be flagged"):
        flagging.kind_of(AccountFactory())


def test_a_second_kind_under_a_known_name_is_refused():
    post_kind = flagging.kind_named("post")
    with pytest.raises(ValueError):
        flagging.register(
            flagging.TargetKind(
                name="post",
                model=object,
                find=post_kind.find,
                can_flag=post_kind.can_flag,
                space_of=post_kind.space_of,
                snapshot=post_kind.snapshot,
                describe=post_kind.describe,
            )
        )
    assert flagging.kind_named("post") is post_kind


def test_find_goes_through_the_access_functions():
    thread = ThreadFactory()
    member = MembershipFactory(group=thread.group)
    post = thread.posts.get()
    post_kind, thread_kind = flagging.kind_named("post"), flagging.kind_named("thread")

    assert post_kind.find(member.persona.account, post.public_id) == post
    assert thread_kind.find(member.persona.account, thread.public_id) == thread
    assert post_kind.can_flag(member.persona.account, post)
    outsider = AccountFactory(is_staff=True)
    with pytest.raises(Http404):
        post_kind.find(outsider, post.public_id)
    assert not thread_kind.can_flag(outsider, thread)


def test_moderation_imports_no_content_app_and_content_apps_import_no_moderation():
    assert not {"groups", "chat", "mentoring"} & _imported_modules("moderation")
    assert "moderation" not in _imported_modules("groups")
