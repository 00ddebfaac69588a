"""Pages travel compressed to a browser that accepts gzip (a slow phone network: the result
page's HTML is several times larger than its gzip), with Django's BREACH mitigation on: the
same page compressed twice differs, so a secret in it cannot be guessed from the length."""

from __future__ import annotations

import gzip
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# The CSRF token is masked anew in every response; the rest of the page is the same.
_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def unmasked(page: bytes) -> bytes:
    return _TOKEN.sub(b"", page)


def test_a_page_is_sent_compressed_to_a_browser_that_accepts_gzip(client: Client) -> None:
    plain = client.get("/")
    packed = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert unmasked(gzip.decompress(packed.content)) == unmasked(plain.content)
    assert len(packed.content) < len(plain.content)


def test_the_compressed_bytes_differ_each_time_against_breach(client: Client) -> None:
    first = client.get("/", HTTP_ACCEPT_ENCODING="gzip").content
    second = client.get("/", HTTP_ACCEPT_ENCODING="gzip").content
    assert unmasked(gzip.decompress(first)) == unmasked(gzip.decompress(second))
    assert first != second


def test_a_browser_that_does_not_accept_gzip_gets_the_plain_page(client: Client) -> None:
    response = client.get("/")
    assert not response.has_header("Content-Encoding")
