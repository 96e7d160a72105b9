"""Small forms: typed text read as the values the model takes, and checked by the model.

The profile editor and the after-filing screen both read text fields the same way (a
date as dd/mm/yyyy, a time as 10h30, an empty field as no value) and let the model
(pydantic) be the one judge of what is valid, its message shown under the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from carte_prep.tui.format import InputProblem, parse_date, parse_time
from carte_prep.tui.validation import problems, show_problem

FieldKind = Literal["date", "time", "text", "amount", "choice"]
Path = tuple[str, ...]
"""Where a value is in nested data: ('application', 'current_card', 'valid_until')."""


def convert(kind: FieldKind, raw: str) -> Any:
    """A typed value as the model takes it; None when empty (InputProblem when unreadable)."""
    if kind == "date":
        return parse_date(raw)
    if kind == "time":
        return parse_time(raw)
    text = raw.strip()
    if not text:
        return None
    return int(text) if kind == "amount" else text


def get_in(data: dict[str, Any] | None, path: Path) -> Any:
    """The value at a path of nested dicts (None where a level is missing)."""
    value: Any = data
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def set_in(data: dict[str, Any], path: Path, value: Any) -> None:
    """Set a value at a path, making the levels on the way (or replacing a None level)."""
    for key in path[:-1]:
        if not isinstance(data.get(key), dict):
            data[key] = {}
        data = data[key]
    data[path[-1]] = value


@dataclass(frozen=True)
class FormField:
    """One input of a small form, and the model field it fills."""

    name: str
    widget_id: str
    kind: FieldKind


@dataclass(frozen=True)
class Form:
    """A group of inputs that together make one model value (a receipt, the timbre...)."""

    model: type[BaseModel]
    fields: tuple[FormField, ...]
    fixed: dict[str, Any] = field(default_factory=dict)
    """Values the person does not type (a collection appointment's kind)."""

    @property
    def typed(self) -> tuple[FormField, ...]:
        """The fields typed into an Input (each has a problem line ``#<id>-msg`` under it)."""
        return tuple(f for f in self.fields if f.kind != "choice")


def check_form(screen: Screen[Any], form: Form, *, empty_ok: bool) -> tuple[bool, BaseModel | None]:
    """Validate a form and show each field's problem; (valid, value or None when empty)."""
    data: dict[str, Any] = dict(form.fixed)
    errors: dict[str, str] = {}
    typed = False
    for spec in form.fields:
        if spec.kind == "choice":
            data[spec.name] = screen.query_one(f"#{spec.widget_id}", Select).value
            continue
        raw = screen.query_one(f"#{spec.widget_id}", Input).value
        typed = typed or bool(raw.strip())
        try:
            value = convert(spec.kind, raw)
        except InputProblem as exc:
            errors[spec.name] = str(exc)
            continue
        if value is not None:
            data[spec.name] = value
    made: BaseModel | None = None
    if typed or not empty_ok:
        try:
            made = form.model.model_validate(data)
        except ValidationError as exc:
            for loc, problem in problems(exc).items():  # a whole-value problem: 1st field
                errors.setdefault(loc[0] if loc else form.typed[0].name, problem)
    for spec in form.typed:
        show_problem(screen.query_one(f"#{spec.widget_id}-msg", Static), errors.get(spec.name))
    return not errors, None if errors else made
