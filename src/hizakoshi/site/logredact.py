"""Secret links never reach a log in full.

A saved result (/r/<token>/), a calendar feed (/calendar/<token>.ics), a booking's manage link
(/book/m/<token>/) and a password reset (/accounts/reset/<uid>/<token>/) are opened by whoever
holds the link, so a log line holding one is a key to someone's health record or booking.
`redact` replaces the secret part with REDACTED wherever a path appears in a log message:
Django's request and server loggers (the `RedactTokens` filter in settings.LOGGING) and
gunicorn's access and error logs (site/server.py, used by `hizakoshi serve`).
"""

from __future__ import annotations

import logging
import re

from django.core.exceptions import ImproperlyConfigured

REDACTED = "REDACTED"

# The token converters in selfcheck/urls.py and journey/reminders/urls.py accept 20-100 URL-safe
# characters; a reset link is /reset/<uidb64>/<token>/. Matched anywhere in a line, so a path with
# a query string, a Referer or a full URL is covered too.
_SECRET_PATHS = (
    re.compile(r"(/r/)[A-Za-z0-9_-]{20,100}(?=[/?#\s\"']|$)"),
    re.compile(r"(/calendar/)[A-Za-z0-9_-]{20,100}(?=\.ics)"),
    re.compile(r"(/reset/)[A-Za-z0-9_-]+/[A-Za-z0-9_-]+(?=[/?#\s\"']|$)"),
    re.compile(r"(/book/m/)[A-Za-z0-9_-]{20,100}(?=[/?#\s\"']|$)"),
)


def redact(text: str) -> str:
    """`text` with every secret link token replaced by REDACTED."""
    for pattern in _SECRET_PATHS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return text


class RedactTokens(logging.Filter):
    """A logging filter that rewrites the record's message with `redact` (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def logging_config(level: str) -> dict[str, object]:
    """settings.LOGGING: every line through the redacting filter at `level`; Django's own loggers
    (requests answered 4xx/5xx; runserver's access lines) through the same handler instead of
    Django's default ones."""
    if level not in LEVELS:
        choices = f"{', '.join(LEVELS[:-1])} or {LEVELS[-1]}"
        raise ImproperlyConfigured(f"HIZAKOSHI_LOG_LEVEL={level!r}: use {choices}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact_tokens": {"()": "hizakoshi.site.logredact.RedactTokens"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
