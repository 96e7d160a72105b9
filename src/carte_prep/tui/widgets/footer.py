"""The key footer, rebuilt only when the keys it shows change.

Textual's Footer recomposes every key widget on each bindings signal, and Textual sends
one on every focus change, while the app sends one whenever an action may have become
(un)available (a cursor move in a list, a save). Those rebuilds were most of the app's
own work: about a second per test scenario, and a visible cost on slow terminals. This
footer compares what it would show with what it shows, and skips identical rebuilds.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST_ACTIONS = ("help", "show_help")
"""Shown before the screen's own keys, so that a narrow terminal never hides them (then
the Escape key, the way back, which a longer language pushed off the edge)."""

Shown = tuple[tuple[Binding, bool, str], ...]


def _width(key: FooterKey) -> int:
    """Columns a key takes: its key and its words, with Textual's padding (1 + 1 + 1; the
    palette key has a border and a right padding instead)."""
    words = cell_len(key.description) + 1 if key.description else 0
    return cell_len(key.key_display) + 2 + words


def _fitting(keys: list[FooterKey], width: int) -> list[FooterKey]:
    """The keys, in order, that fit whole in ``width`` columns beside the palette key.

    A key that does not fit is left out with all after it, rather than cut mid-word
    ("^z An", "b Retour à mes"): every key stays in help and in the palette.
    """
    if width <= 0:  # not laid out yet: the resize that follows fits them
        return keys
    palette = [k for k in keys if k.has_class("-command-palette")]
    room = width - sum(_width(k) for k in palette)
    shown: list[FooterKey] = []
    for key in keys:
        if key in palette:
            continue
        room -= _width(key)
        if room < 0:
            break
        shown.append(key)
    return [*shown, *palette]


class KeysFooter(Footer):
    """A :class:`~textual.widgets.Footer` that ignores signals which change nothing, and
    shows ``? Help`` first: at 80 columns the keys at the end are cut off, and help is the
    one key that leads to all the others (as lazygit and k9s keep it in view)."""

    def compose(self) -> ComposeResult:
        keys = [k for k in super().compose() if isinstance(k, FooterKey)]
        if any(k.action == "help" for k in keys):  # f1 is shown only when ? types a ?
            keys = [k for k in keys if k.action != "show_help"]
        first = [k for k in keys if k.action in FIRST_ACTIONS][:1]
        first += [k for k in keys if k.key == "escape" and k not in first]  # the way back
        yield from _fitting([*first, *(k for k in keys if k not in first)], self.size.width)

    def on_resize(self) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self.recompose)

    def __init__(self) -> None:
        super().__init__()
        self._shown: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = tuple(
                (active.binding, active.enabled, active.tooltip)
                for active in screen.active_bindings.values()
                if active.binding.show
            )
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
