from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

from community import policies

STAFF_MFA_MESSAGE = (
    "Staff pages open only with two-factor authentication on. Set up an authenticator app "
    "for your account first."
)


class StaffRequireMFAMiddleware:
    """Sends staff without two-factor authentication from every staff page to the MFA setup.

    One place for every staff page, present and future: whatever lives under a prefix in
    STAFF_URL_PREFIXES (the admin, group management, later the moderation queue) is covered
    without each view remembering a decorator. Members and visitors pass through untouched;
    those pages answer them as before (404 or the login page).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(tuple(settings.STAFF_URL_PREFIXES)) and (
            policies.needs_mfa_for_staff_pages(request.user)
        ):
            messages.warning(request, STAFF_MFA_MESSAGE)
            return redirect("mfa_activate_totp")
        return self.get_response(request)
