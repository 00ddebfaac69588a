"""Back-related disability: Roland-Morris (RMDQ, 24 items) and Oswestry (ODI, 10 sections).

Both are keyed by the number printed on the form ("1".."24", "1".."10"); neither form's text
ships (clinical-spec §3). Higher is worse on both.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from hizakoshi.care.rounding import round1
from hizakoshi.care.scoring.base import ItemSpec, read_answers, specs_of

# --- RMDQ -----------------------------------------------------------------------------------
# Each statement ticked (yes = 1) or not (no = 0); score = count of yes, 0-24. Any unanswered
# item makes the form invalid (clinical-spec §3): an unticked box is "no", an unanswered one
# cannot be told apart from a skipped page.
RMDQ_ITEMS = specs_of(*(ItemSpec(str(n), 0, 1, binary=True) for n in range(1, 25)))


@dataclass(frozen=True, slots=True)
class RmdqResult:
    score: int | None
    missing: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"score": self.score}
        if self.missing:
            out["missing"] = list(self.missing)
        return out


def score_rmdq(answers: object) -> RmdqResult:
    values = read_answers(RMDQ_ITEMS, answers)
    missing = tuple(k for k, v in values.items() if v is None)
    if missing:
        return RmdqResult(None, missing)
    return RmdqResult(sum(v for v in values.values() if v is not None))


# --- ODI ------------------------------------------------------------------------------------
# Sections 1-10 (pain intensity, personal care, lifting, walking, sitting, standing, sleeping,
# sex life, social life, travelling), each 0-5. Score = sum / (5 x sections answered) x 100
# (Fairbank & Pynsent, Spine 2000;25:2940-52). Fairbank describes the case of one section
# missed or not applicable; awell-score scores only with at most one section missing, and so
# do we: with 8 or fewer sections answered there is no score.
ODI_ITEMS = specs_of(*(ItemSpec(str(n), 0, 5) for n in range(1, 11)))
ODI_MIN_SECTIONS = 9


@dataclass(frozen=True, slots=True)
class OdiResult:
    score: float | None  # percent, 0-100, one decimal
    answered: int

    def as_dict(self) -> dict[str, object]:
        return {"score": self.score, "answered": self.answered}


def score_odi(answers: object) -> OdiResult:
    given = [v for v in read_answers(ODI_ITEMS, answers).values() if v is not None]
    if len(given) < ODI_MIN_SECTIONS:
        return OdiResult(None, len(given))
    return OdiResult(round1(Fraction(sum(given) * 100, 5 * len(given))), len(given))
