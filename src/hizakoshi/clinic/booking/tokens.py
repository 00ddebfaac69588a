"""The keys of a booking: the private manage link and the idempotency key.

The manage link's token is an HMAC (the site's SECRET_KEY) of a random nonce kept with the
booking; the database keeps the nonce and the sha256 of the token, never the token. So:
- a copy of the database alone opens no booking (the secret key is not in it);
- a retry of the same request (the same Idempotency-Key) is given the same link again, which a
  token drawn at random and kept only as a hash could not be (its first answer may be lost).
Changing SECRET_KEY makes old links stop working, as it does for password-reset links.

The idempotency key is the client's (a hidden field of the booking form, the API's
Idempotency-Key header); only its sha256, scoped to the clinic, is stored.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping

from django.utils.crypto import salted_hmac

from hizakoshi.site.tokens import new_token, token_hash

SALT = "hizakoshi.clinic.booking.manage"
# What a client may send as Idempotency-Key: opaque, long enough not to collide by chance.
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_\-.:]{16,100}$")


def new_nonce() -> str:
    return new_token()


def manage_token(nonce: str) -> str:
    digest = salted_hmac(SALT, nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def manage_token_hash(token: str) -> str:
    return token_hash(token)


def idempotency_hash(*, clinic_id: int, key: str) -> str:
    return hashlib.sha256(f"{clinic_id}:{key}".encode()).hexdigest()


def request_hash(fields: Mapping[str, object]) -> str:
    """The sha256 of what was asked (sorted, as JSON): the same request gives the same hash."""
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def valid_idempotency_key(key: str) -> bool:
    return bool(IDEMPOTENCY_KEY.match(key))
