"""Masking of identifiers in printed text (moved out of the view-model builder unchanged)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from carte_prep.core.model import Member

MASK_CHAR = "•"
KEEP_VISIBLE = 3
"""Enough of an identifier to tell two documents apart, too little to misuse it."""


def mask(value: str) -> str:
    """``2404118734`` -> ``•••••••734``: same length, only the last characters shown."""
    if len(value) <= KEEP_VISIBLE:
        return MASK_CHAR * len(value)
    return MASK_CHAR * (len(value) - KEEP_VISIBLE) + value[-KEEP_VISIBLE:]


class Redactor:
    """Masks a household's identifiers, wherever they appear in printed text.

    People paste their passport number into a note or name a scan after it; masking only
    the identifier fields would leave those copies readable.
    """

    def __init__(self, identifiers: Iterable[str], *, show: bool) -> None:
        self.show = show
        found = sorted({i for i in identifiers if i}, key=len, reverse=True)
        self._pattern = (
            re.compile("|".join(re.escape(i) for i in found), re.IGNORECASE) if found else None
        )

    def identifier(self, value: str) -> str:
        return value if self.show else mask(value)

    def text(self, value: str) -> str:
        if self.show or self._pattern is None:
            return value
        return self._pattern.sub(lambda m: mask(m.group(0)), value)


def identifiers(members: Iterable[Member]) -> list[str]:
    values: list[str] = []
    for member in members:
        values.append(member.passport.number or "")
        application = member.application
        if application is not None:
            if application.current_card is not None:
                values.append(application.current_card.numero_etranger or "")
            if application.ephoto is not None:
                values.append(application.ephoto.code)
    return values
