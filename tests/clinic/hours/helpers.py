"""The hours page as staff fill it in: the form's fields for a week and the rules, and staff of
each role of the clinic, signed in."""

from __future__ import annotations

from typing import Any

from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import Clinic, Role
from people import staff, staff_login

WEEKDAY = [["09:00", "12:00"], ["14:00", "18:00"]]
WEEK = [WEEKDAY] * 5 + [[["09:00", "12:00"]], []]


def week_fields(week: list[list[list[str]]]) -> dict[str, str]:
    fields = {}
    for day, periods in enumerate(week):
        for index, (opens, closes) in enumerate(periods, start=1):
            fields[f"d{day}_opens{index}"] = opens
            fields[f"d{day}_closes{index}"] = closes
    return fields


def entry_fields(week: list[list[list[str]]] | None = None, **changes: Any) -> dict[str, str]:
    """The form of a new entry as staff fill it in; `changes` replace or add fields."""
    fields = {
        "label": "山田(医師)",
        "slot_minutes": "30",
        "buffer_minutes": "0",
        "lead_minutes": "0",
        "horizon_days": "30",
        "change_until_minutes": "1440",
        "price_yen": "0",
        "price_note": "",
    }
    return fields | week_fields(WEEK if week is None else week) | changes


def member(clinic: Clinic, role: str, name: str = "受付") -> User:
    """The clinic's staff member of that role (made the first time)."""
    email = f"{role}-{clinic.code.lower()}@clinic.example.jp"
    found = User.objects.filter(email=email).first()
    return found or staff(email, clinic, role=role, display_name=name)


def signed_in(clinic: Clinic, role: str = Role.RECEPTION, name: str = "受付") -> Client:
    return staff_login(Client(), member(clinic, role, name))
