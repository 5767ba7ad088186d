"""The application the browser tests' daphne serves: Lantern's own ASGI application, with the
static files served from the finders (a test run has no collectstatic output), as Channels'
`ChannelsLiveServerTestCase` wraps it."""

from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

from community.asgi import application as lantern_application

application = ASGIStaticFilesHandler(lantern_application)
