"""Errors the user can act on. Each message says what is wrong, where, and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from carte_prep.i18n import N_, _

if TYPE_CHECKING:
    from pydantic import ValidationError

Loc = tuple[int | str, ...]
"""Where a value is in the data: ('members', 0, 'passport', 'number')."""


class CartePrepError(Exception):
    """Base for every error shown to the user as one line (CLI) or a notification (app)."""


class NotFoundError(CartePrepError):
    """An id (household, member, requirement) that does not exist."""


class InvalidInputError(CartePrepError):
    """Input that fails validation; nothing was changed."""


class EditError(InvalidInputError):
    """An edit that would leave the household invalid; ``field`` names the value to fix.

    ``field`` is the edited value's name as the edit spells it ('document_date', 'name',
    'application.card_type'), so a form can show the message under that field.

    ``problems`` are the model's own (field path, plain message) pairs, so that a caller
    can say them again with the field named as its reader knows it (a command-line flag).
    """

    def __init__(
        self, message: str, field: str = "", problems: Sequence[tuple[Loc, str]] = ()
    ) -> None:
        super().__init__(message)
        self.field = field
        self.problems = tuple(problems)


Names = Mapping[Loc, str]
"""Fields named as the reader knows them, by path: {('valid_until',): '--until'}."""


def location(loc: Loc, names: Names | None = None) -> str:
    """A field as the reader knows it (from ``names``), else its path: ``passport.number``."""
    if names and loc in names:
        return names[loc]
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or _("(top level)")


def field_problems(exc: ValidationError) -> list[tuple[Loc, str]]:
    """Each error's field path (validator steps left out) and its message in plain words."""
    found: list[tuple[Loc, str]] = []
    for error in exc.errors(include_url=False):
        loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
        message = str(error["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        kind = str(error["type"])
        if kind == "extra_forbidden":
            message = _("is not a known field; check its spelling or remove it")
        elif kind == "missing":
            message = _("is required but missing")
        else:
            message = _plain(kind, error.get("ctx") or {}, message)
        found.append((loc, message))
    return found


PLAIN = {
    "greater_than": N_("should be more than {gt}"),
    "greater_than_equal": N_("should be {ge} or more"),
    "less_than": N_("should be less than {lt}"),
    "less_than_equal": N_("should be {le} or less"),
    "literal_error": N_("should be one of {expected}"),
    "too_long": N_("has more than {max_length} entries; remove some"),
}
"""Pydantic's own sentences ('Input should be greater than 0') in the words of the rest."""
KINDS = {
    "date": N_("is not a date"),
    "time": N_("is not a time"),
    "int": N_("is not a whole number"),
    "bool": N_("should be true or false"),
}
"""Any error about reading a value of these types (date_parsing, int_type...)."""


def _plain(kind: str, context: dict[str, Any], message: str) -> str:
    """Pydantic's ``message`` in plain words where PLAIN or KINDS has them (else as is)."""
    words = PLAIN.get(kind) or KINDS.get(kind.split("_")[0])
    if words is None:
        return message
    try:
        return _(words).format(**context)
    except (KeyError, IndexError):
        return message


def explain_validation(exc: ValidationError, *, where: str = "", names: Names | None = None) -> str:
    """Turn a pydantic error into plain sentences: the field, the problem, the fix."""
    return explain_problems(field_problems(exc), where=where, names=names)


def explain_problems(
    problems: Iterable[tuple[Loc, str]], *, where: str = "", names: Names | None = None
) -> str:
    """The problems as one line, each field named from ``names`` where it is there."""
    lines = [f"{location(loc, names)}: {message}" for loc, message in problems]
    prefix = f"{where}: " if where else ""
    return prefix + "; ".join(lines)
