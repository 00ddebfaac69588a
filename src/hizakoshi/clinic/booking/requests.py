"""What a booking request carries into the services and what comes back: the request, the
booking made, and the refusals a page or the API turns into a message. Re-exported by
services.py, whose writes take and raise them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hizakoshi.care.booking import Refusal, Slot
from hizakoshi.care.model import Lang
from hizakoshi.clinic.models import Booking


@dataclass(frozen=True)
class Asked:
    """What a person asks for (already validated by the booking form)."""

    resource_id: int
    starts_at: datetime
    name: str
    name_kana: str
    phone: str
    email: str
    contact_by: str
    message: str
    lang: Lang
    selfcheck: dict[str, Any] | None = None

    @classmethod
    def from_form(
        cls, values: dict[str, Any], *, lang: Lang, selfcheck: dict[str, Any] | None = None
    ) -> Asked:
        """From BookingForm's cleaned data: the page and the API ask the same way."""
        fields = ("name", "name_kana", "phone", "email", "contact_by", "message")
        return cls(
            resource_id=values["resource"],
            starts_at=values["starts_at"],
            lang=lang,
            selfcheck=selfcheck,
            **{f: values[f] for f in fields},
        )


@dataclass(frozen=True)
class Made:
    booking: Booking
    token: str  # the private manage link's token
    replayed: bool  # the same request again (a double tap, a retry): the booking it made


class SlotRefused(Exception):
    """The slot cannot be booked (taken, closed, past...); `next_free` are (resource, slot)."""

    def __init__(self, refusal: Refusal, next_free: list[tuple[int, Slot]]) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal
        self.next_free = next_free


class KeyReused(Exception):
    """The idempotency key was used for a different request."""


class ChangeClosed(Exception):
    """The booking can no longer be changed this way (too late, or not open)."""
