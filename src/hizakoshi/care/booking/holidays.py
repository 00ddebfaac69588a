"""Japanese public holidays (国民の祝日, with 振替休日 and 国民の休日), from the kept library
`jpholiday`, which follows the Cabinet Office's list (内閣府「国民の祝日について」).

A clinic is closed on them unless it says otherwise (Availability.open_on_holidays); its own
closed days (the year-end break, 夏季休診) are its exceptions, not holidays.
"""

from __future__ import annotations

from datetime import date

import jpholiday


def japanese_holidays(first: date, last: date) -> frozenset[date]:
    """The public holidays from `first` to `last`, both included."""
    if last < first:
        return frozenset()
    return frozenset(day for day, _name in jpholiday.between(first, last))
