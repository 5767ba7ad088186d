"""The mentoring home page: where the viewer stands as a mentee, a mentor and a coordinator."""

from django.shortcuts import render

from mentoring import selectors
from mentoring.app_settings import app_settings


def home(request):
    """Public: a visitor reads what mentoring is; a member sees their own requests, proposals,
    mentorships and profile (nothing of anyone else but the personas of those spaces)."""
    if not request.user.is_authenticated:
        return render(request, "mentoring/home.html", {"overview": None})
    overview = selectors.overview(request.user)
    return render(
        request,
        "mentoring/home.html",
        {
            "overview": overview,
            "response_days": app_settings.RESPONSE_DAYS,
            "can_ask": overview.request is None and not overview.active_as_mentee,
        },
    )
