"""Errors the user can act on. Each message says what is wrong, where, and how to fix it."""

from __future__ import annotations

from pydantic import ValidationError


class CartePrepError(Exception):
    """Base for every error shown to the user as one line (CLI) or a notification (app)."""


class NotFoundError(CartePrepError):
    """An id (household, member, requirement) that does not exist."""


class InvalidInputError(CartePrepError):
    """Input that fails validation; nothing was changed."""


def _location(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def explain_validation(exc: ValidationError, *, where: str = "") -> str:
    """Turn a pydantic error into plain sentences: the field, the problem, the fix."""
    lines = []
    for error in exc.errors(include_url=False):
        loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
        message = str(error["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        if error["type"] == "extra_forbidden":
            message = "is not a known field; check its spelling or remove it"
        elif error["type"] == "missing":
            message = "is required but missing"
        lines.append(f"{_location(loc)}: {message}")
    prefix = f"{where}: " if where else ""
    return prefix + "; ".join(lines)
