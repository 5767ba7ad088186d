"""A member's page inside a group: name, when they joined (month and year), host or not, and
their posts there. Nothing on it leads outside the group: no other space, no account.

Reached like the group's threads (`groups.access.access_persona`): 404 for anyone who may not
read inside the group, and for a persona of another group under this group's slug. A persona
whose account was deleted ("former member") has no page; one who left or was removed gets a
plain page that says so, without posts or dates, since their name still stands beside what
they wrote here.
"""

from django.core.paginator import Paginator
from django.shortcuts import render

from groups import policies
from groups.access import access_persona, blocked_persona_ids
from groups.app_settings import app_settings
from groups.selectors.people import posts_by


def person_page(request, slug, persona_public_id):
    persona, membership = access_persona(request.user, persona_public_id, group=slug)
    group = membership.group
    context = {"group": group, "person": persona, "viewer": membership.persona}
    if not policies.is_active_member(persona.membership):
        return render(request, "groups/person.html", {**context, "is_gone": True})
    blocked = blocked_persona_ids(request.user, group)
    paginator = Paginator(posts_by(persona, viewer=membership.persona), app_settings.POSTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    for post in page.object_list:
        post.thread.group = group  # already loaded; the thread's URL names its slug
        post.is_hidden_by_block = persona.pk in blocked
        post.thread.is_hidden_by_block = post.thread.author_id in blocked
        post.url = _post_url(post)
    return render(
        request,
        "groups/person.html",
        {
            **context,
            "joined": persona.membership.created,
            "is_host": policies.is_host(persona.membership),
            "is_blocked": persona.pk in blocked,
            "page": page,
        },
    )


def _post_url(post) -> str:
    """Where the thread page shows `post` (`Post.get_absolute_url`, without its query)."""
    page = post.position // app_settings.POSTS_PER_PAGE + 1
    return f"{post.thread.get_absolute_url()}?page={page}#post-{post.public_id}"
