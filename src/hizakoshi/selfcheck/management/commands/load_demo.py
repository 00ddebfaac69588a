from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.urls import reverse

from hizakoshi.care.questions import parse_answers
from hizakoshi.selfcheck.consent import CONSENT_VERSION
from hizakoshi.selfcheck.demo import DEMOS, demo_token
from hizakoshi.selfcheck.models import SavedResult
from hizakoshi.selfcheck.services import result_save
from hizakoshi.site.tokens import token_hash


class Command(BaseCommand):
    help = (
        "Create example saved results (invented people, marked as demo) and print their links. "
        "Safe to run again: the same results are refreshed, never duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="printed in front of each link (default: %(default)s)",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        base_url: str = options["base_url"].rstrip("/")
        for name, raw in DEMOS.items():
            token = demo_token(name)
            # Refresh instead of skipping, so the demo shows what the current engine says.
            SavedResult.objects.filter(token_hash=token_hash(token), is_demo=True).delete()
            result_save(
                answers=parse_answers(raw),
                lang="ja",
                consent_version=CONSENT_VERSION,
                is_demo=True,
                token=token,
            )
            url = reverse("selfcheck:saved", kwargs={"token": token})
            self.stdout.write(f"{name}: {base_url}{url}")
