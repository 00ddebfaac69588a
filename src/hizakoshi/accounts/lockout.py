"""The name django-axes counts failed logins under: the address as typed, lower-cased, so
that changing the case of the letters does not start a new count."""

from __future__ import annotations

from collections.abc import Mapping

from django.http import HttpRequest

from hizakoshi.accounts.models import normalize_email


def axes_username(request: HttpRequest, credentials: Mapping[str, object] | None) -> str:
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalize_email(str(typed))
