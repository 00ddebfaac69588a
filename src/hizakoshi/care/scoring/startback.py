"""Keele STarT Back Screening Tool, 9-item version (Hill et al. 2008).

Items "1".."8": 0 = disagree, 1 = agree. Item "9" (bothersomeness) is answered on its five
options, 0 = not at all, 1 = slightly, 2 = moderately, 3 = very much, 4 = extremely, and counts
1 only for "very much" or "extremely" (Keele, "Using and scoring the Keele SBST").
Total 0-9; distress subscore = items 5-9 (0-5). Low risk: total <= 3; medium: total >= 4 and
distress <= 3; high: distress >= 4 (clinical-spec §3). All nine items are needed: there is no
published rule for scoring with a missing item, so an incomplete form gets no risk group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hizakoshi.care.scoring.base import ItemSpec, read_answers, specs_of

Risk = Literal["low", "medium", "high"]

STARTBACK_ITEMS = specs_of(
    *(ItemSpec(str(n), 0, 1, binary=True) for n in range(1, 9)),
    ItemSpec("9", 0, 4),
)
DISTRESS_ITEMS = ("5", "6", "7", "8", "9")
BOTHERSOME_POSITIVE_FROM = 3  # "very much" (3) and "extremely" (4) count 1
LOW_RISK_MAX_TOTAL = 3
HIGH_RISK_MIN_DISTRESS = 4


@dataclass(frozen=True, slots=True)
class StartBackResult:
    total: int | None
    distress: int | None
    risk: Risk | None
    missing: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"total": self.total, "distress": self.distress, "risk": self.risk}
        if self.missing:
            out["missing"] = list(self.missing)
        return out


def classify(total: int, distress: int) -> Risk:
    if total <= LOW_RISK_MAX_TOTAL:
        return "low"
    return "high" if distress >= HIGH_RISK_MIN_DISTRESS else "medium"


def score_start_back(answers: object) -> StartBackResult:
    values = read_answers(STARTBACK_ITEMS, answers)
    missing = tuple(k for k, v in values.items() if v is None)
    if missing:
        return StartBackResult(None, None, None, missing)
    points = {k: int(v or 0) for k, v in values.items()}
    points["9"] = 1 if points["9"] >= BOTHERSOME_POSITIVE_FROM else 0
    total = sum(points.values())
    distress = sum(points[k] for k in DISTRESS_ITEMS)
    return StartBackResult(total, distress, classify(total, distress))
