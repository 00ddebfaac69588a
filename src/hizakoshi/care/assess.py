"""The one door for the self-check: answers in, a complete assessment out.

Pure and deterministic: the same answers and content always give the same result. The result
records the engine version and a hash of the content it was computed with, so a clinician can
later see exactly what the person saw.
"""

from __future__ import annotations

from hizakoshi.care.content import content_hash
from hizakoshi.care.model import Answers, Assessment, Text, Triage
from hizakoshi.care.patterns import assess_pattern
from hizakoshi.care.plan import build_plan
from hizakoshi.care.priority import choose_priority
from hizakoshi.care.referral import refer
from hizakoshi.care.thermal import thermal_advice
from hizakoshi.care.tips import education, select_tips
from hizakoshi.care.triage import triage
from hizakoshi.care.weight import assess_weight

# Bump when a rule in code changes what a result says (content changes show in content_hash).
ENGINE_VERSION = "2.1.0"

DISCLAIMER = Text(
    ja=(
        "この結果は、あなたの答えをもとにしたセルフケアの手引きで、診断ではありません。"
        "気になることがあれば、医師や理学療法士に相談してください。"
    ),
    en=(
        "This result is a self-care guide based on your answers, not a diagnosis. "
        "If anything worries you, talk to a doctor or physiotherapist."
    ),
)


def assess(answers: Answers) -> Assessment:
    screen = triage(answers)
    if screen.self_care_paused:
        return _paused(answers, screen)
    if not answers.complete:
        raise ValueError("incomplete answers are only assessed when a red flag pauses self-care")
    pattern = assess_pattern(answers)
    return Assessment(
        engine_version=ENGINE_VERSION,
        content_hash=content_hash(),
        triage=screen,
        pattern=pattern,
        priority=choose_priority(pattern),
        plan=build_plan(answers, pattern.pattern),
        thermal=thermal_advice(answers),
        weight=assess_weight(answers),
        tips=select_tips(answers),
        referral=refer(answers, screen, pattern),
        education=education(answers),
        disclaimer=DISCLAIMER,
    )


def _paused(answers: Answers, screen: Triage) -> Assessment:
    """Red flags override everything (clinical-spec.md §1): no pattern, plan, exercise-pain
    rule, heat or cold, weight targets or tips, only how urgently to get care and what to tell
    the doctor."""
    return Assessment(
        engine_version=ENGINE_VERSION,
        content_hash=content_hash(),
        triage=screen,
        pattern=None,
        priority=None,
        plan=None,
        thermal=(),
        weight=None,
        tips=(),
        referral=refer(answers, screen, None),
        education=(),
        disclaimer=DISCLAIMER,
        answers_complete=answers.complete,
    )
