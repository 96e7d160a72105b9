"""Pydantic errors as the short plain sentences shown under a field, and showing them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from carte_prep.core.errors import field_problems
from carte_prep.i18n import _

if TYPE_CHECKING:
    from pydantic import ValidationError


def problems(exc: ValidationError) -> dict[tuple[str, ...], str]:
    """Each error's field path and its plain message (core's words), first one per field."""
    found: dict[tuple[str, ...], str] = {}
    for loc, message in field_problems(exc):
        found.setdefault(tuple(str(p) for p in loc), message)
    return found


def first_problem(exc: ValidationError) -> str:
    """The first error's message, for a form with one field."""
    return next(iter(problems(exc).values()), _("is not valid"))


def show_problem(target: Static, problem: str | None) -> None:
    """Show a field's problem under it; the line takes no room when there is none."""
    target.update(problem or "")
    target.display = bool(problem)
