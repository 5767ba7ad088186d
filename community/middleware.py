"""Lantern's own middleware. Each class runs natively under WSGI and under ASGI: Django hands it
a coroutine `get_response` on an async stack, and then calls `__acall__` (via `__call__`)."""

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from community import policies
from community.asgi_middleware import SyncAndAsyncMiddleware
from community.views.pages import page_not_found

STAFF_MFA_MESSAGE = (
    "Staff pages open only with two-factor authentication on. Set up an authenticator app "
    "for your account first."
)
# What a logout tells the browser to forget (issue 8 §5): the pages it kept, the cookies (the
# session's among them) and whatever scripts stored.
CLEAR_SITE_DATA_ON_LOGOUT = '"cache", "cookies", "storage"'
LOGOUT_URL_NAME = "account_logout"


class StaffRequireMFAMiddleware(SyncAndAsyncMiddleware):
    """Sends staff without two-factor authentication from every staff page to the MFA setup.

    One place for every staff page, present and future: whatever lives under a prefix in
    STAFF_URL_PREFIXES (the admin, group management, later the moderation queue) is covered
    without each view remembering a decorator. Members and visitors pass through untouched;
    those pages answer them as before (404 or the login page).
    """

    def handle(self, request):
        if _is_staff_page(request) and policies.needs_mfa_for_staff_pages(request.user):
            return _to_mfa_setup(request)
        return self.get_response(request)

    async def __acall__(self, request):
        if _is_staff_page(request):
            user = await request.auser()
            if await sync_to_async(policies.needs_mfa_for_staff_pages)(user):
                return _to_mfa_setup(request)
        return await self.get_response(request)


def _is_staff_page(request) -> bool:
    return request.path.startswith(tuple(settings.STAFF_URL_PREFIXES))


def _to_mfa_setup(request):
    messages.warning(request, STAFF_MFA_MESSAGE)
    return redirect("mfa_activate_totp")


class PrivacyHeadersMiddleware(SyncAndAsyncMiddleware):
    """Headers that keep a member's pages out of other people's reach (issue 8 §5, §9).

    - Every answer to a signed-in request is `no-store` (with never_cache's other headers):
      someone who opens the browser after the member, or presses Back after a logout, finds
      no copy of what they read. Whether the request was signed in is read before the view
      runs, so the logout's own answer counts as signed in.
    - A logout answers with `Clear-Site-Data`, so the browser drops its cache, cookies and
      storage for Lantern.
    - Every answer carries PERMISSIONS_POLICY (camera, microphone, location and the like off).
    Static files are answered by WhiteNoise before this runs and are not members' pages.
    """

    def handle(self, request):
        signed_in = request.user.is_authenticated
        return _add_privacy_headers(request, self.get_response(request), signed_in=signed_in)

    async def __acall__(self, request):
        signed_in = (await request.auser()).is_authenticated
        response = await self.get_response(request)
        return _add_privacy_headers(request, response, signed_in=signed_in)


def _add_privacy_headers(request, response, *, signed_in: bool):
    if signed_in:
        add_never_cache_headers(response)
    if _is_logout(request, response):
        response["Clear-Site-Data"] = CLEAR_SITE_DATA_ON_LOGOUT
    if settings.PERMISSIONS_POLICY:
        response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
    return response


def _is_logout(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "POST"
        and match is not None
        and match.url_name == LOGOUT_URL_NAME
        and response.status_code < 400
    )


class OwnNotFoundPageMiddleware(SyncAndAsyncMiddleware):
    """Under DEBUG (`make run`), a missing page shows Lantern's 404 page, as in production.

    Django's debug 404 lists every URL pattern: not what a page someone shows a colleague in
    development should look like, nor what Lantern's own page tests. DEBUG_TECHNICAL_404=1
    brings the debug page back. Off DEBUG, this passes everything through: handler404 answers.
    A view's Http404 arrives in `process_exception`; an address no pattern matches is answered
    before any view, so that one is recognised by its response: a 404 with no resolved view.
    """

    def handle(self, request):
        response = self.get_response(request)
        if _unresolved_debug_404(request, response):
            return _own_404(request)
        return response

    async def __acall__(self, request):
        response = await self.get_response(request)
        if _unresolved_debug_404(request, response):
            return await sync_to_async(_own_404)(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and _own_404_in_debug():
            return _own_404(request)
        return None


def _own_404_in_debug() -> bool:
    return settings.DEBUG and not settings.DEBUG_TECHNICAL_404


def _unresolved_debug_404(request, response) -> bool:
    return (
        response.status_code == 404
        and getattr(request, "resolver_match", None) is None
        and _own_404_in_debug()
    )


def _own_404(request):
    return page_not_found(request)
