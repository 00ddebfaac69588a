"""What a role may, for templates: `{% if membership.role|reads_audit %}`. The rules stay in
clinic/roles.py; a menu asks them instead of naming roles itself."""

from __future__ import annotations

from django import template

from hizakoshi.clinic import roles

register = template.Library()


@register.filter
def reads_audit(role: str) -> bool:
    return roles.reads_audit(role)


@register.filter
def sees_records(role: str) -> bool:
    return roles.sees_records(role)


@register.filter
def reads_reports(role: str) -> bool:
    return roles.reads_reports(role)


@register.filter
def role_word(role: str) -> str:
    """「医師」 for "doctor": the role in the page's language."""
    return roles.role_word(role)


@register.filter
def handles_bookings(role: str) -> bool:
    return roles.handles_bookings(role)


@register.filter
def manages_hours(role: str) -> bool:
    return roles.manages_hours(role)
