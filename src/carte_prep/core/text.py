"""Text hygiene for everything a person types: NFC, no hidden controls, bounded length.

Names come from passports in any script, so nothing here judges what a name looks like.
It only removes the ways text can lie: decomposed accents that compare unequal, control
characters that break files and terminals, and bidi overrides that can visually reverse
an identifier ("Trojan Source", CVE-2021-42574). ZWJ/ZWNJ stay: scripts and emoji need them.
"""

from __future__ import annotations

import unicodedata

from carte_prep.i18n import _

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _too_long(value: str, max_length: int) -> str:
    return _("is {length} characters long; the limit is {limit}, shorten it").format(
        length=len(value), limit=max_length
    )


def _refuse_undecodable(value: str) -> None:
    """Lone surrogates come from bytes that were not UTF-8 (a mistyped terminal or file)."""
    for char in value:
        if unicodedata.category(char) == "Cs":
            raise ValueError(
                _(
                    "contains bytes that are not valid text (check your terminal's encoding "
                    "is UTF-8) and retype it"
                )
            )


def clean_line(value: str, *, max_length: int) -> str:
    """Normalise a single-line field; raise ValueError with a fix-it message."""
    _refuse_undecodable(value)
    value = unicodedata.normalize("NFC", value).strip()
    for char in value:
        if char in BIDI_CONTROLS:
            raise ValueError(
                _(
                    "contains the invisible direction control {char}; retype the text "
                    "without pasting it"
                ).format(char=_describe(char))
            )
        if unicodedata.category(char) == "Cc":
            raise ValueError(
                _("contains the control character {char}; use a single line of plain text").format(
                    char=_describe(char)
                )
            )
    if len(value) > max_length:
        raise ValueError(_too_long(value, max_length))
    return value


def clean_multiline(value: str, *, max_length: int) -> str:
    """Normalise a notes-like field: line breaks allowed, other controls refused."""
    _refuse_undecodable(value)
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    for char in value:
        if char == "\n":
            continue
        if char in BIDI_CONTROLS:
            raise ValueError(
                _(
                    "contains the invisible direction control {char}; retype the text "
                    "without pasting it"
                ).format(char=_describe(char))
            )
        if unicodedata.category(char) == "Cc":
            raise ValueError(
                _("contains the control character {char}; remove it").format(char=_describe(char))
            )
    if len(value) > max_length:
        raise ValueError(_too_long(value, max_length))
    return value


def printable(message: str) -> str:
    """A message safe to print on one terminal line: control characters become escapes.

    Messages quote what was typed (an id, a path); a newline there would split the one
    line, and an escape sequence would reach the terminal and could repaint it.
    """
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS
        else char
        for char in message
    )
