from django.middleware.csrf import CsrfViewMiddleware as DjangoCsrfViewMiddleware


class CsrfViewMiddleware(DjangoCsrfViewMiddleware):
    """Django's CSRF check, made to work under `Referrer-Policy: no-referrer` (DESIGN.md §3).

    Under that policy browsers send `Origin: null` (and no Referer) with a form posted from one
    of our own pages, which Django would refuse. Browsers also send `Sec-Fetch-Site`, a header
    no page can set or forge; when it says `same-origin` the post came from a Lantern page, so
    our own origin is put back before Django's checks run. `Origin: null` from anywhere else is
    refused as before, and the CSRF token is always required.
    """

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (
            request.META.get("HTTP_ORIGIN") == "null"
            and request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
        ):
            request.META["HTTP_ORIGIN"] = f"{request.scheme}://{request.get_host()}"
        return super().process_view(request, callback, callback_args, callback_kwargs)
