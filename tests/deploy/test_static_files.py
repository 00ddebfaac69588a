"""Static files: hashed names after collectstatic, plain names (still working) before it."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings

HASHED = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "hizakoshi.site.storage.StaticStorage"},
}


def test_the_site_uses_the_compressing_hashing_storage() -> None:
    from django.conf import settings

    # tests/conftest.py swaps it for the plain one; the settings module names this one.
    from hizakoshi.site import settings as site_settings

    assert site_settings.STORAGES["staticfiles"] == HASHED["staticfiles"]
    assert settings.STORAGES["staticfiles"] != HASHED["staticfiles"]


def test_before_collectstatic_a_page_names_the_plain_file(tmp_path: Path) -> None:
    with override_settings(STORAGES=HASHED, STATIC_ROOT=tmp_path):
        assert static("hizakoshi/site.css") == "/static/hizakoshi/site.css"


def test_after_collectstatic_a_page_names_the_hashed_file_with_a_gzip_copy(
    tmp_path: Path,
) -> None:
    with override_settings(STORAGES=HASHED, STATIC_ROOT=tmp_path):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = static("hizakoshi/site.css")
    assert re.fullmatch(r"/static/hizakoshi/site\.[0-9a-f]{12}\.css", url)
    collected = tmp_path / url.removeprefix("/static/")
    assert collected.exists()
    assert Path(f"{collected}.gz").exists()
