"""The clinic's outcomes: how many linked patients improved by each measure's MCID at the horizon
(12 weeks), how many planned sessions were done, how many dropped out. Aggregates only.

Definitions (content/outcomes.yaml, with sources; the days from content/schedule.yaml):
- an episode starts on the later of the link day and the journey's start (`Episode.start`);
- baseline: the first score on days 0 .. every_days - early_days - 1 (the answers that count
  for the start day's check-in); same day twice: the later record (a correction);
- horizon score: the score closest to day H = weeks x 7 among days H - early_days ..
  H + every_days - early_days - 1 (the answers that count for that check-in day); a tie goes to
  the earlier day. It is settled once a score on or after day H exists (a later one can only be
  farther) or the window has passed; before that the episode is `pending` and not counted;
- improved / unchanged / worse: care.instruments.classify_change with the measure's MCID;
- adherence: over each episode's first H days up to today, sessions done (at most
  sessions_per_day a day) / days x sessions_per_day; the clinic's figure is the sum over all;
- dropped out: `dropout.days` or more since the last activity (any record), or since the start
  when there is none.
Nothing here reads the clock or a database: the shell passes the episodes and today.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from hizakoshi.care.instruments import classify_change, instruments
from hizakoshi.care.journey.schedule import schedule
from hizakoshi.care.model import Frozen, Text
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError, load_yaml_model

FILE = "outcomes.yaml"

Verdict = Literal["improved", "unchanged", "worse", "missing", "pending", "no_baseline"]
COUNTED: tuple[Verdict, ...] = ("improved", "unchanged", "worse")


# --- content ---------------------------------------------------------------------------------


class Measure(Frozen):
    id: str = Field(pattern=r"^[a-z_]+$")
    instrument: str
    field: str
    context: str | None = None
    region: str | None = None  # NRS: the stored region this measure reads ("knee", "back")
    name: Text


class Horizon(Frozen):
    weeks: int = Field(ge=4, le=52)
    rule: Text
    source: str = Field(min_length=3)


class Adherence(Frozen):
    sessions_per_day: int = Field(ge=1, le=3)
    rule: Text
    source: str = Field(min_length=3)


class Dropout(Frozen):
    days: int = Field(ge=7, le=182)
    rule: Text
    source: str = Field(min_length=3)


class OutcomesFile(Frozen):
    horizon: Horizon
    measures: tuple[Measure, ...] = Field(min_length=1)
    adherence: Adherence
    dropout: Dropout

    @model_validator(mode="after")
    def _unique(self) -> OutcomesFile:
        ids = [m.id for m in self.measures]
        if len(set(ids)) != len(ids):
            raise ValueError("a measure id is listed twice")
        return self


def load_outcomes(directory: Path = CONTENT_DIR) -> OutcomesFile:
    data = load_yaml_model(FILE, OutcomesFile, directory)
    path = directory / FILE
    known = instruments()
    for m in data.measures:
        inst = known.get(m.instrument)
        mcid = None if inst is None else inst.mcid_for(m.field, m.context)
        if mcid is None or mcid.context != m.context:
            raise ContentError(
                f"{path}: measures: {m.id}: instruments.yaml has no MCID for "
                f"{m.instrument} {m.field} ({m.context or 'no context'})"
            )
    missing = {i.id for i in known.values() if i.mcid} - {m.instrument for m in data.measures}
    if missing:
        raise ContentError(f"{path}: measures: no measure for {sorted(missing)} (they have MCIDs)")
    every = schedule().checkins.every_days
    if (data.horizon.weeks * 7) % every:
        raise ContentError(
            f"{path}: horizon.weeks: {data.horizon.weeks} weeks is not a check-in day "
            f"(schedule.yaml checkins.every_days {every})"
        )
    return data


@cache
def outcomes_content() -> OutcomesFile:
    return load_outcomes()


def measures() -> tuple[Measure, ...]:
    return outcomes_content().measures


def instruments_measured() -> tuple[str, ...]:
    """The instruments whose responses the report reads (the shell fetches only these)."""
    return tuple(dict.fromkeys(m.instrument for m in measures()))


# --- the days --------------------------------------------------------------------------------


class Window(Frozen):
    first: int  # day numbers from the episode's start, both included
    last: int


def horizon_day() -> int:
    return outcomes_content().horizon.weeks * 7


def baseline_window() -> Window:
    c = schedule().checkins
    return Window(first=0, last=c.every_days - c.early_days - 1)


def horizon_window() -> Window:
    """The answers that count for the horizon's check-in day (schedule.yaml checkins)."""
    c, day = schedule().checkins, horizon_day()
    return Window(first=day - c.early_days, last=day + c.every_days - c.early_days - 1)


def rules() -> dict[str, Text]:
    """The definitions as shown on the report, with their days filled in."""
    o, h = outcomes_content(), horizon_window()
    return {
        "horizon": o.horizon.rule.format(
            weeks=o.horizon.weeks,
            day=horizon_day(),
            first=h.first,
            last=h.last,
            baseline_last=baseline_window().last,
        ),
        "adherence": o.adherence.rule.format(
            weeks=o.horizon.weeks, per_day=o.adherence.sessions_per_day
        ),
        "dropout": o.dropout.rule.format(days=o.dropout.days),
    }


# --- one episode -----------------------------------------------------------------------------


class Score(Frozen):
    day: date
    value: float


class Episode(Frozen):
    """One linked patient, as the report needs them: no name, no id."""

    start: date  # the later of the link day and the journey's start
    scores: Mapping[str, tuple[Score, ...]] = Field(default_factory=dict)  # measure id -> scores
    session_days: tuple[date, ...] = ()  # one entry per finished session (days may repeat)
    last_activity: date | None = None


def scores_of(instrument: str, stored: Mapping[str, object]) -> dict[str, float]:
    """Measure id -> value for one stored response (its `scores` as care.scoring gave them, with
    the NRS region the shell stored beside them). Fields the response lacks are left out."""
    found: dict[str, float] = {}
    for m in measures():
        if m.instrument != instrument:
            continue
        if m.region is not None and stored.get("region") != m.region:
            continue
        value = stored.get(m.field)
        if isinstance(value, int | float) and not isinstance(value, bool):
            found[m.id] = float(value)
    return found


def _in(scores: Iterable[Score], start: date, window: Window) -> list[tuple[int, int, Score]]:
    # (day number, position, score): the position keeps the order given, for same-day records
    return [
        ((s.day - start).days, n, s)
        for n, s in enumerate(scores)
        if window.first <= (s.day - start).days <= window.last
    ]


def baseline(scores: Sequence[Score], start: date) -> Score | None:
    found = _in(scores, start, baseline_window())
    if not found:
        return None
    return min(found, key=lambda f: (f[0], -f[1]))[2]


def horizon_score(
    scores: Sequence[Score], start: date, today: date
) -> Score | Literal["pending"] | None:
    """The horizon score; None when its window passed without one; "pending" while a closer
    score may still come."""
    window, day = horizon_window(), horizon_day()
    found = [f for f in _in(scores, start, window) if f[2].day <= today]
    settled = (today - start).days > window.last or any(f[0] >= day for f in found)
    if not settled:
        return "pending"
    if not found:
        return None
    return min(found, key=lambda f: (abs(f[0] - day), f[0], -f[1]))[2]


def verdict(measure: Measure, scores: Sequence[Score], start: date, today: date) -> Verdict:
    """What one episode counts as for one measure."""
    if (today - start).days < horizon_window().first:
        return "pending"
    before = baseline(scores, start)
    if before is None:
        return "no_baseline"
    after = horizon_score(scores, start, today)
    if after == "pending":
        return "pending"
    if after is None:
        return "missing"
    return classify_change(
        measure.instrument, measure.field, before.value, after.value, measure.context
    )


def sessions_planned(start: date, today: date) -> tuple[date, date] | None:
    """The days of the episode whose sessions count: its first horizon days up to today."""
    if today < start:
        return None
    return start, min(today, start + timedelta(days=horizon_day() - 1))


def adherence_counts(episode: Episode, today: date) -> tuple[int, int]:
    """(sessions done, sessions planned) for one episode."""
    span = sessions_planned(episode.start, today)
    if span is None:
        return 0, 0
    per_day = outcomes_content().adherence.sessions_per_day
    first, last = span
    per = Counter(d for d in episode.session_days if first <= d <= last)
    done = sum(min(n, per_day) for n in per.values())
    return done, ((last - first).days + 1) * per_day


def dropped_out(episode: Episode, today: date) -> bool:
    last = episode.last_activity if episode.last_activity is not None else episode.start
    return (today - max(last, episode.start)).days >= outcomes_content().dropout.days


# --- the clinic ------------------------------------------------------------------------------


class MeasureSummary(Frozen):
    measure: Measure
    improved: int = 0
    unchanged: int = 0
    worse: int = 0
    missing: int = 0  # the window passed without a score
    pending: int = 0  # not yet at the horizon, or a closer score may still come
    no_baseline: int = 0

    @property
    def pairs(self) -> int:
        return self.improved + self.unchanged + self.worse

    @property
    def share_improved(self) -> float | None:
        return None if self.pairs == 0 else self.improved / self.pairs


class ClinicOutcomes(Frozen):
    today: date
    linked: int
    measures: tuple[MeasureSummary, ...]
    sessions_done: int
    sessions_planned: int
    dropped_out: int

    @property
    def adherence(self) -> float | None:
        return None if self.sessions_planned == 0 else self.sessions_done / self.sessions_planned

    @property
    def dropout_share(self) -> float | None:
        return None if self.linked == 0 else self.dropped_out / self.linked


def clinic_outcomes(episodes: Sequence[Episode], *, today: date) -> ClinicOutcomes:
    """The report over the clinic's linked patients as on `today`."""
    tallies: dict[str, Counter[Verdict]] = {m.id: Counter() for m in measures()}
    done = planned = dropped = 0
    for episode in episodes:
        for m in measures():
            scores = episode.scores.get(m.id, ())
            if not scores:
                # Never answered: a baseline is missing only once the episode began; most
                # people answer only the questionnaires their condition is asked about.
                continue
            tallies[m.id][verdict(m, scores, episode.start, today)] += 1
        d, p = adherence_counts(episode, today)
        done, planned = done + d, planned + p
        dropped += dropped_out(episode, today)
    return ClinicOutcomes(
        today=today,
        linked=len(episodes),
        measures=tuple(
            MeasureSummary(measure=m, **{k: tallies[m.id][k] for k in _VERDICTS})
            for m in measures()
        ),
        sessions_done=done,
        sessions_planned=planned,
        dropped_out=dropped,
    )


_VERDICTS: tuple[Verdict, ...] = (*COUNTED, "missing", "pending", "no_baseline")
