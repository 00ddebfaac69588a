"""Too many requests: the 429 answers, and the API's per-IP limit.

The page and form limits are decorators on their views (accounts/views.py; the sign-up counts in
journey/join/views.py); a limit reached raises django-ratelimit's Ratelimited, which the
middleware turns into the plain 429 page (or the JSON answer under /api/). The API is limited
here, in front of it, per IP and per rate in RATELIMIT_API_IP, so that its module needs no change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

V = TypeVar("V", bound=Callable[..., Any])

API_PREFIX = "/api/"
MSG_TOO_MANY = _("Too many requests. Please wait a little and try again.")
RETRY_AFTER_SECONDS = 60


Key = str | Callable[[str, HttpRequest], str]


def limited(*, key: Key, rate: str, group: str) -> Callable[[V], V]:
    """django-ratelimit's decorator on POST, with the rate named by a setting and read at each
    request (so tests and deployments can change it). Over the limit: the 429 page."""

    def current_rate(group: str, request: HttpRequest) -> str:
        return str(getattr(settings, rate))

    return cast(Callable[[V], V], ratelimit(key=key, rate=current_rate, method="POST", group=group))


def count_or_refuse(request: HttpRequest, *, key: Key, rate: str, group: str) -> None:
    """Count this request against the limit named by the setting `rate`; over the limit,
    raise Ratelimited (the 429 page). For views that limit only some of their POSTs."""
    usage = get_usage(
        request, group=group, key=key, rate=str(getattr(settings, rate)), increment=True
    )
    if usage is not None and usage["should_limit"]:
        raise Ratelimited()


def too_many(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = JsonResponse({"detail": str(MSG_TOO_MANY)}, status=429)
    else:
        response = render(request, "429.html", {"message": MSG_TOO_MANY}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path.startswith(API_PREFIX):
            usage = get_usage(
                request, group="api", key="ip", rate=settings.RATELIMIT_API_IP, increment=True
            )
            if usage is not None and usage["should_limit"]:
                return too_many(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Ratelimited):
            return too_many(request, exception)
        return None
