"""Block the author of a post: a confirm page that explains what a block does, then a POST.

The block acts in this group only: the persona's posts fold away for the blocker and it
notifies them of nothing here. Nothing changes in other groups, for either side, and the
blocked person is not told (DESIGN.md §2).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from community.errors import NotAllowed
from community.services.blocks import block_persona
from community.text import isolate
from groups.access import access_post


def _post_or_404(request, slug: str, post_public_id: str):
    post, membership = access_post(request.user, post_public_id, group=slug)
    if membership.persona_id == post.author_id or post.author.is_former:
        # Your own posts, former members: nobody to block.
        raise Http404
    return post


@login_required
def block(request, slug: str, post_public_id: str):
    post = _post_or_404(request, slug, post_public_id)
    back_url = post.get_absolute_url()
    if request.method == "POST":
        try:
            block_persona(blocker=request.user, persona=post.author)
        except NotAllowed as error:
            messages.error(request, str(error))
            return redirect(back_url)
        messages.success(
            request,
            f"You blocked {isolate(post.author.display_name)} in "
            f"{isolate(post.thread.group.name)}. Their posts here are folded away for you, and "
            "they are not told. Nothing changes in other groups.",
        )
        return redirect(back_url)
    return render(
        request,
        "groups/block_confirm.html",
        {"post": post, "author": post.author, "group": post.thread.group, "back_url": back_url},
    )
