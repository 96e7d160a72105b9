"""The help screen: what the app does, the signs in the lists, every key, and the confidence marks.

The key table is built from the bindings of the screen it was opened from, so it can
never disagree with the footer.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from carte_prep.core.confidence import confidence_intro, confidence_lines
from carte_prep.i18n import N_, _

INTRO = N_(
    """\
carte-prep builds the list of documents each person needs for their residence card, \
and keeps track of what has been gathered. Every change is saved at once.

Signs in the checklist:  ✎ note   @ attached file   ⌂ household document (shared)
  ! too old on the filing day   ? date not entered   T needs a sworn translation

Anywhere: ctrl+p opens the command palette (every action is there, with its key), \
ctrl+z undoes the last change, ? (or f1 while typing in a field) shows this help, \
Tab and shift+tab move between fields. Escape goes back one step: from a field of the \
checklist's detail pane to the list, elsewhere it closes the screen or dialog (asking \
first if something typed is not valid yet). q quits (ctrl+q while typing in a field); \
everything is already saved."""
)


class HelpScreen(ModalScreen[None]):
    """Keys of the screen underneath, and how the app works."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", _("Close"), id="help-close"),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__(classes="dialog")
        self._under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", id="help-box"):
            yield Static(Text(_("Help"), style="bold"))
            yield Static(Text(_(INTRO)))
            here = getattr(self._under, "HELP_TEXT", "")
            if here:
                yield Static(Text(_(here)))
            yield Static(self._keys())
            yield Static(self._confidence())

    def _keys(self) -> Text:
        text = Text(_("Keys on this screen") + "\n", style="bold")
        for node in (self._under, self.app):
            for binding in node.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    key = binding.key_display or self.app.get_key_display(binding)
                    text.append(f"  {key:>8}  ", style="bold")
                    text.append(_(binding.description) + "\n")
        return text

    @staticmethod
    def _confidence() -> Text:
        """The scale shown beside every source in the detail pane, defined once in the core."""
        text = Text(_("Confidence marks") + "\n", style="bold")
        text.append(confidence_intro() + "\n")
        for line in confidence_lines():
            text.append(f"  {line}\n")
        return text

    def action_close(self) -> None:
        self.dismiss()
