"""The way into booking from other pages: `{% booking_offer urgency state=... result=... %}` on a
self-check result, `{% booking_offer %}` on Today and on an escalation.

Shown only when the person has a clinic (clinic/booking/selectors.booking_clinic), never on an
emergency (call 119 is the only action there). On a result that says to see a doctor today or
within days, the clinic's phone number comes first: booking a slot days ahead is not enough.
"""

from __future__ import annotations

from typing import Any

from django import template

from hizakoshi.clinic.booking.selectors import booking_clinic, resources_of

register = template.Library()

PHONE_FIRST = frozenset({"same_day", "within_days"})


@register.inclusion_tag("booking/_offer.html", takes_context=True)
def booking_offer(
    context: template.Context,
    urgency: str = "",
    *,
    state: str = "",
    result: str = "",
    anyone: bool = False,
    only_bookable: bool = False,
) -> dict[str, Any]:
    """`anyone`: the page is the same for every visitor (a cached saved result), so the clinic
    is the site's own, not the signed-in person's. `only_bookable`: the page names the clinic
    and its phone itself (Today, a message), so a clinic without online booking adds nothing."""
    if urgency == "emergency":
        return {"clinic": None}
    request = context.get("request")
    person = None if anyone or request is None else request.user
    clinic = booking_clinic(person=person)
    if clinic is None:
        return {"clinic": None}
    resources = resources_of(clinic)
    if only_bookable and not resources:
        return {"clinic": None}
    prices = sorted({r.price_yen for r in resources if r.price_yen is not None})
    return {
        "clinic": clinic,
        "bookable": bool(resources),
        "phone_first": urgency in PHONE_FIRST and bool(clinic.phone),
        "prices": prices,
        "state": state,
        "result": result,
        "csrf_token": context.get("csrf_token"),
    }
