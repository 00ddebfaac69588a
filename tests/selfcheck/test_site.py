"""Site-wide: security headers, a strict CSP with no inline code, languages, error pages."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.test import Client

from hizakoshi.site import settings as site_settings

from .factories import CHECK_URL, body, complete, knee_origin_answers, saved_result

pytestmark = pytest.mark.django_db

INLINE_CODE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),  # inline script
    re.compile(r"<style", re.I),
    re.compile(r"\sstyle=", re.I),
    re.compile(r"\son[a-z]+=", re.I),  # onclick= and friends
    re.compile(r"javascript:", re.I),
    re.compile(r"https?://(?!127\.0\.0\.1|testserver)", re.I),  # third-party hosts
]


def pages(client: Client) -> dict[str, str]:
    saved = saved_result()
    return {
        "landing": client.get("/").content.decode(),
        "step": client.get(CHECK_URL).content.decode(),
        "result": complete(client, knee_origin_answers()).content.decode(),
        "saved": client.get(f"/r/{saved.link_token}/").content.decode(),
        "404": client.get("/no-such-page/").content.decode(),
    }


def test_pages_have_no_inline_script_or_style_and_no_third_party_hosts(client: Client) -> None:
    for name, html in pages(client).items():
        for pattern in INLINE_CODE:
            assert not pattern.search(html), f"{name}: {pattern.pattern}"


def test_every_page_sends_a_strict_content_security_policy(client: Client) -> None:
    for url in ("/", CHECK_URL, "/no-such-page/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy


def test_security_headers_are_set(client: Client) -> None:
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_self_check_pages_are_never_cached(client: Client) -> None:
    assert "no-store" in client.get(CHECK_URL)["Cache-Control"]


def test_the_landing_page_is_japanese_by_default(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<html lang="ja">' in html
    assert "約5分" in html
    assert 'href="#main"' in html


def test_the_language_switcher_works_without_javascript(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "about 5 minutes" in html


def test_the_whole_result_page_stays_small(client: Client) -> None:
    html = complete(client, knee_origin_answers()).content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    total = len(html) + sum(len(body(client.get(a.decode()))) for a in set(assets))
    assert total <= 60 * 1024


def test_a_404_page_is_in_japanese(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


def test_the_500_page_renders_without_a_request() -> None:
    html = render_to_string("500.html")
    assert "<h1>" in html


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_a_bad_boolean_setting_stops_start_up(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("HIZAKOSHI_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured):
        site_settings.env_bool("HIZAKOSHI_TEST_FLAG", False)


def test_a_bad_number_setting_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIZAKOSHI_TEST_NUMBER", "thirty")
    with pytest.raises(ImproperlyConfigured):
        site_settings.env_int("HIZAKOSHI_TEST_NUMBER", 30)


def test_boolean_settings_accept_the_usual_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIZAKOSHI_TEST_FLAG", "True")
    assert site_settings.env_bool("HIZAKOSHI_TEST_FLAG", False) is True
    monkeypatch.setenv("HIZAKOSHI_TEST_FLAG", "off")
    assert site_settings.env_bool("HIZAKOSHI_TEST_FLAG", True) is False


def test_every_interface_string_has_a_japanese_translation() -> None:
    po = site_settings.PACKAGE_DIR / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    entries = po.read_text(encoding="utf-8").split("\n\n")[1:]  # the first is the header
    # an empty msgstr with no continuation line below it
    untranslated = [e for e in entries if re.search(r'^msgstr(\[0\])? ""$(?!\n")', e, re.M)]
    assert untranslated == []
    assert "#, fuzzy" not in po.read_text(encoding="utf-8")
    assert po.with_suffix(".mo").stat().st_size > 0


def test_a_broken_content_file_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.apps import apps

    from hizakoshi.care import content
    from hizakoshi.care.yamlfile import ContentError

    def broken() -> None:
        raise ContentError("exercises.yaml: steps: too short")

    monkeypatch.setattr(content, "load_all", broken)
    with pytest.raises(ContentError):
        apps.get_app_config("selfcheck").ready()
