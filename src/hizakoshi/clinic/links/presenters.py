"""The person's care links in words: what each link shares, and the consent points."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.model import Lang
from hizakoshi.clinic.links.consent import CONSENT_POINTS
from hizakoshi.clinic.models import CareLink

# CareLink.shared holds record kinds (consent.SHARED_KINDS); the person reads them as these.
SHARED_WORDS: dict[str, Promise] = {
    "selfcheck": _("your self-check answers and results"),
    "sessions": _("your exercise sessions"),
    "diary": _("your daily diary"),
    "measures": _("your questionnaires and function tests"),
    "plan": _("your exercise plan"),
    "escalations": _("messages advising you to see a doctor"),
}


def shared_words(kinds: object) -> list[str]:
    if not isinstance(kinds, list):
        return []
    return [str(SHARED_WORDS[k]) for k in kinds if k in SHARED_WORDS]


def consent_points(lang: Lang) -> list[str]:
    return [point.get(lang) for point in CONSENT_POINTS]


def link_view(link: CareLink) -> dict[str, Any]:
    return {
        "pk": link.pk,
        "clinic": link.clinic.name,
        "phone": link.clinic.phone,
        "name": link.name,
        "linked_at": link.linked_at,
        "ended_at": link.ended_at,
        "live": link.ended_at is None,
        "shared": shared_words(link.shared),
    }
