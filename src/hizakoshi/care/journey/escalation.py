"""When self-care is not enough: the escalation rules of the journey (issue 3 §9).

`escalation_review(today=..., selfcare_start=..., series=..., ...)` checks, in order:
a warning sign in the diary or the latest reassessment (urgent advice, at its own urgency);
pain worse than at the start by its threshold for two weeks running; no improvement by any
threshold after six months of self-care (the seed article's rule); back pain no better after
the guideline's 4-6 weeks; daily life badly affected. Each rule that fires gives a message with
its reasons and source; `specialist` tells the page to show the clinic's contact.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Literal, get_args

from hizakoshi.care.content import red_flags
from hizakoshi.care.dates import long_date
from hizakoshi.care.journey.content import EscalationId, SeriesId, fill, journey, series_rule
from hizakoshi.care.journey.diaryflags import DiaryReport, diary_triage
from hizakoshi.care.journey.progress import (
    Point,
    Window,
    classify,
    shown,
    window_sums,
    window_value,
)
from hizakoshi.care.journey.schedule import DAY, WEEK
from hizakoshi.care.model import URGENCY_ORDER, Frozen, RedFlagHit, Text, Triage, Urgency
from hizakoshi.care.triage import PAUSING

CheckStatus = Literal["fired", "not_fired", "not_enough_data"]


class Reassessment(Frozen):
    """The latest self-check retaken during the journey: its date and its red-flag result."""

    day: date
    triage: Triage


class DailyLifeReport(Frozen):
    day: date
    impact: Literal["little", "moderate", "severe"]


class EscalationItem(Frozen):
    id: EscalationId
    urgency: Urgency
    headline: Text
    reasons: tuple[Text, ...]
    what_to_do: tuple[Text, ...]
    hits: tuple[RedFlagHit, ...] = ()
    specialist: bool  # show the clinic's contact from the settings
    source: str


class EscalationCheck(Frozen):
    id: EscalationId
    status: CheckStatus
    text: Text


class EscalationReport(Frozen):
    urgency: Urgency  # the most urgent item's; NONE when nothing fired
    items: tuple[EscalationItem, ...]  # most urgent first
    checks: tuple[EscalationCheck, ...]  # every rule, fired or not, for transparency
    self_care_paused: bool


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def months_between(first: date, last: date) -> int:
    """Whole calendar months from `first` to `last` (0 when `last` is earlier)."""
    months = (last.year - first.year) * 12 + last.month - first.month
    if add_months(first, months) > last:
        months -= 1
    return max(0, months)


def day_text(day: date) -> Text:
    """The day as the person reads it in either language, never an ISO date."""
    return long_date(day)


def _signs(hits: Iterable[RedFlagHit]) -> Text:
    hits = tuple(hits)
    # Quoted in Japanese: a sign may itself contain 、 and a plain list would run together.
    return Text(ja="".join(f"「{h.sign.ja}」" for h in hits), en="; ".join(h.sign.en for h in hits))


def _red_flag_item(
    rule_id: EscalationId, triage: Triage, reasons: tuple[Text, ...]
) -> EscalationItem:
    flags = red_flags()
    return EscalationItem(
        id=rule_id,
        urgency=triage.urgency,
        headline=flags.headline[triage.urgency],
        reasons=reasons,
        what_to_do=flags.what_to_do[triage.urgency],
        hits=triage.hits,
        specialist=triage.urgency == Urgency.SOON,
        source="; ".join(dict.fromkeys(h.source for h in triage.hits)),
    )


def _from_diary(diary: Iterable[DiaryReport], today: date) -> EscalationItem | None:
    esc = journey().escalation
    first = today - (esc.red_flag_days - 1) * DAY
    recent = sorted((r for r in diary if first <= r.day <= today and r.signs), key=lambda r: r.day)
    if not recent:
        return None
    triage = diary_triage(s for r in recent for s in r.signs)
    words = esc.rules["red_flag_diary"].reason
    reasons = tuple(
        fill(words, date=day_text(r.day), signs=_signs(diary_triage(r.signs).hits)) for r in recent
    )
    return _red_flag_item("red_flag_diary", triage, reasons)


def _specialist_item(rule_id: EscalationId, reasons: tuple[Text, ...]) -> EscalationItem:
    esc = journey().escalation
    return EscalationItem(
        id=rule_id,
        urgency=Urgency.SOON,
        headline=esc.specialist_headline,
        reasons=reasons,
        what_to_do=red_flags().what_to_do[Urgency.SOON],
        specialist=True,
        source=esc.rules[rule_id].source,
    )


def _worse_two_weeks(
    series: Mapping[SeriesId, Sequence[Point]], start: date, today: date
) -> tuple[CheckStatus, tuple[Text, ...], set[SeriesId]]:
    esc = journey().escalation
    this_week = Window(today - WEEK + DAY, today)
    last_week = Window(today - 2 * WEEK + DAY, today - WEEK)
    reasons: list[Text] = []
    worse: set[SeriesId] = set()
    judged = False
    for sid in esc.worse_series:
        rule = series_rule(sid)
        baseline = Window(start, start + (rule.window_days - 1) * DAY)
        if baseline.last >= last_week.first:
            continue
        sums = window_sums(series.get(sid, ()), (baseline, last_week, this_week))
        base, week1, week2 = (window_value(rule, total, n) for total, n in sums)
        if base is None or week1 is None or week2 is None:
            continue
        judged = True
        if classify(rule, base, week1) == classify(rule, base, week2) == "worse":
            worse.add(sid)
            reasons.append(
                fill(
                    esc.rules["worse_two_weeks"].reason,
                    series=rule.name,
                    baseline=shown(rule, base),
                    week1=shown(rule, week1),
                    week2=shown(rule, week2),
                )
            )
    status: CheckStatus = "fired" if reasons else "not_fired" if judged else "not_enough_data"
    return status, tuple(reasons), worse


def _improved_any(
    series: Mapping[SeriesId, Sequence[Point]], ids: Iterable[SeriesId], start: date, today: date
) -> bool | None:
    """Has any series improved from its first window to the last four weeks? None: none judged."""
    judged = False
    recent_days = journey().escalation.no_better_recent_days
    for sid in ids:
        rule = series_rule(sid)
        baseline = Window(start, start + (rule.window_days - 1) * DAY)
        recent = Window(today - (max(rule.window_days, recent_days) - 1) * DAY, today)
        if recent.first <= baseline.last:
            continue
        sums = window_sums(series.get(sid, ()), (baseline, recent))
        base, now = (window_value(rule, total, n) for total, n in sums)
        if base is None or now is None:
            continue
        judged = True
        if classify(rule, base, now) == "improved":
            return True
    return False if judged else None


def _back_no_better(
    back: Sequence[Point], start: date, today: date
) -> tuple[CheckStatus, tuple[Text, ...]]:
    esc = journey().escalation
    rule = series_rule("back_pain")
    if today < start + esc.back_weeks * WEEK:
        return "not_fired", ()
    baseline = Window(start, start + (rule.window_days - 1) * DAY)
    recent = Window(today - (rule.window_days - 1) * DAY, today)
    sums = window_sums(back, (baseline, recent))
    base, now = (window_value(rule, total, n) for total, n in sums)
    if base is None or now is None:
        return "not_enough_data", ()
    if base == 0 or classify(rule, base, now) == "improved":
        return "not_fired", ()
    reason = fill(
        esc.rules["no_better_after_weeks"].reason,
        weeks=(today - start).days // 7,
        baseline=shown(rule, base),
        recent=shown(rule, now),
    )
    return "fired", (reason,)


def escalation_review(
    *,
    today: date,
    selfcare_start: date,
    series: Mapping[SeriesId, Sequence[Point]] | None = None,
    diary: Iterable[DiaryReport] = (),
    reassessment: Reassessment | None = None,
    daily_life: DailyLifeReport | None = None,
) -> EscalationReport:
    """Every escalation rule on the person's records up to `today` (later records are ignored)."""
    esc = journey().escalation
    data = series or {}
    found: dict[EscalationId, tuple[CheckStatus, EscalationItem | None]] = {}

    diary_item = _from_diary(diary, today)
    found["red_flag_diary"] = ("fired" if diary_item else "not_fired", diary_item)

    status, reasons, worse = _worse_two_weeks(data, selfcare_start, today)
    found["worse_two_weeks"] = (
        status,
        _specialist_item("worse_two_weeks", reasons) if reasons else None,
    )

    six_months = add_months(selfcare_start, esc.no_better_months)
    six_status: CheckStatus = "not_fired"
    if today >= six_months:
        improved = _improved_any(data, esc.no_better_series, selfcare_start, today)
        six_status = "not_enough_data" if improved is None else "not_fired" if improved else "fired"
    reason = esc.rules["six_months_no_better"].reason.format(
        months=months_between(selfcare_start, today)
    )
    found["six_months_no_better"] = (
        six_status,
        _specialist_item("six_months_no_better", (reason,)) if six_status == "fired" else None,
    )

    # The six-month rule, or back pain clearly worse, says the same more strongly: one message
    # is enough.
    status, reasons = _back_no_better(data.get("back_pain", ()), selfcare_start, today)
    if six_status == "fired" or "back_pain" in worse:
        status, reasons = "not_fired", ()
    found["no_better_after_weeks"] = (
        status,
        _specialist_item("no_better_after_weeks", reasons) if reasons else None,
    )

    life_item = None
    if daily_life is not None and daily_life.day <= today and daily_life.impact == "severe":
        words = esc.rules["daily_life_badly_affected"].reason
        life_item = _specialist_item(
            "daily_life_badly_affected", (fill(words, date=day_text(daily_life.day)),)
        )
    found["daily_life_badly_affected"] = ("fired" if life_item else "not_fired", life_item)

    found["red_flag_reassessment"] = _from_reassessment(reassessment, today, found)

    items = sorted(
        (item for _, item in found.values() if item is not None),
        key=lambda item: URGENCY_ORDER.index(item.urgency),
    )
    urgency = items[0].urgency if items else Urgency.NONE
    return EscalationReport(
        urgency=urgency,
        items=tuple(items),
        checks=tuple(_check(rule_id, *found[rule_id]) for rule_id in get_args(EscalationId)),
        self_care_paused=urgency in PAUSING,
    )


def _from_reassessment(
    reassessment: Reassessment | None,
    today: date,
    found: Mapping[EscalationId, tuple[CheckStatus, EscalationItem | None]],
) -> tuple[CheckStatus, EscalationItem | None]:
    if reassessment is None or reassessment.day > today:
        return "not_fired", None
    # A sign the journey already raised on its own (six months, daily life) is said once.
    raised = {rule_id for rule_id, (_, item) in found.items() if item is not None}
    hits = tuple(h for h in reassessment.triage.hits if h.id not in raised)
    if not hits:
        return "not_fired", None
    flags = red_flags()
    urgency = hits[0].urgency  # hits come most urgent first
    triage = Triage(
        urgency=urgency,
        hits=hits,
        headline=flags.headline[urgency],
        what_to_do=flags.what_to_do[urgency],
        self_care_paused=urgency in PAUSING,
    )
    reason = fill(
        journey().escalation.rules["red_flag_reassessment"].reason,
        date=day_text(reassessment.day),
        signs=_signs(hits),
    )
    return "fired", _red_flag_item("red_flag_reassessment", triage, (reason,))


def _check(
    rule_id: EscalationId, status: CheckStatus, item: EscalationItem | None
) -> EscalationCheck:
    esc = journey().escalation
    if item is not None:
        text = Text(ja="".join(r.ja for r in item.reasons), en=" ".join(r.en for r in item.reasons))
    elif status == "not_enough_data":
        text = esc.not_enough_data
    else:
        text = esc.not_fired
    return EscalationCheck(id=rule_id, status=status, text=text)
