"""KOOS-PS, the 7-item KOOS physical-function short form (Perruccio et al., Osteoarthritis
Cartilage 2008;16:542-550).

The raw sum (0-28) is converted to an interval score by the published Rasch conversion table,
never linearly. Two directions exist: Perruccio 2008 publishes 0 = no difficulty, 100 = extreme
difficulty; KOOS convention (and awell-score) uses 100 = no difficulty. `score` here is the
KOOS direction, labelled in every result; `difficulty_score` gives the Perruccio direction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from hizakoshi.care.rounding import exact, round1
from hizakoshi.care.scoring.base import ItemSpec, read_answers, specs_of

# The items in the KOOS-PS form's order: rising from bed, putting on socks, rising from sitting,
# bending to the floor, twisting/pivoting on the injured knee, kneeling, squatting.
KOOS_PS_ITEMS = specs_of(
    *(ItemSpec(i, 0, 4) for i in ("A10", "A9", "A3", "A5", "SP4", "SP5", "SP1"))
)

DIRECTION: Final = "100_is_no_difficulty"

# Raw sum 0..28 -> interval score, 100 = no difficulty, 0 = extreme difficulty. Values of the
# published conversion table as given by awell-score, src/scores/koos/definition/
# koos_conversion_table.ts (which cites Perruccio 2008). Its README table has a typo at raw 11
# (67.7, which breaks monotonicity); the data file's 64.7 is used, and awell's test suite
# expects 64.7 for a raw sum of 11 and 59.7 for 14.
KOOS_PS_CONVERSION: Final[tuple[float, ...]] = (
    100.0, 94.4, 89.5, 85.2, 81.4, 78.0, 75.1, 72.5, 70.3, 68.2,
    66.4, 64.7, 63.0, 61.4, 59.7, 58.0, 56.0, 53.9, 51.5, 48.8,
    45.6, 42.1, 38.0, 33.4, 28.2, 22.3, 15.7, 8.2, 0.0,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class KoosPsResult:
    raw: int | None  # 0-28, higher = more difficulty
    score: float | None  # interval score, 100 = no difficulty (see DIRECTION)
    missing: tuple[str, ...] = ()
    direction: str = DIRECTION

    @property
    def difficulty_score(self) -> float | None:
        """The Perruccio 2008 direction: 0 = no difficulty, 100 = extreme difficulty."""
        return None if self.score is None else round1(100 - exact(self.score))

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"raw": self.raw, "score": self.score, "direction": self.direction}
        if self.missing:
            out["missing"] = list(self.missing)
        return out


def score_koos_ps(answers: object) -> KoosPsResult:
    # No imputation: the table converts a full 7-item sum only (awell-score: "Each question must
    # have a response"; the KOOS-PS user guide's own missing-item rule was not found).
    values = read_answers(KOOS_PS_ITEMS, answers)
    missing = tuple(k for k, v in values.items() if v is None)
    if missing:
        return KoosPsResult(None, None, missing)
    raw = sum(v for v in values.values() if v is not None)
    return KoosPsResult(raw, KOOS_PS_CONVERSION[raw])
