"""The codes of the second factor: what a member types, read into one typed value; recovery
codes made and shown; the app's secret shown in groups for typing.

A member types either the 6 digits their authenticator app shows (TOTP, RFC 6238) or one of
their recovery codes. Both are read forgivingly: full-width digits and letters from a Japanese
input method, spaces and hyphens are all accepted, since none of them can make a wrong code
right. Recovery codes use letters and digits that cannot be mistaken for one another (no i, l,
o, 0, 1), ten of them (about 49 bits each), shown as two groups of five.

A setup code (what a new or reset member needs before their app can be set up) is twelve of the
same characters in capitals, shown as three groups of four (`ABCD-EFGH-JKMN`, about 59 bits):
easy to read aloud and type, read in any case. Only its HMAC-SHA256 keyed with SECRET_KEY is
stored, so a copy of the database alone does not give the codes.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from base64 import b32encode
from dataclasses import dataclass
from typing import Literal

from django.utils.crypto import constant_time_compare, salted_hmac

TOTP_DIGITS = 6  # django-otp's TOTPDevice default, and what every authenticator app shows
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 10
RECOVERY_GROUP = 5
SECRET_GROUP = 4
SETUP_ALPHABET = RECOVERY_ALPHABET.upper()
SETUP_LENGTH = 12
SETUP_GROUP = 4
_SETUP_SALT = "hizakoshi.clinic.staff.setup-code"

_TOTP = re.compile(rf"^[0-9]{{{TOTP_DIGITS}}}$")
_RECOVERY = re.compile(rf"^[{RECOVERY_ALPHABET}]{{{RECOVERY_LENGTH}}}$")
_SETUP = re.compile(rf"^[{SETUP_ALPHABET}]{{{SETUP_LENGTH}}}$")

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


def setup_code_new() -> str:
    return "".join(secrets.choice(SETUP_ALPHABET) for _ in range(SETUP_LENGTH))


def setup_code_shown(code: str) -> str:
    """`ABCDEFGHJKMN` as `ABCD-EFGH-JKMN`."""
    return "-".join(code[i : i + SETUP_GROUP] for i in range(0, len(code), SETUP_GROUP))


def setup_code_read(typed: str) -> str | None:
    """The setup code typed (any case, full-width, spaces, hyphens), or None for another shape."""
    plain = _plain(typed).upper()
    return plain if _SETUP.match(plain) else None


def setup_code_hash(code: str) -> str:
    return salted_hmac(_SETUP_SALT, code, algorithm="sha256").hexdigest()


def setup_code_matches(code: str, stored_hash: str) -> bool:
    return constant_time_compare(setup_code_hash(code), stored_hash)
