"""The key footer, rebuilt only when the keys it shows change.

Textual's Footer recomposes every key widget on each bindings signal, and Textual sends
one on every focus change, while the app sends one whenever an action may have become
(un)available (a cursor move in a list, a save). Those rebuilds were most of the app's
own work: about a second per test scenario, and a visible cost on slow terminals. This
footer compares what it would show with what it shows, and skips identical rebuilds.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST_ACTIONS = ("help", "show_help")
"""Shown before the screen's own keys, so that a narrow terminal never hides them."""

Shown = tuple[tuple[Binding, bool, str], ...]


class KeysFooter(Footer):
    """A :class:`~textual.widgets.Footer` that ignores signals which change nothing, and
    shows ``? Help`` first: at 80 columns the keys at the end are cut off, and help is the
    one key that leads to all the others (as lazygit and k9s keep it in view)."""

    def compose(self) -> ComposeResult:
        keys = [k for k in super().compose() if isinstance(k, FooterKey)]
        if any(k.action == "help" for k in keys):  # f1 is shown only when ? types a ?
            keys = [k for k in keys if k.action != "show_help"]
        first = [k for k in keys if k.action in FIRST_ACTIONS][:1]
        yield from first
        yield from (k for k in keys if k not in first)

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
