"""Every key of a screen (and of the app) is also a command in the palette.

So an action is found by its words as well as by its key, and the palette says the key
to learn ("PDF (x)"). Only actions that can run now are offered.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from carte_prep.tui.screens.base import DataScreen

if TYPE_CHECKING:
    from textual.app import App


def binding_commands(app: App[Any], screen: Screen[object]) -> Iterator[SystemCommand]:
    """The screen's bindings, then the app's, as palette commands (each action once)."""
    seen: set[str] = set()
    for node, bindings in ((screen, screen.BINDINGS), (app, app.BINDINGS)):
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen or binding.action in ("quit", "quit_key"):
                continue
            if binding.action == "show_help" and "help" in seen:
                continue
            if isinstance(node, DataScreen) and not node.can_run(binding.action):
                continue
            if node is app and not app.check_action(binding.action, ()):
                continue
            seen.add(binding.action)
            key = binding.key_display or app.get_key_display(binding)
            yield SystemCommand(
                f"{binding.description} ({key})",
                binding.tooltip or binding.description,
                partial(node.run_action, binding.action),
            )
