"""Installable and offline: the manifest, the service worker at /sw.js (its hashed file names
and version follow each deploy), the offline page, and who the pages say is logged in."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client, override_settings

from hizakoshi.journey.join.consent import CONSENT_POINTS, ON_THIS_PHONE
from hizakoshi.site import pwa
from people import person

pytestmark = pytest.mark.django_db

HASHED = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "hizakoshi.site.storage.StaticStorage"},
}


@pytest.fixture(autouse=True)
def _fresh_worker() -> Iterator[None]:
    pwa._worker.cache_clear()
    yield
    pwa._worker.cache_clear()


def worker_config(client: Client) -> dict[str, Any]:
    body = client.get("/sw.js").content.decode()
    head = re.match(r"const CONFIG = (\{.*\});\n", body)
    assert head, body[:200]
    config: dict[str, Any] = json.loads(head.group(1))
    return config


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_the_manifest_names_the_app_in_japanese_and_starts_at_today(client: Client) -> None:
    answer = client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="ja-JP")
    assert answer["Content-Type"] == "application/manifest+json"
    data = answer.json()
    assert data["name"] == "膝腰ナビ" and data["lang"] == "ja"
    assert data["start_url"] == "/me/today/" and data["scope"] == "/"
    assert data["display"] == "standalone"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])


def test_every_icon_the_manifest_names_exists_at_its_size(client: Client) -> None:
    for icon in client.get("/manifest.webmanifest").json()["icons"]:
        path = finders.find(icon["src"].removeprefix(settings.STATIC_URL))
        assert path, icon["src"]
        if icon["type"] == "image/png":
            n = int(icon["sizes"].split("x")[0])
            assert png_size(Path(path)) == (n, n)


def test_the_worker_is_served_at_the_root_and_always_asked_again(client: Client) -> None:
    answer = client.get("/sw.js")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/javascript")
    assert answer["Cache-Control"] == "no-cache"
    assert answer["Service-Worker-Allowed"] == "/"
    assert client.post("/sw.js").status_code == 405


def test_the_worker_keeps_todays_pages_the_drawings_and_the_offline_page(client: Client) -> None:
    config = worker_config(client)
    assert config["pages"] == ["/me/today/", "/me/session/", "/me/diary/"]
    assert config["offline"] == "/offline/"
    assert config["forget"] == ["/accounts/login/", "/accounts/logout/", "/me/delete/"]
    drawings = sorted((settings.CONTENT_DIR / "illustrations").glob("*.svg"))
    assert drawings
    for drawing in drawings:
        assert f"/static/illustrations/{drawing.name}" in config["assets"]
    assert "/static/hizakoshi/offline.js" in config["assets"]
    assert all(url.startswith("/static/") for url in config["assets"])  # nothing from elsewhere


def test_after_collectstatic_the_worker_keeps_the_hashed_names_and_a_changed_file_changes_it(
    client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with override_settings(STORAGES=HASHED, STATIC_ROOT=tmp_path):
        call_command("collectstatic", interactive=False, verbosity=0)
        before = worker_config(client)
        assert any(
            re.fullmatch(r"/static/hizakoshi/site\.[0-9a-f]{12}\.css", u) for u in before["assets"]
        )

        # A deploy with a changed stylesheet: another hashed name, so another worker.
        pwa._worker.cache_clear()
        hashed = pwa._static_files()
        renamed = [url.replace("/site.", "/site.0", 1) for url in hashed]
        monkeypatch.setattr(pwa, "_static_files", lambda: renamed)
        after = worker_config(client)
    assert after["version"] != before["version"]


def test_the_offline_page_says_what_stays_on_the_phone_and_names_no_one(client: Client) -> None:
    client.force_login(person("hanako@example.jp"))
    page = client.get("/offline/", HTTP_ACCEPT_LANGUAGE="ja")
    text = page.content.decode()
    assert page.status_code == 200
    assert "インターネットにつながっていません" in text
    assert ON_THIS_PHONE.ja in text
    assert 'name="hizakoshi-person"' not in text
    assert "data-offline-page" in text


def test_a_logged_in_page_names_the_person_by_a_key_that_tells_nothing(client: Client) -> None:
    hanako, taro = person("hanako@example.jp"), person("taro@example.jp")
    assert 'name="hizakoshi-person"' not in client.get("/").content.decode()
    client.force_login(hanako)
    key = pwa.person_key(hanako)
    assert f'<meta name="hizakoshi-person" content="{key}">' in client.get("/").content.decode()
    assert key == pwa.person_key(hanako) != pwa.person_key(taro)
    assert re.fullmatch(r"[0-9a-f]{24}", key)  # an HMAC: neither the id nor the address


def test_pages_of_a_signed_in_person_link_the_manifest_and_a_visitor_s_stay_light(
    client: Client,
) -> None:
    link = '<link rel="manifest" href="/manifest.webmanifest">'
    assert link not in client.get("/").content.decode()  # the browser would fetch it and its icons
    client.force_login(person("hanako@example.jp"))
    assert link in client.get("/").content.decode()
    assert link in client.get("/me/today/").content.decode()


def test_the_offline_script_runs_for_a_person_and_on_the_login_page_not_for_a_visitor(
    client: Client,
) -> None:
    script = 'src="/static/hizakoshi/offline.js"'
    landing = client.get("/").content.decode()
    assert script not in landing and "data-offline-notes" not in landing  # stays light
    login = client.get("/accounts/login/").content.decode()
    assert script in login and 'data-sw="/sw.js"' in login  # "please log in" can be said
    client.force_login(person("hanako@example.jp"))
    assert script in client.get("/me/today/").content.decode()


def test_the_consent_says_how_long_the_phone_keeps_what_it_could_not_send() -> None:
    assert ON_THIS_PHONE in CONSENT_POINTS
    assert f"{pwa.PHONE_KEEP_DAYS}日" in ON_THIS_PHONE.ja
    assert f"{pwa.PHONE_KEEP_DAYS} days" in ON_THIS_PHONE.en
