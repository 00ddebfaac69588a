"""When to see a doctor, why (from the person's own answers), and the medical options,
presented neutrally (the clinic article's §5 and §7; spec §1, §5)."""

from __future__ import annotations

from hizakoshi.care.content import medical_options
from hizakoshi.care.derived_flags import daily_life_badly_affected, six_months_no_better
from hizakoshi.care.model import (
    Answers,
    MedicalOption,
    Pattern,
    PatternResult,
    Referral,
    Text,
    Triage,
    Urgency,
)

SOURCE = "専門医の解説記事「膝痛と腰痛が同時に起こる理由と改善策」 §5, §7; NICE NG226"

HEADLINE: dict[str, Text] = {
    Urgency.EMERGENCY: Text(ja="今すぐ受診してください", en="Get care now"),
    Urgency.SAME_DAY: Text(ja="今日中に受診してください", en="See a doctor today"),
    Urgency.WITHIN_DAYS: Text(
        ja="数日のうちに受診してください", en="See a doctor within the next few days"
    ),
    "specialist": Text(
        ja="専門の医師と治療を相談する時期です",
        en="It is time to plan treatment with a specialist",
    ),
    Urgency.SOON: Text(ja="近いうちに受診しましょう", en="See a doctor soon"),
    Urgency.NONE: Text(ja="こんなときは受診しましょう", en="When to see a doctor"),
}

UNDETERMINED = Text(
    ja="どちらの痛みが先かは答えからは決められませんでした。医師の診察(神経の検査や画像検査)で確かめられることがあります。",
    en="Your answers do not settle which pain drives the other; a doctor's examination "
    "(nerve checks, X-ray or MRI) can help to tell.",
)
HIP = Text(
    ja="股関節が膝の痛みに関わっていないか、診察で確かめてもらいましょう。",
    en="Ask the doctor to check whether the hip plays a part in the knee pain.",
)
LONG_STIFFNESS = Text(
    ja="朝の膝のこわばりが{minutes}分続くとのことです。30分を超えるこわばりは、ほかの関節の病気のこともあるので、医師に伝えましょう。",
    en="Your morning knee stiffness lasts {minutes} minutes. Stiffness of more than 30 minutes "
    "can come from other joint conditions, so tell the doctor.",
)
GENERAL = Text(
    ja="4〜6週間セルフケアを続けても良くならないとき、暮らしへの影響が大きくなったとき、新しい症状が出たときは、整形外科を受診しましょう。",
    en="See an orthopaedic doctor if 4-6 weeks of self-care bring no improvement, if the pain "
    "gets more in the way of daily life, or if anything new appears.",
)

# Diagnosis and insurance-covered care first; treatments outside insurance last.
KIND_ORDER = ("diagnosis", "referral", "therapy", "medicine", "injection", "regenerative")
LONG_STIFFNESS_MIN = 30  # NICE NG226: OA stiffness lasts 30 minutes or less


def six_month_rule(answers: Answers) -> bool:
    """The clinic article's threshold for specialist treatment."""
    return six_months_no_better(answers) or daily_life_badly_affected(answers)


def _reasons(answers: Answers, triage: Triage, pattern: PatternResult | None) -> tuple[Text, ...]:
    reasons = [hit.sign for hit in triage.hits]
    if pattern is not None:
        minutes = answers.knee_stiffness_min
        if minutes is not None and minutes > LONG_STIFFNESS_MIN:
            reasons.append(LONG_STIFFNESS.format(minutes=minutes))
        if pattern.pattern == Pattern.UNDETERMINED and pattern.likelihood != "not_judged":
            reasons.append(UNDETERMINED)
        if pattern.hip_note is not None:
            reasons.append(HIP)
    if not reasons:
        reasons.append(GENERAL)
    return tuple(reasons)


def _options() -> tuple[MedicalOption, ...]:
    items = sorted(
        medical_options().values(),
        key=lambda m: KIND_ORDER.index(m.kind) if m.kind in KIND_ORDER else len(KIND_ORDER),
    )
    return tuple(
        MedicalOption(
            id=m.id,
            name=m.name,
            text=m.text,
            evidence=m.evidence,
            insurance=m.insurance,
            disclosure=m.disclosure,
            source=m.source,
        )
        for m in items
    )


def refer(answers: Answers, triage: Triage, pattern: PatternResult | None) -> Referral:
    rule = six_month_rule(answers)
    if triage.self_care_paused:
        key: str = triage.urgency
    else:
        key = "specialist" if rule else triage.urgency
    return Referral(
        headline=HEADLINE[key],
        reasons=_reasons(answers, triage, pattern),
        six_month_rule=rule,
        # While self-care is paused a list of treatments only distracts from getting care.
        options=() if triage.self_care_paused else _options(),
        source=SOURCE,
    )
