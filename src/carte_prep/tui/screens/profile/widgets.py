"""The widgets of the profile form: one per field kind, read and refilled the same way."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TabbedContent, TabPane

from carte_prep.core.member_fields import FieldSpec, owner_presence
from carte_prep.i18n import _
from carte_prep.tui.format import parse_date, show_date
from carte_prep.tui.widgets.departement import DepartementPicker
from carte_prep.tui.widgets.tick_box import TickBox


class StepPane(VerticalScroll, can_focus=False):
    """A step's fields. Not focusable itself: Tab goes from field to field, never to an
    invisible container (the review needed two Tabs to reach the first field)."""


class StepTabs(TabbedContent):
    """The form's steps; a step follows the focus only while the focus is still in it.

    Textual re-activates a pane when a field in it is focused, by a message that arrives
    later: after a quick pageup from a step whose first field was just focused, it pulled
    the form back to that step, and the page keys seemed stuck (review finding 14).
    """

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        focused = self.screen.focused
        if focused is None or event.tab_pane not in focused.ancestors:
            event.prevent_default()  # Textual's own handler is not called either
            event.stop()


def field_box(spec: FieldSpec, value: Any, *, appointment_kind: str) -> Vertical:
    """A field with its label, its (hidden) problem line and its one line of help."""
    children: list[Widget] = []
    if spec.kind not in {"flag", "presence"}:
        children.append(Label(_(spec.label), classes="field-label", markup=False))
    children.append(field_widget(spec, value, appointment_kind=appointment_kind))
    children.append(Static("", id=spec.error_id, classes="field-error", markup=False))
    if spec.help:
        children.append(Static(Text(_(spec.help), style="dim"), classes="field-help"))
    classes = "field " + " ".join("under-" + "-".join(p) for p in owner_presence(spec))
    return Vertical(*children, classes=classes.strip(), id=f"box-{spec.widget_id}")


def field_widget(spec: FieldSpec, value: Any, *, appointment_kind: str) -> Widget:
    """The input for one field, showing ``value`` (the member's data at its path)."""
    match spec.kind:
        case "text":
            return _input(value or "", spec)
        case "date":
            return _input(show_date(parse_date(value) if value else None), spec, _("dd/mm/yyyy"))
        case "time":
            return _input((value or "")[:5], spec, _("hh:mm"))
        case "flag" | "presence":
            return TickBox(_(spec.label), bool(value), id=spec.widget_id, compact=True)
        case "departement":
            return DepartementPicker(value, id=spec.widget_id)
        case "held":
            return _select(spec, _held_kind(value), optional=True)
        case "choice":
            if spec.path[-1] == "kind" and "appointment" in spec.path and value is None:
                value = appointment_kind
            return _select(spec, value, optional=spec.optional)


def _input(value: str, spec: FieldSpec, placeholder: str = "") -> Input:
    """A text field that keeps its text when it gets the cursor (no select-all): arriving
    in a filled field with Tab or a page key and typing must not wipe what was saved."""
    return Input(
        value, placeholder=placeholder, id=spec.widget_id, compact=True, select_on_focus=False
    )


def _held_kind(value: Any) -> str | None:
    return value.get("kind", "card") if isinstance(value, dict) else None


def _select(spec: FieldSpec, value: Any, *, optional: bool) -> Select[Any]:
    keys = [key for key, _label in spec.choices]
    initial = value if value in keys else (Select.NULL if optional else keys[0])
    return Select(
        [(Text(_(label)), key) for key, label in spec.choices],
        allow_blank=optional,
        prompt=_(spec.prompt),
        value=initial,
        id=spec.widget_id,
        compact=True,
    )


def read_widget(widget: Widget) -> Any:
    """What a field's widget holds now, as typed (text) or chosen (a key, a flag)."""
    if isinstance(widget, Checkbox):
        return widget.value
    if isinstance(widget, DepartementPicker):
        return widget.code
    if isinstance(widget, Select):
        return None if widget.is_blank() else widget.value
    assert isinstance(widget, Input)
    return widget.value


def refill_widget(widget: Widget, spec: FieldSpec, value: Any) -> None:
    """Show ``value`` (saved data) in a field again, as after an undo."""
    if isinstance(widget, Checkbox):
        widget.value = bool(value)
    elif isinstance(widget, DepartementPicker):
        widget.choose(value)
    elif isinstance(widget, Select):
        if spec.kind == "held":
            value = _held_kind(value)
        keys = [key for key, _label in spec.choices]
        widget.value = value if value in keys else (Select.NULL if spec.optional else keys[0])
    elif isinstance(widget, Input):
        if spec.kind == "date":
            widget.value = show_date(parse_date(value) if value else None)
        elif spec.kind == "time":
            widget.value = (value or "")[:5]
        else:
            widget.value = value or ""


def focus_target(widget: Widget) -> Widget:
    """The part of a field that takes the keys (the search box of the département picker)."""
    if isinstance(widget, DepartementPicker):
        return widget.query_one("#dep-search", Input)
    return widget
