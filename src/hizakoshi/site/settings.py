"""The one settings file. Every value that differs between a laptop and a server comes from an
environment variable, read through small helpers that fail loudly on a value they do not
understand (a typo in production must stop start-up, not silently fall back to a default).

Out of the box (`hizakoshi runserver` on 127.0.0.1) it works with no variables set: SQLite and a
generated secret key live in the per-user data folder, static files are served by whitenoise.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from platformdirs import user_data_dir

PACKAGE_DIR = Path(__file__).resolve().parent.parent
CONTENT_DIR = PACKAGE_DIR / "care" / "content"

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: use true or false")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: not a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r}: must be at least {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _data_dir() -> Path:
    path = Path(env_str("HIZAKOSHI_DATA_DIR", "") or user_data_dir("hizakoshi"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _secret_key(data_dir: Path) -> str:
    """The key from the environment, else one generated once and kept beside the database.

    Written through a hard link so that two processes starting at once (test workers, gunicorn)
    agree on one key instead of overwriting each other's.
    """
    from_env = env_str("HIZAKOSHI_SECRET_KEY", "")
    if from_env:
        return from_env
    path = data_dir / "secret_key"
    if not path.exists():
        tmp = data_dir / f".secret_key.{os.getpid()}"
        tmp.write_text(secrets.token_urlsafe(50), encoding="ascii")
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise ImproperlyConfigured(f"{path}: the secret key is too short; delete the file")
    return key


DATA_DIR = _data_dir()
SECRET_KEY = _secret_key(DATA_DIR)
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
    "axes",
    "django_tasks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "hizakoshi.site.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
DATABASES = {
    "default": (
        dj_database_url.parse(_database_url, conn_max_age=600, conn_health_checks=True)
        if _database_url
        else {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "hizakoshi.sqlite3",
            # Reopening the file on every request costs more than the query itself.
            "CONN_MAX_AGE": 600,
        }
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
# Serve straight from the app folders, so a fresh checkout needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# --- sessions and cookies -------------------------------------------------------------------------
# The self-check itself uses no session: answers travel in a signed cookie the server never stores
# (see selfcheck/flow.py), so nothing about a person's health is kept before consent.
SESSION_COOKIE_AGE = env_int("HIZAKOSHI_SESSION_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age above is an idle timeout
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
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
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
LOGIN_REDIRECT_URL = "journey:today"  # after login: what to do today
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
]
AUTHENTICATION_BACKENDS = [
    # Before the model backend, so that a locked-out login is refused before a password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one e-mail address lock it for a while, whether or not an account
# exists for it (so the lockout does not tell which addresses have accounts).
AXES_FAILURE_LIMIT = env_int("HIZAKOSHI_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("HIZAKOSHI_LOGIN_LOCKOUT_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes suggests adding the IP address; behind a proxy every visitor can share one, so one person
# could lock everybody out. Locking by the address typed is enough for guessing one password.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "hizakoshi.accounts.lockout.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not kept: less personal data
AXES_VERBOSE = False
EMAIL_BACKEND = env_str("HIZAKOSHI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
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
# The item wording of questionnaires whose text may not ship with the app (KOOS, RMDQ, ODI, the
# Japanese STarT Back): a YAML or JSON file the clinic supplies under its own licence
# (care.instruments.load_clinic_item_texts). Empty: only NRS and the activity goals are offered.
HIZAKOSHI_INSTRUMENT_TEXT_FILE = env_str("HIZAKOSHI_INSTRUMENT_TEXT_FILE", "")

# --- the self-check -------------------------------------------------------------------------
# How long the answers carried in the cookie stay valid (cookie max-age and signature age).
SELFCHECK_STATE_MAX_AGE = env_int("HIZAKOSHI_SELFCHECK_STATE_HOURS", 24, minimum=1) * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("HIZAKOSHI_LOG_LEVEL", "WARNING")},
}
