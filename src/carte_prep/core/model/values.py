"""The value types every saved model is made of: names, lines, ids, dates, codes.

Each type cleans what a person typed (:mod:`carte_prep.core.text`) and refuses, in plain
words, what cannot be right; the models of :mod:`carte_prep.core.model` are built from them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Final, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict

from carte_prep.core.countries import check_code
from carte_prep.core.dates import fmt
from carte_prep.core.text import clean_line, clean_multiline
from carte_prep.i18n import N_, _

ModelType = TypeVar("ModelType", bound=BaseModel)
DateType = TypeVar("DateType", dt.date, dt.date | None)

SCHEMA_VERSION: Final = 2
NAME_MAX = 200
LINE_MAX = 300
NOTES_MAX = 10_000
ATTACHMENTS_MAX = 50

Name = Annotated[str, AfterValidator(lambda v: _non_empty(clean_line(v, max_length=NAME_MAX)))]
Line = Annotated[str, AfterValidator(lambda v: clean_line(v, max_length=LINE_MAX))]
RequiredLine = Annotated[str, AfterValidator(lambda v: _filled(clean_line(v, max_length=LINE_MAX)))]
Notes = Annotated[str, AfterValidator(lambda v: clean_multiline(v, max_length=NOTES_MAX))]

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
"""Ids of households, members and catalogue entries: lower case, digits, inner hyphens."""


def _non_empty(value: str) -> str:
    if not value:
        raise ValueError(_("is empty; type it exactly as printed on the passport"))
    return value


def _filled(value: str) -> str:
    if not value:
        raise ValueError(_("is empty; fill it in"))
    return value


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(
            _(
                "{value} is not a valid id; use 1-64 lower-case letters, digits and hyphens, "
                "for example 'martin-family'"
            ).format(value=repr(value))
        )
    return value


Slug = Annotated[str, AfterValidator(_slug)]

EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2200, 12, 31)


def plausible_day(value: dt.date) -> dt.date:
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValueError(
            _("{date} is not a plausible date; check the year (between {first} and {last})").format(
                date=value.isoformat(), first=EARLIEST_DAY.year, last=LATEST_DAY.year
            )
        )
    return value


Day = Annotated[dt.date, AfterValidator(plausible_day)]
"""Every date in the files: a typo such as year 9999 is refused, not computed with."""


def within_plausible_days(value: ModelType) -> ModelType:
    """The model, with any date outside the plausible years moved to the nearest end.

    A file never holds such a date (``Day`` refuses it), but a model built in memory
    without validation might; the engine calls this first so that it never fails on date
    arithmetic. The same object is returned when every date is plausible (the usual case).
    """
    changes: dict[str, object] = {}
    for name, current in value.__dict__.items():
        changed = _plausible_value(current)
        if changed is not current:
            changes[name] = changed
    return value.model_copy(update=changes) if changes else value


def _plausible_value(value: object) -> object:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return min(max(value, EARLIEST_DAY), LATEST_DAY)  # the same object when in range
    if isinstance(value, BaseModel):
        return within_plausible_days(value)
    if isinstance(value, list):
        items = [_plausible_value(v) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        entries = {k: _plausible_value(v) for k, v in value.items()}
        return entries if any(entries[k] is not v for k, v in value.items()) else value
    return value


def _catalogue_id(message: str) -> AfterValidator:
    """A check that a value has the form of a catalogue id (lower-case, digits, hyphens).

    ``message`` is marked with ``N_`` and says ``{value}`` is wrong; it is translated when
    a value is refused, in the language spoken then.
    """

    def check(value: str) -> str:
        if not _SLUG.fullmatch(value):
            raise ValueError(_(message).format(value=repr(value[:40])))
        return value

    return AfterValidator(check)


ItemId = Annotated[
    str,
    _catalogue_id(
        N_(
            "{value} is not a checklist item id; ids are lower-case letters, digits and "
            "hyphens, as shown by 'carte-prep checklist'"
        )
    ),
]
"""A catalogue requirement id; not checked against the catalogue, so old ids still load."""

CardId = Annotated[
    str,
    _catalogue_id(
        N_(
            "{value} is not a card type id; ids are lower-case letters, digits and "
            "hyphens, as shown by 'carte-prep cards'"
        )
    ),
]
"""A catalogue card id. Only its form is checked: a card that left the catalogue still
loads, and the checklist says it is not covered (the CLI and the app refuse unknown ids
when they are typed)."""

_DEPARTEMENT = re.compile(r"0[1-9]|1[0-9]|2[1-9]|2A|2B|[3-8][0-9]|9[0-5]|97[1-6]")


def _departement(value: str) -> str:
    code = value.strip().upper()
    if not _DEPARTEMENT.fullmatch(code):
        raise ValueError(
            _(
                "{value} is not a département code; use the number from the post code, "
                "such as '24', '2A' or '974'"
            ).format(value=repr(value[:20]))
        )
    return code


DepartementCode = Annotated[str, AfterValidator(_departement)]
Nationality = Annotated[str, AfterValidator(check_code)]
"""An ISO 3166-1 alpha-2 code; a country name or nationality word is read as its code."""


class Model(BaseModel):
    """Base for saved models: unknown keys are errors, assignments are validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def compact(value: str) -> str:
    """The text without any spaces: codes and numbers are typed with spaces for reading."""
    return "".join(value.split())


def not_before(value: DateType, earlier: object, message: str) -> DateType:
    """``value``, unless it is before the date of the field above it (``earlier``).

    Checked on the later field, so the refusal is shown under it; ``message`` (marked with
    ``N_``) names the earlier date as ``{date}``, in the reader's words, never a field name.
    """
    if value is not None and isinstance(earlier, dt.date) and value < earlier:
        raise ValueError(_(message).format(date=fmt(earlier)))
    return value
