"""Lantern's one settings module, driven by environment variables.

The embedded default (nothing set but DEBUG=1) needs nothing installed: SQLite in the project
folder, the in-memory channel layer, the local-memory cache and the console email backend.
Production differs only by variables; see the README for every one of them. Each app's own
settings (GROUPS_*, MODERATION_*, CHAT_*) are declared with their defaults in
`<app>/app_settings.py` and read from the environment there (community/conf.py); a line here
would still override them.

Production (`manage.py check --deploy --fail-level WARNING` is clean with these set):
    DEBUG                        unset (off)
    SECRET_KEY                   50 or more random characters
    ALLOWED_HOSTS                the site's host names, comma-separated
    CSRF_TRUSTED_ORIGINS         https://<host>, when behind a proxy that changes the origin
    SECURE_SSL_REDIRECT=1        send plain HTTP to HTTPS (GET /healthz is exempt)
    SECURE_HSTS_SECONDS=31536000 and SECURE_HSTS_PRELOAD=1 (HSTS_INCLUDE_SUBDOMAINS is on already)
    SECURE_COOKIES=1             session and CSRF cookies over HTTPS only (on when DEBUG is off)
    BEHIND_PROXY=1               trust X-Forwarded-Proto and X-Real-IP from the proxy in front
    DATABASE_URL, REDIS_URL      PostgreSQL and Redis; EMAIL_URL for SMTP
    QUICK_EXIT_URL               the neutral site Quick exit leaves for
"""

import secrets
from pathlib import Path

import dj_database_url
from environs import Env
from marshmallow.validate import OneOf

BASE_DIR = Path(__file__).resolve().parent.parent

env = Env()
env.read_env(BASE_DIR / ".env", recurse=False)

DEBUG = env.bool("DEBUG", default=False)
# With DEBUG on, a missing page still shows Lantern's own 404 page (what members see), not
# Django's debug page listing every URL pattern; DEBUG_TECHNICAL_404=1 brings that page back.
DEBUG_TECHNICAL_404 = env.bool("DEBUG_TECHNICAL_404", default=False)


def _development_secret_key() -> str:
    """A key generated once per checkout and kept in an ignored file, for development only."""
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or (_development_secret_key() if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "csp",
    # Before community, so that community/admin.py can unregister the queue's admin.
    "django_tasks",
    "django_tasks_db",
    "community",
    "groups",
    "chat",
    "mentoring",
    "moderation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise, able to answer under ASGI without a thread hop (community/asgi_middleware.py).
    "community.asgi_middleware.StaticFilesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "community.middleware.PrivacyHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "community.middleware.StaffRequireMFAMiddleware",
    "community.origin.RequestOriginMiddleware",
    # Innermost, so CommonMiddleware still adds a missing slash to what it answers.
    "community.middleware.OwnNotFoundPageMiddleware",
]

ROOT_URLCONF = "community.urls"
ASGI_APPLICATION = "community.asgi.application"
WSGI_APPLICATION = "community.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "community.context_processors.safety",
                "community.context_processors.notifications",
            ],
        },
    },
]

# Every form's labels without Django's ":" suffix (community/forms_rendering.py).
FORM_RENDERER = "community.forms_rendering.LanternFormRenderer"

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env.int("DATABASE_CONN_MAX_AGE", default=0),
    )
}
# A database that hangs must not hang every request with it (issue 9): connecting and each
# statement give up after these, and the page says "Lantern is having trouble" (503) instead.
# Well under gunicorn's 30 s worker timeout, so Lantern answers before the worker is killed.
DATABASE_CONNECT_TIMEOUT_SECONDS = env.int("DATABASE_CONNECT_TIMEOUT_SECONDS", default=5)
# 0 turns it off (PostgreSQL's own meaning), e.g. for a long `migrate` on a large table.
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=15_000)
# How long a SQLite writer waits for the write lock before "database is locked" (then the 503
# page). 20 s: with 10 s, 2 of 200 replies failed when 20 members posted at once beside 8
# readers on a loaded 2-core machine (bench/RESULTS.md, concurrent posting); waiting is better
# than failing someone's post, and 20 s is still under gunicorn's 30 s worker timeout.
SQLITE_BUSY_TIMEOUT_SECONDS = env.float("SQLITE_BUSY_TIMEOUT_SECONDS", default=20.0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions make concurrent writers wait for the lock instead of
    # failing with "database is locked" (DESIGN.md §4).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DATABASE_CONNECT_TIMEOUT_SECONDS,
        options=f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Channel layer and cache: Redis when REDIS_URL is set, in-process otherwise -------------
REDIS_URL = env.str("REDIS_URL", default="")
# How long a cache call waits for Redis to connect or answer before the per-process cache
# answers instead, and how long Redis is then left alone before it is tried again.
REDIS_SOCKET_TIMEOUT_SECONDS = env.float("REDIS_SOCKET_TIMEOUT_SECONDS", default=0.5)
REDIS_RETRY_SECONDS = env.float("REDIS_RETRY_SECONDS", default=5.0)
# Entries the per-process stand-in for Redis keeps before it forgets the least used third.
CACHE_FALLBACK_MAX_ENTRIES = env.int("CACHE_FALLBACK_MAX_ENTRIES", default=10000)
# Messages a socket's channel holds before group_send drops more for it (silently, in Channels
# and channels_redis core; pubsub has no limit). A channel backs up while its consumer is
# behind, by the messages sent to the room meanwhile: 20 members of a 200-member room sending
# 6 messages each at once lost 1,900 copies with Channels' default of 100 (1,600-2,500 on
# channels_redis core) and none with 1000 (bench/RESULTS.md, chat fan-out). A queued copy is
# the event (about 1 KB with its frame text) and expires after CHANNEL_LAYER_EXPIRY_SECONDS;
# empty queues cost nothing.
CHANNEL_LAYER_CAPACITY = env.int("CHANNEL_LAYER_CAPACITY", default=1000)
# A message not received within this long is dropped (a dead consumer's channel empties).
CHANNEL_LAYER_EXPIRY_SECONDS = env.int("CHANNEL_LAYER_EXPIRY_SECONDS", default=60)
# Group memberships end after this long. daphne closes every WebSocket after its
# websocket_timeout (86400 s by default), after the consumer joined its groups, so no open
# socket outlives its membership; set both together.
CHANNEL_LAYER_GROUP_EXPIRY_SECONDS = env.int("CHANNEL_LAYER_GROUP_EXPIRY_SECONDS", default=86400)
# The in-memory layer sweeps expired messages and memberships at most this often, instead of
# on every receive (community/layers.py).
CHANNEL_LAYER_CLEANUP_SECONDS = env.float("CHANNEL_LAYER_CLEANUP_SECONDS", default=1.0)
# With REDIS_URL: "core" (channels_redis' RedisChannelLayer) or "pubsub" (its
# RedisPubSubChannelLayer). pubsub is the faster: one PUBLISH per group_send and two
# connections per process, where core queues every copy in Redis and opens a connection per
# concurrent call (200-470 per run against pubsub's 20-140). In bench/RESULTS.md (chat
# fan-out, two daphne processes, a busy 2-core machine) Lantern's consumer delivered 2,107
# copies/s at 500 members on pubsub against 968 on core, and the tutorial consumer 1,222
# against 322. But pubsub fails Lantern's Redis-outage guarantees: after Redis refused or hung
# and came back, a member's socket received nothing more (3 of the 6 tests in
# tests/faults/test_chat_live_layer_down.py fail with pubsub and pass with core). Hence core,
# the default; pubsub stays selectable, for when that is fixed.
REDIS_CHANNEL_LAYER = env.str(
    "REDIS_CHANNEL_LAYER", default="core", validate=OneOf(["pubsub", "core"])
)
# The core layer's connections to Redis per daphne process; 0: no limit, redis-py's default
# (unbounded in redis-py 5-7, so no pool of 100 to outgrow). A mass disconnect opens about
# one connection per closing socket (466 for 500 sockets on two workers, bench/RESULTS.md), so
# Redis's maxclients (10,000 by default) must exceed the sockets of all workers. A limit here
# makes redis-py refuse the calls past it, which a disconnect would log as errors.
REDIS_CHANNEL_LAYER_MAX_CONNECTIONS = env.int("REDIS_CHANNEL_LAYER_MAX_CONNECTIONS", default=0)
if REDIS_URL and REDIS_CHANNEL_LAYER == "pubsub":
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "lantern"},
        }
    }
elif REDIS_URL:
    _pool = {"max_connections": REDIS_CHANNEL_LAYER_MAX_CONNECTIONS}
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {"address": REDIS_URL, **_pool}
                    if REDIS_CHANNEL_LAYER_MAX_CONNECTIONS
                    else REDIS_URL
                ],
                "prefix": "lantern",
                "capacity": CHANNEL_LAYER_CAPACITY,
                "expiry": CHANNEL_LAYER_EXPIRY_SECONDS,
                "group_expiry": CHANNEL_LAYER_GROUP_EXPIRY_SECONDS,
            },
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "community.layers.LinearInMemoryChannelLayer",
            "CONFIG": {
                "capacity": CHANNEL_LAYER_CAPACITY,
                "expiry": CHANNEL_LAYER_EXPIRY_SECONDS,
                "group_expiry": CHANNEL_LAYER_GROUP_EXPIRY_SECONDS,
                "cleanup_interval": CHANNEL_LAYER_CLEANUP_SECONDS,
            },
        }
    }
if REDIS_URL:
    # Answered from a per-process cache while Redis is unreachable, so a form never fails
    # because Redis is down (community/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "community.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lantern",
            "OPTIONS": {
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_SOCKET_TIMEOUT_SECONDS,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Key names carry no account pk, email hash or IP address (allauth's would, in clear).
for _cache in CACHES.values():
    _cache["KEY_FUNCTION"] = "community.cache_keys.make_key"

# --- Accounts (django-allauth, email only) --------------------------------------------------
AUTH_USER_MODEL = "community.Account"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Members land on their own home (community.views.pages.member_home); "/" stays the public page.
LOGIN_REDIRECT_URL = "member_home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Lantern] "
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    # Failed logins per email tried ("key": 5 in 5 minutes) protect each account; the looser
    # per-address limit only slows one address trying many accounts, and is loose so that one
    # person's typos behind a shared address (an office, a VPN, Tor) lock out nobody else.
    "login_failed": env.str("ACCOUNT_RATE_LOGIN_FAILED", default="30/m/ip,5/5m/key"),
    "signup": env.str("ACCOUNT_RATE_SIGNUP", default="20/m/ip"),
    "reset_password": env.str("ACCOUNT_RATE_RESET_PASSWORD", default="20/m/ip,5/m/key"),
    "confirm_email": "1/3m/key",
}
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
# Hashes the password on the known-email path too, so timing does not tell who is registered.
ACCOUNT_FORMS = {"signup": "community.forms_accounts.SignupForm"}
ACCOUNT_USER_DISPLAY = "community.adapters.user_display"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Settings lists the member's signed-in sessions (community.sessions keeps no IP address in
# them). Tracking activity would write a row on every page view and keep a "last seen" time.
USERSESSIONS_TRACK_ACTIVITY = False
# Ending a session also closes the WebSockets it opened (community.signals.sessions_ended).
USERSESSIONS_ADAPTER = "community.adapters.UserSessionsAdapter"
MFA_TOTP_ISSUER = "Lantern"
# Staff (`is_staff`) reach no staff page without an authenticator, only the MFA setup page.
STAFF_REQUIRE_MFA = env.bool("STAFF_REQUIRE_MFA", default=True)
# Where staff pages live; each is covered by STAFF_REQUIRE_MFA (community.middleware).
STAFF_URL_PREFIXES = env.list(
    "STAFF_URL_PREFIXES",
    default=["/staff/", "/groups/manage/", "/moderation/audit.csv", "/moderation/reveals/"],
)

# --- Email: SMTP when EMAIL_URL is set, the console otherwise --------------------------------
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Lantern <no-reply@lantern.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds an SMTP connection may wait for the server. Notification emails are sent by the task
# worker, but allauth sends its own (confirmation, reset) inside the request: a hung mail server
# must cost that request this long, not the proxy's whole timeout.
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10.0)
# The one way to configure SMTP: e.g. EMAIL_URL=submission://user:password@smtp.example.org:587
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if env.str("EMAIL_URL", default=""):
    _email = env.dj_email_url("EMAIL_URL")
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
    EMAIL_PORT = _email["EMAIL_PORT"] or 25
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    # EMAIL_URL's own `?timeout=` wins over EMAIL_TIMEOUT.
    EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or EMAIL_TIMEOUT

# --- Security headers -----------------------------------------------------------------------
# Other sites never learn which page a reader came from; our own forms keep their real Origin
# header, so Django's CSRF check needs no workaround (DESIGN.md §3).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    # Only trust X-Forwarded-Proto when a proxy we control sets it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Behind the proxy every request comes from its address, so allauth's per-address limits
    # would lock out everyone together. The proxy writes the client's address in this header
    # (overwriting any sent by the client); it is read for rate limits only, never stored
    # or logged. Without BEHIND_PROXY no such header is trusted.
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("PROXY_CLIENT_IP_HEADER", default="X-Real-IP")

# Every script, style, font and image comes from Lantern itself (DESIGN.md §3).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: only for the QR code of the authenticator setup, which allauth sends as one.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Powerful browser features Lantern never uses stay off, for its pages and anything in them.
PERMISSIONS_POLICY = env.str(
    "PERMISSIONS_POLICY",
    default="accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()",
)

# --- Static files: served by the app (WhiteNoise), hashed and compressed when DEBUG is off ---
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The development server's request lines ("HTTP GET /path 200 [0.01, 127.0.0.1:5000]") lose
    # the client address: beside a content URL it would tie a person to a post (issue 8 §6).
    "filters": {"no_client_address": {"()": "community.access_log.DropClientAddress"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.channels.server": {"filters": ["no_client_address"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- Lantern ---------------------------------------------------------------------------------
# Where Quick exit (and Shift pressed three times) sends the browser: a neutral, busy site.
QUICK_EXIT_URL = env.str("QUICK_EXIT_URL", default="https://www.bbc.co.uk/weather")
PERSONA_NAME_MIN_CHARS = env.int("PERSONA_NAME_MIN_CHARS", default=3)
PERSONA_NAME_MAX_CHARS = env.int("PERSONA_NAME_MAX_CHARS", default=32)
# Marks stacked on one letter draw over the lines around a name; two cover real accents ("ệ").
PERSONA_NAME_MAX_COMBINING_MARKS = env.int("PERSONA_NAME_MAX_COMBINING_MARKS", default=2)
# Words a pseudonym may not contain, nor anything that looks like them.
PERSONA_RESERVED_WORDS = env.list(
    "PERSONA_RESERVED_WORDS",
    default=[
        "admin",
        "administrator",
        "moderator",
        "mod",
        "sysop",
        "host",
        "lantern",
        "staff",
        "support",
        "advocate",
        "official",
        "system",
        "security",
        "trust and safety",
    ],
)

# Blocks per account. A block acts only in its own space, so it cannot be used to find an
# account's other personas; the limit still keeps mass blocking (and its load) in check.
BLOCK_RATE = env.str("BLOCK_RATE", default="20/d")

# Reactions, flags, notifications (issue 4, part 2).
# Where Lantern is reached from outside, for the links in emails (no trailing slash needed).
# Empty: the address of the request that caused the email (community.origin).
SITE_URL = env.str("SITE_URL", default="")
# Notification emails are opt-in, carry no content, and go out at most once per this interval.
NOTIFICATION_EMAIL_MIN_INTERVAL_MINUTES = env.int(
    "NOTIFICATION_EMAIL_MIN_INTERVAL_MINUTES", default=60
)
NOTIFICATIONS_PER_PAGE = env.int("NOTIFICATIONS_PER_PAGE", default=25)

# --- Background tasks: notification emails, sent by `manage.py db_worker` --------------------
# The queue is a table in Lantern's own database (django-tasks-db), so the embedded default needs
# nothing more than the worker that `make run` starts beside daphne.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A notification email that fails (the mail server refuses, hangs past EMAIL_TIMEOUT, is down) is
# tried again after NOTIFICATION_EMAIL_RETRY_MINUTES, then 5 times as long after each failure
# (1, 5, 25 minutes), NOTIFICATION_EMAIL_MAX_ATTEMPTS times in all; then it is dropped (the
# in-app notification stands).
NOTIFICATION_EMAIL_MAX_ATTEMPTS = env.int("NOTIFICATION_EMAIL_MAX_ATTEMPTS", default=4)
NOTIFICATION_EMAIL_RETRY_MINUTES = env.float("NOTIFICATION_EMAIL_RETRY_MINUTES", default=1.0)

# The one password of the demo accounts `seed_demo` creates (it refuses to run with DEBUG off).
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="lantern-demo-2026")
# Sent with the 503 page ("Lantern is having trouble") as Retry-After, when the database fails.
SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = env.int(
    "SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS", default=30
)
# How long GET /healthz waits for the database and the channel layer before answering 503.
HEALTHZ_TIMEOUT_SECONDS = env.float("HEALTHZ_TIMEOUT_SECONDS", default=2.0)
# Database probes of /healthz left waiting on a hung database (each ends with the driver's
# connect or statement timeout); past this many, /healthz answers "error" without a new one.
HEALTHZ_MAX_STUCK_DATABASE_PROBES = env.int("HEALTHZ_MAX_STUCK_DATABASE_PROBES", default=4)

# Seconds after the member re-entered their password during which deleting the account,
# changing MFA and the like do not ask for it again.
ACCOUNT_REAUTHENTICATION_TIMEOUT = env.int("ACCOUNT_REAUTHENTICATION_TIMEOUT", default=300)
# What a member types to confirm deleting their account.
ACCOUNT_DELETE_CONFIRMATION = env.str("ACCOUNT_DELETE_CONFIRMATION", default="delete my account")
