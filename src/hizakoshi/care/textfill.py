"""Filling bilingual templates where a parameter may itself be a word in each language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hizakoshi.care.model import Text

Param = int | float | str | Text


def fill(template: Text, params: Mapping[str, Param]) -> Text:
    """Fill a template; a Text parameter gives its own word in each language."""
    ja = {k: v.ja if isinstance(v, Text) else v for k, v in params.items()}
    en = {k: v.en if isinstance(v, Text) else v for k, v in params.items()}
    return Text(ja=template.ja.format(**ja), en=template.en.format(**en))


def join(words: Iterable[Text], ja_sep: str = "・", en_sep: str = ", ") -> Text:
    items = list(words)
    return Text(ja=ja_sep.join(w.ja for w in items), en=en_sep.join(w.en for w in items))


def number(value: float) -> str:
    """Whole numbers without a trailing .0, so texts read "4 kg", not "4.0 kg"."""
    return str(int(value)) if value == int(value) else f"{value:.1f}"
