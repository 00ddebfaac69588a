"""Reads for the scheduled reviews: who has a journey to review."""

from __future__ import annotations

from hizakoshi.accounts.models import User


def journey_people_ids() -> list[int]:
    """Everyone who kept a self-check in their account (so has a journey), in id order.

    Ids, not rows: the job reviews each person in a transaction of their own and reads them
    there, so a person deleted meanwhile is simply skipped.
    """
    found = User.objects.filter(journey_assessments__isnull=False).distinct().order_by("pk")
    return list(found.values_list("pk", flat=True))
