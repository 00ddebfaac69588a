"""Heat or cold, per joint (seed article §4; clinical-spec.md §5).

A swollen or warm knee is cooled, never heated; long-lasting pain and morning stiffness are
warmed. When the knee and the back get the same advice, it is given once for both.
"""

from __future__ import annotations

from hizakoshi.care.conditions import holds
from hizakoshi.care.model import Answers, Text, ThermalAdvice
from hizakoshi.care.rules import CautionKind, ThermalFile, ThermalRule, thermal_content

# The rules this module chooses between; content.load_all checks thermal.yaml has them all.
RULE_IDS = frozenset(
    {"knee_swollen_cold", "knee_chronic_heat", "knee_recent_either", "back_heat", "both_heat"}
)


def _knee_rule_id(answers: Answers) -> str:
    if holds("knee_swollen", answers):
        return "knee_swollen_cold"
    stiff = bool(answers.knee_stiffness_min) or answers.morning_both_ease == "yes"
    if answers.knee_duration == "under_6w" and not stiff:
        return "knee_recent_either"
    return "knee_chronic_heat"


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
    back = content.rule("back_heat")
    if knee.choice == back.choice == "heat":
        return (_advice(content, content.rule("both_heat")),)
    return (_advice(content, knee), _advice(content, back))
