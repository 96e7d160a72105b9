"""Which of the catalogue's strings are sentences for people, and their translation.

The catalogue is written in English with the official French names beside it. Its
sentences (how to get a document, caveats, reasons a path is refused, questions) are
translated through the ``catalogue`` gettext domain when the catalogue is loaded, so every
screen, command and PDF receives them in the reader's language without knowing it.

Identifiers, conditions, dates, official French names and the notes that cite a source
are left as written: a source is quoted as its publisher wrote it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final

TEXT_KEYS: Final = frozenset(
    {
        "ask",
        "applies",
        "bring",
        "button_caveat",
        "caveat",
        "detail",
        "ephoto_notes",
        "ephoto_where",
        "family",
        "fee_paid",
        "how_to_get",
        "label",
        "late_fee_note",
        "message",
        "name_en",
        "only_for",
        "paid",
        "paper_norms",
        "paper_where",
        "reason",
        "short_en",
        "summary",
        "text",
        "title",
        "title_en",
        "where_numero",
        "why",
    }
)
"""Keys whose string values (or lists of strings) are sentences a person reads."""
ANSWER_TABLES: Final = frozenset({"when"})
"""Keys holding a table of answers to a question, each value a sentence."""
CITATIONS: Final = frozenset({"sources", "official_page", "read"})
"""Keys holding sources: quoted as their publisher wrote them, never translated."""


def texts(data: Any) -> Iterator[str]:
    """Every sentence of ``data`` (the catalogue's raw data, or one TOML file's), in order."""
    found: list[str] = []

    def keep(text: str) -> str:
        found.append(text)
        return text

    _walk(data, None, keep)
    yield from found


def localized(data: Any, translate: Callable[[str], str]) -> Any:
    """A copy of ``data`` with each of its sentences replaced by ``translate(sentence)``."""
    return _walk(data, None, translate)


def _walk(value: Any, key: str | None, translate: Callable[[str], str]) -> Any:
    if isinstance(value, dict):
        if key in ANSWER_TABLES:
            return {k: _sentence(v, translate) for k, v in value.items()}
        return {k: v if k in CITATIONS else _walk(v, k, translate) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(item, key, translate) for item in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return translate(value)
    return value


def _sentence(value: Any, translate: Callable[[str], str]) -> Any:
    return translate(value) if isinstance(value, str) else value
