"""Nationalities as ISO 3166-1 alpha-2 codes, and how to read them from what people type.

A nationality decides real rules (the Franco-Algerian accord, the Withdrawal Agreement,
the turning-18 deadlines), so it is stored as a code, not free text. People still type
"British", "algérienne" or "Viêt Nam": :func:`code_from_text` reads those, in English or
French, in any case and with or without accents. The list is a data file generated from
CLDR (``countries.toml``, see ``scripts/make_countries.py``); it never depends on the rest
of the catalogue, so a saved household can always be read.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from importlib.resources import files

from pydantic import BaseModel, ConfigDict

from carte_prep.core.text import clean_line
from carte_prep.i18n import _, language


class Country(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name_en: str
    name_fr: str
    free_movement: bool = False
    """EU, EEA or Swiss national: no residence card is needed in France."""
    words: tuple[str, ...] = ()
    """Nationality words and short names that mean this country ("Lebanese", "libanaise")."""


def _key(text: str) -> str:
    """Text reduced to lower-case letters and single spaces, accents and signs removed."""
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and "))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


_NOISE = re.compile(r"\b(nationality|nationalite|citizen|citizenship|national)\b")


@cache
def countries() -> dict[str, Country]:
    """Every known country by code, read once from the data file."""
    text = (files("carte_prep.core.catalogue") / "countries.toml").read_text(encoding="utf-8")
    return {c["code"]: Country.model_validate(c) for c in tomllib.loads(text)["country"]}


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in countries().values():
        for word in (country.code, country.name_en, country.name_fr, *country.words):
            index.setdefault(_key(word), country.code)
        index.setdefault(_key(country.name_en.replace(" and ", " et ")), country.code)
    return index


def code_from_text(text: str) -> str | None:
    """The country code a typed nationality means, or None when it cannot be told."""
    key = _key(text)
    found = _index().get(key)
    if found is None:
        found = _index().get(" ".join(_NOISE.sub(" ", key).split()))
    return found


def country_name(code: str | None) -> str:
    """The name of a code in the language spoken (CLDR's), or the code itself when unknown;
    '' for None."""
    if code is None:
        return ""
    country = countries().get(code)
    if country is None:
        return code
    return country.name_fr if language() == "fr" else country.name_en


def check_code(value: str) -> str:
    """A validator: an upper-case known code, or a ValueError that says how to write one."""
    value = clean_line(value, max_length=100)
    code = value.strip().upper()
    if code in countries():
        return code
    guessed = code_from_text(value)
    if guessed is not None:
        return guessed
    raise ValueError(
        _(
            "{value} is not a nationality carte-prep knows; write the country's two-letter "
            "code (for example GB, LB, DZ) or its name in English or French"
        ).format(value=repr(value[:40]))
    )
