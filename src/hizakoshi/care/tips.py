"""Everyday advice (daily life, home, walking, food) and the short education on why both hurt.

An advice item is shown when every condition in its `when` holds (items without conditions are
for everyone); its `why` names the answers that selected it, so the person sees why it is there.
"""

from __future__ import annotations

from hizakoshi.care.conditions import holds, parts_that_hold
from hizakoshi.care.content import Advice, advice
from hizakoshi.care.model import Answers, Text, Tip

# How each named condition reads as "because you said ...". A condition without an entry here
# falls back to a general phrase, so a new condition in conditions.py never breaks a result.
CONDITION_WHY: dict[str, Text] = {
    "knee_swollen": Text(
        ja="膝が腫れている・熱いと答えた", en="you said your knee is swollen or warm"
    ),
    "knee_pain_high": Text(ja="膝の痛みが強い(7以上)", en="your knee pain is strong (7 or more)"),
    "back_pain_high": Text(ja="腰の痛みが強い(7以上)", en="your back pain is strong (7 or more)"),
    "leg_symptoms": Text(
        ja="腰から足へしびれや重さが広がると答えた",
        en="you said numbness or heaviness spreads from your back into the leg",
    ),
    "stenosis_like": Text(
        ja="座ったり前かがみになると足が楽になると答えた",
        en="you said your legs ease when you sit or bend forward",
    ),
    "knee_unstable": Text(
        ja="膝が引っかかる・崩れると答えた", en="you said your knee catches or gives way"
    ),
    "unsteady": Text(
        ja="ふらつく、または転んだことがあると答えた",
        en="you said you feel unsteady or have had a fall",
    ),
    "desk_work": Text(
        ja="1日の多くを座って過ごすと答えた", en="you said you sit for most of the day"
    ),
    "stairs_pain": Text(ja="階段で膝が痛むと答えた", en="you said your knee hurts on stairs"),
    "rising_pain": Text(
        ja="立ち上がるときに膝が痛むと答えた", en="you said your knee hurts when you stand up"
    ),
    "weight_gained": Text(ja="この1年で体重が増えたと答えた", en="you said you have gained weight"),
    "low_activity": Text(
        ja="ふだんあまり体を動かさないと答えた", en="you said you are not very active"
    ),
    "older_adult": Text(ja="65歳以上である", en="you are 65 or over"),
    "older_with_knee_pain": Text(
        ja="65歳以上で膝が痛む", en="you are 65 or over and your knee hurts"
    ),
    "both_pains": Text(ja="膝と腰の両方が痛む", en="both your knee and your back hurt"),
    "osteoporosis": Text(
        ja="骨粗しょう症、またはステロイドの飲み薬を長く使っていると答えた",
        en="you said you have osteoporosis or take steroid tablets long-term",
    ),
    "knee_replacement": Text(
        ja="人工膝関節の手術を受けたと答えた", en="you said you have had a knee replacement"
    ),
    # Any-of conditions: used only when no answers are at hand (see why()).
    "older_or_unsteady": Text(
        ja="65歳以上である、またはふらつくと答えた",
        en="you are 65 or over, or you said you feel unsteady",
    ),
    "stairs_or_older_knee": Text(
        ja="階段で膝が痛む、または65歳以上で膝が痛む",
        en="your knee hurts on stairs, or you are 65 or over and your knee hurts",
    ),
}
# Items without conditions are for everyone: the page says so once, above them (FOR_EVERYONE),
# instead of the same sentence under each item.
FOR_EVERYONE = Text(
    ja="膝や腰が痛む人みんなに役立つことです。",
    en="This helps everyone with knee or back pain.",
)
FALLBACK_WHY = Text(ja="あなたの答えに合う", en="it fits your answers")

TIP_TOPICS = ("daily", "home", "walking", "nutrition")


def applies(item: Advice, answers: Answers) -> bool:
    return all(holds(name, answers) for name in item.when)


def why(item: Advice, answers: Answers | None = None) -> Text | None:
    """Which answers chose the item (None for an item for everyone). With the answers at hand,
    an any-of condition names only the parts that hold (for example "you are 65 or over", not
    "65 or over, or unsteady")."""
    if not item.when:
        return None
    names = [
        part
        for name in item.when
        for part in (parts_that_hold(name, answers) if answers is not None else (name,))
    ]
    parts = [CONDITION_WHY.get(name, FALLBACK_WHY) for name in names]
    return Text(
        ja="、".join(p.ja for p in parts) + "ためです。",
        en="Because " + " and ".join(p.en for p in parts) + ".",
    )


def select_tips(answers: Answers) -> tuple[Tip, ...]:
    chosen = [a for a in advice().values() if a.topic in TIP_TOPICS and applies(a, answers)]
    # In the order the result shows them: walking tips (beside the walking plan) first, then the
    # items chosen by the person's answers, then those for everyone; by topic within each group.
    chosen.sort(key=lambda a: (a.topic != "walking", not a.when, TIP_TOPICS.index(a.topic)))
    return tuple(
        Tip(
            id=a.id,
            topic=a.topic,
            title=a.title,
            text=a.text,
            why=why(a, answers),
            source=a.source,
        )
        for a in chosen
    )


def education(answers: Answers | None = None) -> tuple[Text, ...]:
    """Why knee and back pain go together (the three mechanisms: gait, muscle balance, posture)
    and the other education items, each as its title and one short paragraph. With the answers
    at hand, an item's `when` is honoured: the mechanisms (one pain loading the other) are for
    people with both pains only (clinical-spec.md §1)."""
    return tuple(
        Text(ja=f"{a.title.ja}：{a.text.ja}", en=f"{a.title.en}: {a.text.en}")
        for a in advice().values()
        if a.topic == "education" and (answers is None or applies(a, answers))
    )
