"""Rules-sheet sections for the journey's schedule and the home function tests' meanings
(care/rulesheet.py renders them; care/rulesheet_parts.py lists them in order)."""

from __future__ import annotations

from hizakoshi.care import functiontests as ft
from hizakoshi.care.clinic.outcomes import Measure
from hizakoshi.care.functiontests_content import function_tests
from hizakoshi.care.journey.content import journey
from hizakoshi.care.journey.schedule import schedule
from hizakoshi.care.rulesheet import Sheet, both, number


def schedule_section(sheet: Sheet) -> None:
    s = schedule()
    c, j = s.checkins, journey()
    sheet.heading(2, "予定", "Schedule: what is due when")
    sheet.add(
        "Days count from the journey's start (the first self-check). Every page, the reminders "
        "and the calendar feed ask care/journey/schedule.py.",
        "",
        f"- Check-ins: on the start day, then every {c.every_days} days; an answer from "
        f"{c.early_days} days before a check-in day on counts for it. Reminded: "
        f"{', '.join(c.reminded)}; asked once: {', '.join(c.once) or 'none'}. The calendar "
        f"shows the check-in days after the start.",
        f"  - Rule as shown: {both(c.rule)}",
        f"  - 出典 (source): {sheet.source('check-ins', c.source)}",
        f"- Weight in the diary: asked when {s.weight.every_days} days or more have passed "
        f"since the last weight",
        f"  - Rule as shown: {both(s.weight.rule)}",
        f"  - 出典 (source): {sheet.source('weight interval', s.weight.source)}",
        f"- Diary: today and the {s.diary.edit_days - 1} days before can be filled in",
        f"  - Rule as shown: {both(s.diary.rule)}",
        f"  - 出典 (source): {sheet.source('diary window', s.diary.source)}",
        f"- Session: the exercises that fit in {s.session.limit_minutes} minutes; "
        f"{s.session.seconds_per_rep} s a movement, {s.session.seconds_between_holds} s after "
        f"each hold, {s.session.rest_seconds} s rest between sets and sides, "
        f"{s.session.setup_seconds} s to get ready",
        f"  - Rule as shown: {both(s.session.rule)}",
        f"  - 出典 (source): {sheet.source('session', s.session.source)}",
        f"- Weekly review: whole weeks from the start; usual pain = the mean of each diary "
        f"day's worst pain in the {j.pain_model.usual_days} days before the week (else the "
        f"self-check's pain), at most 9",
        f"  - 出典 (source): {sheet.source('usual pain', j.pain_model.usual_source)}",
        f"- Weight goal: within {number(j.weight_goal.same_kg)} kg of the first weight means "
        f"keep it steady (a 5% change either way is worse)",
        f"  - 出典 (source): {sheet.source('weight goal', j.weight_goal.source)}",
        f"- Messages: a warning sign is not raised again for {j.escalation.red_flag_days} days "
        f"unless a new sign joins it; a specialist message at most once in "
        f"{j.escalation.specialist_repeat_days} days; the progress page lists the last "
        f"{j.escalation.shown_days} days",
        f"  - 出典 (source): {sheet.source('repeats', j.escalation.repeat_source)}",
    )


def _measure(m: Measure) -> str:
    return f"{m.instrument} {m.field}" + (f" ({m.context})" if m.context else "")


def outcomes_section(sheet: Sheet) -> None:
    from hizakoshi.care.clinic import outcomes as oc

    o, shown = oc.outcomes_content(), oc.rules()
    base, h = oc.baseline_window(), oc.horizon_window()
    sheet.heading(2, "当院の成果", "The clinic's outcomes report (aggregates only)")
    sheet.add(
        "care/clinic/outcomes.py; the windows are the answers that count for the check-in days "
        "(schedule.yaml).",
        "",
        f"- Improved at {o.horizon.weeks} weeks: baseline = the first score on days "
        f"{base.first}-{base.last} of the episode (from the later of the link day and the "
        f"journey's start); horizon = the score closest to day {oc.horizon_day()} on days "
        f"{h.first}-{h.last}; improved = the change reaches the measure's MCID",
        f"  - Rule as shown: {both(shown['horizon'])}",
        f"  - 出典 (source): {sheet.source('outcomes horizon', o.horizon.source)}",
        f"  - Measures: {', '.join(_measure(m) for m in o.measures)}",
        f"- Session adherence: {o.adherence.sessions_per_day} session a day planned over the "
        f"first {o.horizon.weeks} weeks",
        f"  - Rule as shown: {both(shown['adherence'])}",
        f"  - 出典 (source): {sheet.source('adherence', o.adherence.source)}",
        f"- Drop-out: no record for {o.dropout.days} days or more",
        f"  - Rule as shown: {both(shown['dropout'])}",
        f"  - 出典 (source): {sheet.source('drop-out', o.dropout.source)}",
    )


def function_test_section(sheet: Sheet) -> None:
    words = function_tests()
    sheet.heading(2, "家でできる体力テスト", "Home function tests: what a result means")
    sheet.add(
        f"ロコモ度 (stand-up: both legs from {ft.STAND_UP_STAGE1_BOTH_LEGS_CM} cm -> 1, from "
        f"{ft.STAND_UP_STAGE2_BOTH_LEGS_CM} cm -> 2, else 3; two-step value below "
        f"{float(ft.TWO_STEP_STAGE1_BELOW):g} / {float(ft.TWO_STEP_STAGE2_BELOW):g} / "
        f"{float(ft.TWO_STEP_STAGE3_BELOW):g} -> 1 / 2 / 3; the worst test counts). "
        f"Source: {sheet.source('locomo', words.locomo.source)}",
        "",
    )
    sheet.table(
        ("stage", "meaning as shown"),
        [(str(stage), both(text)) for stage, text in sorted(words.locomo.stages.items())],
    )
    cs = words.chair_stand
    sheet.add(f"30-second chair stand. Source: {sheet.source('chair stand', cs.source)}", "")
    sheet.table(
        ("chair", "band", "meaning as shown"),
        [
            ("43 cm (STEADI)", "below_average", both(cs.steadi.below_average)),
            ("43 cm (STEADI)", "at_or_above_cutoff", both(cs.steadi.at_or_above_cutoff)),
            ("40 cm (CS-30)", "below_average", both(cs.cs30.below_average)),
            ("40 cm (CS-30)", "average", both(cs.cs30.average)),
            ("40 cm (CS-30)", "above_average", both(cs.cs30.above_average)),
            ("either", "no_reference", both(cs.no_reference)),
        ],
    )
    st, ol = words.steadi, words.one_leg
    sheet.add(
        f"- STEADI questions: any yes: {both(st.at_risk)}",
        f"  - 出典 (source): {sheet.source('STEADI questions', st.source)}",
        f"- One-leg standing under {ft.ONE_LEG_CHECK_BELOW_S} s: {both(ol.below)}",
        f"  - 出典 (source): {sheet.source('one-leg standing', ol.source)}",
    )
