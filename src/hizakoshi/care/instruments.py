"""Outcome instruments as content: names, items, licences, MCIDs; and clinic-supplied item texts.

`instruments()` loads content/instruments.yaml and checks it against the scoring engines
(care.scoring.ENGINES): the same instruments, the same item ids in the same order, the same
answer ranges, so the file and the code can never drift apart. Item text ships only where the
licence allows; for the others `load_clinic_item_texts()` reads the clinic's own file
(YAML or JSON: instrument -> item id -> {ja, en}) and rejects any id the instrument lacks;
`clinic_item_texts_from()` applies the same checks to the wording a clinic's row holds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError, model_validator

from hizakoshi.care.model import Frozen, Lang, Text
from hizakoshi.care.scoring import ENGINES
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError, load_yaml_model

Change = Literal["improved", "unchanged", "worse"]
_EPS = 1e-9  # so that a change of exactly the MCID counts despite binary floating point


class AnswerScale(Frozen):
    min: int
    max: int
    anchors: Text

    @model_validator(mode="after")
    def _ordered(self) -> AnswerScale:
        if self.min >= self.max:
            raise ValueError("scale min must be below max")
        return self


class Mcid(Frozen):
    field: str  # result field it applies to ("score", "pain", ...; PSFS "activity" = one item)
    points: float = Field(gt=0)
    percent: float | None = Field(default=None, gt=0)  # of the baseline; either threshold counts
    context: str | None = None  # e.g. low_back_pain / knee_oa where the MCID differs
    source: str = Field(min_length=3)


class Licence(Frozen):
    summary: str
    text_may_ship: bool
    why: str = Field(min_length=3)
    notice: str | None = None  # must be shown, unmodified, wherever the text is shown
    source: str = Field(min_length=3)


class PublishedText(Frozen):
    """An instrument's own published wording in one language, shipped unmodified by licence.

    Unlike `texts` (our own wording, in both languages), this is the rights holder's text: it is
    kept exactly as published, never translated by us, and shown with the licence notice.
    """

    lang: Lang
    source: str = Field(min_length=3)
    instructions: str = Field(min_length=1)
    items: dict[str, str]
    choices: tuple[str, ...] = ()  # answer options in score order, for every item ...
    item_choices: dict[str, tuple[str, ...]] = Field(default_factory=dict)  # ... unless given here

    def choices_of(self, item: str) -> tuple[str, ...]:
        return self.item_choices.get(item, self.choices)


class Instrument(Frozen):
    id: str
    name: Text
    items: tuple[str, ...] = Field(min_length=1)  # official ids, published order
    scale: AnswerScale
    item_scales: dict[str, AnswerScale] = Field(default_factory=dict)
    higher_is: Literal["better", "worse"]
    scoring: Text
    mcid: tuple[Mcid, ...] = ()
    licence: Licence
    source: str = Field(min_length=3)
    intro: Text | None = None
    texts: dict[str, Text] = Field(default_factory=dict)
    published: PublishedText | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        if len(set(self.items)) != len(self.items):
            raise ValueError("an item id is listed twice")
        for label, keys in (("item_scales", self.item_scales), ("texts", self.texts)):
            unknown = set(keys) - set(self.items)
            if unknown:
                raise ValueError(f"{label} names unknown item(s) {sorted(unknown)}")
        if not self.licence.text_may_ship and (self.texts or self.intro or self.published):
            raise ValueError("item text given, but the licence does not let it ship")
        if self.texts and self.published:
            raise ValueError("give our own wording (texts) or the published one, not both")
        if self.licence.text_may_ship and set(self.texts or self.published_items) != set(
            self.items
        ):
            raise ValueError("text may ship, so every item needs its text")
        if self.published:
            if self.licence.notice is None:
                raise ValueError("published text ships only with the licence notice")
            self._check_published_choices(self.published)
        return self

    @property
    def published_items(self) -> dict[str, str]:
        return self.published.items if self.published else {}

    def _check_published_choices(self, published: PublishedText) -> None:
        unknown = set(published.item_choices) - set(self.items)
        if unknown:
            raise ValueError(f"published.item_choices names unknown item(s) {sorted(unknown)}")
        for item in self.items:
            scale, given = self.scale_of(item), published.choices_of(item)
            if given and len(given) != scale.max - scale.min + 1:
                raise ValueError(
                    f"published answer options for item {item}: {len(given)} given, "
                    f"but the scale {scale.min}-{scale.max} has {scale.max - scale.min + 1}"
                )

    def scale_of(self, item: str) -> AnswerScale:
        return self.item_scales.get(item, self.scale)

    def mcid_for(self, field: str, context: str | None = None) -> Mcid | None:
        found = [m for m in self.mcid if m.field == field]
        return next((m for m in found if m.context == context), found[0] if found else None)


class InstrumentFile(Frozen):
    instruments: tuple[Instrument, ...]


def _check_against_engines(found: Mapping[str, Instrument], path: Path) -> None:
    if list(found) != list(ENGINES):
        raise ContentError(f"{path}: instruments {list(found)} must be {list(ENGINES)}, in order")
    for name, inst in found.items():
        engine = ENGINES[name]
        if inst.items != engine.item_ids:
            raise ContentError(f"{path}: {name}.items differ from the scoring engine's item ids")
        for item in inst.items:
            spec, scale = engine.items[item], inst.scale_of(item)
            if (spec.min, spec.max) != (scale.min, scale.max):
                raise ContentError(
                    f"{path}: {name}.{item}: range {scale.min}-{scale.max} but the engine "
                    f"scores {spec.min}-{spec.max}"
                )


def load_instruments(directory: Path = CONTENT_DIR) -> dict[str, Instrument]:
    found = {
        i.id: i for i in load_yaml_model("instruments.yaml", InstrumentFile, directory).instruments
    }
    _check_against_engines(found, directory / "instruments.yaml")
    return found


@cache
def instruments() -> dict[str, Instrument]:
    return load_instruments()


# --- Clinic-supplied item texts ------------------------------------------------------------


class ItemText(Frozen):
    ja: str | None = Field(default=None, min_length=1)
    en: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _some_text(self) -> ItemText:
        if self.ja is None and self.en is None:
            raise ValueError("give the text in ja, en or both")
        return self


ClinicItemTexts = dict[str, dict[str, ItemText]]


def load_clinic_item_texts(path: Path) -> ClinicItemTexts:
    """Read and validate a clinic's item-text file; ContentError names the file and the item."""
    try:
        raw = path.read_text(encoding="utf-8")
        data = json.loads(raw) if path.suffix.lower() == ".json" else yaml.safe_load(raw)
    except OSError as exc:
        raise ContentError(f"{path}: cannot be read: {exc.strerror}") from None
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ContentError(
            f"{path}: not valid {path.suffix.lstrip('.') or 'YAML'}: {exc}"
        ) from None
    return clinic_item_texts_from(data, str(path))


def clinic_item_texts_from(data: object, where: str) -> ClinicItemTexts:
    """Validate item texts already read (a clinic's file, or the JSON a clinic row holds);
    ContentError names `where` and the item. The same rules whichever place they come from."""
    if not isinstance(data, dict):
        raise ContentError(f"{where}: expected a mapping of instrument -> item id -> text")
    known = instruments()
    texts: ClinicItemTexts = {}
    for name, items in data.items():
        inst = known.get(str(name))
        if inst is None:
            raise ContentError(f"{where}: unknown instrument {name!r} (known: {', '.join(known)})")
        if not isinstance(items, dict):
            raise ContentError(f"{where}: {name}: expected a mapping of item id -> text")
        texts[inst.id] = {}
        for item, text in items.items():
            if str(item) not in inst.items:
                raise ContentError(f"{where}: {name}.{item}: {inst.id} has no item {item!r}")
            try:
                texts[inst.id][str(item)] = ItemText.model_validate(text)
            except ValidationError as exc:
                problems = "; ".join(e["msg"] for e in exc.errors())
                raise ContentError(f"{where}: {name}.{item}: {problems}") from None
    return texts


def item_texts(instrument: str, clinic: ClinicItemTexts | None = None) -> dict[str, ItemText]:
    """The texts to show for an instrument: our own wording where we wrote it; else the
    published wording where its licence lets it ship, with the clinic's for the other language;
    else the clinic's alone.

    An item may have text in one language only; an empty result means the instrument cannot be
    shown as a questionnaire (it can still be scored from numbers entered by staff).
    """
    inst = instruments()[instrument]
    if inst.texts:
        return {k: ItemText(ja=t.ja, en=t.en) for k, t in inst.texts.items()}
    found = dict((clinic or {}).get(instrument, {}))
    if inst.published:
        lang = inst.published.lang
        for item, text in inst.published.items.items():
            theirs = found.get(item)
            words = {"ja": theirs.ja if theirs else None, "en": theirs.en if theirs else None}
            words[lang] = text  # the published wording wins over a clinic copy of it
            found[item] = ItemText(**words)
    return found


def texts_in(texts: Mapping[str, ItemText], lang: Lang) -> dict[str, str]:
    """Item id -> wording in `lang`, only for items worded in that language."""
    return {item: word for item, t in texts.items() if (word := t.ja if lang == "ja" else t.en)}


# --- Change against the MCID ------------------------------------------------------------------


def classify_change(
    instrument: str,
    field: str,
    before: float,
    after: float,
    context: str | None = None,
) -> Change:
    """improved / unchanged / worse: a change counts when it reaches the MCID in points, or in
    percent of the baseline where the instrument gives one (clinical-spec §3)."""
    inst = instruments()[instrument]
    mcid = inst.mcid_for(field, context)
    if mcid is None:
        raise ValueError(f"{instrument} has no MCID for {field!r}")
    delta = after - before
    size = abs(delta) + _EPS
    met = size >= mcid.points or (
        mcid.percent is not None and before != 0 and size / abs(before) * 100 >= mcid.percent
    )
    if not met or delta == 0:
        return "unchanged"
    better = delta > 0 if inst.higher_is == "better" else delta < 0
    return "improved" if better else "worse"
