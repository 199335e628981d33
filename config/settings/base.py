"""Settings shared by every environment. Values that vary come from config.env."""

from pathlib import Path
from urllib.parse import urlsplit

from config.env import (
    BASE_DIR,
    DATA_DIR,
    data_dir_ensure,
    env,
    private_file_ensure,
    secret_key,
)

SECRET_KEY = secret_key()
DEBUG = env.bool("DEBUG", default=False)
# Links in mails: SITE_URL, else where `make run HOST=… PORT=…` serves (the Makefile
# passes MITPLAN_SERVE_URL), else the default address of `make run`.
SITE_URL = (
    env.str("SITE_URL", default="")
    or env.str("MITPLAN_SERVE_URL", default="")
    or "http://127.0.0.1:8000"
)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS",
    default=sorted(
        {"127.0.0.1", "localhost", urlsplit(SITE_URL).hostname or ""} - {""}
    ),
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_NAME = env.str("SITE_NAME", default="mitplan")

INSTALLED_APPS = [
    # modeltranslation patches models, so it loads before any app that has them.
    "modeltranslation",
    "mitplan.core",
    "mitplan.accounts",
    "mitplan.organisations",
    "mitplan.processes",
    "mitplan.documents",
    "mitplan.search",
    "mitplan.contact",
    "mitplan.contributions",
    "mitplan.surveys",
    "mitplan.comments",
    "mitplan.moderation",
    "mitplan.notifications",
    "mitplan.cms",
    "mitplan.news",
    "mitplan.events",
    "mitplan.demo",
    "mitplan.api",
    # Serves its API docs (Swagger UI) from local static files, not from a CDN.
    "ninja",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Only for its sitemap.xml template (mitplan.cms.sitemaps).
    "django.contrib.sitemaps",
    "django.forms",
]

MIDDLEWARE = [
    "mitplan.core.middleware.ServerTimingMiddleware",
    # Load balancers' probe: before the host check and the HTTPS redirect.
    "mitplan.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Reader pages from the shared cache; above every layer that may set a cookie.
    "mitplan.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mitplan.core.middleware.LocaleMiddleware",
    "mitplan.core.middleware.UriTooLongMiddleware",
    "mitplan.core.malformed.RefuseMalformedMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mitplan.core.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it sees the views' exceptions first: a failed database keeps the text.
    "mitplan.core.sending.KeepWhatWasSentMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mitplan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mitplan.core.context_processors.site",
            ],
        },
    }
]

# --- Data -------------------------------------------------------------------

data_dir_ensure()
MITPLAN_DATA_DIR = DATA_DIR
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Private (0600) before SQLite opens it, so its -wal and -shm files are too.
    _sqlite_name = str(DATABASES["default"]["NAME"])
    if _sqlite_name and "memory" not in _sqlite_name:
        private_file_ensure(Path(_sqlite_name))
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
    # lock at BEGIN so concurrent writers queue instead of failing mid-transaction.
    # They queue up to 15 s: with 5 s, 20 people sending at once saw 2-6 % "try
    # again" answers; a slow answer is better than sending again.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=15000; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env.str("REDIS_URL", default="")
# Every cache degrades: while it cannot be reached pages are served uncached
# (mitplan.core.cache). Sessions live in the database behind the cache (cached_db),
# so signed-in people stay signed in while Redis is away or after it restarts.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "mitplan.core.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mitplan",
            # Fail fast: a cache that does not answer must not hold up a page.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: an SQLite file of its own in the data directory, shared
    # by every app process on this machine (as the SQLite database is); a read costs
    # no query of the app's database.
    CACHES = {
        "default": {
            "BACKEND": "mitplan.core.cache.DegradingDiskCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "KEY_PREFIX": "mitplan",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
else:
    # PostgreSQL without Redis may run on several machines: a cache they all share.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "mitplan_cache",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.backend.DatabaseBackend",
        }[env.str("TASKS_BACKEND", default="immediate")]
    }
}

# Reader pages (no cookie) from the shared cache, exact (mitplan.core.pagecache).
MITPLAN_PAGE_CACHE = env.bool("MITPLAN_PAGE_CACHE", default=True)

# --- Languages --------------------------------------------------------------

LANGUAGE_CODE = "de"
# The eight languages of the model case's own survey, plus Ukrainian and Farsi.
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("bg", "Български"),
    ("ro", "Română"),
    ("tr", "Türkçe"),
    ("ru", "Русский"),
    ("pl", "Polski"),
    ("uk", "Українська"),
    ("fa", "فارسی"),
]
LANGUAGES_BIDI = ["ar", "fa"]
# Our catalogs first (makemessages writes there); then our formal ("Sie") German for
# django-allauth's account pages, whose own German says "du".
LOCALE_PATHS = [
    BASE_DIR / "mitplan" / "locale",
    BASE_DIR / "mitplan" / "locale_allauth",
]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
MODELTRANSLATION_AUTO_POPULATE = False

# --- Static files and media ---------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default="") or BASE_DIR / "staticfiles")
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it even when serving from finders
STATICFILES_DIRS = [BASE_DIR / "mitplan" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default="") or str(DATA_DIR / "media")
# Uploads readable by the owner and its group (a web server serving /media/ may be
# in it), never by everyone.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A survey's edit form sends every question and answer in ten languages (about
# 120 fields per question); the byte limit above still bounds what one request holds.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000

# --- Security and privacy -------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Load balancers probe the health check on plain HTTP behind TLS termination; it
# must answer there, not redirect (it matters where SECURE_SSL_REDIRECT is on).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Public pages: nothing inline, nothing from another host. The Wagtail admin gets
# its own policy in mitplan.core.csp (it still needs inline styles).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        # Video players, inserted only when a reader asks for one (the two-click
        # placeholder of mitplan.cms.blocks.ExternalVideoBlock, whose providers these
        # are). Allowed on every page, not only those with such a video: simpler, and
        # no frame from these hosts appears before the reader's click.
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# The client's address is used only to key rate limits, hashed with a secret that
# rotates daily and is kept outside every persistent store (mitplan.core.ratelimits).
MITPLAN_PROXY_COUNT = env.int("MITPLAN_PROXY_COUNT", default=0)
CONTACT_RATE = env.str("CONTACT_RATE", default="5/h")
SPAM_MIN_FILL_SECONDS = env.int("SPAM_MIN_FILL_SECONDS", default=3)

# --- Mail -------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="mitplan <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_CONTACT_EMAIL = env.str("SITE_CONTACT_EMAIL", default="integration@localhost")

# --- Accounts (django-allauth) -----------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_ADAPTER = "mitplan.accounts.adapter.AccountAdapter"
# Residents never choose a user name: show their address, and sign them in when they
# confirm it right after signing up.
ACCOUNT_USER_DISPLAY = "mitplan.accounts.adapter.user_display"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
WAGTAILADMIN_USER_LOGIN_FORM = "mitplan.accounts.forms.StaffLoginForm"
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
LOGIN_REDIRECT_URL = "/"

# Retention (`manage.py apply_retention`, run daily): how long personal data that
# never became active is kept.
RETENTION_UNCONFIRMED_SUBSCRIPTION_DAYS = env.int(
    "RETENTION_UNCONFIRMED_SUBSCRIPTION_DAYS", default=7
)
RETENTION_UNVERIFIED_ACCOUNT_DAYS = env.int(
    "RETENTION_UNVERIFIED_ACCOUNT_DAYS", default=14
)
# Unsent survey answers kept for resuming on the same device.
RETENTION_SURVEY_DRAFT_DAYS = env.int("RETENTION_SURVEY_DRAFT_DAYS", default=30)
# Attendees' names, addresses and needs, deleted this many days after the event.
RETENTION_EVENT_ATTENDEES_DAYS = env.int("RETENTION_EVENT_ATTENDEES_DAYS", default=30)
LOGIN_URL = "account_login"

# --- Wagtail ------------------------------------------------------------------------

WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no request to wagtail.org
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from gravatar.com
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Staff work in any of the site's languages: Wagtail and mitplan's own screens are
# translated into all ten.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILDOCS_DOCUMENT_MODEL = "documents.Document"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "txt",
    "csv",
    "zip",
    "vtt",
    "mp4",
    "webm",
    "jpg",
    "png",
]
# Largest document staff may upload (bytes); videos are the large ones.
MITPLAN_DOCUMENT_MAX_UPLOAD_SIZE = env.int(
    "MITPLAN_DOCUMENT_MAX_UPLOAD_SIZE", default=100 * 1024 * 1024
)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_PASSWORD_RESET_ENABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused request (400) is a warning, not a server error with a traceback.
    "filters": {"refused": {"()": "mitplan.core.logging.RefusedRequestsAreWarnings"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refused"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

CSRF_FAILURE_VIEW = "mitplan.core.views.csrf_failure"
# `make run` serves uploaded media itself; production serves them from the web
# server or an object storage.
MITPLAN_SERVE_MEDIA = env.bool("MITPLAN_SERVE_MEDIA", default=False)

ACCOUNT_FORMS = {
    "login": "mitplan.accounts.forms.LoginForm",
    "signup": "mitplan.accounts.forms.SignupForm",
    "add_email": "mitplan.accounts.forms.AddEmailForm",
    "change_password": "mitplan.accounts.forms.ChangePasswordForm",
    "set_password": "mitplan.accounts.forms.SetPasswordForm",
    "reset_password": "mitplan.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "mitplan.accounts.forms.ResetPasswordKeyForm",
}

# Limits (mitplan.core.ratelimits; README "Rate limits"). Per network address, and
# soft: over them a form asks for a proof of work instead of refusing, so offices and
# schools behind one address stay workable.
CONTRIBUTION_RATE = env.str("CONTRIBUTION_RATE", default="10/h")
SURVEY_RATE = env.str("SURVEY_RATE", default="30/h")
COMMENT_RATE = env.str("COMMENT_RATE", default="30/h")
SUPPORT_RATE = env.str("SUPPORT_RATE", default="120/h")
REPORT_RATE = env.str("REPORT_RATE", default="20/h")
SUBSCRIBE_RATE = env.str("SUBSCRIBE_RATE", default="20/h")
# A family or a group registers several people for an event from one address.
EVENT_REGISTRATION_RATE = env.str("EVENT_REGISTRATION_RATE", default="10/h")
# Per target, and hard: new supporters from one address for one contribution;
# confirmation mails to one e-mail address, whoever asks; mails to one advisor.
SUPPORT_PER_ADDRESS_RATE = env.str("SUPPORT_PER_ADDRESS_RATE", default="10/d")
CONFIRMATION_MAIL_RATE_HOUR = env.str("CONFIRMATION_MAIL_RATE_HOUR", default="3/h")
CONFIRMATION_MAIL_RATE_DAY = env.str("CONFIRMATION_MAIL_RATE_DAY", default="10/d")
ADVISOR_MESSAGE_RATE = env.str("ADVISOR_MESSAGE_RATE", default="20/h")
# Account mails (confirm, already registered, password reset) to one address.
ACCOUNT_MAIL_RATE_HOUR = env.str("ACCOUNT_MAIL_RATE_HOUR", default="5/h")
ACCOUNT_MAIL_RATE_DAY = env.str("ACCOUNT_MAIL_RATE_DAY", default="20/d")
# Where the daily rate-limit secret lives without Redis: memory-backed, never in a
# backup (empty: /dev/shm, else the system's temp directory).
MITPLAN_RUNTIME_DIR = env.str("MITPLAN_RUNTIME_DIR", default="")
# Failed staff sign-ins (admin): per address and per account.
STAFF_LOGIN_FAILURES_PER_ADDRESS = env.str(
    "STAFF_LOGIN_FAILURES_PER_ADDRESS", default="10/15m"
)
STAFF_LOGIN_FAILURES_PER_ACCOUNT = env.str(
    "STAFF_LOGIN_FAILURES_PER_ACCOUNT", default="5/15m"
)
