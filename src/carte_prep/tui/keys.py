"""Which bindings would steal a keystroke from a text field.

A binding on a printable key (``s``, ``space``, ``1``) must not fire while the person is
typing a note or a name; :func:`types_a_character` tells them apart so that screens can
disable those actions in ``check_action`` while an Input or TextArea has focus.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, TextArea

_NAMED_CHARACTERS = frozenset(
    {
        "space",
        "question_mark",
        "slash",
        "left_square_bracket",
        "right_square_bracket",
        "plus",
        "minus",
    }
)


def types_a_character(key: str) -> bool:
    """True when pressing this key in a text field would insert a character."""
    return all(len(k) == 1 or k in _NAMED_CHARACTERS for k in key.split(","))


def typing_actions(bindings: list[BindingType]) -> frozenset[str]:
    """The actions bound only to printable keys in a BINDINGS list."""
    return frozenset(
        b.action for b in bindings if isinstance(b, Binding) and types_a_character(b.key)
    )


def is_text_field(widget: Widget | None) -> bool:
    """Whether the focused widget takes printable keys as text."""
    return isinstance(widget, Input | TextArea)
