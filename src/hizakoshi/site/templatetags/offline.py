"""The base template's part in working offline (site/pwa.py): who is logged in, for the service
worker and the phone's queue, and how long the queue keeps what it could not send."""

from __future__ import annotations

from typing import Any

from django import template

from hizakoshi.site.pwa import PHONE_KEEP_DAYS
from hizakoshi.site.pwa import person_key as _person_key

register = template.Library()


@register.simple_tag(takes_context=True)
def person_key(context: dict[str, Any]) -> str:
    request = context.get("request")
    return _person_key(getattr(request, "user", None))


@register.simple_tag
def phone_keep_days() -> int:
    return PHONE_KEEP_DAYS
