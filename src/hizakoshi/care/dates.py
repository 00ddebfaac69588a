"""A day in words, in both languages: 2026年12月2日 and "2 December 2026".

Pure, so the core can put a day into a message it writes (the escalation's "in your diary on
…"); the site's date filters (site/templatetags/dates.py) use the same wording, so a date reads
the same in a message and on the page around it. Never an ISO date in running text.
"""

from __future__ import annotations

from datetime import date

from hizakoshi.care.model import Text

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date_ja(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def long_date_en(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def long_date(day: date) -> Text:
    return Text(ja=long_date_ja(day), en=long_date_en(day))
