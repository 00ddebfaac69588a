"""System checks of the deployment (`hizakoshi check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

CONSOLE_EMAIL_ID = "hizakoshi_site.W001"
MSG_CONSOLE_EMAIL = (
    "E-mails go to the console backend: every e-mail, password-reset links included, is written "
    "to the server's log."
)
HINT_CONSOLE_EMAIL = "Set HIZAKOSHI_EMAIL_BACKEND=smtp and HIZAKOSHI_EMAIL_HOST (see README)."


@register(Tags.security, deploy=True)
def console_email_in_production(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend") and not settings.DEBUG:
        return [Warning(MSG_CONSOLE_EMAIL, hint=HINT_CONSOLE_EMAIL, id=CONSOLE_EMAIL_ID)]
    return []
