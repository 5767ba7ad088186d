"""The application the browser tests' daphne serves: Lantern's own ASGI application, with the
static files served from the finders (a test run has no collectstatic output), as Channels'
`ChannelsLiveServerTestCase` wraps it."""

from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

from community.asgi import application as lantern_application


class FreshContentTypes:
    """Forget ContentType's cache at every connection. Between tests the database is flushed
    and its content types made again under new ids (sequences are not reset), while this one
    daphne process serves the whole session: its cached ids would point at rows that are gone,
    and a flag or review item saved with one fails its foreign key. Production never flushes."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        # Imported here: the models load only once community.asgi has set Django up.
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
        return await self.application(scope, receive, send)


application = FreshContentTypes(ASGIStaticFilesHandler(lantern_application))
