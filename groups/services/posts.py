"""Threads and posts. Every author is the account's persona in the thread's group.

Posting is rate-limited per account (never per persona). Markdown is rendered and sanitized
once, on save; the source is kept for editing. Deleting blanks the text for readers.

What a member writes or edits is screened first (`community.screening`, filled by the
moderation app): a block refuses it (the form keeps the text); a hold stores it in a held
state that only its author sees, with the reason, until they edit it clean or a moderator
releases it (`groups.screening`); a held thing touches no activity date and notifies nobody,
so nothing about it shows to anyone else.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from community import limits, screening
from community.errors import NotAllowed
from community.models import Account, Block, Persona
from community.rendering import render_markdown
from community.services.notifications import notify
from community.submissions import create_once, earlier_submission
from community.text import check_length, clean_line, clean_multiline, isolate
from groups import notification_kinds, policies, selectors
from groups.app_settings import app_settings
from groups.mentions import link_mentions
from groups.models import Group, Membership, Mention, Post, PostRevision, Thread, ThreadSubscription
from groups.notification_targets import withdraw_for_post, withdraw_for_thread
from groups.services.counts import recount_thread

POST_RATE_MESSAGE = (
    "You're posting faster than this group allows ({rate}). Your text is still here: "
    "please wait a minute and send it again."
)


def _check_post(*, body: str, content_warning: str) -> None:
    check_length(
        field="body",
        value=body,
        limit=app_settings.MAX_POST_CHARS,
        label="post",
        required=True,
    )
    check_length(
        field="content_warning",
        value=content_warning,
        limit=app_settings.MAX_CONTENT_WARNING_CHARS,
        label="content warning",
        required=False,
    )


def _render(body: str, group: Group) -> tuple[str, list[Persona]]:
    """The stored HTML of `body`, its "@Name" mentions of `group`'s members linked, and the
    personas it names; refused (ValidationError on the body, the text kept) over the cap."""
    body_html, mentioned = link_mentions(render_markdown(body), group)
    limit = app_settings.MAX_MENTIONS_PER_POST
    if len(mentioned) > limit:
        sentence = (
            f"A post can mention at most {limit} people (this one mentions {len(mentioned)}). "
            "Your text is still here: remove some of the @names and send it again."
        )
        raise ValidationError({"body": ValidationError(sentence, code="too_many_mentions")})
    return body_html, mentioned


def _prepared(
    *, body: str, content_warning: str, group: Group
) -> tuple[str, str, str, list[Persona]]:
    """The one way text becomes a post: cleaned, checked against the limits, rendered and
    sanitized, its "@Name" mentions of `group`'s members linked. Returns (body,
    content_warning, body_html, the personas mentioned); raises ValidationError on a field.

    Creating, editing and previewing all come through here, so a preview shows exactly what
    would be stored, and refuses exactly what storing would refuse."""
    body, content_warning = clean_multiline(body), clean_line(content_warning)
    _check_post(body=body, content_warning=content_warning)
    body_html, mentioned = _render(body, group)
    return body, content_warning, body_html, mentioned


@dataclass(frozen=True)
class Preview:
    title: str
    content_warning: str
    body_html: str


PREVIEW_RATE_MESSAGE = "You are previewing very fast. Please wait a moment (the limit is {rate})."


def preview_post(
    *,
    account: Account,
    membership: Membership | None,
    body: str,
    content_warning: str = "",
    thread: Thread | None = None,
    group: Group | None = None,
    post: Post | None = None,
    title: str | None = None,
) -> Preview:
    """What a reply to `thread`, a new thread in `group` (with `title`) or an edit of `post`
    would look like, rendered by the function that stores posts. Writes nothing.

    Only someone who may send the text may preview it (the same policies as sending). A
    preview is not a post, so it does not count against GROUPS_POST_RATE: checking one's
    words twice must not end in "you're posting too fast". It has its own, looser rate
    (GROUPS_PREVIEW_RATE, per account), so the endpoint is not a free Markdown renderer.
    The automatic filters are not run: a preview that said which words a filter holds
    would let anyone probe the moderators' word lists without posting anything; they
    answer when the text is sent, as always.
    """
    if policies.is_muted(membership):
        raise NotAllowed(_muted_sentence(membership))
    # The refusals are those of sending, word for word.
    if post is not None:
        if not policies.can_edit_post(membership=membership, post=post):
            raise NotAllowed("You can't edit this post.")
    elif thread is not None:
        if not policies.can_post(account=account, membership=membership, thread=thread):
            raise NotAllowed(
                "This thread is locked." if thread.is_locked else "Only members can reply."
            )
    elif not (
        policies.can_start_thread(membership=membership)
        and group is not None
        and membership.group_id == group.pk
    ):
        raise NotAllowed("Only members can start threads here.")
    if title is not None:
        title = clean_line(title)
        check_length(
            field="title",
            value=title,
            limit=app_settings.MAX_TITLE_CHARS,
            label="title",
            required=True,
        )
    space_group = post.thread.group if post is not None else thread.group if thread else group
    body, content_warning, body_html, _mentioned = _prepared(
        body=body, content_warning=content_warning, group=space_group
    )
    limits.hit(
        account=account,
        action="preview",
        rate=app_settings.PREVIEW_RATE,
        message=PREVIEW_RATE_MESSAGE,
    )
    return Preview(title=title or "", content_warning=content_warning, body_html=body_html)


def _count_post(account: Account) -> None:
    limits.hit(
        account=account, action="post", rate=app_settings.POST_RATE, message=POST_RATE_MESSAGE
    )


def _screen(*, account: Account | None, group: Group, title: str = "", body: str, warning: str):
    """The filters' verdict on what is about to be published; raises Blocked on a block."""
    text = "\n".join(part for part in (title, warning, body) if part)
    verdict = screening.screen(text, space=group.space_id, account=account)
    screening.refuse_blocked(verdict)
    return verdict


def _hold(verdict, *, kind: str, target, group: Group, author, content: dict) -> None:
    screening.record_hold(
        verdict=verdict,
        kind=kind,
        space=group.space_id,
        author=author,
        target=target,
        content=content,
    )


def _muted_sentence(membership: Membership) -> str:
    return (
        "A moderator muted you in this group until "
        f"{membership.muted_until:%d %B %Y, %H:%M} UTC. You can still read; your text is kept "
        "here. Your notifications say why."
    )


def _touch(*, group: Group, thread: Thread, when) -> None:
    Thread.objects.filter(pk=thread.pk).update(last_activity=when)
    Group.objects.filter(pk=group.pk).update(last_activity=when)
    thread.last_activity = when


@transaction.atomic
def create_thread(
    *,
    account: Account,
    membership: Membership | None,
    group: Group,
    title: str,
    body: str,
    content_warning: str = "",
    client_id: uuid.UUID | None = None,
) -> Thread:
    """A new thread and its first post, both by the member's persona in `group`.

    A resubmission of the same form (`client_id`, community.submissions) returns the thread
    it already made, without counting against the post rate.
    """
    if policies.is_muted(membership):
        raise NotAllowed(_muted_sentence(membership))
    if not policies.can_start_thread(membership=membership) or membership.group_id != group.pk:
        raise NotAllowed("Only members can start threads here.")
    earlier = earlier_submission(Thread, client_id=client_id, author=membership.persona)
    if earlier is not None:
        return earlier
    title = clean_line(title)
    check_length(
        field="title",
        value=title,
        limit=app_settings.MAX_TITLE_CHARS,
        label="title",
        required=True,
    )
    body, content_warning, body_html, mentioned = _prepared(
        body=body, content_warning=content_warning, group=group
    )
    _count_post(account)
    verdict = _screen(account=account, group=group, title=title, body=body, warning=content_warning)
    now = timezone.now()
    thread, created = create_once(
        lambda: Thread.objects.create(
            group=group,
            author=membership.persona,
            title=title,
            content_warning=content_warning,
            last_activity=now,
            client_id=client_id,
            held_at=now if verdict.holds else None,
            held_reason=verdict.message if verdict.holds else "",
        ),
        model=Thread,
        client_id=client_id,
        author=membership.persona,
    )
    if not created:
        return thread
    opening = Post.objects.create(
        thread=thread,
        author=membership.persona,
        body=body,
        body_html=body_html,
        content_warning=content_warning,
    )
    recount_thread(thread)
    if verdict.holds:
        content = {"title": title, "body": body, "content_warning": content_warning}
        _hold(
            verdict,
            kind="thread",
            target=thread,
            group=group,
            author=thread.author,
            content=content,
        )
        return thread
    _touch(group=group, thread=thread, when=now)
    _notify_mentions(post=opening, mentioned=mentioned)
    if verdict.flags:
        screening.record_flag(verdict=verdict, target=thread)
    return thread


@transaction.atomic
def create_post(
    *,
    account: Account,
    membership: Membership | None,
    thread: Thread,
    body: str,
    content_warning: str = "",
    client_id: uuid.UUID | None = None,
) -> Post:
    """A reply by the member's persona. Earlier authors in the thread are notified, by the
    replier's persona name in this group only; those who blocked that persona are not.

    A resubmission of the same form (`client_id`, community.submissions) returns the post it
    already made: nothing is stored, counted or notified twice."""
    if policies.is_muted(membership) and membership.group_id == thread.group_id:
        raise NotAllowed(_muted_sentence(membership))
    if not policies.can_post(account=account, membership=membership, thread=thread):
        raise NotAllowed(
            "This thread is locked." if thread.is_locked else "Only members can reply."
        )
    persona = membership.persona
    # A resubmission lands on the post it made, before anything could refuse it as a repeat.
    earlier = earlier_submission(Post, client_id=client_id, author=persona)
    if earlier is not None:
        return earlier
    body, content_warning, body_html, mentioned = _prepared(
        body=body, content_warning=content_warning, group=thread.group
    )
    _refuse_repeat(persona=persona, thread=thread, body=body, client_id=client_id)
    _count_post(account)
    verdict = _screen(account=account, group=thread.group, body=body, warning=content_warning)
    post, created = create_once(
        lambda: Post.objects.create(
            thread=thread,
            author=persona,
            body=body,
            body_html=body_html,
            content_warning=content_warning,
            client_id=client_id,
            held_at=timezone.now() if verdict.holds else None,
            held_reason=verdict.message if verdict.holds else "",
        ),
        model=Post,
        client_id=client_id,
        author=persona,
    )
    if not created:
        return post
    recount_thread(thread)
    if verdict.holds:
        content = {"body": body, "content_warning": content_warning}
        _hold(
            verdict, kind="post", target=post, group=thread.group, author=persona, content=content
        )
        return post
    publish_post(post, mentioned=mentioned)
    if verdict.flags:
        screening.record_flag(verdict=verdict, target=post)
    return post


def publish_post(post: Post, when=None, mentioned: list[Persona] | None = None) -> None:
    """What a reply does once others can see it (`when`, if not as it was written): the
    thread's activity and notifications: mentions, then replies to everyone else.
    `mentioned` are the personas it names (found again from its text if not given)."""
    if mentioned is None:
        mentioned = _mentioned_in(post)
    _touch(group=post.thread.group, thread=post.thread, when=when or post.created)
    notified = _notify_mentions(post=post, mentioned=mentioned)
    _notify_reply(thread=post.thread, post=post, mentioned=notified)


def publish_thread(thread: Thread) -> None:
    """A released thread comes up in its group as if just posted; its opening post's mentions
    notify now, not while it was held."""
    _touch(group=thread.group, thread=thread, when=timezone.now())
    opening = Post.objects.filter(thread=thread).order_by("created", "pk").first()
    if opening is not None:
        _notify_mentions(post=opening, mentioned=_mentioned_in(opening))


def _mentioned_in(post: Post) -> list[Persona]:
    """Who `post`'s text names now (for a post published later than it was written)."""
    return link_mentions(render_markdown(post.body), post.thread.group)[1]


def _short_title(thread: Thread) -> str:
    return thread.title if len(thread.title) <= 80 else thread.title[:79] + "…"


def _notify_mentions(*, post: Post, mentioned: list[Persona]) -> list[Persona]:
    """Tell each persona `post` newly names ("@Name") that it did, once per post: an edit
    tells only those it adds. Not the author, nor one who blocked the author's persona in
    this group, nor one who muted the thread. Returns every persona named, told or not (they
    hear of this post through the mention rule, so a reply notice would be a second one).
    """
    if not mentioned:
        return []
    already = set(Mention.objects.filter(post=post).values_list("persona_id", flat=True))
    new = [persona for persona in mentioned if persona.pk not in already]
    if not new:
        return mentioned
    Mention.objects.bulk_create(
        [Mention(post=post, persona=persona) for persona in new], ignore_conflicts=True
    )
    author = post.author
    muted = set(
        ThreadSubscription.objects.filter(
            thread_id=post.thread_id,
            level=ThreadSubscription.Level.MUTE,
            persona__in=new,
        ).values_list("persona_id", flat=True)
    )
    # A block is of this persona in this space: the same account's other names change nothing.
    blockers = set(
        Block.objects.filter(
            persona=author, blocker_id__in=[persona.account_id for persona in new]
        ).values_list("blocker_id", flat=True)
    )
    told = [
        persona
        for persona in new
        if persona.account_id not in (None, author.account_id)
        and persona.pk not in muted
        and persona.account_id not in blockers
    ]
    if not told:
        return mentioned
    accounts = Account.objects.in_bulk([persona.account_id for persona in told])
    thread = post.thread
    text = (
        f"{isolate(author.name)} mentioned you in “{isolate(_short_title(thread))}” "
        f"({isolate(thread.group.name)})."
    )
    url = post.get_absolute_url()
    for persona in told:
        notify(
            account=accounts[persona.account_id],
            kind=notification_kinds.MENTION,
            text=text,
            url=url,
            actor_persona=author,
            subject=post,
        )
    return mentioned


def _refuse_repeat(*, persona, thread: Thread, body: str, client_id) -> None:
    """The same text twice in a row from one persona is a double send, not a new reply.

    Only within GROUPS_DUPLICATE_WINDOW_MINUTES: later, saying the same thing again can be
    meant ("still here", "thank you"). A post of the same submission (`client_id`) is not a
    repeat but the same send, which `create_once` answers with that post.
    """
    window = timedelta(minutes=app_settings.DUPLICATE_WINDOW_MINUTES)
    last = selectors.last_post_by(persona, thread)
    if (
        last is not None
        and (client_id is None or last.client_id != client_id)
        and last.deleted_at is None
        and last.created >= timezone.now() - window
        and last.body.strip() == body.strip()
    ):
        raise NotAllowed(
            "You just posted this same text in this thread, so it was not posted again."
        )


def _notify_reply(*, thread: Thread, post: Post, mentioned: list[Persona]) -> None:
    title = _short_title(thread)
    text = (
        f"{isolate(post.author.name)} replied in “{isolate(title)}” ({isolate(thread.group.name)})."
    )
    url = post.get_absolute_url()
    for account in selectors.authors_to_notify(thread, replier=post.author, mentioned=mentioned):
        notify(
            account=account,
            kind=notification_kinds.REPLY,
            text=text,
            url=url,
            actor_persona=post.author,
            subject=post,
        )


@transaction.atomic
def edit_post(
    *,
    membership: Membership | None,
    post: Post,
    body: str,
    content_warning: str = "",
    account: Account | None = None,
) -> Post:
    """Replace the text of one's own post; readers see that it was edited.

    The text it replaces is kept as a PostRevision, which only the author and the group's
    moderators read (`policies.can_see_post_history`); deleting the post deletes them.

    The new text is screened as new text is: an edit can put a published post on hold, and
    an edit that passes publishes a held one (the opening post of a held thread publishes
    the thread).
    """
    if not policies.can_edit_post(membership=membership, post=post):
        raise NotAllowed("You can't edit this post.")
    thread = post.thread
    body, content_warning, body_html, mentioned = _prepared(
        body=body, content_warning=content_warning, group=thread.group
    )
    opens_held_thread = thread.held_at is not None and _is_opening(post)
    verdict = _screen(
        account=account,
        group=thread.group,
        title=thread.title if opens_held_thread else "",
        body=body,
        warning=content_warning,
    )
    now = timezone.now()
    if (post.body, post.content_warning) != (body, content_warning):
        # Saving unchanged text changes nothing worth keeping twice.
        PostRevision.objects.create(
            post=post,
            body=post.body,
            body_html=post.body_html,
            content_warning=post.content_warning,
            written=post.edited_at or post.created,
        )
    post.body = body
    post.body_html = body_html
    post.content_warning = content_warning
    post.edited_at = now
    held_thing = thread if opens_held_thread else post
    was_held = held_thing.held_at is not None
    if verdict.holds:
        held_thing.held_at = held_thing.held_at or now
        held_thing.held_reason = verdict.message
    else:
        held_thing.held_at, held_thing.held_reason = None, ""
    post.save(
        update_fields=[
            "body",
            "body_html",
            "content_warning",
            "edited_at",
            "held_at",
            "held_reason",
        ]
    )
    if opens_held_thread:
        thread.save(update_fields=["held_at", "held_reason"])
    if not opens_held_thread and was_held != verdict.holds:
        recount_thread(thread)  # the post took or gave up its place
    if verdict.holds:
        content = {"body": body, "content_warning": content_warning}
        if opens_held_thread:
            content["title"] = thread.title
        kind = "thread" if opens_held_thread else "post"
        # On hold, it is nobody's to open: notices about it go (and its thread's, held whole).
        if opens_held_thread:
            withdraw_for_thread(thread)
        else:
            withdraw_for_post(post)
        _hold(
            verdict,
            kind=kind,
            target=held_thing,
            group=thread.group,
            author=post.author,
            content=content,
        )
    elif was_held:
        screening.record_cleared(target=held_thing)
        if opens_held_thread:
            publish_thread(thread)
        else:
            publish_post(post, when=now, mentioned=mentioned)
    elif thread.held_at is None:
        # Names it adds are told; those it named before are not told again.
        _notify_mentions(post=post, mentioned=mentioned)
    if verdict.flags:
        screening.record_flag(verdict=verdict, target=post)
    return post


def _is_opening(post: Post) -> bool:
    opening = Post.objects.filter(thread_id=post.thread_id).order_by("created", "pk").first()
    return opening is not None and opening.pk == post.pk


@transaction.atomic
def delete_post(*, membership: Membership | None, post: Post) -> Post:
    """Blank one's own post: the text is gone for readers ("This post was deleted").

    Its earlier versions go too: a survivor may be deleting a detail that identifies them.
    A flag taken earlier keeps its own snapshot, so evidence survives for moderators.
    """
    if not policies.can_delete_post(membership=membership, post=post):
        raise NotAllowed("You can't delete this post.")
    PostRevision.objects.filter(post=post).delete()
    post.body = ""
    post.body_html = ""
    post.content_warning = ""
    post.deleted_at = timezone.now()
    post.save(update_fields=["body", "body_html", "content_warning", "deleted_at"])
    withdraw_for_post(post)
    recount_thread(Thread.objects.filter(pk=post.thread_id))
    if post.held_at is not None:  # nothing left for a moderator to publish
        screening.record_cleared(target=post, withdrawn=True)
    return post


def _require_moderator(account: Account, membership: Membership | None) -> None:
    if not policies.can_moderate_group(account=account, membership=membership):
        raise NotAllowed("Only the group's hosts can do that.")


def set_pinned(
    *, account: Account, membership: Membership | None, thread: Thread, pinned: bool
) -> Thread:
    """Pinned threads stay at the top of the group page."""
    _require_moderator(account, membership)
    thread.is_pinned = pinned
    thread.save(update_fields=["is_pinned"])
    return thread
