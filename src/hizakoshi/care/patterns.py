"""Which pain drives which: knee-origin, back-origin, concurrent, or undetermined.

No validated rule separates the patterns (Syst Rev 2023, PMC9979420), so the engine only weighs
the seed article's features and the clinical discriminators (clinical-spec.md §2), each stated in
the person's own answers, and says "undetermined" when the evidence is thin or balanced.
Weights and texts live in content/patterns.yaml; this module finds which features are present.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

from hizakoshi.care.model import Answers, Pattern, PatternResult, Reason, Text
from hizakoshi.care.rules import pattern_content
from hizakoshi.care.textfill import Param, fill, join

Params = dict[str, Param]
Likelihood = Literal["likely", "possible", "undetermined"]
DECIDED = (Pattern.KNEE_ORIGIN, Pattern.BACK_ORIGIN, Pattern.CONCURRENT)
Feature = Callable[[Answers], Params | None]

# Decision thresholds, in summed reason weight (a strong single sign weighs 3, a soft one 1-1.5).
# "likely" needs clear evidence for one pattern and a clear lead over the runner-up: about two
# strong signs, or one strong and two soft ones. "possible" needs at least one strong sign and
# some lead. Anything less is shown as undetermined rather than guessed.
LIKELY_MIN = 5.0
LIKELY_LEAD = 2.5
POSSIBLE_MIN = 3.0
POSSIBLE_LEAD = 1.5

ACTIVITY_WORDS: dict[str, Text] = {
    "walking": Text(ja="歩くとき", en="walking"),
    "standing_up": Text(ja="立ち上がるとき", en="standing up"),
    "stairs": Text(ja="階段の上り下りのとき", en="using stairs"),
}
LEG_WORDS: dict[str, Text] = {
    "thigh": Text(ja="太もも", en="the thigh"),
    "below_knee": Text(ja="膝より下", en="below the knee"),
}


def _activities(answers: Answers, wanted: tuple[str, ...]) -> Text | None:
    found = [ACTIVITY_WORDS[a] for a in wanted if a in answers.knee_activities]
    if not found:
        return None
    # "walking, standing up or using stairs" / 「歩くときや立ち上がるとき」
    joined = join(found, ja_sep="や")
    if len(found) > 1:
        head = ", ".join(w.en for w in found[:-1])
        joined = Text(ja=joined.ja, en=f"{head} or {found[-1].en}")
    return joined


def _first_with_gap(side: str) -> Feature:
    def feature(answers: Answers) -> Params | None:
        if answers.first == side and answers.gap_months is not None and answers.gap_months >= 1:
            return {"gap": answers.gap_months}
        return None

    return feature


def _first_without_gap(side: str) -> Feature:
    def feature(answers: Answers) -> Params | None:
        gap = answers.gap_months
        return {} if answers.first == side and (gap is None or gap < 1) else None

    return feature


def _yes(field: str) -> Feature:
    def feature(answers: Answers) -> Params | None:
        return {} if getattr(answers, field) == "yes" else None

    return feature


def _knee_hurts_on_moving(answers: Answers) -> Params | None:
    words = _activities(answers, ("walking", "standing_up"))
    return {"activities": words} if words is not None and answers.back_pain > 0 else None


def _short_stiffness(answers: Answers) -> Params | None:
    minutes = answers.knee_stiffness_min
    return {"minutes": minutes} if minutes is not None and 1 <= minutes <= 30 else None


def _age_with_activity_pain(answers: Answers) -> Params | None:
    # NICE NG226 clinical OA diagnosis: 45 or over with activity-related joint pain.
    words = _activities(answers, ("walking", "standing_up", "stairs"))
    return {"age": answers.age, "activities": words} if answers.age >= 45 and words else None


def _leg_symptoms(answers: Answers) -> Params | None:
    where = LEG_WORDS.get(answers.back_leg_symptoms)
    return {"where": where} if where is not None else None


def _no_knee_signs(answers: Answers) -> Params | None:
    # "No clear knee joint damage" (seed §2): only when the person said no, not "don't know".
    quiet = (
        answers.knee_swelling == "no"
        and answers.knee_crepitus == "no"
        and answers.knee_warmth == "no"
        and answers.knee_locking != "yes"
        and not answers.knee_stiffness_min
    )
    return {} if quiet else None


def _unsteady(answers: Answers) -> Params | None:
    return {} if answers.unsteady == "yes" or answers.falls_past_year == "yes" else None


def _weight_gained(answers: Answers) -> Params | None:
    return {} if answers.weight_change == "gained" else None


def _low_activity(answers: Answers) -> Params | None:
    return {} if answers.activity == "low" else None


FEATURES: dict[str, Feature] = {
    # knee-origin (seed §2; NICE NG226)
    "knee_first_gap": _first_with_gap("knee"),
    "knee_first": _first_without_gap("knee"),
    "knee_hurts_on_moving": _knee_hurts_on_moving,
    "back_after_walking": _yes("back_after_walking"),
    "morning_both_ease": _yes("morning_both_ease"),
    "knee_crepitus": _yes("knee_crepitus"),
    "knee_swelling": _yes("knee_swelling"),
    "short_stiffness": _short_stiffness,
    "age_with_activity_pain": _age_with_activity_pain,
    # back-origin (seed §2; spinal discriminators, clinical-spec.md §2)
    "back_first_gap": _first_with_gap("back"),
    "back_first": _first_without_gap("back"),
    "leg_symptoms": _leg_symptoms,
    "back_worse_sitting": _yes("back_worse_sitting"),
    "eases_sitting_forward": _yes("back_eases_sitting_forward"),
    "no_knee_signs": _no_knee_signs,
    # concurrent (seed §2)
    "same_time": lambda a: {} if a.first == "same_time" else None,
    "unsteady": _unsteady,
    "weight_gained": _weight_gained,
    "low_activity": _low_activity,
    "legs_weak": _yes("legs_feel_weak"),
}


def reasons_for(answers: Answers) -> tuple[Reason, ...]:
    found: list[Reason] = []
    for rule in pattern_content().reasons:
        params = FEATURES[rule.id](answers)
        if params is None:
            continue
        found.append(
            Reason(
                id=rule.id,
                points_to=rule.points_to,
                weight=rule.weight,
                text=fill(rule.text, params),
                source=rule.source,
            )
        )
    return tuple(found)


def classify(scores: Mapping[Pattern, float]) -> tuple[Pattern, Likelihood]:
    """The pattern with the most weight, if it is strong enough and clearly ahead."""
    ranked = sorted(scores.items(), key=lambda item: (-item[1], list(Pattern).index(item[0])))
    (top, best), (_, second) = ranked[0], ranked[1]
    lead = best - second
    if best >= LIKELY_MIN and lead >= LIKELY_LEAD:
        return top, "likely"
    if best >= POSSIBLE_MIN and lead >= POSSIBLE_LEAD:
        return top, "possible"
    return Pattern.UNDETERMINED, "undetermined"


def hip_may_matter(answers: Answers) -> bool:
    """Hip disease can be felt as knee or thigh pain (Devin 2012): mention it, cautiously, when
    the knee itself shows no signs but the pain comes with walking or rising, or spreads to the
    thigh."""
    if _no_knee_signs(answers) is None or answers.knee_pain == 0:
        return False
    on_loading = _activities(answers, ("walking", "standing_up")) is not None
    return answers.back_leg_symptoms == "thigh" or (answers.age >= 50 and on_loading)


def assess_pattern(answers: Answers) -> PatternResult:
    content = pattern_content()
    reasons = reasons_for(answers)
    scores: dict[Pattern, float] = {
        p: float(sum(r.weight for r in reasons if r.points_to == p)) for p in DECIDED
    }
    pattern, likelihood = classify(scores)
    # The chosen pattern's reasons first, strongest first; the others follow for transparency.
    ordered = sorted(reasons, key=lambda r: (r.points_to != pattern, -r.weight))
    if likelihood == "undetermined":
        summary = content.undetermined_summary
    else:
        summary = content.summary[pattern][likelihood]
    return PatternResult(
        pattern=pattern,
        likelihood=likelihood,
        scores={p.value: round(s, 2) for p, s in scores.items()},
        reasons=tuple(ordered),
        summary=summary,
        confirm=content.confirm,
        hip_note=content.hip_note if hip_may_matter(answers) else None,
    )
