"""Words of the self-care plan: the pain rules, the walking start and how a dose reads."""

from __future__ import annotations

from hizakoshi.care.model import Text

ARTICLE = "専門医の解説記事「膝痛と腰痛が同時に起こる理由と改善策」"
PLAN_SOURCE = (
    "OARSI 2019; NICE NG226 2022; NICE NG59; pain-monitoring model (Thomeé 1997, NEMEX-TJR); "
    "OARSI 2019 and NICE NG226 (warn that pain may rise at first); " + ARTICLE + " §3, §5-6"
)
WALKING_SOURCE = (
    ARTICLE + " §6 (10-15 min on flat ground in walking shoes; water walking especially for people "
    "with both pains); Walk With Ease (+5 min a week); pain-monitoring model (Thomeé 1997); "
    "Cochrane CD005523 (aquatic exercise for knee and hip osteoarthritis: similar to land, "
    "better adherence)"
)

STOP_RULE = Text(
    ja=(
        "体操中の痛みは0〜10で考えます(0=痛みなし、10=考えられる最悪の痛み)。"
        "0〜2は安全です。3〜5なら続けてかまいません。5を超えたら強すぎます。"
        "痛みが5までで、翌朝にはいつもの痛みに戻り、週ごとに強くなっていなければ続けて大丈夫です。"
        "そうでなければ回数を減らすか、ひとつ前の段階に戻しましょう。"
    ),
    en=(
        "Rate pain during exercise from 0 to 10 (0 = no pain, 10 = worst imaginable): "
        "0-2 is safe, 3-5 is acceptable and you can carry on, "
        "above 5 is too much. Carry on if the pain stays at 5 or below, is back to your usual "
        "level by the next morning, and does not build up from week to week. "
        "If not, do fewer or go back one step."
    ),
)

NOTE = Text(
    ja=(
        "始めたばかりのころは、痛みが少し強くなることがありますが、上の範囲なら体が慣れていく途中です。"
        "回数を増やすのは、楽にできるようになってからにしましょう。"
    ),
    en=(
        "At first the pain may rise a little; within the limits above, that is your body getting "
        "used to it. Add more only once the exercises feel easy."
    ),
)

WALKING_TEXT = Text(
    ja=(
        "平らな道を、歩きやすい靴で1日{minutes}分から始めましょう。"
        "痛みの範囲におさまっていれば、1週間ごとに5分ずつのばします。"
    ),
    en=(
        "Start with {minutes} minutes a day on flat ground, in comfortable walking shoes. "
        "If the pain stays within the limits, add about 5 minutes each week."
    ),
)

WATER_WALKING = Text(
    ja=(
        "プールでの水中ウォーキングは、膝と腰の両方が痛む人に向いています。"
        "水が体重を支えるので、陸上より楽に続けやすくなります。"
        "プールの床はすべりやすいので、ゆっくり歩きましょう。"
    ),
    en=(
        "Walking in a pool suits people with both knee and back pain: "
        "the water carries some of your weight, so it is easier to keep up than walking on land. "
        "Pool floors can be slippery, so walk slowly."
    ),
)

WHY_TARGET: dict[str, Text] = {
    "knee": Text(ja="膝を支える力をつけます。", en="It builds the support around the knee."),
    "back": Text(ja="腰をやさしく動かします。", en="It moves the low back gently."),
    "both": Text(ja="膝と腰の両方に役立ちます。", en="It helps both the knee and the back."),
    "balance": Text(
        ja="ふらつきや転倒を防ぐのに役立ちます。", en="It helps against unsteadiness and falls."
    ),
}


def dosage_text(
    hold_seconds: int | None, reps: int | None, sets: int, times_per_day: int, per_side: bool
) -> Text:
    ja: list[str] = []
    en: list[str] = []
    if hold_seconds is not None:
        ja.append(f"{hold_seconds}秒キープ")
        en.append(f"hold {hold_seconds} seconds")
    if reps is not None:
        ja.append(f"{reps}回")
        en.append(f"{reps} times")
    ja.append(f"{sets}セット")
    en.append(f"{sets} set{'s' if sets != 1 else ''}")
    side_ja = "(左右それぞれ)" if per_side else ""
    side_en = ", each side" if per_side else ""
    day_en = "once a day" if times_per_day == 1 else f"{times_per_day} times a day"
    return Text(
        ja=f"{'×'.join(ja)}{side_ja}、1日{times_per_day}回",
        en=f"{', '.join(en)}{side_en}; {day_en}",
    )
