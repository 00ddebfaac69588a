"""Which pain drives which: knee-origin, back-origin, concurrent, or undetermined.

No validated rule separates the patterns (Syst Rev 2023, PMC9979420), so the engine only weighs
the seed article's features and the clinical discriminators (clinical-spec.md §2), each stated in
the person's own answers, and says "undetermined" when the evidence is thin or balanced.
Weights and texts live in content/patterns.yaml; this module finds which features are present.

The link is judged only when both pains are present this week (clinical-spec.md §1): with one
pain the result says so (knee only / back only) and weighs nothing. A pattern is never chosen
against the person's own account of which pain began first (an origin pattern means one pain came
first and the other followed; concurrent means they began together, seed article §2); such a
pattern still counts as a rival, so mixed evidence shows as undetermined.
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
# A gap of this many months or more between the two pains is a clear order (as knee_first_gap).
CLEAR_GAP_MONTHS = 1
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


def _knee_pain_after_sitting(answers: Answers) -> Params | None:
    # Seed §2 back-origin: long sitting worsens the back, and then the knee hurts on standing up.
    # Asked only when long sitting makes the back worse.
    both = answers.knee_hurts and answers.back_hurts
    return {} if both and answers.knee_pain_after_sitting == "yes" else None


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
    "knee_pain_after_sitting": _knee_pain_after_sitting,
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


def contradicted(answers: Answers) -> frozenset[Pattern]:
    """Patterns the person's own timing rules out: pains that began together are not one driving
    the other, and an origin pattern needs its own pain first (seed article §2)."""
    gap = answers.gap_months
    clear_gap = gap is not None and gap >= CLEAR_GAP_MONTHS
    if answers.first == "same_time":
        return frozenset({Pattern.KNEE_ORIGIN, Pattern.BACK_ORIGIN})
    if answers.first == "knee":
        return frozenset({Pattern.BACK_ORIGIN, *([Pattern.CONCURRENT] if clear_gap else [])})
    if answers.first == "back":
        return frozenset({Pattern.KNEE_ORIGIN, *([Pattern.CONCURRENT] if clear_gap else [])})
    return frozenset()


def classify(
    scores: Mapping[Pattern, float], ruled_out: frozenset[Pattern] = frozenset()
) -> tuple[Pattern, Likelihood]:
    """The pattern with the most weight, if it is strong enough and clearly ahead of every other
    pattern (a ruled-out pattern cannot win, but its weight still counts against the winner)."""
    order = list(Pattern)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], order.index(item[0])))
    allowed = [(p, s) for p, s in ranked if p not in ruled_out]
    if not allowed:
        return Pattern.UNDETERMINED, "undetermined"
    top, best = allowed[0]
    second = max((s for p, s in ranked if p != top), default=0.0)
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


def _strongest_first(reasons: tuple[Reason, ...]) -> tuple[Reason, ...]:
    return tuple(sorted(reasons, key=lambda r: -r.weight))


def _not_judged(answers: Answers) -> PatternResult:
    """One pain (or none) this week: say so, weigh nothing, never speak of one driving the
    other (clinical-spec.md §1)."""
    content = pattern_content()
    if answers.knee_hurts:
        pattern: Pattern = Pattern.KNEE_ONLY
        summary = content.single_site_summary[pattern]
    elif answers.back_hurts:
        pattern = Pattern.BACK_ONLY
        summary = content.single_site_summary[pattern]
    else:
        pattern, summary = Pattern.UNDETERMINED, content.no_pain_summary
    return PatternResult(
        pattern=pattern,
        likelihood="not_judged",
        scores={},
        reasons=(),
        summary=summary,
        confirm=content.confirm,
        hip_note=content.hip_note if hip_may_matter(answers) else None,
    )


def assess_pattern(answers: Answers) -> PatternResult:
    if not (answers.knee_hurts and answers.back_hurts):
        return _not_judged(answers)
    content = pattern_content()
    reasons = reasons_for(answers)
    scores: dict[Pattern, float] = {
        p: float(sum(r.weight for r in reasons if r.points_to == p)) for p in DECIDED
    }
    pattern, likelihood = classify(scores, contradicted(answers))
    supporting: tuple[Reason, ...]
    elsewhere: tuple[Reason, ...]
    if likelihood == "undetermined":
        # Nothing was chosen: every answer is shown as what was weighed.
        summary = content.undetermined_summary
        supporting, elsewhere = _strongest_first(reasons), ()
    else:
        # Only the answers that point to the chosen pattern explain it; the others are shown
        # apart, so a reason never seems to support a pattern it argues against.
        summary = content.summary[pattern][likelihood]
        supporting = _strongest_first(tuple(r for r in reasons if r.points_to == pattern))
        elsewhere = _strongest_first(tuple(r for r in reasons if r.points_to != pattern))
    return PatternResult(
        pattern=pattern,
        likelihood=likelihood,
        scores={p.value: round(s, 2) for p, s in scores.items()},
        reasons=supporting,
        other_reasons=elsewhere,
        summary=summary,
        confirm=content.confirm,
        hip_note=content.hip_note if hip_may_matter(answers) else None,
    )
