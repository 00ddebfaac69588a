"""Which wording a questionnaire can be shown in: ours, the licensed published one, or the
clinic's, per language. The clinic's wording for a person is that of the clinic they are linked
with (Clinic.item_texts) when it has some, else the site's file (settings
HIZAKOSHI_INSTRUMENT_TEXT_FILE)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from hizakoshi.accounts.models import User
from hizakoshi.care.instruments import (
    ClinicItemTexts,
    clinic_item_texts_from,
    instruments,
    item_texts,
    load_clinic_item_texts,
    texts_in,
)
from hizakoshi.care.model import LANGS, Lang
from hizakoshi.care.scoring import ENGINES
from hizakoshi.care.yamlfile import ContentError
from hizakoshi.clinic.links.selectors import clinic_linked_latest

log = logging.getLogger(__name__)


ALWAYS_OFFERED = ("nrs", "psfs")  # our own wording ships with the app


@dataclass(frozen=True, slots=True)
class ClinicTexts:
    texts: ClinicItemTexts
    problem: str = ""  # why the clinic's file could not be used (for the log and the page)


_clinic_cache: dict[tuple[str, float], ClinicTexts] = {}


def clinic_item_texts(person: User | None = None) -> ClinicTexts:
    """The clinic's wording for `person`: their linked clinic's own when it has some and it is
    valid, else the site's file. A broken clinic row is logged and ignored, as a broken file is.
    """
    if person is not None:
        clinic = clinic_linked_latest(person=person)
        if clinic is not None and clinic.item_texts:
            # The JSON itself is the cache key: an edit of the row is seen at once.
            raw = json.dumps(clinic.item_texts, sort_keys=True, ensure_ascii=False)
            found = _clinic_row_texts(clinic.pk, raw)
            if found is not None:
                return found
    return file_item_texts()


@lru_cache(maxsize=64)
def _clinic_row_texts(clinic_id: int, raw: str) -> ClinicTexts | None:
    try:
        return ClinicTexts(clinic_item_texts_from(json.loads(raw), f"clinic {clinic_id}"))
    except ContentError as exc:
        log.error("Clinic.item_texts: %s", exc)
        return None


def file_item_texts() -> ClinicTexts:
    """The site's file of item wording (settings HIZAKOSHI_INSTRUMENT_TEXT_FILE), read once
    per change of the file. A broken file is logged and treated as absent, never a 500."""
    name = settings.HIZAKOSHI_INSTRUMENT_TEXT_FILE
    if not name:
        return ClinicTexts({})
    path = Path(name)
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError as exc:
        log.error("HIZAKOSHI_INSTRUMENT_TEXT_FILE %s: %s", path, exc.strerror)
        return ClinicTexts({}, f"{path}: {exc.strerror}")
    if key not in _clinic_cache:
        try:
            found = ClinicTexts(load_clinic_item_texts(path))
        except ContentError as exc:
            log.error("HIZAKOSHI_INSTRUMENT_TEXT_FILE: %s", exc)
            found = ClinicTexts({}, str(exc))
        _clinic_cache.clear()
        _clinic_cache[key] = found
    return _clinic_cache[key]


@dataclass(frozen=True, slots=True)
class Wording:
    """How one questionnaire can be shown: its items in one language, and for a licensed
    published text, its own instruction and answer options (shown unmodified)."""

    lang: Lang  # the language the items are shown in (may differ from the page's)
    items: dict[str, str]  # item id -> text, every item of the instrument
    instructions: str = ""
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)  # item -> options
    published: bool = False


def wording(instrument: str, lang: Lang, clinic: ClinicTexts | None = None) -> Wording | None:
    """The questionnaire in the page's language, else in the only language it ships in (the
    English STarT Back for a Japanese page without the clinic's STarT-J), else None."""
    texts = item_texts(instrument, (clinic or clinic_item_texts()).texts)
    needed = set(ENGINES[instrument].item_ids)
    published = instruments()[instrument].published
    # A questionnaire with some items unworded cannot be answered as published.
    for shown in dict.fromkeys((lang, *LANGS)):
        items = texts_in(texts, shown)
        if set(items) != needed:
            continue
        if published and published.lang == shown:
            choices = {item: published.choices_of(item) for item in items}
            return Wording(shown, items, published.instructions, choices, published=True)
        return Wording(shown, items)
    return None


def instruments_offered(lang: Lang, clinic: ClinicTexts | None = None) -> list[str]:
    """Instruments that can be answered in `lang` (others may still exist in another language:
    see instruments_in_other_language)."""
    clinic = clinic or clinic_item_texts()
    return [
        name
        for name in ENGINES
        if name in ALWAYS_OFFERED or ((w := wording(name, lang, clinic)) and w.lang == lang)
    ]


def instruments_in_other_language(lang: Lang, clinic: ClinicTexts | None = None) -> list[str]:
    clinic = clinic or clinic_item_texts()
    return [
        name
        for name in ENGINES
        if name not in ALWAYS_OFFERED and (w := wording(name, lang, clinic)) and w.lang != lang
    ]
