"""Search the threads and posts of your groups (groups/search.py): a GET form, so it works
without JavaScript and a results page can be bookmarked or reloaded.

`?q=` the text, `?page=` the page of results, `?group=<slug>` to search one group only, which
the viewer must be an active member of (404 otherwise, as for the group's threads).
"""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from community import limits
from community.errors import RateLimited
from groups.access import access_group
from groups.app_settings import app_settings
from groups.search import SearchTextError, search

# What `<slug:...>` takes in the group URLs.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@require_safe
@login_required
def search_page(request):
    text = request.GET.get("q", "")
    scope = None
    if slug := request.GET.get("group", "").strip():
        if not SLUG.fullmatch(slug):  # not an address a group can have (a NUL would 500 on PG)
            raise Http404
        scope, _membership = access_group(request.user, slug)
    context = {
        "text": text,
        "scope": scope,
        "max_chars": app_settings.SEARCH_MAX_QUERY_CHARS,
        "error": "",
        "results": None,
        "filters": urlencode({"q": text, **({"group": scope.slug} if scope else {})}),
        "all_groups_url": f"{reverse('groups:search')}?{urlencode({'q': text})}",
    }
    if "q" not in request.GET:  # the empty form, no message yet
        return render(request, "groups/search.html", context)
    status = 200
    try:
        limits.hit(
            account=request.user,
            action="search",
            rate=app_settings.SEARCH_RATE,
            message="You searched many times in a short while ({rate}). Wait a minute, then "
            "search again.",
        )
        _query, context["results"] = search(
            request.user, text, page=request.GET.get("page"), group=scope
        )
    except SearchTextError as error:
        context["error"] = str(error)
    except RateLimited as error:
        context["error"] = str(error)
        status = 429
    return render(request, "groups/search.html", context, status=status)
