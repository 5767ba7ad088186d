class SameOriginNullOriginMiddleware:
    """Lets Django's CSRF check work under `Referrer-Policy: no-referrer` (DESIGN.md §3).

    Under that policy browsers send `Origin: null` (and no Referer) with a form posted from one
    of our own pages, which Django's CsrfViewMiddleware would refuse. Browsers also send
    `Sec-Fetch-Site`, a header no page can set or forge; when it says `same-origin` the post came
    from a Lantern page, so our own origin is put back before the CSRF middleware (which must
    come after this one) runs. `Origin: null` from anywhere else is refused as before, and the
    CSRF token is always required.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if meta.get("HTTP_ORIGIN") == "null" and meta.get("HTTP_SEC_FETCH_SITE") == "same-origin":
            meta["HTTP_ORIGIN"] = f"{request.scheme}://{request.get_host()}"
        return self.get_response(request)
