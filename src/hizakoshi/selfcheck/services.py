"""Writes: saving a result with its consent, deleting it, purging expired ones."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.model import Answers, Lang
from hizakoshi.selfcheck.consent import CONSENT_PURPOSE, RETENTION_DAYS
from hizakoshi.selfcheck.models import ConsentRecord, SavedResult
from hizakoshi.selfcheck.selectors import results_expired
from hizakoshi.site.tokens import new_token, token_hash


@transaction.atomic
def result_save(
    *,
    answers: Answers,
    lang: Lang,
    consent_version: str,
    is_demo: bool = False,
    token: str | None = None,
    now: datetime | None = None,
) -> SavedResult:
    """Store the answers and the result the engine gives for them, with the consent record.

    The result is computed here again from the answers rather than taken from the page, so what
    is stored is always what the engine says. The returned instance carries `link_token`, the
    only copy of the link's secret (the database keeps its hash).
    """
    now = now or timezone.now()
    token = token or new_token()
    assessment = assess(answers)
    saved = SavedResult.objects.create(
        token_hash=token_hash(token),
        answers=answers.model_dump(mode="json"),
        assessment=assessment.model_dump(mode="json"),
        engine_version=assessment.engine_version,
        content_hash=assessment.content_hash,
        language=lang,
        is_demo=is_demo,
        created_at=now,
        expires_at=now + timedelta(days=RETENTION_DAYS),
    )
    if not is_demo:
        ConsentRecord.objects.create(
            purpose=CONSENT_PURPOSE,
            text_version=consent_version,
            language=lang,
            agreed_at=now,
            result=saved,
        )
    saved.link_token = token
    return saved


def result_keep(*, person: User, token: str) -> bool:
    """Mark the saved result behind a link as kept in the person's account, so it is deleted
    with the account. False when the link is unknown."""
    return bool(SavedResult.objects.filter(token_hash=token_hash(token)).update(kept_by=person))


def results_kept_delete(*, person: User, now: datetime | None = None) -> int:
    """Delete the saved results the person kept in their account (their links stop opening;
    the consent records stay, as for any deleted result). Returns how many."""
    kept = list(SavedResult.objects.filter(kept_by=person))
    for result in kept:
        result_delete(result=result, now=now)
    return len(kept)


@transaction.atomic
def result_delete(*, result: SavedResult, now: datetime | None = None) -> None:
    """Delete the health data; keep the consent record (no health data) with the deletion time."""
    ConsentRecord.objects.filter(result=result).update(
        result=None, data_deleted_at=now or timezone.now()
    )
    result.delete()


@transaction.atomic
def results_purge(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Delete every saved result past its expiry date. Returns how many."""
    now = now or timezone.now()
    expired = results_expired(now=now)
    count = expired.count()
    if not dry_run:
        ConsentRecord.objects.filter(result__in=expired).update(result=None, data_deleted_at=now)
        expired.delete()
    return count
