"""Installable and offline: the web app manifest, the service worker and the offline page.

The service worker (serviceworker.js beside this file) is served by a view at /sw.js, so that
its scope is the whole site and its URL never changes, while the static files it keeps carry
content-hashed names. The view puts those names and a version in front of the script: any deploy
that changes a file changes the script's bytes, the browser installs the new worker (it checks
/sw.js on every page load, past any HTTP cache: `no-cache`), and the new worker drops the old
files and fetches the kept pages again. Pages are always asked of the network first, so a new
deploy never leaves anyone on a stale page while they are online.

Per person: a page of a logged-in person names them by `person_key`, an HMAC of their id that
tells nothing without the server's secret. The worker keeps one person's pages at a time; it
drops them on logging in or out, on deleting the account, and when a page names someone else
or no one. Queued diaries and sessions carry the same key and are sent only from that person's
pages.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hizakoshi.care.journey.schedule import schedule
from hizakoshi.journey.join.consent import ON_THIS_PHONE
from hizakoshi.site.language import current_lang

SOURCE = Path(__file__).with_name("serviceworker.js")
THEME = "#0b3d6e"  # the icon's blue: the phone's status bar around the installed app

# A queued diary is sent within the days the diary can still be changed, or dropped: the server
# would refuse it after that, and the phone keeps as little as it can (the consent says so).
PHONE_KEEP_DAYS = schedule().diary.edit_days

# What opens without a connection: Today, today's session (its drawings are among the static
# files) and the diary form.
OFFLINE_PAGES = ("journey:today", "journey:session", "journey:diary")
# Posts that change who is logged in: the kept pages are dropped before they go.
FORGET_ON_POST = ("accounts:login", "accounts:logout", "journey:delete")
STATIC_FILES = (
    "hizakoshi/site.css",
    "hizakoshi/offline.js",
    "hizakoshi/session.js",
    "hizakoshi/steps.js",
    "hizakoshi/icon.svg",
    "hizakoshi/icon-192.png",
)


def person_key(user: Any) -> str:
    """Names the logged-in person to the service worker and the queue; "" for a visitor."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return ""
    return salted_hmac("hizakoshi.site.pwa.person", str(user.pk)).hexdigest()[:24]


def _static_files() -> list[str]:
    drawings = sorted((settings.CONTENT_DIR / "illustrations").glob("*.svg"))
    names = [*STATIC_FILES, *(f"illustrations/{path.name}" for path in drawings)]
    return [staticfiles_storage.url(name) for name in names]


@cache  # the static files' names are fixed for the life of the process
def _worker() -> str:
    config = {
        "static": settings.STATIC_URL,
        "assets": _static_files(),
        "pages": [reverse(name) for name in OFFLINE_PAGES],
        "offline": reverse("offline"),
        "forget": [reverse(name) for name in FORGET_ON_POST],
    }
    source = SOURCE.read_text(encoding="utf-8")
    head = json.dumps(config, sort_keys=True)
    config["version"] = hashlib.sha256((head + source).encode()).hexdigest()[:12]
    return f"const CONFIG = {json.dumps(config, sort_keys=True)};\n{source}"


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_worker(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # the browser asks every time whether it changed
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    name = _("Hizakoshi Navi")
    icons = [
        {
            "src": staticfiles_storage.url("hizakoshi/icon-app.svg"),
            "sizes": "any",
            "type": "image/svg+xml",
        },
        *(
            {
                "src": staticfiles_storage.url(f"hizakoshi/icon-{n}.png"),
                "sizes": f"{n}x{n}",
                "type": "image/png",
                "purpose": "any",
            }
            for n in (192, 512)
        ),
        # The drawing keeps to the middle 60%: a phone may cut the square to a circle.
        {
            "src": staticfiles_storage.url("hizakoshi/icon-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "id": "/",
        "name": name,
        "short_name": name,
        "description": _("Exercises and a daily diary for knee and low-back pain."),
        "lang": current_lang(),
        "dir": "ltr",
        "start_url": reverse("journey:today"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": icons,
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page it has not kept, when there is no connection."""
    lang = current_lang()
    pages = [
        (reverse("journey:today"), _("Today")),
        (reverse("journey:session"), _("Today's exercises")),
        (reverse("journey:diary"), _("Today's check-in")),
    ]
    context = {"pages": pages, "on_this_phone": ON_THIS_PHONE.get(lang)}
    return render(request, "site/offline.html", context)
