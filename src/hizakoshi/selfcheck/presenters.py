"""Turn an assessment (as stored JSON) into what the result template shows.

Fresh and saved results go through the same path, from `Assessment.model_dump(mode="json")`:
a saved page shows what the person saw then, and a later change to the engine's model can never
break an old saved page.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from hizakoshi.care.content import exercises
from hizakoshi.care.model import Lang
from hizakoshi.care.plan_texts import ARTICLE
from hizakoshi.care.tips import FOR_EVERYONE
from hizakoshi.care.triage import PAUSING

# Our own working files never reach a page, even in a result saved before the sources were
# rewritten: "(clinical-spec.md §1)" goes, "Seed article §3" becomes the article's citation.
OUR_FILES = re.compile(
    r"\s*\((?:see )?[\w-]+\.md\b[^)]*\)|[,;]?\s*\b[\w-]+\.md\b(?:\s*§[\d\-–, §]+)?(?::[^;)]*)?"
)
SEED_ARTICLE = re.compile(r"\b[Ss]eed(?: article(?:'s)?)?(?: §[\d\-–]+(?:, §?[\d\-–]+)*)?")
EMPTY_BRACKETS = re.compile(r"\s*\(\s*[;,]?\s*\)")

PAUSING_URGENCIES = frozenset(u.value for u in PAUSING)

URGENCY_LABELS = {
    "emergency": _("Emergency"),
    "same_day": _("See a doctor today"),
    "within_days": _("Within a few days"),
    "soon": _("Not urgent: book a visit"),
    "none": _("No warning signs"),
}
PATTERN_LABELS = {
    "knee_origin": _("The knee may be driving the back pain (knee → back)"),
    "back_origin": _("The back may be driving the knee pain (back → knee)"),
    "concurrent": _("Both may have begun together"),
    "undetermined": _("The pattern cannot be told from the answers"),
    "knee_only": _("Only the knee hurts now: this plan is for the knee"),
    "back_only": _("Only the low back hurts now: this plan is for the back"),
}
LIKELIHOOD_LABELS = {
    "likely": _("likely"),
    "possible": _("possible"),
    "undetermined": _("undetermined"),
}
FOCUS_LABELS = {"knee": _("Knee"), "back": _("Low back"), "both": _("Knee and low back")}
SITE_LABELS = {"knee": _("Knee"), "back": _("Low back"), "both": _("Knee and low back")}
THERMAL_LABELS = {
    "heat": _("Warm it"),
    "cold": _("Cool it"),
    "either": _("Warm or cool, whichever feels better"),
    "avoid_both": _("Neither warm nor cool it for now"),
}
TARGET_LABELS = {
    "knee": _("for the knee"),
    "back": _("for the low back"),
    "both": _("for knee and low back"),
    "balance": _("for balance"),
}
INSURANCE_LABELS = {
    "covered": _("Covered by national health insurance"),
    "partly": _("Partly covered by national health insurance"),
    "not_covered": _("Not covered by national health insurance (自由診療)"),
}


def resolve_texts(value: Any, lang: Lang) -> Any:
    """Replace every {"ja": ..., "en": ...} pair in JSON data by the text in one language."""
    if isinstance(value, dict):
        if set(value) == {"ja", "en"} and all(isinstance(v, str) for v in value.values()):
            return value[lang]
        return {k: resolve_texts(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_texts(v, lang) for v in value]
    return value


def result_view(assessment: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The assessment in one language, with the labels and exercise pictures the page needs."""
    view: dict[str, Any] = resolve_texts(assessment, lang)
    triage = view["triage"]
    triage["label"] = URGENCY_LABELS.get(triage["urgency"], triage["urgency"])
    triage["is_emergency"] = triage["urgency"] == "emergency"
    # A result saved by an older engine has no for_doctor and may carry a pattern and a plan
    # with a pausing urgency: the page still pauses everything (see is_paused).
    if not triage.get("for_doctor"):
        triage["for_doctor"] = [hit["sign"] for hit in triage.get("hits", [])]
    triage["self_care_paused"] = is_paused(assessment)
    view.setdefault("answers_complete", True)
    pattern = view.get("pattern")
    if pattern:
        pattern["label"] = PATTERN_LABELS.get(pattern["pattern"], pattern["pattern"])
        pattern["likelihood_label"] = LIKELIHOOD_LABELS.get(
            pattern["likelihood"], pattern["likelihood"]
        )
    if view.get("priority"):
        view["priority"]["label"] = FOCUS_LABELS.get(view["priority"]["focus"], "")
    if view.get("plan"):
        for item in view["plan"]["exercises"]:
            _add_exercise_content(item, lang)
    for item in view.get("thermal", []):
        item["site_label"] = SITE_LABELS.get(item["site"], item["site"])
        item["choice_label"] = THERMAL_LABELS.get(item["choice"], item["choice"])
    for option in view["referral"]["options"]:
        option["insurance_label"] = INSURANCE_LABELS.get(option["insurance"], "")
    _group_tips(view, lang)
    view["sources"] = sources(view)
    return view


def _group_tips(view: dict[str, Any], lang: Lang) -> None:
    """Walking tips go with the walking plan; the rest into daily life, those chosen by the
    person's answers first, then the ones for everyone under one line saying so."""
    tips = view.get("tips", [])
    view["walking_tips"] = [t for t in tips if t["topic"] == "walking"]
    view["own_tips"] = [t for t in tips if t["topic"] != "walking" and t.get("why")]
    view["general_tips"] = [t for t in tips if t["topic"] != "walking" and not t.get("why")]
    view["for_everyone"] = FOR_EVERYONE.ja if lang == "ja" else FOR_EVERYONE.en


def clean_source(text: str) -> str:
    """A source as a clinician reads it: the citation, without our working file names."""
    text = OUR_FILES.sub("", text)
    text = SEED_ARTICLE.sub(ARTICLE, text)
    text = EMPTY_BRACKETS.sub("", text)
    return re.sub(r"\s*;\s*(?=;|$)", "", text).strip(" ;")


def sources(view: dict[str, Any]) -> list[dict[str, str]]:
    """What each part of the result rests on, once each, for the folded evidence section."""
    found: list[tuple[Any, str]] = []
    for hit in view["triage"].get("hits", []):
        found.append((hit["sign"], hit.get("source", "")))
    plan = view.get("plan")
    if plan:
        found.append((_("Your plan for this week"), plan.get("source", "")))
        for ex in plan["exercises"]:
            found.append((ex["name"], ex.get("source", "")))
        found.append((_("Walking"), plan["walking"].get("source", "")))
    for item in view.get("thermal", []):
        found.append((f"{item['site_label']}: {item['choice_label']}", item.get("source", "")))
    if view.get("weight"):
        found.append((_("Weight and your knees"), view["weight"].get("source", "")))
    for tip in view.get("tips", []):
        found.append((tip.get("title") or tip["text"][:20], tip.get("source", "")))
    found.append((_("When to see a doctor"), view["referral"].get("source", "")))
    seen: set[str] = set()
    listed = []
    for label, source in found:
        text = clean_source(source or "")
        if text and text not in seen:
            seen.add(text)
            listed.append({"label": str(label), "source": text})
    return listed


def is_paused(assessment: dict[str, Any]) -> bool:
    """Whether the result pauses self-care. A stored result says so itself; the urgency is
    checked too, so no stored result with an urgent sign ever shows a plan."""
    triage = assessment.get("triage", {})
    return bool(triage.get("self_care_paused")) or triage.get("urgency") in PAUSING_URGENCIES


def _add_exercise_content(item: dict[str, Any], lang: Lang) -> None:
    # The how-to steps and the drawing come from the content files, which keep the exercise id;
    # an exercise that was later removed from them still shows its name and dosage.
    item["target_label"] = TARGET_LABELS.get(item["targets"], "")
    found = exercises().get(item["id"])
    item["steps"] = [step.get(lang) for step in found.steps] if found else []
    item["illustration"] = f"illustrations/{found.illustration}" if found else None
