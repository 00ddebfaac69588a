"""The sections of the clinical rules sheet (care/rulesheet.py), one function each, in order."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from hizakoshi.care import conditions, derived_flags, patterns, plan, referral, thermal, triage
from hizakoshi.care.content import exercises, medical_options, red_flags
from hizakoshi.care.instruments import instruments
from hizakoshi.care.journey.content import journey
from hizakoshi.care.model import URGENCY_ORDER, Urgency
from hizakoshi.care.plan_texts import PLAN_SOURCE, STOP_RULE, dosage_text
from hizakoshi.care.questions import question_set
from hizakoshi.care.rules import pattern_content, thermal_content, weight_content
from hizakoshi.care.rulesheet import (
    Sheet,
    both,
    cell,
    code_item,
    dict_entries,
    function_rule,
    functions_in,
    number,
)

URGENCY_WORDS: dict[Urgency, str] = {
    Urgency.EMERGENCY: "救急",
    Urgency.SAME_DAY: "当日受診",
    Urgency.WITHIN_DAYS: "数日以内の受診",
    Urgency.SOON: "近いうちの受診",
    Urgency.NONE: "該当なし",
}

# Thresholds written in code: (module, constant, what it decides). The values are read live.
CODE_THRESHOLDS = (
    (derived_flags, "ONSET_YOUNG", "back pain that began before this age -> soon"),
    (derived_flags, "ONSET_OLD", "back pain that began after this age -> soon"),
    (derived_flags, "OTTAWA_AGE", "from this age a knee injury this week -> within days"),
    (derived_flags, "AORTA_AGE", "sudden back pain into belly/groin: emergency from this age"),
    (derived_flags, "SELFCARE_CHECK_MONTHS", "months of self-care without help -> soon"),
    (derived_flags, "SIX_MONTHS", "months of self-care without help -> specialist"),
    (referral, "LONG_STIFFNESS_MIN", "knee stiffness longer than this is told to the doctor"),
    (plan, "HIGH_PAIN", "from this pain (0-10): level 1 only, 3 exercises, half the reps"),
    (plan, "MODERATE_PAIN", "from this pain (0-10): up to level 2, 4 exercises"),
    (patterns, "LIKELY_MIN", "summed weight for a 'likely' pattern"),
    (patterns, "LIKELY_LEAD", "lead over the runner-up for 'likely'"),
    (patterns, "POSSIBLE_MIN", "summed weight for a 'possible' pattern"),
    (patterns, "POSSIBLE_LEAD", "lead over the runner-up for 'possible'"),
)


def _module(module: object) -> str:
    return f"care/{getattr(module, '__name__', '').removeprefix('hizakoshi.care.')}.py"


def red_flag_section(sheet: Sheet) -> None:
    flags = red_flags()
    questions = question_set().questions
    sheet.heading(2, "警告サイン", "Red flags")
    paused = ", ".join(u for u in URGENCY_ORDER if u in triage.PAUSING)
    early = ", ".join(u for u in URGENCY_ORDER if u in triage.STOP_EARLY)
    sheet.add(
        "Checked first; the highest urgency among the signs found wins. "
        f"Self-care is paused completely for: {paused}. "
        f"The rest of the questions may be skipped for: {early}."
    )
    for urgency in URGENCY_ORDER:
        rules = [r for r in flags.rules if r.urgency == urgency]
        if urgency == Urgency.NONE and not rules:
            continue
        sheet.heading(3, URGENCY_WORDS[urgency], urgency.value)
        sheet.add(f"What the person is told: **{both(flags.headline[urgency])}**", "")
        sheet.add(*(f"- {both(line)}" for line in flags.what_to_do[urgency]), "")
        for rule in rules:
            sheet.add(f"#### `{rule.id}`", "")
            sheet.add(f"- 徴候 (sign): {both(rule.sign)}")
            sheet.add(f"- 理由 (why, as shown): {both(rule.why)}")
            if rule.derived is None:
                label = questions[rule.question or ""].option_label(rule.value or "")
                shown = f" ({both(label)})" if label else ""
                sheet.add(f"- 条件 (trigger): answer `{rule.question} = {rule.value}`{shown}")
            else:
                fn = derived_flags.DERIVED_FLAGS[rule.derived]
                doc, code = function_rule(fn)
                said = f": {cell(doc)}" if doc else ""
                sheet.add(f"- 条件 (trigger): derived rule `{rule.derived}`{said}")
                code_item(sheet, f"code ({_module(inspect.getmodule(fn))})", code, indent="  ")
            sheet.add(f"- 出典 (source): {sheet.source(rule.id, rule.source)}", "")
    sheet.heading(3, "補助の定義", "helpers used by the derived rules")
    for name in functions_in(derived_flags):
        if name in derived_flags.DERIVED_FLAGS:
            continue
        doc, code = function_rule(getattr(derived_flags, name))
        code_item(sheet, f"`{name}`" + (f" ({cell(doc)})" if doc else ""), code)
    sheet.add("", "Duration answers, in years since the pain began (`DURATION_YEARS`):", "")
    sheet.table(
        ("answer", "years"),
        [
            (key, "unknown" if span is None else f"{span[0]:.2f} to {span[1]:.2f}")
            for key, span in derived_flags.DURATION_YEARS.items()
        ],
    )


def threshold_section(sheet: Sheet) -> None:
    sheet.heading(2, "コード内の閾値", "Thresholds in the code")
    rows = [
        (f"`{name}`", number(getattr(module, name)), _module(module), meaning)
        for module, name, meaning in CODE_THRESHOLDS
    ]
    sheet.table(("constant", "value", "where", "decides"), rows)


def pattern_section(sheet: Sheet) -> None:
    content = pattern_content()
    features = dict_entries(patterns, "FEATURES")
    sheet.heading(2, "膝と腰のパターン", "Knee-back pattern")
    sheet.add(
        f"Weights add up per pattern. 'likely': at least {number(patterns.LIKELY_MIN)} and "
        f"{number(patterns.LIKELY_LEAD)} ahead of the next; 'possible': at least "
        f"{number(patterns.POSSIBLE_MIN)} and {number(patterns.POSSIBLE_LEAD)} ahead; otherwise "
        "undetermined. Judged only when both pains are above 0.",
        "",
        f"File source: {sheet.source('patterns.yaml', content.source)}",
        "",
    )
    rows = [
        (
            f"`{r.id}`",
            r.points_to.value,
            number(r.weight),
            f"`{cell(features.get(r.id, '?'))}`",
            both(r.text),
            sheet.source(r.id, r.source),
        )
        for r in content.reasons
    ]
    sheet.table(("reason", "points to", "weight", "feature (code)", "text", "source"), rows)


def exercise_section(sheet: Sheet) -> None:
    conds = dict_entries(conditions, "CONDITIONS")
    sheet.heading(2, "運動", "Exercises")
    sheet.add(
        f"Stop rule shown with every plan: {both(STOP_RULE)}",
        "",
        f"Plan source: {sheet.source('plan', PLAN_SOURCE)}",
        "",
        "Conditions named by the cautions (care/conditions.py):",
        "",
    )
    sheet.table(("condition", "holds when"), [(f"`{k}`", f"`{cell(v)}`") for k, v in conds.items()])
    for ex in exercises().values():
        d = ex.dosage
        sheet.add(f"### `{ex.id}`: {cell(ex.name.ja)} ({cell(ex.name.en)})", "")
        sheet.add(
            f"- targets {ex.targets}, {ex.position}, difficulty {ex.level}, "
            f"from the seed article: {'yes' if ex.from_article else 'no'}",
            f"- 量 (dose, level 1): "
            f"{both(dosage_text(d.hold_seconds, d.reps, d.sets, d.times_per_day, d.per_side))}",
        )
        for level in range(2, ex.levels + 1):
            text = ex.level_text(level)
            if text is not None:
                sheet.add(f"- 段階{level} (level {level}): {both(text)}")
        if ex.harder_source:
            levels_source = sheet.source(f"{ex.id} (levels)", ex.harder_source)
            sheet.add(f"- 段階の出典 (levels' source): {levels_source}")
        for c in ex.contraindications:
            sheet.add(f"- 注意 (caution) `{c.condition}` -> {c.action}: {both(c.text)}")
        if not ex.contraindications:
            sheet.add("- 注意 (caution): none")
        sheet.add(f"- 出典 (source): {sheet.source(ex.id, ex.source)}", "")


def thermal_section(sheet: Sheet) -> None:
    content = thermal_content()
    sheet.heading(2, "温める・冷やす", "Heat and cold")
    sheet.add(f"File source: {sheet.source('thermal.yaml', content.source)}", "")
    _, code = function_rule(thermal._knee_rule_id)
    code_item(sheet, "Which knee rule (care/thermal.py `_knee_rule_id`)", code)
    sheet.add(
        "- The back always gets `back_heat`; when knee and back both get heat, `both_heat`.", ""
    )
    rows = [
        (f"`{r.id}`", r.site, r.choice, both(r.text), sheet.source(r.id, r.source))
        for r in content.rules
    ]
    sheet.table(("rule", "site", "choice", "text", "source"), rows)
    sheet.add(*(f"- how ({k}): {both(v)}" for k, v in content.how.items()))
    for kind, lines in content.cautions.items():
        sheet.add(*(f"- caution ({kind}): {both(line)}" for line in lines))


def weight_section(sheet: Sheet) -> None:
    w = weight_content()
    sheet.heading(2, "体重", "Weight")
    sheet.add(
        f"- BMI at or above {number(w.bmi_cutoff)}: 5% and 10% targets are shown",
        f"- BMI below {number(w.bmi_low)}: never told to lose weight",
        f"- Knee load: about {number(w.load_per_kg)} kg less per kg lost, every step; examples "
        f"for {', '.join(number(kg) for kg in w.examples_kg)} kg",
        f"- Pace: {both(w.pace)}",
        f"- 出典 (source): {sheet.source('weight.yaml', w.source)}",
    )


def journey_section(sheet: Sheet) -> None:
    j = journey()
    pm = j.pain_model
    sheet.heading(2, "痛みのモニタリングと段階", "Pain monitoring and progression")
    sheet.add(
        f"- Pain during exercise at most {pm.max_pain_during}/10; average 'rising' = up by "
        f"{number(pm.rising_points)} or more; judged on at least {pm.min_sessions} sessions a week",
        f"- Rule as shown: {both(pm.rule)}",
        f"- 出典 (source): {sheet.source('pain_model', pm.source)}",
        "",
    )
    rows = [
        (
            f"`{lad.id}`",
            str(lad.min_hold_seconds or ""),
            str(lad.rep_step),
            str(lad.rep_cap or ""),
            str(lad.set_cap or ""),
            str(lad.levels),
            sheet.source(f"ladder {lad.id}", lad.source),
        )
        for lad in j.ladders
    ]
    sheet.table(
        ("ladder", "hold from s", "rep step", "rep cap", "set cap", "levels", "source"), rows
    )
    wk = j.walking
    sheet.add(
        f"- Walking: the daily amount goes up by {wk.step_minutes} min (or {wk.step_steps} steps) "
        f"after a good week and back one step otherwise; floors "
        f"{wk.min_minutes} min / {wk.min_steps} steps; goals {wk.goal_minutes} min x "
        f"{wk.goal_days} days, or {wk.goal_steps} steps (older: from {wk.older_age}); baseline "
        f"needs {wk.baseline_min_days} days",
        f"- Rule as shown: {both(wk.rule)}",
        f"- 出典 (source): {sheet.source('walking', wk.source)}",
    )


def progress_section(sheet: Sheet) -> None:
    j = journey()
    known = instruments()
    sheet.heading(2, "経過の判定", "Progress: improved, unchanged, worse")
    rows = []
    for s in j.series:
        if s.instrument is not None:
            m = known[s.instrument].mcid_for(s.field or "", s.context)
            percent = f" or {number(m.percent)}%" if m and m.percent else ""
            threshold = f"{s.instrument} MCID {number(m.points) if m else '?'}{percent}"
            threshold += f" ({s.context})" if s.context else ""
        elif s.bands:
            threshold = "crossing " + ", ".join(number(b) for b in s.bands)
        else:
            parts = [number(s.points)] if s.points else []
            parts += [f"{number(s.percent)}%"] if s.percent else []
            threshold = " or ".join(parts)
        rows.append(
            (
                f"`{s.id}`",
                threshold,
                number(s.floor),
                s.higher_is,
                f"{s.window_days} d ({s.aggregate})",
                str(s.min_points),
                sheet.source(s.id, s.source),
            )
        )
    sheet.table(
        ("series", "change counts at", "floor", "higher is", "window", "min", "source"), rows
    )


def escalation_section(sheet: Sheet) -> None:
    j = journey()
    esc = j.escalation
    rules = {r.id: r for r in red_flags().rules}
    sheet.heading(2, "日記の警告サインと専門医への相談", "Diary signs and escalation")
    sheet.add(f"The diary asks: {both(j.diary.heading)}", "")
    sheet.table(
        ("diary sign", "urgency", "sign"),
        [(f"`{s}`", rules[s].urgency.value, both(rules[s].sign)) for s in j.diary.signs],
    )
    sheet.add(
        f"- A diary red flag counts for {esc.red_flag_days} days",
        f"- Worse: {', '.join(esc.worse_series)} beyond the MCID for two weeks running",
        f"- No better: {', '.join(esc.no_better_series)}; back pain checked from week "
        f"{esc.back_weeks}; the six-month rule after {esc.no_better_months} months, on the last "
        f"{esc.no_better_recent_days} days",
        "",
    )
    rows = [
        (f"`{rid}`", both(r.reason), sheet.source(rid, r.source)) for rid, r in esc.rules.items()
    ]
    sheet.table(("rule", "reason as shown", "source"), rows)
    st = j.stratified
    sheet.add(f"STarT Back groups (source: {sheet.source('stratified', st.source)}):", "")
    sheet.table(
        ("group", "care", "ask the clinic"),
        [(g, both(v.intensity), "yes" if v.ask_clinic else "no") for g, v in st.groups.items()],
    )


def instrument_section(sheet: Sheet) -> None:
    sheet.heading(2, "質問票", "Questionnaires: MCIDs and licences")
    mcids, licences = [], []
    for inst in instruments().values():
        for m in inst.mcid:
            mcids.append(
                (
                    f"`{inst.id}`",
                    m.field,
                    m.context or "",
                    number(m.points),
                    f"{number(m.percent)}%" if m.percent else "",
                    sheet.source(f"{inst.id} MCID {m.field}", m.source),
                )
            )
        lic = inst.licence
        licences.append(
            (
                f"`{inst.id}`",
                cell(lic.summary),
                "yes" if lic.text_may_ship else "no",
                cell(lic.why),
                sheet.source(inst.id + " licence", lic.source),
                sheet.source(inst.id, inst.source),
            )
        )
    sheet.table(("instrument", "field", "context", "points", "percent", "source"), mcids)
    sheet.table(
        ("instrument", "licence", "text ships", "why", "licence source", "source"), licences
    )
    # The rights holders' statements, word for word, for the clinic: the person's pages show
    # only the copyright line under the wording itself, never licence terms.
    for inst in instruments().values():
        if inst.licence.notice:
            sheet.add(
                f"Rights holder's statement for `{inst.id}`:",
                "",
                f"> {cell(inst.licence.notice)}",
                "",
            )


def medical_section(sheet: Sheet) -> None:
    sheet.heading(2, "医療の選択肢", "Medical options shown when self-care is not paused")
    rows = [
        (f"`{m.id}`", m.kind, both(m.name), m.insurance, sheet.source(m.id, m.source))
        for m in medical_options().values()
    ]
    sheet.table(("option", "kind", "name", "insurance", "source"), rows)


def _later_sections() -> tuple[Callable[[Sheet], None], ...]:
    # Imported here: rulesheet_schedule imports care/rulesheet.py as this module does.
    from hizakoshi.care.clinic.rulesheet import clinic_section
    from hizakoshi.care.rulesheet_schedule import (
        function_test_section,
        outcomes_section,
        schedule_section,
    )

    return schedule_section, function_test_section, outcomes_section, clinic_section


SECTIONS: tuple[Callable[[Sheet], None], ...] = (
    red_flag_section,
    threshold_section,
    pattern_section,
    exercise_section,
    thermal_section,
    weight_section,
    journey_section,
    progress_section,
    escalation_section,
    *_later_sections(),
    instrument_section,
    medical_section,
)
