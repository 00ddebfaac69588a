"""Heat or cold: a swollen knee is cooled, long-lasting pain is warmed, always with safe limits."""

from __future__ import annotations

from hizakoshi.care.model import ThermalAdvice
from hizakoshi.care.plan_texts import ARTICLE

from .factory import assessed

# A swollen knee; the follow-up on when the swelling began is then asked ("longer" raises no flag).
SWOLLEN = {"knee_swelling": "yes", "knee_swelling_onset": "longer"}


def by_site(**overrides: object) -> dict[str, ThermalAdvice]:
    return {t.site: t for t in assessed(**overrides).thermal}


def test_a_swollen_knee_is_cooled_not_heated() -> None:
    advice = by_site(**SWOLLEN)
    assert advice["knee"].choice == "cold"
    assert advice["knee"].rule_id == "knee_swollen_cold"
    assert advice["back"].choice == "heat"


def test_a_knee_that_feels_warm_is_cooled() -> None:
    assert by_site(knee_warmth="yes")["knee"].choice == "cold"


def test_long_lasting_pain_in_both_is_warmed_with_one_piece_of_advice() -> None:
    advice = assessed().thermal
    assert len(advice) == 1
    assert advice[0].site == "both"
    assert advice[0].choice == "heat"


def test_morning_stiffness_of_a_new_knee_pain_is_warmed() -> None:
    advice = by_site(knee_duration="under_6w", knee_stiffness_min=10)
    assert advice["both"].choice == "heat"


def test_recent_knee_pain_without_swelling_is_cooled_first() -> None:
    advice = by_site(knee_duration="under_6w")
    assert advice["knee"].choice == "cold"
    assert advice["knee"].rule_id == "knee_recent_cold"
    assert "cooling it first" in advice["knee"].text.en
    assert "まずは冷やして" in advice["knee"].text.ja
    # The clinic article is cited by its title; our own file names never appear in a source.
    assert f"{ARTICLE} §4" in advice["knee"].source and ".md" not in advice["knee"].source


def test_recent_knee_pain_is_told_warmth_may_suit_once_it_lasts_for_weeks() -> None:
    text = by_site(knee_duration="under_6w")["knee"].text
    assert "goes on for weeks, warmth may feel better" in text.en
    assert "温める" in text.ja


def test_recent_knee_pain_cooled_first_gets_the_cold_limits() -> None:
    knee = by_site(knee_duration="under_6w")["knee"]
    assert "15-20 minutes" in knee.how.en and "towel" in knee.how.en


def test_heat_advice_gives_bath_temperature_and_time_and_never_while_asleep() -> None:
    how = assessed().thermal[0].how
    assert "38〜40℃" in how.ja and "15〜20分" in how.ja
    assert "38-40 °C" in how.en and "10-15 minutes" in how.en
    assert "asleep" in how.en


def test_heat_advice_warns_about_low_temperature_burns_from_hand_warmers() -> None:
    cautions = assessed().thermal[0].cautions
    assert any("低温やけど" in c.ja and "カイロ" in c.ja for c in cautions)


def test_cold_advice_wraps_the_ice_checks_the_skin_at_five_minutes_and_stops_before_numbness() -> (
    None
):
    knee = by_site(**SWOLLEN)["knee"]
    assert "15-20 minutes" in knee.how.en
    assert "5 minutes" in knee.how.en
    assert "towel" in knee.how.en and "numb" in knee.how.en
    assert not any("低温やけど" in c.ja for c in knee.cautions)


def test_the_reduced_sensation_and_circulation_caution_is_always_given() -> None:
    for overrides in ({}, SWOLLEN, {"knee_duration": "under_6w"}, {"worse_in_cold": "yes"}):
        for advice in assessed(**overrides).thermal:
            assert any("circulation" in c.en for c in advice.cautions)


def test_every_heat_or_cold_rule_names_its_source() -> None:
    for advice in assessed(**SWOLLEN).thermal:
        assert advice.source


def test_pain_worse_in_the_cold_season_is_warmed_and_says_why() -> None:
    advice = assessed(worse_in_cold="yes").thermal
    assert [(a.site, a.choice, a.rule_id) for a in advice] == [
        ("both", "heat", "both_cold_season_heat")
    ]
    assert "worse in the cold" in advice[0].text.en and "寒い季節" in advice[0].text.ja
    assert "cold season" in advice[0].source


def test_a_recent_knee_pain_worse_in_the_cold_is_warmed_rather_than_cooled() -> None:
    knee = by_site(knee_duration="under_6w", worse_in_cold="yes", back_pain=0)["knee"]
    assert (knee.choice, knee.rule_id) == ("heat", "knee_cold_season_heat")


def test_a_swollen_knee_is_never_warmed_even_when_the_cold_makes_it_worse() -> None:
    for extra in (SWOLLEN, {"knee_warmth": "yes"}):
        advice = by_site(**extra, worse_in_cold="yes")
        assert advice["knee"].choice == "cold"
        assert advice["back"].rule_id == "back_cold_season_heat"


def test_a_back_only_person_worse_in_the_cold_is_told_to_warm_the_back() -> None:
    advice = by_site(knee_pain=0, worse_in_cold="yes")
    assert list(advice) == ["back"]
    assert advice["back"].rule_id == "back_cold_season_heat"


def test_not_being_worse_in_the_cold_keeps_the_usual_heat_advice() -> None:
    for answer in ("no", "unknown"):
        assert [a.rule_id for a in assessed(worse_in_cold=answer).thermal] == ["both_heat"]
