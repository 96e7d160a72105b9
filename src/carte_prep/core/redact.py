"""The one redactor: identifiers masked in every text that leaves the data folder.

The PDF dossier, the calendar file and any other output meant to be shown or shared go
through :class:`Redactor`. People paste their passport number into a note, a birth place
or a request, name a scan after it, and type it as they read it: ``533 412 907``,
``533-412-907``, ``24 04 11 87 34``. So each identifier is matched on its letters and
digits alone, with any spaces, dashes, dots or slashes between them, in any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from carte_prep.core.model import Household

MASK_CHAR = "•"
KEEP_VISIBLE = 3
"""Enough of an identifier to tell two documents apart, too little to misuse it."""
MIN_MATCHED = 5
"""Identifiers shorter than this are masked in their own field only: in free text they
would match ordinary words and numbers."""

_SEPARATORS = r"[\s\-\u2010-\u2015./_]*"


def mask(value: str) -> str:
    """``2404118734`` -> ``•••••••734``: same length, only the last characters shown."""
    if len(value) <= KEEP_VISIBLE:
        return MASK_CHAR * len(value)
    return MASK_CHAR * (len(value) - KEEP_VISIBLE) + value[-KEEP_VISIBLE:]


def household_identifiers(households: Iterable[Household]) -> list[str]:
    """Every identifier a household file holds: passports, numéros étranger, codes, timbres."""
    values: list[str] = []
    for household in households:
        for member in household.members:
            values.append(member.passport.number or "")
            application = member.application
            if application is None:
                continue
            if application.current_card is not None:
                values.append(application.current_card.numero_etranger or "")
            if application.ephoto is not None:
                values.append(application.ephoto.code)
            timbre = application.after_filing.timbre
            if timbre is not None:
                values.append(timbre.number)
    return values


class Redactor:
    """Masks a set of identifiers in identifier fields and wherever they appear in text."""

    def __init__(self, identifiers: Iterable[str], *, show: bool = False) -> None:
        self.show = show
        cores = {"".join(c for c in i if c.isalnum()) for i in identifiers if i}
        found = sorted((c for c in cores if len(c) >= MIN_MATCHED), key=len, reverse=True)
        self._pattern = (
            re.compile(
                "|".join(_SEPARATORS.join(re.escape(c) for c in core) for core in found),
                re.IGNORECASE,
            )
            if found
            else None
        )

    @classmethod
    def for_households(cls, households: Iterable[Household], *, show: bool = False) -> Redactor:
        return cls(household_identifiers(households), show=show)

    def identifier(self, value: str) -> str:
        """An identifier field: masked whole unless identifiers are shown."""
        return value if self.show else mask(value)

    def text(self, value: str) -> str:
        """Free text with every copy of an identifier masked, however it is spaced."""
        if self.show or self._pattern is None:
            return value
        return self._pattern.sub(lambda m: mask(m.group(0)), value)
