"""The dashboard's "check-in overdue" and the patient's own check-ins page say the same on the
same days: both ask the core's one schedule (care/journey/schedule.py) with the same start and
answers; the dashboard calls a check-in overdue from the day after it fell due while the
person's page still shows it as due."""

from __future__ import annotations

from datetime import date

import pytest

from clinic.dashboard.helpers import DAY, START, at, check_ins, started_and_linked, status
from hizakoshi.accounts.models import User
from hizakoshi.clinic.dashboard.services import status_refresh
from hizakoshi.clinic.models import Clinic
from hizakoshi.journey.checkins.selectors import checkins_now

pytestmark = pytest.mark.django_db

# Answered on the start day, a few days early for the second round, late for the third, and
# never for the fourth.
ANSWERED = (START + 52 * DAY, START + 90 * DAY)


def patients_page_overdue(person: User, day: date) -> date | None:
    """The earliest due day, before `day`, of a check-in the person's page shows as due."""
    due = [d.due_on for d in checkins_now(person=person, today=day).items if d.due and d.due_on]
    return min((d for d in due if d < day), default=None)


def test_the_dashboard_and_the_check_ins_page_agree_on_every_day_of_four_months(
    patient: User, clinic: Clinic
) -> None:
    started_and_linked(patient, clinic)
    seen = set()
    for n in range(1, 121):
        day = START + n * DAY
        if day in ANSWERED:
            check_ins(patient, day)
        status_refresh(person=patient, now=at(day))
        dashboard = status(patient, clinic).checkin_overdue_since
        assert dashboard == patients_page_overdue(patient, day), day
        seen.add(dashboard is not None)
    assert seen == {True, False}  # both answers met along the way
