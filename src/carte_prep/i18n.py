"""The language carte-prep speaks: gettext catalogues, chosen once per process.

Every sentence a person reads is written in English in the code, wrapped in :func:`_`,
and translated through the compiled gettext catalogues in ``carte_prep/locale``. Most
people preparing a French residence card read French better than English, so French is
complete; more languages are a new ``.po`` file each (see ``scripts/make_translations.py``).

Two gettext domains: ``carte_prep`` for the code's own sentences, ``catalogue`` for the
requirement catalogue's texts (how-to, notes, caveats), which are translated when the
catalogue is loaded. Official French names are never translated.

Only the standard library is imported here: every command and the first frame of the app
pay for this module. Babel, used for numbers and amounts, is imported on first use.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final, Literal, TypeVar

if TYPE_CHECKING:
    from decimal import Decimal

Language = Literal["en", "fr"]
LANGUAGES: Final[tuple[Language, ...]] = ("en", "fr")
"""The languages carte-prep is complete in; English is the language of the code."""
LANGUAGE_NAMES: Final[dict[Language, str]] = {"en": "English", "fr": "Français"}
"""Each language's name in itself, as a menu shows it."""

CODE_DOMAIN: Final = "carte_prep"
CATALOGUE_DOMAIN: Final = "catalogue"

FRENCH_READING_LOCALES: Final = frozenset(
    {"fr", "ar", "ber", "kab", "tzm", "zgh", "shi", "wo", "bm", "ff", "ln", "sg", "mg", "mfe"}
)
"""Locales whose speakers most often read French as their written second language.

Arabic and Berber (the Maghreb), Wolof, Bambara, Fula, Lingala, Sango, Malagasy and
Mauritian Creole: for them a French interface is easier than an English one, so a machine
set to one of these starts in French (the setting or ``--lang`` changes it).
"""

_state: dict[str, gettext.NullTranslations] = {}
_language: list[Language] = ["en"]
_machine_language_variable: list[str | None] = []
"""``LANGUAGE`` as the process found it, before :func:`set_language` set it."""


def locale_dir() -> str:
    """The folder holding ``<lang>/LC_MESSAGES/<domain>.mo``, inside the installed package.

    Found beside this module: importlib.resources would cost every command more than
    ``--help`` itself; it is asked only for a package that is not a plain folder.
    """
    beside = os.path.join(os.path.dirname(__file__), "locale")
    if os.path.isdir(beside):
        return beside
    from importlib.resources import files

    return str(files("carte_prep") / "locale")


def language_from_locale(environ: dict[str, str] | None = None) -> Language:
    """The language the machine's locale asks for, as the POSIX variables rank them.

    ``LANGUAGE`` may list several (``fr:en``); the first one carte-prep speaks, or reads
    as French (:data:`FRENCH_READING_LOCALES`), wins. ``C`` and ``POSIX`` mean English.
    """
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if not value:
            continue
        for candidate in value.split(":"):
            code = candidate.split(".")[0].split("@")[0].split("_")[0].lower()
            if code == "en":
                return "en"
            if code in FRENCH_READING_LOCALES:
                return "fr"
        if variable != "LANGUAGE":
            return "en"
    return "en"


def chosen_language(flag: str | None = None, environ: dict[str, str] | None = None) -> Language:
    """The language to speak: ``--lang``, else the settings file's, else the locale's.

    Only the one key is read here, without validating the file (that costs pydantic, which
    ``--help`` must not pay); a bad value is ignored here and reported by the commands that
    read the whole settings file.
    """
    if flag in LANGUAGES:
        return flag
    from carte_prep.core.paths import raw_settings

    setting = raw_settings().get("language")
    if setting in LANGUAGES:
        return setting
    return language_from_locale(environ)


def set_language(language: Language) -> None:
    """Speak ``language`` from now on, in this process and in the programs it starts.

    argparse translates its own words ("usage:", "options", its error messages) through the
    global gettext domain, so the code's domain is made the global one and ``LANGUAGE`` is
    set for it; a child process (the PDF renderer) inherits the choice the same way.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")
    _language[0] = language
    _state.clear()
    if not _machine_language_variable:
        _machine_language_variable.append(os.environ.get("LANGUAGE"))
    os.environ["LANGUAGE"] = language
    gettext.bindtextdomain(CODE_DOMAIN, locale_dir())
    gettext.textdomain(CODE_DOMAIN)
    gettext._translations.clear()  # type: ignore[attr-defined]  # argparse's cached lookups


def machine_environ() -> dict[str, str]:
    """The environment as it was before :func:`set_language`: what the machine asks for."""
    environ = dict(os.environ)
    if _machine_language_variable:
        original = _machine_language_variable[0]
        if original is None:
            environ.pop("LANGUAGE", None)
        else:
            environ["LANGUAGE"] = original
    return environ


def machine_language() -> Language:
    """The language the machine's locale asks for, whatever this process speaks now."""
    return language_from_locale(machine_environ())


def language() -> Language:
    """The language this process speaks (English until :func:`set_language` is called)."""
    return _language[0]


@contextmanager
def speaking(language: Language) -> Iterator[None]:
    """Speak ``language`` inside the block only, then the language spoken before.

    For a text that has one language whatever the reader's: the dossier's bordereau is
    French for the prefecture clerk even in an English dossier. Only this process's own
    lookups change (not ``LANGUAGE`` nor argparse's domain), for the time of the block.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")
    before, loaded = _language[0], dict(_state)
    _language[0] = language
    _state.clear()
    try:
        yield
    finally:
        _language[0] = before
        _state.clear()
        _state.update(loaded)


def _translations(domain: str) -> gettext.NullTranslations:
    found = _state.get(domain)
    if found is None:
        found = gettext.translation(domain, locale_dir(), languages=[_language[0]], fallback=True)
        _state[domain] = found
    return found


def _(message: str) -> str:
    """``message`` (English, as written in the code) in the current language."""
    return _translations(CODE_DOMAIN).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet (module-level tables).

    The table keeps the English text; the code that shows it passes it through :func:`_`.
    """
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, by the current language's plural rule."""
    return _translations(CODE_DOMAIN).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context``, for a short word that means two things."""
    return _translations(CODE_DOMAIN).pgettext(context, message)


Key = TypeVar("Key")


class Translated(Mapping[Key, str]):
    """A module-level table of English words, read in the language spoken when looked up.

    Tables of labels (statuses, routes, procedures) are defined once at import, before a
    test or the app may change the language; their values are marked with :func:`N_` and
    each lookup passes them through :func:`_`, so every caller shows them translated.
    """

    def __init__(self, english: Mapping[Key, str]) -> None:
        self._english = dict(english)

    def __getitem__(self, key: Key) -> str:
        return _(self._english[key])

    def __iter__(self) -> Iterator[Key]:
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)


def catalogue_text(text: str) -> str:
    """A text of the requirement catalogue in the current language."""
    return _translations(CATALOGUE_DOMAIN).gettext(text)


def format_money(amount: Decimal | int | float) -> str:
    """An amount in euros as the current language writes it: "350 €" or "€350".

    Whole amounts have no cents ("225 €"); others keep two decimals ("1 823,03 €").
    """
    from decimal import Decimal  # with Babel: the light commands need neither

    from babel.numbers import format_currency

    value = Decimal(str(amount))
    whole = value == value.to_integral_value()
    text = format_currency(
        value,
        "EUR",
        format=_WHOLE_EUROS[_language[0]] if whole else None,
        locale=_language[0],
        currency_digits=not whole,
    )
    return text.replace("\u202f", "\u00a0")


_WHOLE_EUROS: Final[dict[Language, str]] = {"en": "¤#,##0", "fr": "#,##0\u00a0¤"}
"""The CLDR currency pattern of each language without its decimals, for whole amounts."""


def format_number(value: Decimal | int | float) -> str:
    """A number with the current language's separators ("1 823,5" or "1,823.5")."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_language[0]).replace("\u202f", "\u00a0")


__all__ = [
    "CATALOGUE_DOMAIN",
    "CODE_DOMAIN",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "N_",
    "Language",
    "Translated",
    "_",
    "catalogue_text",
    "chosen_language",
    "format_money",
    "format_number",
    "language",
    "language_from_locale",
    "machine_environ",
    "machine_language",
    "ngettext",
    "pgettext",
    "set_language",
    "speaking",
]
