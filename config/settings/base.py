"""Settings shared by every environment. Values that vary come from config.env."""

from config.env import BASE_DIR, DATA_DIR, env, secret_key

SECRET_KEY = secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
SITE_NAME = env.str("SITE_NAME", default="mitplan")

INSTALLED_APPS = [
    # modeltranslation patches models, so it loads before any app that has them.
    "modeltranslation",
    "mitplan.core",
    "mitplan.accounts",
    "mitplan.organisations",
    "mitplan.processes",
    "mitplan.contact",
    "mitplan.contributions",
    "mitplan.comments",
    "mitplan.moderation",
    "mitplan.notifications",
    "mitplan.cms",
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
    "django.forms",
]

MIDDLEWARE = [
    "mitplan.core.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mitplan.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mitplan.core.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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

DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
    # lock at BEGIN so concurrent writers queue instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mitplan",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # Shared by all app server processes (rate limits, navigation), unlike memory.
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
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it even when serving from finders
STATICFILES_DIRS = [BASE_DIR / "mitplan" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default="") or str(DATA_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

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
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# The client's address is used only to key rate limits, hashed with a secret that
# rotates daily and lives only in the cache (mitplan.core.ratelimits).
MITPLAN_PROXY_COUNT = env.int("MITPLAN_PROXY_COUNT", default=0)
CONTACT_RATE = env.str("CONTACT_RATE", default="5/h")
RATELIMIT_USE_CACHE = "default"
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
LOGIN_URL = "account_login"

# --- Wagtail ------------------------------------------------------------------------

WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no request to wagtail.org
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from gravatar.com
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "odt",
    "ods",
    "mp4",
    "webm",
    "csv",
    "txt",
]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_PASSWORD_RESET_ENABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
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

# Per-client limits on residents' actions (django-ratelimit rates).
CONTRIBUTION_RATE = env.str("CONTRIBUTION_RATE", default="10/h")
COMMENT_RATE = env.str("COMMENT_RATE", default="30/h")
SUPPORT_RATE = env.str("SUPPORT_RATE", default="120/h")
REPORT_RATE = env.str("REPORT_RATE", default="20/h")
