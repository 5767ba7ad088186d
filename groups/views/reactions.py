"""Add or remove a reaction on a post: a plain form POST, so it works without JavaScript.

Each button says what it does (`add=support` or `remove=support`, from what the member saw),
so a double submit leaves the reaction as the member meant instead of toggling it back.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from community.errors import NotAllowed
from groups.access import access_post
from groups.models import Post
from groups.services.reactions import set_reaction, toggle_reaction


def back_to_post(request, post: Post) -> str:
    """Where to go after an action on `post`: the page it came from, at the post."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return post.get_absolute_url()
    return f"{target.split('#')[0]}#post-{post.public_id}"


@login_required
@require_POST
def react(request, slug: str, post_public_id: str):
    post, membership = access_post(request.user, post_public_id, group=slug)
    try:
        if "add" in request.POST or "remove" in request.POST:
            on = "add" in request.POST
            kind = request.POST.get("add" if on else "remove", "")
            set_reaction(membership=membership, post=post, kind=kind, on=on)
        else:  # a page rendered before the buttons said add or remove
            toggle_reaction(membership=membership, post=post, kind=request.POST.get("kind", ""))
    except NotAllowed as error:
        messages.error(request, str(error))
    return redirect(back_to_post(request, post))
