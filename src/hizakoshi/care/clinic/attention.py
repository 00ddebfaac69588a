"""Who needs the clinic's attention: the facts of one linked person's records in, the kinds of
attention they need out, most urgent first, with the row's priority.

Each kind is "raised" by a fact with a time, and an acknowledgement by the clinic's staff (with
a note) drops it until a new one is raised:
- red_flag: a warning sign that pauses self-care (care.triage.PAUSING: a doctor within days or
  sooner) answered in the diary (not covered by a doctor's visit the person recorded:
  care.journey.pause.not_cleared) or in a self-check, recorded after the last acknowledgement
  (a sign that only asks for a routine visit is the person's to book, not a flag);
- escalation: a specialist message (journey.yaml escalation) raised after the last
  acknowledgement's day (the warning-sign messages are red_flag's);
- pain_worse: a pain series of clinic.yaml is "worse" by the progress page's own comparison
  (care.journey.progress: the NRS MCIDs of instruments.yaml); after an acknowledgement, only when
  pain is worse again, by the same threshold, than the last week before the acknowledgement;
- high_risk: the latest STarT Back answers are in the high-risk group and came after the last
  acknowledgement;
- inactive: no record for `inactive_days` (clinic.yaml); a new spell after new records;
- checkin_overdue: a check-in still due (care.journey.schedule.checkins_due) after its due day;
  a new round's due day raises it again.
Warning signs and messages count from `before_link_days` before the person linked with the clinic.
Time is passed in (`today`, the acknowledgements' times), never read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from hizakoshi.care.clinic.content import AttentionKind, clinic_content
from hizakoshi.care.journey.content import RiskGroup, SeriesId, series_rule
from hizakoshi.care.journey.diaryflags import DiaryReport, diary_known_signs, diary_triage
from hizakoshi.care.journey.pause import Clearance, not_cleared
from hizakoshi.care.journey.progress import Point, classify, series_progress
from hizakoshi.care.journey.schedule import DAY, Due
from hizakoshi.care.model import Urgency
from hizakoshi.care.triage import PAUSING


@dataclass(frozen=True, slots=True)
class RedFlagReport:
    """Warning signs answered on `day` (a diary day, or a self-check's day), recorded `at`:
    the diary's sign ids, or for a self-check (`urgency` given) its triage's urgency (a doctor's
    visit recorded by the person covers diary signs only)."""

    day: date
    at: datetime
    signs: tuple[str, ...] = ()
    urgency: Urgency | None = None  # a self-check's; None: a diary day

    @property
    def diary(self) -> bool:
        return self.urgency is None


@dataclass(frozen=True, slots=True)
class Acknowledged:
    """The latest acknowledgement of one kind: when, and its local day."""

    at: datetime
    day: date


@dataclass(frozen=True, slots=True)
class Facts:
    today: date
    linked_on: date  # the day the person linked with this clinic
    start: date | None = None  # the journey's start (the first self-check)
    last_activity: date | None = None  # the latest day anything was recorded
    red_flags: Sequence[RedFlagReport] = ()
    clearances: Sequence[Clearance] = ()  # doctor's visits the person recorded
    escalations: Sequence[tuple[str, date]] = ()  # (kind, raised_on) of the stored messages
    pain: Mapping[SeriesId, Sequence[Point]] = field(default_factory=dict)
    checkins: Sequence[Due] = ()  # care.journey.schedule.checkins_due on `today`
    risk: RiskGroup | None = None  # the latest STarT Back answers' group
    risk_at: datetime | None = None  # when those answers were recorded
    acknowledged: Mapping[AttentionKind, Acknowledged] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PainNow:
    """The pain the dashboard shows: the first and the last week's averages of one series."""

    series: SeriesId
    baseline: float
    recent: float
    worse: bool  # raised now (worse, and not acknowledged at this level)


@dataclass(frozen=True, slots=True)
class Attention:
    kinds: tuple[AttentionKind, ...]  # most urgent first
    priority: int  # higher first; 0: nothing to do
    red_flag_at: datetime | None = None  # the latest warning sign still open
    escalations_open: int = 0
    pain: PainNow | None = None
    checkin_overdue_since: date | None = None  # the earliest due day of an overdue check-in
    inactive_since: date | None = None  # the first day counted as inactive


def kind_bit(kind: AttentionKind) -> int:
    """The kind's weight in `priority`: more than all the less urgent kinds together, so a
    priority is also the set of its kinds (bit test)."""
    order = [k.id for k in clinic_content().kinds]
    return 1 << (len(order) - 1 - order.index(kind))


def priority_of(kinds: Iterable[AttentionKind]) -> int:
    return sum(kind_bit(k) for k in set(kinds))


def _ordered(kinds: Iterable[AttentionKind]) -> tuple[AttentionKind, ...]:
    chosen = set(kinds)
    return tuple(k.id for k in clinic_content().kinds if k.id in chosen)


def _counts_from(facts: Facts) -> date:
    return facts.linked_on - timedelta(days=clinic_content().before_link_days)


def _open_sign(report: RedFlagReport, clearances: Sequence[Clearance]) -> bool:
    if report.urgency is not None:
        return report.urgency in PAUSING
    known = {rule.id for rule in diary_known_signs()}
    ours = tuple(s for s in report.signs if s in known)
    if len(ours) != len(report.signs):
        return True  # a sign this content no longer knows: never silently dropped
    pausing = tuple(h.id for h in diary_triage(ours).hits if h.urgency in PAUSING)
    return bool(pausing) and bool(
        not_cleared([DiaryReport(day=report.day, signs=pausing)], clearances)
    )


def _red_flag(facts: Facts) -> datetime | None:
    ack = facts.acknowledged.get("red_flag")
    since = _counts_from(facts)
    raised = [
        r.at
        for r in facts.red_flags
        if since <= r.day <= facts.today
        and (ack is None or r.at > ack.at)
        and _open_sign(r, facts.clearances)
    ]
    return max(raised, default=None)


def _escalations(facts: Facts) -> int:
    ack = facts.acknowledged.get("escalation")
    since = _counts_from(facts)
    return sum(
        1
        for kind, day in facts.escalations
        # The warning-sign messages (red_flag_diary, red_flag_reassessment) are red_flag's.
        if not kind.startswith("red_flag")
        and since <= day <= facts.today
        and (ack is None or day > ack.day)
    )


def _pain_of(facts: Facts, series: SeriesId) -> PainNow | None:
    points = facts.pain.get(series, ())
    now = series_progress(series, points, today=facts.today, start=facts.start)
    if now.baseline is None or now.recent is None or now.label == "not_enough_data":
        return None
    worse = now.label == "worse"
    ack = facts.acknowledged.get("pain_worse")
    if worse and ack is not None and ack.day <= facts.today:
        then = series_progress(series, points, today=ack.day, start=facts.start)
        # Without a week to compare before the acknowledgement, it stays shown (never hidden
        # for good by an acknowledgement that had nothing to compare with).
        if then.recent is not None:
            worse = classify(series_rule(series), then.recent, now.recent) == "worse"
    return PainNow(series, now.baseline, now.recent, worse)


def _pain(facts: Facts) -> PainNow | None:
    """The series raised, else the one that changed most for the worse (None: none compared)."""
    found = [p for s in clinic_content().pain_series if (p := _pain_of(facts, s)) is not None]
    if not found:
        return None
    return max(found, key=lambda p: (p.worse, p.recent - p.baseline))


def _inactive_since(facts: Facts) -> date | None:
    last = facts.last_activity or facts.linked_on
    onset = last + timedelta(days=clinic_content().inactive_days)
    if facts.today < onset:
        return None
    ack = facts.acknowledged.get("inactive")
    return None if ack is not None and ack.day >= onset else onset


def _overdue_since(facts: Facts) -> date | None:
    due = [d.due_on for d in facts.checkins if d.due and d.due_on and d.due_on < facts.today]
    if not due:
        return None
    since = min(due)
    ack = facts.acknowledged.get("checkin_overdue")
    return None if ack is not None and ack.day >= since + DAY else since


def _high_risk(facts: Facts) -> bool:
    if facts.risk != "high":
        return False
    ack = facts.acknowledged.get("high_risk")
    return ack is None or facts.risk_at is None or facts.risk_at > ack.at


def attention(facts: Facts) -> Attention:
    """The kinds of attention the person needs on `facts.today`, most urgent first."""
    red_flag_at = _red_flag(facts)
    escalations = _escalations(facts)
    pain = _pain(facts)
    inactive = _inactive_since(facts)
    overdue = _overdue_since(facts)
    raised: dict[AttentionKind, bool] = {
        "red_flag": red_flag_at is not None,
        "escalation": escalations > 0,
        "pain_worse": pain is not None and pain.worse,
        "high_risk": _high_risk(facts),
        "inactive": inactive is not None,
        "checkin_overdue": overdue is not None,
    }
    kinds = _ordered(k for k, on in raised.items() if on)
    return Attention(
        kinds=kinds,
        priority=priority_of(kinds),
        red_flag_at=red_flag_at,
        escalations_open=escalations,
        pain=pain,
        checkin_overdue_since=overdue,
        inactive_since=inactive,
    )


def age_on(birth: date | None, today: date) -> int | None:
    """Whole years on `today` (a birthday on 29 February counts on 1 March in other years)."""
    if birth is None or birth > today:
        return None
    before_birthday = (today.month, today.day) < (birth.month, birth.day)
    return today.year - birth.year - before_birthday
