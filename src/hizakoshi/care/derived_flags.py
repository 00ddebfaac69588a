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
    onset = back_onset_range(answers)
    # Only when the whole possible range lies before 20, so the flag is never a guess.
    return answers.back_pain > 0 and onset is not None and onset[1] < ONSET_YOUNG


def back_began_old(answers: Answers) -> bool:
    onset = back_onset_range(answers)
    return answers.back_pain > 0 and onset is not None and onset[0] > ONSET_OLD


def _injured(answers: Answers) -> bool:
    return answers.knee_recent_injury == "yes"


def giving_way_after_injury(answers: Answers) -> bool:
    return _injured(answers) and answers.knee_giving_way == "yes"


def swelling_after_injury(answers: Answers) -> bool:
    return _injured(answers) and answers.knee_swelling == "yes"


def injury_unclear(answers: Answers) -> bool:
    """After an injury the person could not say whether they can walk or bend the knee:
    the Ottawa knee rule cannot be ruled out, so an X-ray decision belongs to a clinician."""
    ottawa = (answers.knee_injury_four_steps, answers.knee_injury_bend)
    return _injured(answers) and "unknown" in ottawa


def hot_swollen_knee_with_fever(answers: Answers) -> bool:
    # The person ticked fever (asked with the back pain) and also a swollen, warm knee:
    # the same picture as a hot knee with fever, which must not wait.
    return (
        "fever_back" in answers.other_signs
        and answers.knee_swelling == "yes"
        and answers.knee_warmth == "yes"
    )


# NICE CKS / JOA: no improvement after 4-6 weeks of self-care. A month of self-care counts.
SELFCARE_CHECK_MONTHS = 1


def no_better_after_weeks(answers: Answers) -> bool:
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
    return (
        answers.selfcare_helped == "no"
        and answers.selfcare_months is not None
        and answers.selfcare_months >= SIX_MONTHS
    )


def daily_life_badly_affected(answers: Answers) -> bool:
    return answers.daily_life == "severe"


DERIVED_FLAGS: dict[str, DerivedFlag] = {
    "back_began_young": back_began_young,
    "back_began_old": back_began_old,
    "giving_way_after_injury": giving_way_after_injury,
    "swelling_after_injury": swelling_after_injury,
    "injury_unclear": injury_unclear,
    "hot_swollen_knee_with_fever": hot_swollen_knee_with_fever,
    "no_better_after_weeks": no_better_after_weeks,
    "six_months_no_better": six_months_no_better,
    "daily_life_badly_affected": daily_life_badly_affected,
}
