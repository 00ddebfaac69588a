"""The staff password rule: 13 or more characters mixing letters, digits and symbols.

Source: MHLW 医療情報システムの安全管理に関するガイドライン 第6.0版 and its Q&A:
英数字、記号を混在させた13文字以上 (or 8 with a second factor; staff have both
here). Patients keep Django's validators (8 characters, not common, not only digits).

`StaffPasswordValidator` sits in AUTH_PASSWORD_VALIDATORS, so every form that sets a password
for an existing account (the password reset, any change form) applies it to accounts with a live
membership and passes everyone else. `staff_password_check` applies it unconditionally, for an
account that is about to become a member (`hizakoshi staff_add`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hizakoshi.clinic.models import Membership

STAFF_PASSWORD_MIN_LENGTH = 13

MSG_STAFF_TOO_SHORT = _("A clinic staff password needs at least 13 characters.")
MSG_STAFF_KINDS = _(
    "A clinic staff password needs letters, numbers and symbols (such as - or !), all three."
)
MSG_STAFF_HELP = _(
    "Clinic staff accounts: at least 13 characters, with letters, numbers and symbols."
)


def _kinds(password: str) -> set[str]:
    kinds = set()
    for char in password:
        if char.isascii() and char.isalpha():
            kinds.add("letter")
        elif char.isascii() and char.isdigit():
            kinds.add("digit")
        else:  # punctuation, spaces, kana: anything that is not a plain letter or digit
            kinds.add("symbol")
    return kinds


def staff_password_check(password: str) -> None:
    """Raise ValidationError (every problem at once) unless `password` meets the staff rule."""
    problems = []
    if len(password) < STAFF_PASSWORD_MIN_LENGTH:
        problems.append(ValidationError(MSG_STAFF_TOO_SHORT, code="staff_password_too_short"))
    if len(_kinds(password)) < 3:
        problems.append(ValidationError(MSG_STAFF_KINDS, code="staff_password_kinds"))
    if problems:
        raise ValidationError(problems)


def is_member(user: Any) -> bool:
    pk = getattr(user, "pk", None)
    return pk is not None and Membership.objects.filter(user_id=pk, ended_at__isnull=True).exists()


class StaffPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if is_member(user):
            staff_password_check(password)

    def get_help_text(self) -> str:
        return str(MSG_STAFF_HELP)
