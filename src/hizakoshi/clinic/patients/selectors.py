"""Reads for the patient page, the pre-visit PDF and the clinic's FHIR export: one linked
person's records, gathered into the typed report (report.py). Reads only; every judgement comes
from the core (care.journey.series_progress, care.journey.scorechange, the stored self-check).

The view has already asked the access door for the person; these functions take the care link
it found (the link names the person and carries the name the clinic knows them by).
"""

from __future__ import annotations

from datetime import date
from typing import get_args

from django.db.models import QuerySet
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import series_progress, weight_direction
from hizakoshi.care.journey.content import SeriesId, series_rule
from hizakoshi.care.journey.progress import Point, shown
from hizakoshi.care.journey.scorechange import score_changes
from hizakoshi.care.model import Lang
from hizakoshi.clinic.models import Acknowledgement, AttentionKind, CareLink, Clinic
from hizakoshi.clinic.patients import presenters
from hizakoshi.clinic.patients.report import (
    AckRow,
    EscalationRow,
    PatientHeader,
    PatientReport,
    ScoreRow,
    SelfCheckShown,
    SeriesRow,
    WeekShown,
)
from hizakoshi.clinic.roles import may
from hizakoshi.journey.diary.selectors import knee_sides
from hizakoshi.journey.escalations.selectors import escalation_shown
from hizakoshi.journey.models import Assessment, OutcomeResponse
from hizakoshi.journey.pause.presenters import URGENCY_LABELS, diary_pause_view
from hizakoshi.journey.pause.selectors import pause_now
from hizakoshi.journey.plan.selectors import (
    assessment_latest,
    plan_items_active,
    walking_target_active,
)
from hizakoshi.journey.progress.selectors import MeasureRecords, measure_records
from hizakoshi.journey.summary.presenters import PAIN_WEEKS
from hizakoshi.journey.summary.selectors import INSTRUMENTS, escalations_latest
from hizakoshi.site.access import Need

# The flags a clinic acknowledges that belong with the escalations on this report.
ACK_KINDS = (AttentionKind.ESCALATION, AttentionKind.RED_FLAG)
# The newest few acknowledgements, as for escalations (journey.summary.selectors): a page and a
# two-page PDF, not the full history (the audit trail and the dashboard keep that).
ACKS_SHOWN = 5


def care_link_live(*, person: User, clinic: Clinic) -> CareLink:
    """The person's live link with the clinic (the door has just found it; this reads it)."""
    return CareLink.objects.get(person=person, clinic=clinic, ended_at__isnull=True)


def linked_here(*, clinic: Clinic, role: str, person_id: int) -> bool:
    """Whether a member of `clinic` with `role` could read this person's records at all: used to
    answer a method the page does not take with 405 rather than 404. Reads no records and
    writes no audit event; the records themselves are reached only through the access door."""
    if not may(role, Need.READ):
        return False
    live = CareLink.objects.filter(clinic=clinic, person_id=person_id, ended_at__isnull=True)
    return live.filter(person__is_active=True).exists()


def acknowledgements_of(*, link: CareLink) -> QuerySet[Acknowledgement]:
    return Acknowledgement.objects.filter(link=link, kind__in=ACK_KINDS).order_by("-at", "-pk")


Outcome = tuple[str, date, dict[str, object]]  # instrument, day, stored scores


def outcomes_in_order(*, person: User, today: date) -> list[Outcome]:
    rows = OutcomeResponse.objects.filter(person=person, taken_on__lte=today)
    return [
        (instrument, taken_on, scores if isinstance(scores, dict) else {})
        for instrument, taken_on, scores in rows.order_by("taken_on", "pk").values_list(
            "instrument", "taken_on", "scores"
        )
    ]


def _age(birth: date | None, today: date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _header(link: CareLink, records: MeasureRecords, today: date) -> PatientHeader:
    return PatientHeader(
        person_id=link.person_id,
        name=link.name,
        name_kana=link.name_kana,
        birth_date=link.birth_date,
        age=_age(link.birth_date, today),
        linked_on=timezone.localdate(link.linked_at),
        start=records.start,
    )


def _self_check(person: User, latest: Assessment | None, lang: Lang) -> SelfCheckShown | None:
    if latest is None or not isinstance(latest.assessment, dict):
        return None
    return presenters.self_check_shown(
        latest.assessment,
        latest.answers,
        lang=lang,
        taken_on=timezone.localdate(latest.created_at),
        source=latest.source,
        engine_version=latest.engine_version,
        content_hash=latest.content_hash,
        earlier=max(0, Assessment.objects.filter(person=person).count() - 1),
    )


def _scores(outcomes: list[Outcome], lang: Lang) -> tuple[ScoreRow, ...]:
    """Each questionnaire's first answer against its latest (NRS: per region), judged by the
    core against the MCID (care.journey.scorechange); in the order a doctor reads them."""
    groups: dict[tuple[str, str], list[tuple[date, dict[str, object]]]] = {}
    for instrument, day, scores in outcomes:
        region = str(scores.get("region") or "") if instrument == "nrs" else ""
        groups.setdefault((instrument, region), []).append((day, scores))
    order = {name: i for i, name in enumerate(INSTRUMENTS)}
    rows: list[ScoreRow] = []
    for (instrument, region), answers in sorted(
        groups.items(),
        key=lambda kv: (order.get(kv[0][0], len(order)), kv[0][0], kv[0][1] != "knee"),
    ):
        first, latest = answers[0], answers[-1]
        judged = (
            {c.field: c for c in score_changes(instrument, first[1], latest[1])}
            if len(answers) > 1
            else {}
        )
        rows += presenters.score_rows(instrument, region, first, latest, judged, lang)
    return tuple(rows)


def _series_row(sid: SeriesId, records: MeasureRecords, lang: Lang) -> SeriesRow:
    # The same calls as the person's progress page (journey/progress/views.py): the weight's
    # direction from their goal (care.journey.weight_direction), sessions counted from day one.
    points = records.series.get(sid, [])
    goal = None if records.weight_goal is None else float(records.weight_goal)
    direction = weight_direction(points, goal) if sid == "weight" else None
    start = records.start if sid == "sessions" else None
    progress = series_progress(sid, points, today=records.today, start=start, direction=direction)
    rule = series_rule(sid)
    if sid == "sessions":  # one point per session: drawn as sessions per week, 0 included
        points = [Point(w.start, w.value or 0.0) for w in progress.weekly]
    return SeriesRow(
        id=sid,
        name=progress.name.get(lang),
        unit=presenters.unit_of(rule.display.get(lang)),
        decimals=rule.decimals,
        label=progress.label,
        label_text=progress.label_text.get(lang),
        reason=progress.reason.get(lang),
        rule=progress.rule.get(lang),
        points=tuple(points),
        # The latest weeks as the core shows a value ("3.5/10", "週2回"; a dash: no record).
        weeks=tuple(
            WeekShown(w.start, shown(rule, w.value).get(lang))
            for w in progress.weekly[-PAIN_WEEKS:]
        ),
    )


def _series(records: MeasureRecords, sides: tuple[str, ...], lang: Lang) -> tuple[SeriesRow, ...]:
    rows = []
    for sid in get_args(SeriesId):
        if sid == "sessions":
            continue  # adherence has its own part of the report
        side = sid.removeprefix("knee_pain_") if sid.startswith("knee_pain_") else None
        if side is not None and side not in sides and not records.series.get(sid):
            continue  # a knee that does not hurt and has no records
        rows.append(_series_row(sid, records, lang))
    return tuple(rows)


def _escalations(person: User, today: date, lang: Lang) -> tuple[EscalationRow, ...]:
    shown_rows = (escalation_shown(e, lang) for e in escalations_latest(person=person, today=today))
    return tuple(
        EscalationRow(
            raised_on=e.raised_on,
            urgency=str(URGENCY_LABELS.get(e.urgency, e.urgency)),
            headline=e.headline,
            reasons=tuple(e.reasons),
            seen=e.seen,
        )
        for e in shown_rows
    )


def _acknowledgements(link: CareLink) -> tuple[AckRow, ...]:
    return tuple(
        AckRow(at=a.at, kind=presenters.ack_kind_label(a.kind), note=a.note, by=a.by_label)
        for a in acknowledgements_of(link=link)[:ACKS_SHOWN]
    )


def _pause_lines(person: User, today: date, lang: Lang) -> tuple[bool, tuple[str, ...]]:
    pause = pause_now(person=person, today=today)
    if pause.diary is None:
        return pause.paused, ()
    view = diary_pause_view(pause.diary, lang)
    return True, (str(view["headline"]), *(str(line) for line in view["for_doctor"]))


def patient_report(*, link: CareLink, today: date, lang: Lang) -> PatientReport:
    """Everything the clinic reads before a visit, in `lang`. One query per kind of record
    (the measure records, outcomes, plan, escalations), whatever the years of data."""
    person = link.person
    records = measure_records(person=person, today=today)
    latest = assessment_latest(person=person)
    paused, pause_lines = _pause_lines(person, today, lang)
    return PatientReport(
        today=today,
        patient=_header(link, records, today),
        self_check=_self_check(person, latest, lang),
        paused=paused,
        pause_lines=pause_lines,
        plan=presenters.plan_lines(plan_items_active(person=person), lang),
        walking=presenters.walking_words(walking_target_active(person=person), lang),
        scores=_scores(outcomes_in_order(person=person, today=today), lang),
        series=_series(records, knee_sides(latest), lang),
        sessions=_series_row("sessions", records, lang),
        sessions_total=len(records.series.get("sessions", [])),
        escalations=_escalations(person, today, lang),
        acknowledgements=_acknowledgements(link),
    )
