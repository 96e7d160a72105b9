"""The line that says the households shown are the examples, and how to leave them.

Changes made in the examples are thrown away when the app ends; the review found a
newcomer who took them for their own data. Every data screen shows this line while the
examples are open, so there is always a visible way back.
"""

from __future__ import annotations

from textual.widgets import Static

from carte_prep.i18n import N_, _

EXAMPLES_TEXT = N_("EXAMPLES (a temporary copy, thrown away on quit) · b back to my households")


class ExamplesBanner(Static):
    """Shown only while the app shows the example households."""

    DEFAULT_CSS = """
    ExamplesBanner {
        height: 1;
        padding: 0 1;
        background: $warning 30%;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        display: none;
    }
    ExamplesBanner.-shown {
        display: block;
    }
    """

    def __init__(self) -> None:
        super().__init__(_(EXAMPLES_TEXT), markup=False, id="examples-banner")

    def on_mount(self) -> None:
        self.update_shown()

    def update_shown(self) -> None:
        """Show the line exactly when the app is on the examples."""
        self.set_class(bool(getattr(self.app, "in_examples", False)), "-shown")
