"""`hizakoshi clinic_add`: add a clinic, or change one (`--update`), from the command line.

    hizakoshi clinic_add --code HIZA01 --name "ひざこし整形外科" --phone 03-1234-5678 \\
        --url https://clinic.example.jp/ --booking-email uketsuke@clinic.example.jp \\
        --item-texts koos-ja.yaml

The code is what people type (or follow in an invitation link) to link with the clinic: 4-12
capital letters and digits. `--booking-email` is where the clinic is told when a person books,
moves or cancels (no name, no health: clinic/booking/notices.py); "" stops it. `--item-texts` is
the clinic's licensed questionnaire wording, in the format of HIZAKOSHI_INSTRUMENT_TEXT_FILE,
validated before it is stored. Bad input: a message and exit code 2; nothing is changed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone

from hizakoshi.care.instruments import load_clinic_item_texts
from hizakoshi.care.yamlfile import ContentError
from hizakoshi.clinic.models import Clinic

CODE = re.compile(r"^[A-Z0-9]{4,12}$")
FIELDS = ("name", "phone", "url", "address", "hours", "booking_email")


def bad(message: str) -> CommandError:
    return CommandError(message, returncode=2)  # the input is at fault (cli.py's exit codes)


class Command(BaseCommand):
    help = "Add a clinic (or change one with --update): its code, name, contact and wording."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True, help="4-12 capital letters and digits")
        parser.add_argument("--name", help="the clinic's name as patients see it")
        parser.add_argument("--phone", help="the phone number patients call")
        parser.add_argument("--url", help="the clinic's web address (https://...)")
        parser.add_argument("--address", help="the clinic's address")
        parser.add_argument("--hours", help="opening hours, as the clinic writes them")
        parser.add_argument(
            "--booking-email",
            help='where the clinic is told of bookings made, moved or cancelled ("": not told)',
        )
        parser.add_argument("--item-texts", type=Path, help="licensed questionnaire wording")
        parser.add_argument("--update", action="store_true", help="change an existing clinic")

    def handle(self, *args: Any, **options: Any) -> None:
        code: str = options["code"].strip().upper()
        if not CODE.match(code):
            raise bad(f"--code must be 4-12 capital letters and digits, not {code!r}")
        values = {f: options[f].strip() for f in FIELDS if options[f] is not None}
        if values.get("url"):
            try:
                URLValidator(schemes=["https", "http"])(values["url"])
            except ValidationError:
                raise bad(f"--url is not a web address: {values['url']!r}") from None
        if values.get("booking_email"):
            try:
                validate_email(values["booking_email"])
            except ValidationError:
                raise bad(
                    f"--booking-email is not an e-mail address: {values['booking_email']!r}"
                ) from None
        if options["item_texts"] is not None:
            try:
                texts = load_clinic_item_texts(options["item_texts"])
            except ContentError as exc:
                raise bad(f"--item-texts: {exc}") from None
            values["item_texts"] = {
                inst: {item: text.model_dump() for item, text in items.items()}
                for inst, items in texts.items()
            }
        with transaction.atomic():
            clinic = Clinic.objects.select_for_update().filter(code=code).first()
            if options["update"]:
                if clinic is None:
                    raise bad(f"no clinic has the code {code}")
                for field, value in values.items():
                    setattr(clinic, field, value)
                clinic.save()
                verb = "changed"
            else:
                if clinic is not None:
                    raise bad(f"a clinic with the code {code} exists; use --update")
                if not values.get("name"):
                    raise bad("--name is required for a new clinic")
                clinic = Clinic.objects.create(code=code, created_at=timezone.now(), **values)
                verb = "added"
        self.stdout.write(f"{verb} clinic {clinic.code}: {clinic.name}")
