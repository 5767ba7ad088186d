"""Small builders for the part-2 tests (reactions, flags, blocks, query counts).

They write rows directly, so these tests depend only on the models, not on part 1's services.
"""

import itertools

from django.utils import timezone

from community.models import Persona, Space
from community.rendering import render_markdown
from groups.models import Group, Membership, Post, Thread
from tests.factories import AccountFactory

_numbers = itertools.count(1)


def make_group(name: str | None = None, **fields) -> Group:
    number = next(_numbers)
    name = name or f"Support circle {number}"
    return Group.objects.create(
        space=Space.objects.create(kind=Space.Kind.GROUP),
        name=name,
        slug=fields.pop("slug", f"circle-{number}"),
        description=fields.pop("description", "A quiet place to talk."),
        **fields,
    )


def join(group: Group, account=None, *, name: str | None = None, **fields) -> Membership:
    """`account` (a new one by default) joins `group` under a persona named `name`."""
    account = account or AccountFactory()
    name = name or f"Gentle Heron {next(_numbers)}"
    persona = Persona.objects.create(
        account=account, space=group.space, name=name, name_key=name.casefold()
    )
    return Membership.objects.create(group=group, persona=persona, **fields)


def make_thread(
    membership: Membership, *, title: str = "Finding my feet", body: str = "Hello all.", **fields
) -> Thread:
    now = timezone.now()
    thread = Thread.objects.create(
        group=membership.group,
        author=membership.persona,
        title=title,
        last_activity=now,
        **fields,
    )
    make_post(thread, membership, body=body)
    return thread


def make_post(thread: Thread, membership: Membership, *, body: str = "Me too.", **fields) -> Post:
    return Post.objects.create(
        thread=thread,
        author=membership.persona,
        body=body,
        body_html=render_markdown(body),
        **fields,
    )
