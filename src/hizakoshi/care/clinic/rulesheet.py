"""The rules-sheet section for the clinic's dashboard (care/rulesheet_parts.py lists it)."""

from __future__ import annotations

from hizakoshi.care.clinic.attention import kind_bit
from hizakoshi.care.clinic.content import clinic_content
from hizakoshi.care.rulesheet import Sheet, both


def clinic_section(sheet: Sheet) -> None:
    c = clinic_content()
    sheet.heading(2, "クリニックの一覧: 対応が必要な人", "Clinic dashboard: who needs attention")
    sheet.add(
        "For each person linked with the clinic, in this order of urgency (a person is ranked by "
        "their most urgent kind, then the next). An acknowledgement with a note drops a kind "
        "until a new one is raised.",
        f"- Order (source: {sheet.source('order', c.order_source)})",
        f"- No records: {c.inactive_days} days or more",
        f"- Warning signs and messages count from {c.before_link_days} days before the person "
        f"linked (source: {sheet.source('before linking', c.before_link_source)})",
        f"- Pain compared: {', '.join(c.pain_series)} (their progress series' thresholds)",
        "",
    )
    rows = [
        (
            f"`{k.id}`",
            str(kind_bit(k.id)),
            both(k.name.format(days=c.inactive_days)),
            both(k.rule.format(days=c.inactive_days)),
            sheet.source(k.id, k.source),
        )
        for k in c.kinds
    ]
    sheet.table(("kind", "weight", "name as shown", "rule as shown", "source"), rows)
