"""Heat or cold: a swollen knee is cooled, long-lasting pain is warmed, always with safe limits."""

from __future__ import annotations

from hizakoshi.care.model import ThermalAdvice

from .factory import assessed


def by_site(**overrides: object) -> dict[str, ThermalAdvice]:
    return {t.site: t for t in assessed(**overrides).thermal}


def test_a_swollen_knee_is_cooled_not_heated() -> None:
    advice = by_site(knee_swelling="yes")
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


def test_recent_knee_pain_without_swelling_may_be_warmed_or_cooled() -> None:
    advice = by_site(knee_duration="under_6w")
    assert advice["knee"].choice == "either"
    assert advice["knee"].rule_id == "knee_recent_either"


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
    knee = by_site(knee_swelling="yes")["knee"]
    assert "15-20 minutes" in knee.how.en
    assert "5 minutes" in knee.how.en
    assert "towel" in knee.how.en and "numb" in knee.how.en
    assert not any("低温やけど" in c.ja for c in knee.cautions)


def test_the_reduced_sensation_and_circulation_caution_is_always_given() -> None:
    for overrides in ({}, {"knee_swelling": "yes"}, {"knee_duration": "under_6w"}):
        for advice in assessed(**overrides).thermal:
            assert any("circulation" in c.en for c in advice.cautions)


def test_every_heat_or_cold_rule_names_its_source() -> None:
    for advice in assessed(knee_swelling="yes").thermal:
        assert advice.source
