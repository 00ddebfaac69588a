"""`{{ membership.role|sees_records }}`: whether the menu shows the pages of health records to
this role (the rule is clinic/roles.py's; a template must not list roles itself)."""

from __future__ import annotations

from django import template

from hizakoshi.clinic.roles import sees_records as _sees_records

register = template.Library()


@register.filter
def sees_records(role: object) -> bool:
    return _sees_records(str(role))
