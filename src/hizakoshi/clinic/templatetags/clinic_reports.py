"""`membership|reads_reports`: whether the menu shows the outcomes report (clinic/roles.py)."""

from __future__ import annotations

from django import template

from hizakoshi.clinic.models import Membership
from hizakoshi.clinic.roles import reads_reports as _reads_reports

register = template.Library()


@register.filter
def reads_reports(membership: Membership | None) -> bool:
    return membership is not None and _reads_reports(membership.role)
