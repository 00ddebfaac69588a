"""The one settings file. Every value that differs between a laptop and a server comes from an
environment variable, read through small helpers that fail loudly on a value they do not
understand (a typo in production must stop start-up, not silently fall back to a default).

Out of the box (`hizakoshi runserver` on 127.0.0.1) it works with no variables set: SQLite and a
generated secret key live in the per-user data folder, static files are served by whitenoise.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hizakoshi.site.env import (
    bind_address,
    data_dir,
    env_bool,
    env_email,
    env_int,
    env_list,
    env_str,
    secret_key,
)
from hizakoshi.site.logredact import logging_config

PACKAGE_DIR = Path(__file__).resolve().parent.parent
CONTENT_DIR = PACKAGE_DIR / "care" / "content"

DATA_DIR = data_dir()
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("HIZAKOSHI_DEBUG", False)
ALLOWED_HOSTS = env_list("HIZAKOSHI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("HIZAKOSHI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    # Before staticfiles so that `runserver` serves static files through whitenoise too.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "hizakoshi.site",
    "hizakoshi.selfcheck",
    "hizakoshi.accounts",
    "hizakoshi.journey",
    "hizakoshi.clinic",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_ratelimit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages compressed: the result page is ~35 KB of HTML, a second of a slow phone network.
    # Django's GZipMiddleware adds random padding against BREACH (Django 4.2+), and the CSRF
    # token is masked differently in each response.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "hizakoshi.site.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): did this session pass a second factor (staff, clinic/staff/).
    "django_otp.middleware.OTPMiddleware",
    "hizakoshi.site.sessions.AbsoluteSessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Turns a rate limit reached into the 429 page; counts the API's requests per IP.
    "hizakoshi.site.ratelimit.RateLimitMiddleware",
]

ROOT_URLCONF = "hizakoshi.site.urls"
WSGI_APPLICATION = "hizakoshi.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL", "")
_sqlite_wait = env_int("HIZAKOSHI_SQLITE_TIMEOUT", 20, minimum=1)  # seconds
DATABASES = {
    "default": (
        dj_database_url.parse(_database_url, conn_max_age=600, conn_health_checks=True)
        if _database_url
        else {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "hizakoshi.sqlite3",
            # Reopening the file on every request costs more than the query itself.
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                # Two people saving at once must wait for each other, never get "database is
                # locked". IMMEDIATE: every transaction.atomic() block takes the write lock at
                # its start, so a read-then-write can never fail half-way when another writer
                # got in between (a deferred transaction cannot wait for that, it fails at
                # once). The timeout (seconds) is how long a writer waits for the lock.
                # ATOMIC_REQUESTS stays off: with IMMEDIATE it would hold the write lock for
                # the whole of every request (page rendering, password hashing), so that one
                # person's page view waits for another's. Each write service is one
                # transaction.atomic() block around its reads and writes instead.
                "transaction_mode": "IMMEDIATE",
                "timeout": _sqlite_wait,
                # WAL: readers never wait for the writer, nor the writer for readers.
                # synchronous=NORMAL is safe with WAL (a power cut can lose the last
                # transactions, never corrupt the file); busy_timeout again for any
                # connection opened without Python's timeout.
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    f"PRAGMA busy_timeout={_sqlite_wait * 1000};"
                ),
            },
        }
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests run on a file too, not Django's shared in-memory database: its table locks fail at
    # once instead of waiting, so concurrency tests would test something no deployment runs.
    # One file per process: test workers and other checkouts on the machine never share one.
    _test_db = Path(tempfile.gettempdir()) / f"hizakoshi-test-{os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(_test_db)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache -----------------------------------------------------------------------------------
# Rate limits count in the database (accounts/ratecache.py), the one store that every process
# (gunicorn workers, two servers behind one proxy) shares; a per-process memory cache would let
# each worker count on its own and multiply the limits. The table is made by migrate.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "hizakoshi.accounts.ratecache.LockingDatabaseCache",
        "LOCATION": "hizakoshi_ratelimit",
    },
}

# --- language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True  # stored in UTC
TIME_ZONE = "Asia/Tokyo"  # shown in Japanese time

# --- static files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("HIZAKOSHI_STATIC_ROOT", "") or DATA_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start otherwise
# Exercise drawings stay with the content that names them; served as /static/illustrations/.
STATICFILES_DIRS = [("illustrations", CONTENT_DIR / "illustrations")]
# `hizakoshi serve` and `hizakoshi run` collect the files into STATIC_ROOT with content-hashed
# names and gzip copies (brotli too if installed), which whitenoise serves with a one-year
# cache. A file not collected (a fresh checkout under `runserver`) keeps its plain name and is
# served from the app folders.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "hizakoshi.site.storage.StaticStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG


# --- the production server (`hizakoshi serve`: gunicorn, site/server.py) ------------------------
SERVE_BIND = bind_address("HIZAKOSHI_BIND", "127.0.0.1:8000")
SERVE_WORKERS = env_int("HIZAKOSHI_WORKERS", 2, minimum=1)

# --- sessions and cookies -------------------------------------------------------------------------
# The self-check itself uses no session: answers travel in a signed cookie the server never stores
# (see selfcheck/flow.py), so nothing about a person's health is kept before consent.
SESSION_COOKIE_AGE = env_int("HIZAKOSHI_SESSION_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age above is an idle timeout
# However active, a login ends this many hours after it began (site/sessions.py).
SESSION_MAX_AGE = env_int("HIZAKOSHI_SESSION_MAX_HOURS", 12, minimum=1) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- security headers -------------------------------------------------------------------------
# HTTPS-only settings are off by default so that http://127.0.0.1 works; a deployment behind TLS
# sets HIZAKOSHI_HTTPS=true.
HTTPS = env_bool("HIZAKOSHI_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("HIZAKOSHI_HSTS_SECONDS", 31536000 if HTTPS else 0)
# Subdomains and the browsers' preload list are a promise about the whole domain: opt in.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HIZAKOSHI_HSTS_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("HIZAKOSHI_HSTS_PRELOAD", False)
if env_bool("HIZAKOSHI_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# Saved results live behind a secret link: never leak it to another site in a Referer.
# ("no-referrer" would be stricter but makes browsers send `Origin: null` on our own form posts,
# which Django's CSRF check rightly refuses.)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- accounts -----------------------------------------------------------------------------------
# A custom user (e-mail as the login name) from the start; see accounts/models.py.
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
# After login: what to do today, or for clinic staff the second factor (site/afterlogin.py).
LOGIN_REDIRECT_URL = "after_login"
LOGOUT_REDIRECT_URL = "selfcheck:landing"
# Argon2id first: new and changed passwords use it; the others only read older hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Accounts of clinic staff: 13+ characters mixing letters, digits and symbols (MHLW).
    {"NAME": "hizakoshi.clinic.staff.passwords.StaffPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Before the model backend, so that a locked-out login is refused before a password check.
    "axes.backends.AxesStandaloneBackend",
    # Takes a slot before each password check, so a burst cannot beat the limit.
    "hizakoshi.accounts.lockout.LoginGateBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one e-mail address lock it for a while, whether or not an account
# exists for it (so the lockout does not tell which addresses have accounts).
AXES_FAILURE_LIMIT = env_int("HIZAKOSHI_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("HIZAKOSHI_LOGIN_LOCKOUT_MINUTES", 15, minimum=1) / 60  # hours
# Counted per address typed, and per address from one IP (accounts/lockout.py does the same
# before each password check). Not per IP alone: behind a proxy every visitor can share one,
# so one person could lock everybody out; the per-IP throttle on login below covers floods.
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "username"]]
SILENCED_SYSTEM_CHECKS = [
    "axes.W006",
    # Rate limits count in accounts.ratecache.LockingDatabaseCache, a database cache whose
    # increment locks its row: shared by every process and atomic, which is what this asks.
    "django_ratelimit.W001",
]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "hizakoshi.accounts.lockout.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not kept: less personal data
AXES_VERBOSE = False
# --- login history (the person's export, journey/export.py) ----------------------------------
# django-axes keeps its lockout counters (AccessAttempt) only for the lockout time and clears them
# on a successful login; this keeps each failed login (time, IP address, browser) as well, so the
# person's export can show them. Deleting the account deletes them; a daily
# `hizakoshi axes_reset_failure_logs --age 90` keeps them for 90 days (README).
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# --- the clinic staff's second factor (clinic/staff/) -----------------------------------------
# A code from an authenticator app (TOTP) or a recovery code after the password. This many wrong
# codes in one session log it out; django-otp also makes each device wait 1, 2, 4, ... seconds
# after successive wrong codes (its throttle factor, 1 by default), across sessions.
STAFF_OTP_FAILURE_LIMIT = env_int("HIZAKOSHI_STAFF_OTP_FAILURE_LIMIT", 5, minimum=1)
OTP_TOTP_ISSUER = "Hizakoshi"  # the account's name in the member's app: "Hizakoshi:their address"
# A new or reset member sets up their app only with the setup code the clinic admin hands them
# (`hizakoshi staff_add`, `hizakoshi staff_reset_factor`); it stops working after this many days.
STAFF_SETUP_CODE_DAYS = env_int("HIZAKOSHI_STAFF_SETUP_CODE_DAYS", 7, minimum=1)

# --- e-mail ------------------------------------------------------------------------------------
# The console backend writes every e-mail, password-reset links included, to the server's log.
# It is the default only with debug on. With debug off the default is SMTP, and the console backend
# must be chosen by its short name (HIZAKOSHI_EMAIL_BACKEND=console): given as a class path it stops
# start-up, and `check --deploy` warns whenever it is on (site/checks.py).
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}
MSG_CONSOLE_EMAIL_BY_PATH = (
    "HIZAKOSHI_EMAIL_BACKEND names the console backend by its class path; it writes every e-mail, "
    "password-reset links included, to the log. Write HIZAKOSHI_EMAIL_BACKEND=console to mean it."
)
HIZAKOSHI_EMAIL_BACKEND = env_str("HIZAKOSHI_EMAIL_BACKEND", "").strip()
if HIZAKOSHI_EMAIL_BACKEND:
    if HIZAKOSHI_EMAIL_BACKEND not in EMAIL_BACKENDS and "." not in HIZAKOSHI_EMAIL_BACKEND:
        raise ImproperlyConfigured(
            f"HIZAKOSHI_EMAIL_BACKEND={HIZAKOSHI_EMAIL_BACKEND!r}: use one of "
            f"{', '.join(EMAIL_BACKENDS)} or a dotted path to a backend class"
        )
    EMAIL_BACKEND = EMAIL_BACKENDS.get(HIZAKOSHI_EMAIL_BACKEND, HIZAKOSHI_EMAIL_BACKEND)
    if EMAIL_BACKENDS["console"] == EMAIL_BACKEND and HIZAKOSHI_EMAIL_BACKEND != "console":
        raise ImproperlyConfigured(MSG_CONSOLE_EMAIL_BY_PATH)
else:
    EMAIL_BACKEND = EMAIL_BACKENDS["console" if DEBUG else "smtp"]
EMAIL_HOST = env_str("HIZAKOSHI_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("HIZAKOSHI_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("HIZAKOSHI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("HIZAKOSHI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("HIZAKOSHI_EMAIL_TLS", False)
EMAIL_TIMEOUT = 10

# --- rate limits (django-ratelimit; counted in CACHES["ratelimit"]) ------------------------------
# "N/s", "N/m", "N/h" or "N/d": how many requests one IP (or one e-mail address) may send.
# Over the limit: a plain 429 page, or {"detail": ...} with 429 for the API (site/ratelimit.py).
RATELIMIT_ENABLE = env_bool("HIZAKOSHI_RATELIMIT_ENABLE", True)
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_VIEW = "hizakoshi.site.ratelimit.too_many"
RATELIMIT_LOGIN_IP = env_str("HIZAKOSHI_RATELIMIT_LOGIN_IP", "20/m")
RATELIMIT_RESET_EMAIL = env_str("HIZAKOSHI_RATELIMIT_RESET_EMAIL", "3/h")
RATELIMIT_RESET_IP = env_str("HIZAKOSHI_RATELIMIT_RESET_IP", "10/h")
RATELIMIT_SIGNUP_IP = env_str("HIZAKOSHI_RATELIMIT_SIGNUP_IP", "10/h")
RATELIMIT_API_IP = env_str("HIZAKOSHI_RATELIMIT_API_IP", "120/m")
# Second-factor codes checked, per staff member and per IP (clinic/staff/views.py).
RATELIMIT_OTP_USER = env_str("HIZAKOSHI_RATELIMIT_OTP_USER", "10/h")
RATELIMIT_OTP_IP = env_str("HIZAKOSHI_RATELIMIT_OTP_IP", "20/m")
# Bookings (page and API): per IP, and per phone number or e-mail address booked for.
RATELIMIT_BOOKING_IP = env_str("HIZAKOSHI_RATELIMIT_BOOKING_IP", "20/h")
RATELIMIT_BOOKING_CONTACT = env_str("HIZAKOSHI_RATELIMIT_BOOKING_CONTACT", "5/d")
DEFAULT_FROM_EMAIL = env_str("HIZAKOSHI_FROM_EMAIL", "hizakoshi@localhost")
PASSWORD_RESET_TIMEOUT = 3 * 3600

# --- reminders (journey/tasks.py, `send_reminders`) ----------------------------------------------
# django-tasks, the backport of Django 6's django.tasks. The immediate backend runs each task at
# once in the process that enqueues it, so `send_reminders` run from cron needs no worker, no
# queue table and no other service. A deployment with a worker names another backend here.
TASKS = {
    "default": {
        "BACKEND": env_str(
            "HIZAKOSHI_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# Links in e-mails sent outside a request (reminders) need the site's address.
HIZAKOSHI_SITE_URL = env_str("HIZAKOSHI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- the clinic the journey refers people to ---------------------------------------------------
# Shown with every "see a specialist" message. Empty values: the page says to see a doctor
# (整形外科) without naming a clinic.
HIZAKOSHI_CLINIC_NAME = env_str("HIZAKOSHI_CLINIC_NAME", "")
HIZAKOSHI_CLINIC_PHONE = env_str("HIZAKOSHI_CLINIC_PHONE", "")
HIZAKOSHI_CLINIC_URL = env_str("HIZAKOSHI_CLINIC_URL", "")
# The code people type to link with that clinic (clinic/migrations/0002 seeds it once).
HIZAKOSHI_CLINIC_CODE = env_str("HIZAKOSHI_CLINIC_CODE", "CLINIC1")
# Where that clinic is told of each booking made, moved or cancelled by a person (no name, no
# health: clinic/booking/notices.py); given to the clinic's row by migration 0007 when it has
# none (later: `hizakoshi clinic_add --update --booking-email`). Empty: the clinic is not told.
HIZAKOSHI_CLINIC_BOOKING_EMAIL = env_email("HIZAKOSHI_CLINIC_BOOKING_EMAIL", "")
# The item wording of questionnaires whose text may not ship with the app (KOOS, RMDQ, ODI, the
# Japanese STarT Back): a YAML or JSON file the clinic supplies under its own licence
# (care.instruments.load_clinic_item_texts). Empty: only NRS and the activity goals are offered.
HIZAKOSHI_INSTRUMENT_TEXT_FILE = env_str("HIZAKOSHI_INSTRUMENT_TEXT_FILE", "")
# The staff FHIR export names the diary's pain sites in SNOMED CT only for a clinic that holds a
# SNOMED CT licence (free only in SNOMED International's member countries): else in words.
HIZAKOSHI_FHIR_SNOMED = env_bool("HIZAKOSHI_FHIR_SNOMED", False)

# --- the self-check -------------------------------------------------------------------------
# How long the answers carried in the cookie stay valid (cookie max-age and signature age).
SELFCHECK_STATE_MAX_AGE = env_int("HIZAKOSHI_SELFCHECK_STATE_HOURS", 2, minimum=1) * 3600

LOG_LEVEL = env_str("HIZAKOSHI_LOG_LEVEL", "WARNING").strip().upper()
# Saved-result, calendar and password-reset links are keys: every log line shows them redacted
# (site/logredact.py; gunicorn's access log uses the same rule, see `hizakoshi serve`).
LOGGING = logging_config(LOG_LEVEL)
