"""What the reply, new-thread and edit forms share: preview, quote, and opening at the form.

- Preview: the forms' "Preview" button (`name="preview"`) posts to the form's own URL. The
  service (`posts.preview_post`) renders through the function that stores posts; without
  JavaScript the page comes back with the text intact and the preview above it, and
  static/js/composer.js fetches the same URL (header `X-Lantern-Fragment: preview`) and places
  the returned fragment in the form's live region.
- Quote: `?quote=<post public id>` on a thread page prefills the reply box with that post's
  Markdown, attributed by the author's persona name in this group; composer.js quotes the
  selected text instead when there is some, and otherwise fetches the same source
  (`quote_source`) without leaving the page.
- After an error the field that has it is focused (`autofocus`), so the page opens at the
  message beside the text; the reply form's action carries `#reply` for the same reason.
"""

import re

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from community.ids import PublicIdConverter
from community.models import FORMER_MEMBER_NAME
from groups import policies
from groups.access import access_post
from groups.forms import ReplyForm

FRAGMENT_HEADER = "X-Lantern-Fragment"


def wants_preview(request) -> bool:
    return request.method == "POST" and "preview" in request.POST


def wants_fragment(request) -> bool:
    return request.headers.get(FRAGMENT_HEADER) == "preview"


def focus(form) -> None:
    """Put `autofocus` on the first field with an error (the text itself for an error about
    the whole form: a rate limit, a repeat), so the page opens where the message is."""
    if not form.errors:
        return
    visible = [name for name in form.fields if not form.fields[name].widget.is_hidden]
    name = next((name for name in form.errors if name in visible), "body")
    if name in form.fields:
        form.fields[name].widget.attrs["autofocus"] = True


def preview_fragment(request, *, form, preview):
    """The preview region's new content: the rendered text, or the errors that stop it."""
    return render(
        request,
        "groups/_preview.html",
        {"form": form, "preview": preview, "fragment": True},
        status=400 if form.errors else 200,
    )


def respond(request, template: str, context: dict, *, form, preview):
    """A composing page (new thread, edit): the whole page, or only the preview region for
    composer.js. Errors keep the status the page had before (200)."""
    if wants_fragment(request):
        return preview_fragment(request, form=form, preview=preview)
    focus(form)
    return render(request, template, {**context, "form": form, "preview": preview})


_PUBLIC_ID = re.compile(PublicIdConverter.regex)
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#!|~])")


def _escaped(name: str) -> str:
    """A persona name as literal Markdown text (names are plain words, but nothing relies on
    it)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", name)


def quotable(post) -> str | None:
    """The Markdown that quotes `post`, attributed by its author's persona name in this group
    (the only name of theirs this group knows), or None for a post that has no words to
    quote: deleted, or hidden by a moderator. Held posts never reach here but for their
    author (`groups.access`)."""
    if post.deleted_at is not None or post.hidden_at is not None or not post.body.strip():
        return None
    lines = post.body.strip().splitlines()
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
    return f"{_escaped(quote_author(post))} wrote:\n\n{quoted}\n\n"


def quote_author(post) -> str:
    """Who a quote names: the persona name of this group, or "A former member"."""
    return f"A {FORMER_MEMBER_NAME}" if post.author.is_former else post.author.display_name


def reply_form(request, thread, membership) -> ReplyForm:
    """The thread page's reply form; `?quote=` prefills it with a post of this thread the
    viewer may read. Anything else (unknown, deleted, hidden, another thread, held by
    someone else) prefills nothing and says nothing."""
    public_id = request.GET.get("quote", "")
    # The shape URLs give public ids (a NUL byte would be a database error on PostgreSQL).
    if not _PUBLIC_ID.fullmatch(public_id) or not policies.can_post(
        account=request.user, membership=membership, thread=thread
    ):
        return ReplyForm()
    try:
        post, _membership = access_post(request.user, public_id, group=thread.group.slug)
    except Http404:
        return ReplyForm()
    quoted = quotable(post) if post.thread_id == thread.pk else None
    if quoted is None:
        return ReplyForm()
    form = ReplyForm(initial={"body": quoted})
    form.fields["body"].widget.attrs["autofocus"] = True
    return form


class PostLinks:
    """Per-post links of the composer, set on each post of a page by the view so the post
    template adds no lookups: `quote_url` (the no-JavaScript path, on the page being read),
    `quote_source_url` (composer.js), `history_url` (only for those who may read the history).
    The URLs are built from two prefixes reversed once per page, not once per post."""

    def __init__(self, *, thread, membership, account, page_number: int):
        self.membership, self.account = membership, account
        self.quote_prefix = f"{thread.get_absolute_url()}?page={page_number}&quote="
        self.posts_prefix = f"{reverse('groups:group', args=[thread.group.slug])}posts/"

    def annotate(self, post) -> None:
        quotable_here = post.deleted_at is None and post.hidden_at is None
        post.quote_url = f"{self.quote_prefix}{post.public_id}#reply" if quotable_here else ""
        post.quote_source_url = (
            f"{self.posts_prefix}{post.public_id}/quote/" if quotable_here else ""
        )
        post.quote_author = quote_author(post)
        post.history_url = ""
        may_read = post.edited_at and post.deleted_at is None
        if may_read and policies.can_see_post_history(
            account=self.account, membership=self.membership, post=post
        ):
            post.history_url = f"{self.posts_prefix}{post.public_id}/history/"
