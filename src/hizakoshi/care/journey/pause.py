"""Is self-care paused by a warning sign in the diary, and what to tell the doctor.

A diary sign that needs a doctor (emergency, same day, within days: care.triage.PAUSING) pauses
the plan until the person records that a doctor has seen them and said they may go on
(a `Clearance`, with the day they were seen). A clearance covers the signs it was given for,
noted on or before the day the doctor saw them; a sign noted later, or another sign, pauses
again. There is no time limit: the plan stays paused until a doctor has seen the person
(clinical-spec.md §1: emergency, same-day and within-days signs pause self-care completely).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hizakoshi.care.journey.content import fill, journey
from hizakoshi.care.journey.diaryflags import DiaryReport, diary_triage
from hizakoshi.care.journey.escalation import day_text
from hizakoshi.care.model import Frozen, Text, Triage
from hizakoshi.care.triage import PAUSING


class Clearance(Frozen):
    """The person saw a doctor on `seen_on`, who said they may resume, for these signs."""

    seen_on: date
    signs: tuple[str, ...]


class DiaryPause(Frozen):
    triage: Triage  # the most urgent sign decides; self_care_paused is True
    reports: tuple[DiaryReport, ...]  # the days with signs not yet cleared, oldest first
    first_day: date  # the earliest of them: a doctor's visit cannot be before it
    for_doctor: tuple[Text, ...]  # the signs in the person's words, with the day noted

    @property
    def signs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for r in self.reports for s in r.signs))


def _cleared(day: date, sign: str, clearances: Iterable[Clearance]) -> bool:
    return any(day <= c.seen_on and sign in c.signs for c in clearances)


def not_cleared(
    reports: Iterable[DiaryReport], clearances: Iterable[Clearance]
) -> tuple[DiaryReport, ...]:
    """The reports without the signs a doctor's visit has covered (days left empty dropped)."""
    cleared = tuple(clearances)
    found = []
    for report in reports:
        left = tuple(s for s in report.signs if not _cleared(report.day, s, cleared))
        if left:
            found.append(DiaryReport(day=report.day, signs=left))
    return tuple(found)


def diary_pause(
    reports: Iterable[DiaryReport], clearances: Iterable[Clearance], *, today: date
) -> DiaryPause | None:
    """The diary's pause on `today`, or None when no sign noted up to today still pauses."""
    cleared = tuple(clearances)
    open_reports: list[DiaryReport] = []
    for report in sorted(reports, key=lambda r: r.day):
        if report.day > today:
            continue
        pausing = {h.id for h in diary_triage(report.signs).hits if h.urgency in PAUSING}
        left = tuple(
            s for s in report.signs if s in pausing and not _cleared(report.day, s, cleared)
        )
        if left:
            open_reports.append(DiaryReport(day=report.day, signs=left))
    if not open_reports:
        return None
    words = journey().escalation.rules["red_flag_diary"].reason
    lines = []
    for report in open_reports:
        hits = diary_triage(report.signs).hits
        signs = Text(
            ja="".join(f"「{h.sign.ja}」" for h in hits), en="; ".join(h.sign.en for h in hits)
        )
        lines.append(fill(words, date=day_text(report.day), signs=signs))
    return DiaryPause(
        triage=diary_triage(s for r in open_reports for s in r.signs),
        reports=tuple(open_reports),
        first_day=open_reports[0].day,
        for_doctor=tuple(lines),
    )
