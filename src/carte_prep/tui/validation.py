"""Pydantic errors as the short plain sentences shown under a field, and showing them."""

from __future__ import annotations

from pydantic import ValidationError
from textual.widgets import Static

_PREFIXES = ("Value error, ", "Assertion failed, ")


def plain(message: str) -> str:
    """A pydantic message without its technical prefix."""
    for prefix in _PREFIXES:
        message = message.removeprefix(prefix)
    return message


def problems(exc: ValidationError) -> dict[tuple[str, ...], str]:
    """Each error's field path (validator steps left out) and its plain message."""
    found: dict[tuple[str, ...], str] = {}
    for error in exc.errors(include_url=False):
        loc = tuple(str(p) for p in error["loc"] if not str(p).startswith("function-"))
        message = "is required" if error["type"] == "missing" else plain(str(error["msg"]))
        found.setdefault(loc, message)
    return found


def first_problem(exc: ValidationError) -> str:
    """The first error's message, for a form with one field."""
    return next(iter(problems(exc).values()), "is not valid")


def show_problem(target: Static, problem: str | None) -> None:
    """Show a field's problem under it; the line takes no room when there is none."""
    target.update(problem or "")
    target.display = bool(problem)
