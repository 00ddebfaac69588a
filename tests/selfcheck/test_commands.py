"""purge_results deletes what has expired; load_demo can run again and again."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from hizakoshi.selfcheck.consent import RETENTION_DAYS
from hizakoshi.selfcheck.models import ConsentRecord, SavedResult

from .factories import saved_result

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_purge_keeps_results_younger_than_ninety_days() -> None:
    saved_result()
    with time_machine.travel(timezone.now() + timedelta(days=RETENTION_DAYS - 1)):
        assert "deleted 0" in run("purge_results")
    assert SavedResult.objects.count() == 1


def test_purge_deletes_results_past_ninety_days_and_keeps_the_consent_record() -> None:
    saved_result()
    with time_machine.travel(timezone.now() + timedelta(days=RETENTION_DAYS, hours=1)):
        assert "deleted 1" in run("purge_results")
    assert SavedResult.objects.count() == 0
    consent = ConsentRecord.objects.get()
    assert consent.result is None and consent.data_deleted_at is not None


def test_a_dry_run_only_counts() -> None:
    saved_result()
    with time_machine.travel(timezone.now() + timedelta(days=RETENTION_DAYS + 1)):
        assert "would delete 1" in run("purge_results", "--dry-run")
    assert SavedResult.objects.count() == 1


def test_load_demo_twice_gives_the_same_three_results_at_the_same_links(client: Client) -> None:
    first = run("load_demo")
    second = run("load_demo")
    assert first == second
    assert SavedResult.objects.filter(is_demo=True).count() == 3
    assert ConsentRecord.objects.count() == 0
    links = re.findall(r"https?://[^/\s]+(/r/[^\s]+/)", first)
    assert len(links) == 3
    for link in links:
        page = client.get(link)
        assert page.status_code == 200
        assert "data-urgency" in page.content.decode()
    assert "emergency" in first
