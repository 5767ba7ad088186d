"""Block the author of a post: a confirm page that explains what a block does, then a POST.

The block applies to the account behind the persona, in every space, silently: the blocked
person is not told and sees no difference (DESIGN.md §2).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from community.errors import NotAllowed
from community.services.blocks import block_persona
from groups.selectors.reactions import visible_post


def _post_or_404(request, slug: str, post_public_id: str):
    found = visible_post(account=request.user, post_public_id=post_public_id)
    if found is None or found[0].thread.group.slug != slug:
        raise Http404
    post, membership = found
    if membership is None or membership.persona_id == post.author_id or post.author.is_former:
        # Staff readers without a persona, your own posts, former members: nothing to block.
        raise Http404
    return post


@login_required
def block(request, slug: str, post_public_id: str):
    post = _post_or_404(request, slug, post_public_id)
    group = post.thread.group
    thread_url = reverse(
        "groups:thread", kwargs={"slug": group.slug, "thread_public_id": post.thread.public_id}
    )
    if request.method == "POST":
        try:
            block_persona(blocker=request.user, persona=post.author)
        except NotAllowed as error:
            messages.error(request, str(error))
            return redirect(thread_url)
        messages.success(
            request,
            f"You blocked {post.author.display_name}. You won't see their posts anywhere on "
            "Lantern. They are not told.",
        )
        return redirect(thread_url)
    return render(
        request,
        "groups/block_confirm.html",
        {"post": post, "author": post.author, "group": group, "thread_url": thread_url},
    )
