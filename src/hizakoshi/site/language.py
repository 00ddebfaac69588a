"""The person's language: Japanese unless they chose English."""

from __future__ import annotations

from typing import Literal, cast

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation

from hizakoshi.care.model import LANGS, Lang

SameSite = Literal["Lax", "Strict", "None", False] | None


def current_lang() -> Lang:
    return "en" if (translation.get_language() or "ja").startswith("en") else "ja"


def parse_lang(value: str | None) -> Lang | None:
    return next((lang for lang in LANGS if lang == value), None)


def switch_language(response: HttpResponse, lang: Lang) -> HttpResponse:
    """Remember a language chosen inside a form, as Django's set_language view would."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        lang,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=cast(SameSite, settings.LANGUAGE_COOKIE_SAMESITE),
    )
    return response
