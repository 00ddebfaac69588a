"""A questionnaire's scores against their minimal important change (MCID): the first answer and
the latest, each scored field with an MCID labelled improved / unchanged / worse.

The thresholds and their sources are in instruments.yaml and are applied by
care.instruments.classify_change; this module only says which fields and which MCID context.
An NRS answer (knee or back, stored with its region) is judged by the same MCID as the diary's
pain series of that region (journey.yaml series: knee_oa for the knee, low_back_pain for the
back), so a check-in and the diary never disagree about what counts as a change.
"""

from __future__ import annotations

from collections.abc import Mapping

from hizakoshi.care.instruments import Change, classify_change, instruments
from hizakoshi.care.journey.content import Label, SeriesId, journey, series_rule
from hizakoshi.care.model import Frozen, Text

# The diary series whose MCID context an NRS answer of each region takes (see above).
NRS_REGION_SERIES: dict[str, SeriesId] = {"knee": "knee_pain_left", "back": "back_pain"}


class ScoreChange(Frozen):
    field: str
    first: float
    latest: float
    change: float  # latest - first, in the field's own points
    label: Change
    label_text: Text
    mcid_points: float
    mcid_percent: float | None
    source: str


def nrs_context(region: object) -> str | None:
    """The MCID context of an NRS answer about `region` ("knee" or "back"); None if unknown."""
    series = NRS_REGION_SERIES.get(str(region)) if region is not None else None
    return series_rule(series).context if series else None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def label_text(label: Label) -> Text:
    """The words for a label, the same as the progress page's (journey.yaml labels)."""
    return journey().labels[label]


def score_changes(
    instrument: str, first: Mapping[str, object], latest: Mapping[str, object]
) -> tuple[ScoreChange, ...]:
    """Each field of `instrument` that has an MCID and a number in both stored score sets
    (care.scoring's as_dict(), plus the NRS region), in the order instruments.yaml lists them.
    A field without an MCID (KOOS-12, STarT Back) is not judged: it is left out."""
    inst = instruments()[instrument]
    context = nrs_context(latest.get("region")) if instrument == "nrs" else None
    found: list[ScoreChange] = []
    for field in dict.fromkeys(m.field for m in inst.mcid):
        before, after = _number(first.get(field)), _number(latest.get(field))
        mcid = inst.mcid_for(field, context)
        if before is None or after is None or mcid is None:
            continue
        label = classify_change(instrument, field, before, after, context)
        found.append(
            ScoreChange(
                field=field,
                first=before,
                latest=after,
                change=after - before,
                label=label,
                label_text=label_text(label),
                mcid_points=mcid.points,
                mcid_percent=mcid.percent,
                source=mcid.source,
            )
        )
    return tuple(found)
