"""The mentoring home page: where the viewer stands as a mentee, a mentor and a coordinator."""

from django.shortcuts import render

from mentoring import flows
from mentoring.app_settings import app_settings
from mentoring.views import reads


def home(request):
    """Public: a visitor reads what mentoring is; a member sees their own requests, proposals,
    mentorships and profile (nothing of anyone else but the personas of those spaces)."""
    if not request.user.is_authenticated:
        return render(request, "mentoring/home.html", {"overview": None})
    open_request = reads.open_request_of(request.user)
    # Without cron, a mentor who never answers would keep the mentee waiting forever: an
    # overdue choice moves on here (one query when nothing is overdue).
    chosen = open_request is not None and open_request.state == open_request.State.CHOSEN
    if chosen and flows.expire_overdue_for(open_request):
        open_request = reads.open_request_of(request.user)
    overview = reads.overview(request.user, open_request)
    return render(
        request,
        "mentoring/home.html",
        {
            "overview": overview,
            "response_days": app_settings.RESPONSE_DAYS,
            "can_ask": overview.request is None and not overview.active_as_mentee,
        },
    )
