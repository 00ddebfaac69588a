"""Heat or cold, per joint (seed article §4; clinical-spec.md §5).

A swollen or warm knee is cooled, never heated, whatever else applies; pain that is worse in
the cold season, long-lasting pain and morning stiffness are warmed; a recent knee pain without
swelling is cooled first. When the knee and the back get the same advice, it is given once for
both. With one pain only, only that site is advised on (and a swollen or warm knee, always).
"""

from __future__ import annotations

from hizakoshi.care.conditions import holds
from hizakoshi.care.model import Answers, Text, ThermalAdvice
from hizakoshi.care.rules import CautionKind, ThermalFile, ThermalRule, thermal_content

# The rules this module chooses between; content.load_all checks thermal.yaml has them all.
RULE_IDS = frozenset(
    {
        "knee_swollen_cold",
        "knee_cold_season_heat",
        "knee_recent_cold",
        "knee_chronic_heat",
        "back_heat",
        "back_cold_season_heat",
        "both_heat",
        "both_cold_season_heat",
    }
)


def _worse_in_cold(answers: Answers) -> bool:
    return answers.worse_in_cold == "yes"


def _knee_rule_id(answers: Answers) -> str:
    # Order matters: a swollen or warm knee is never heated (seed §4), even in the cold season.
    if holds("knee_swollen", answers):
        return "knee_swollen_cold"
    if _worse_in_cold(answers):
        return "knee_cold_season_heat"
    stiff = bool(answers.knee_stiffness_min) or answers.morning_both_ease == "yes"
    if answers.knee_duration == "under_6w" and not stiff:
        # Seed §4: cold for acute pain; heat later if it becomes long-lasting (said in the text).
        return "knee_recent_cold"
    return "knee_chronic_heat"


def _back_rule_id(answers: Answers) -> str:
    return "back_cold_season_heat" if _worse_in_cold(answers) else "back_heat"


def _cautions(content: ThermalFile, rule: ThermalRule) -> tuple[Text, ...]:
    # We do not ask about reduced sensation or poor circulation, so that line is always shown.
    kinds: dict[str, tuple[CautionKind, ...]] = {
        "heat": ("heat",),
        "cold": ("cold",),
        "either": ("heat", "cold"),
        "avoid_both": (),
    }
    lines = [line for kind in kinds[rule.choice] for line in content.cautions.get(kind, ())]
    return (*lines, *content.cautions["always"])


def _advice(content: ThermalFile, rule: ThermalRule) -> ThermalAdvice:
    how = rule.text if rule.choice == "avoid_both" else content.how[rule.choice]
    return ThermalAdvice(
        site=rule.site,
        choice=rule.choice,
        text=rule.text,
        how=how,
        cautions=_cautions(content, rule),
        rule_id=rule.id,
        source=rule.source,
    )


def thermal_advice(answers: Answers) -> tuple[ThermalAdvice, ...]:
    content = thermal_content()
    knee = content.rule(_knee_rule_id(answers))
    back = content.rule(_back_rule_id(answers))
    # One pain only: that site alone. A swollen or warm knee is always told to be cooled, even
    # when it does not hurt this week (it must never be warmed with the back).
    knee_matters = answers.knee_hurts or holds("knee_swollen", answers)
    if knee_matters and not answers.back_hurts:
        return (_advice(content, knee),)
    if answers.back_hurts and not knee_matters:
        return (_advice(content, back),)
    if knee.choice == back.choice == "heat":
        both = "both_cold_season_heat" if _worse_in_cold(answers) else "both_heat"
        return (_advice(content, content.rule(both)),)
    return (_advice(content, knee), _advice(content, back))
