"""Writes of the home function tests; results always come from the core (care.functiontests)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import (
    FunctionTest,
    FunctionTestKind,
)
from hizakoshi.site.signals import records_changed_send

# --- home function tests -------------------------------------------------------------------------


@transaction.atomic
def function_test_record(
    *,
    person: User,
    kind: FunctionTestKind,
    values: Mapping[str, Any],
    result: Mapping[str, Any],
    taken_on: date,
) -> FunctionTest:
    test = FunctionTest.objects.create(
        person=person, kind=kind, values=dict(values), result=dict(result), taken_on=taken_on
    )
    records_changed_send(person=person)
    return test
