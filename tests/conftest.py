"""Settings every test shares."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture(scope="session", autouse=True)
def _static_files_by_their_plain_names() -> Iterator[None]:
    """Pages name static files as they are in the app folders, as under `runserver`.

    The hashed, compressed names of `hizakoshi serve` come from a collectstatic run, whose
    manifest in the data folder may be older than the code under test (tests/site/test_serve.py
    checks them on a real server).
    """
    with override_settings(STORAGES=PLAIN_STATIC):
        yield
