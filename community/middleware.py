from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
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

    sync_capable = True
    # Under daphne a sync-only middleware parks a thread in async_to_sync on every request,
    # and such a thread keeps daphne from exiting on SIGTERM (issue 9, section 6).
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        return self._redirect_to_mfa_setup(request) or self.get_response(request)

    async def __acall__(self, request):
        # Only staff pages ask the database who the viewer is, in one hop that never waits
        # on the event loop.
        if request.path.startswith(tuple(settings.STAFF_URL_PREFIXES)):
            redirect_response = await sync_to_async(self._redirect_to_mfa_setup)(request)
            if redirect_response is not None:
                return redirect_response
        return await self.get_response(request)

    def _redirect_to_mfa_setup(self, request):
        if request.path.startswith(tuple(settings.STAFF_URL_PREFIXES)) and (
            policies.needs_mfa_for_staff_pages(request.user)
        ):
            messages.warning(request, STAFF_MFA_MESSAGE)
            return redirect("mfa_activate_totp")
        return None
