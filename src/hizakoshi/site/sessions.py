"""An absolute limit on a login, besides the idle timeout.

SESSION_COOKIE_AGE (HIZAKOSHI_SESSION_MINUTES) logs a person out after a while without activity;
a session kept busy, by the person or by someone who took the cookie, would otherwise last for
ever. SESSION_MAX_AGE (HIZAKOSHI_SESSION_MAX_HOURS, default 12) ends any login that long after it
began, however active: the next request is anonymous and pages that need a login ask for it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

LOGIN_STARTED = "hizakoshi_login_started"  # session key: Unix time of the login


@receiver(user_logged_in)
def _remember_when_the_login_began(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_STARTED] = int(time.time())


class AbsoluteSessionLimitMiddleware:
    """After AuthenticationMiddleware: logs out a login older than SESSION_MAX_AGE seconds."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(LOGIN_STARTED)
            if not isinstance(started, int):
                # A login from before this rule (or from a test client): the clock starts now.
                request.session[LOGIN_STARTED] = now
            elif now - started >= settings.SESSION_MAX_AGE:
                logout(request)  # flushes the session and sets an anonymous user
        return self.get_response(request)
