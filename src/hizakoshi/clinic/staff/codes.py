"""The codes of the second factor: what a member types, read into one typed value; recovery
codes made and shown; the app's secret shown in groups for typing.

A member types either the 6 digits their authenticator app shows (TOTP, RFC 6238) or one of
their recovery codes. Both are read forgivingly: full-width digits and letters from a Japanese
input method, spaces and hyphens are all accepted, since none of them can make a wrong code
right. Recovery codes use letters and digits that cannot be mistaken for one another (no i, l,
o, 0, 1), ten of them (about 49 bits each), shown as two groups of five.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from base64 import b32encode
from dataclasses import dataclass
from typing import Literal

TOTP_DIGITS = 6  # django-otp's TOTPDevice default, and what every authenticator app shows
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 10
RECOVERY_GROUP = 5
SECRET_GROUP = 4

_TOTP = re.compile(rf"^[0-9]{{{TOTP_DIGITS}}}$")
_RECOVERY = re.compile(rf"^[{RECOVERY_ALPHABET}]{{{RECOVERY_LENGTH}}}$")

CodeKind = Literal["totp", "recovery"]


@dataclass(frozen=True)
class Code:
    kind: CodeKind
    value: str  # as django-otp compares it: the digits, or the recovery code without hyphens


def _plain(typed: str) -> str:
    # NFKC turns full-width ０-９ and Ａ-Ｚ into ASCII; spaces and hyphens only group the code.
    folded = unicodedata.normalize("NFKC", typed)
    return re.sub(r"[\s\-‐－ー]", "", folded).lower()


def code_read(typed: str) -> Code | None:
    """The code a member typed, or None when it has the shape of neither kind."""
    plain = _plain(typed)
    if _TOTP.match(plain):
        return Code("totp", plain)
    if _RECOVERY.match(plain):
        return Code("recovery", plain)
    return None


def recovery_code_new() -> str:
    return "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))


def recovery_code_shown(code: str) -> str:
    """`abcdefghjk` as `abcde-fghjk`: easier to copy by hand."""
    return "-".join(code[i : i + RECOVERY_GROUP] for i in range(0, len(code), RECOVERY_GROUP))


def secret_groups(key: bytes) -> list[str]:
    """The app's secret in base32 (what apps ask for when typed in), in groups of four."""
    text = b32encode(key).decode("ascii").rstrip("=")
    return [text[i : i + SECRET_GROUP] for i in range(0, len(text), SECRET_GROUP)]
