"""An e-mail backend whose server is down, for tests of what happens when mail cannot be sent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        raise ConnectionRefusedError("the mail server refused the connection")
