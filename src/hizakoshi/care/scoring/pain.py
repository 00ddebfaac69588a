"""Pain intensity (NRS 0-10) and activity goals by the PSFS method.

Both are scored on our own wording (clinical-spec §3, §6), so their text ships.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from hizakoshi.care.rounding import round1
from hizakoshi.care.scoring.base import ItemSpec, read_answers, specs_of

# --- NRS ------------------------------------------------------------------------------------
# One item, 0 = no pain, 10 = worst imaginable; higher is worse. Knee and back are scored as
# two separate NRS answers by the caller.
NRS_LOW, NRS_HIGH = 0, 10
NRS_ITEMS = specs_of(ItemSpec("pain", NRS_LOW, NRS_HIGH))


@dataclass(frozen=True, slots=True)
class NrsResult:
    score: int | None  # None when the one item is unanswered

    def as_dict(self) -> dict[str, object]:
        return {"score": self.score}


def score_nrs(answers: object) -> NrsResult:
    return NrsResult(read_answers(NRS_ITEMS, answers)["pain"])


# --- PSFS -----------------------------------------------------------------------------------
# The person names 3-5 activities (items "1".."5"), each 0 = cannot do, 10 = as before the
# problem; score = mean of the rated activities (Stratford 1995). Higher is better.
PSFS_MIN_ACTIVITIES = 3  # clinical-spec §6: "names 3-5 activities"
PSFS_MAX_ACTIVITIES = 5
PSFS_ITEMS = specs_of(
    *(ItemSpec(str(n), NRS_LOW, NRS_HIGH) for n in range(1, PSFS_MAX_ACTIVITIES + 1))
)


@dataclass(frozen=True, slots=True)
class PsfsResult:
    score: float | None  # mean of the rated activities; None with fewer than 3
    activities: int  # how many activities were rated

    def as_dict(self) -> dict[str, object]:
        return {"score": self.score, "activities": self.activities}


def score_psfs(answers: object) -> PsfsResult:
    rated = [v for v in read_answers(PSFS_ITEMS, answers).values() if v is not None]
    if len(rated) < PSFS_MIN_ACTIVITIES:
        return PsfsResult(None, len(rated))
    return PsfsResult(round1(Fraction(sum(rated), len(rated))), len(rated))
