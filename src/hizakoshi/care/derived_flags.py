"""Warning signs that no single answer shows, but a combination does.

redflags.yaml names these rules (`derived: ...`), so the file still says in words which signs
raise which urgency; the arithmetic over the answers lives here, where it can be tested.
"""

from __future__ import annotations

from collections.abc import Callable

from hizakoshi.care.model import Answers, Duration

DerivedFlag = Callable[[Answers], bool]

# Years a duration answer covers at least and at most; None = no upper bound or unknown.
DURATION_YEARS: dict[Duration, tuple[float, float] | None] = {
    "under_6w": (0.0, 6 / 52),
    "6w_3m": (6 / 52, 0.25),
    "3m_6m": (0.25, 0.5),
    "6m_1y": (0.5, 1.0),
    "over_1y": (1.0, float("inf")),
    "unknown": None,
}

# JOA LBP guideline 2019 / NICE CKS: back pain that *began* before 20 or after 55.
ONSET_YOUNG = 20
ONSET_OLD = 55


def back_onset_range(answers: Answers) -> tuple[float, float] | None:
    """The age range in which the back pain began, from today's age and its duration."""
    span = DURATION_YEARS[answers.back_duration]
    if span is None:
        return None
    shortest, longest = span
    return answers.age - longest, answers.age - shortest


def back_began_young(answers: Answers) -> bool:
    """Back pain that began before 20 (only when the whole possible onset range lies before it)."""
    onset = back_onset_range(answers)
    # Only when the whole possible range lies before 20, so the flag is never a guess.
    return answers.back_pain > 0 and onset is not None and onset[1] < ONSET_YOUNG


def back_began_old(answers: Answers) -> bool:
    """Back pain that began after 55 (only when the whole possible onset range lies after it)."""
    onset = back_onset_range(answers)
    return answers.back_pain > 0 and onset is not None and onset[0] > ONSET_OLD


def _injured(answers: Answers) -> bool:
    return answers.knee_recent_injury == "yes"


def _injured_this_week(answers: Answers) -> bool:
    # "Don't know when" counts as recent: the Ottawa rule is then not ruled out.
    return _injured(answers) and answers.knee_injury_when in ("this_week", "unknown")


# Ottawa knee rule (Stiell 1995): age 55 or over after a knee injury -> X-ray, even if the person
# can walk and bend the knee.
OTTAWA_AGE = 55


def injury_age_ottawa(answers: Answers) -> bool:
    """A knee injury in the last week (or not sure when) at 55 or over."""
    return _injured_this_week(answers) and answers.age >= OTTAWA_AGE


def injury_with_replacement(answers: Answers) -> bool:
    """The Ottawa rule does not apply to a knee prosthesis: after an injury, refer anyway."""
    return _injured(answers) and "knee_replacement" in answers.other_signs


def _hot_swollen_knee(answers: Answers) -> bool:
    return answers.knee_swelling == "yes" and answers.knee_warmth == "yes"


def hot_knee_recent(answers: Answers) -> bool:
    """A knee that became hot and swollen in the last days without an injury: septic or crystal
    arthritis must be excluded the same day, even without fever (NICE CKS "Hot joints").
    "Don't know since when" counts as recent."""
    return (
        _hot_swollen_knee(answers)
        and answers.knee_swelling_onset in ("days", "unknown")
        and not _injured(answers)
    )


def hot_knee_at_risk(answers: Answers) -> bool:
    """A hot, swollen knee in a person on immunosuppressive medicine or with a knee replacement:
    septic arthritis often has no fever in these groups (NICE CKS "Septic arthritis")."""
    at_risk = {"immunosuppression", "knee_replacement"} & set(answers.other_signs)
    return _hot_swollen_knee(answers) and bool(at_risk)


def calf_with_breathlessness(answers: Answers) -> bool:
    """One swollen, painful calf together with sudden breathlessness or chest pain."""
    return "calf_swollen" in answers.urgent_signs and answers.calf_breathless == "yes"


# NICE NG156 / CKS "AAA": an older adult with sudden severe back pain into the belly or groin,
# or with faintness, is an emergency. Younger people with the same picture are seen the same day
# (our choice, for a clinician's sign-off).
AORTA_AGE = 60


def sudden_back_pain_older(answers: Answers) -> bool:
    """Sudden severe back pain into the belly or groin, or with faintness, at 60 or over."""
    return "back_sudden_belly" in answers.urgent_signs and answers.age >= AORTA_AGE


def sudden_back_pain_younger(answers: Answers) -> bool:
    """The same sudden severe back pain under 60."""
    return "back_sudden_belly" in answers.urgent_signs and answers.age < AORTA_AGE


def osteoporosis_with_fall(answers: Answers) -> bool:
    """Osteoporosis or long-term steroid tablets, and a recent fall, even a small one."""
    return "osteoporosis" in answers.other_signs and answers.osteoporosis_fall == "yes"


def giving_way_after_injury(answers: Answers) -> bool:
    """The knee gives way, and the person injured it recently."""
    return _injured(answers) and answers.knee_giving_way == "yes"


def swelling_after_injury(answers: Answers) -> bool:
    """The knee is swollen, and the person injured it recently."""
    return _injured(answers) and answers.knee_swelling == "yes"


def injury_unclear(answers: Answers) -> bool:
    """After an injury the person could not say whether they can walk or bend the knee:
    the Ottawa knee rule cannot be ruled out, so an X-ray decision belongs to a clinician."""
    ottawa = (answers.knee_injury_four_steps, answers.knee_injury_bend)
    return _injured(answers) and "unknown" in ottawa


def hot_swollen_knee_with_fever(answers: Answers) -> bool:
    """Fever (ticked with the back pain) together with a swollen, warm knee."""
    # The person ticked fever (asked with the back pain) and also a swollen, warm knee:
    # the same picture as a hot knee with fever, which must not wait.
    return "fever_back" in answers.other_signs and _hot_swollen_knee(answers)


# NICE CKS / JOA: no improvement after 4-6 weeks of self-care. A month of self-care counts.
SELFCARE_CHECK_MONTHS = 1


def no_better_after_weeks(answers: Answers) -> bool:
    """Self-care for a month or more (or back pain for six weeks or more) without improvement."""
    # The six-month rule below says the same more strongly; one sign is enough.
    if answers.selfcare_helped != "no" or six_months_no_better(answers):
        return False
    if answers.selfcare_months is not None:
        return answers.selfcare_months >= SELFCARE_CHECK_MONTHS
    # Months not given: the back pain has lasted at least six weeks, and self-care has not helped.
    return answers.back_duration not in ("under_6w", "unknown")


# The seed article: self-care for more than six months without improvement -> specialist.
SIX_MONTHS = 6


def six_months_no_better(answers: Answers) -> bool:
    """Self-care for six months or more without improvement (the seed article's threshold)."""
    return (
        answers.selfcare_helped == "no"
        and answers.selfcare_months is not None
        and answers.selfcare_months >= SIX_MONTHS
    )


def daily_life_badly_affected(answers: Answers) -> bool:
    """The pain makes housework or going out hard."""
    # Not asked when the person stopped early: None never counts.
    return answers.daily_life == "severe"


DERIVED_FLAGS: dict[str, DerivedFlag] = {
    "back_began_young": back_began_young,
    "back_began_old": back_began_old,
    "giving_way_after_injury": giving_way_after_injury,
    "swelling_after_injury": swelling_after_injury,
    "injury_unclear": injury_unclear,
    "hot_swollen_knee_with_fever": hot_swollen_knee_with_fever,
    "hot_knee_recent": hot_knee_recent,
    "hot_knee_at_risk": hot_knee_at_risk,
    "calf_with_breathlessness": calf_with_breathlessness,
    "sudden_back_pain_older": sudden_back_pain_older,
    "sudden_back_pain_younger": sudden_back_pain_younger,
    "injury_age_ottawa": injury_age_ottawa,
    "injury_with_replacement": injury_with_replacement,
    "osteoporosis_with_fall": osteoporosis_with_fall,
    "no_better_after_weeks": no_better_after_weeks,
    "six_months_no_better": six_months_no_better,
    "daily_life_badly_affected": daily_life_badly_affected,
}
