"""Scoring engines for the outcome instruments, keyed by each instrument's official item ids.

`score(name, answers)` scores one response (a mapping item id -> value); `ENGINES` lists the
instruments in a stable order with their item ids in published order. Pure functions, no I/O:
the web form, the API and `hizakoshi score` all call these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from hizakoshi.care.scoring.back import ODI_ITEMS, RMDQ_ITEMS, score_odi, score_rmdq
from hizakoshi.care.scoring.base import ItemSpec, ScoreInputError
from hizakoshi.care.scoring.koos import KOOS12_ITEMS, KOOS_ITEMS, score_koos, score_koos12
from hizakoshi.care.scoring.koos_ps import KOOS_PS_ITEMS, score_koos_ps
from hizakoshi.care.scoring.pain import NRS_ITEMS, PSFS_ITEMS, score_nrs, score_psfs
from hizakoshi.care.scoring.startback import STARTBACK_ITEMS, score_start_back


class Result(Protocol):
    def as_dict(self) -> dict[str, object]: ...


@dataclass(frozen=True, slots=True)
class Engine:
    name: str
    items: Mapping[str, ItemSpec]  # published order
    score: Callable[[object], Result]

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(self.items)


ENGINES: dict[str, Engine] = {
    e.name: e
    for e in (
        Engine("nrs", NRS_ITEMS, score_nrs),
        Engine("psfs", PSFS_ITEMS, score_psfs),
        Engine("start-back", STARTBACK_ITEMS, score_start_back),
        Engine("koos", KOOS_ITEMS, score_koos),
        Engine("koos-12", KOOS12_ITEMS, score_koos12),
        Engine("koos-ps", KOOS_PS_ITEMS, score_koos_ps),
        Engine("rmdq", RMDQ_ITEMS, score_rmdq),
        Engine("odi", ODI_ITEMS, score_odi),
    )
}


def score(name: str, answers: object) -> Result:
    """Score one response; KeyError for an unknown instrument, ScoreInputError for bad answers."""
    return ENGINES[name].score(answers)


__all__ = ["ENGINES", "Engine", "ItemSpec", "Result", "ScoreInputError", "score"]
