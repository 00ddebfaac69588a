"""Pages of the booking flow as a browser meets them, for the booking tests."""

from __future__ import annotations

import html
import re
from typing import Any

from django.test import Client

from answers import ANSWERS, as_form
from hizakoshi.selfcheck.flow import RESULT, FlowState


def result_state(answers: dict[str, Any] | None = None) -> str:
    """The signed answers a result page carries in its forms (`state`)."""
    return FlowState(RESULT, as_form(answers or ANSWERS)).dump()


def first_slot(page: str) -> str:
    found = re.search(r"/book/details/\?slot=([\d-]+)", page)
    assert found, "no free time on the page"
    return found.group(1)


def form_fields(page: str) -> dict[str, str]:
    """The hidden fields of the booking form (the slot and the idempotency key)."""
    fields = {}
    for name in ("resource", "starts_at", "idempotency_key"):
        found = re.search(rf'name="{name}" value="([^"]*)"', page)
        assert found, name
        fields[name] = html.unescape(found.group(1))
    return fields


DETAILS = {
    "name": "山田 花子",
    "name_kana": "やまだ はなこ",
    "phone": "090-1234-5678",
    "email": "hanako.yamada@example.jp",
    "contact_by": "email",
    "message": "",
    "consent": "on",
}


def open_form(client: Client) -> str:
    """The booking form for the first free time."""
    start = client.get("/book/").content.decode()
    return client.get(f"/book/details/?slot={first_slot(start)}").content.decode()


def book(client: Client, **changes: str) -> Any:
    """Choose the first free time and send the form; the response (not followed)."""
    page = open_form(client)
    return client.post("/book/details/", form_fields(page) | DETAILS | changes)
