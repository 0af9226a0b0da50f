"""Witness-page translations from ``intake/locales/<lang>.json`` and language negotiation."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from starlette.convertors import Convertor, register_url_convertor

LANGUAGES = ("en", "ru", "uk")
DEFAULT = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"


@cache
def catalog(lang: str) -> dict[str, str]:
    """All strings of one language, flat ``key -> text``; loaded once."""
    return json.loads((LOCALE_DIR / f"{lang}.json").read_text(encoding="utf-8"))


class Translator:
    """``t("key", n=5)`` in templates; a missing key is a bug, so it raises."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._strings = catalog(lang)

    def __call__(self, key: str, **values: object) -> str:
        text = self._strings[key]
        return text.format(**values) if values else text

    def date(self, day: date) -> str:
        """A date as people write it in this language ("25 ноября 2026 г.")."""
        month = self._strings[f"month_{day.month}"]
        return self("date_format", day=day.day, month=month, year=day.year)


def negotiate(accept_language: str | None) -> str:
    """Our best language for an Accept-Language header; q-values count, order breaks ties."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT


class LanguageConvertor(Convertor[str]):
    """A path segment matching only our languages: ``/{lang:lang}/`` never shadows ``/desk/``."""

    regex = "|".join(LANGUAGES)

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("lang", LanguageConvertor())
