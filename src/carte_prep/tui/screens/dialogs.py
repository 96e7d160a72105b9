"""Small modal dialogs: confirm, and ask for one line of text.

Each returns its answer through ``dismiss`` (called directly from the handler: Textual
8's scheduled dismiss hangs ``run_test``, see the style notes). Text given to them is
shown literally.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from carte_prep.i18n import _
from carte_prep.tui.validation import show_problem


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question; escape means no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", _("Cancel"), id="dialog-cancel"),
        Binding("y", "answer(True)", _("Yes"), show=False, id="dialog-yes"),
        Binding("n", "answer(False)", _("No"), show=False, id="dialog-no"),
    ]

    def __init__(
        self,
        question: str,
        *,
        yes: str | None = None,
        no: str | None = None,
        yes_is_safe: bool = False,
    ) -> None:
        """``yes_is_safe``: "yes" is the answer to take on Enter (reload what is on disk),
        not one that loses something (delete, replace), so it has the focus."""
        super().__init__(classes="dialog")
        self._question = question
        self._yes = yes or _("Yes")
        self._no = no or _("Cancel")
        self._yes_is_safe = yes_is_safe

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self._question, markup=False, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    self._yes, variant="primary" if self._yes_is_safe else "error", id="yes"
                )
                yield Button(self._no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self._yes_is_safe else "#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class PromptDialog(ModalScreen[str | None]):
    """Ask for one line of text; ``check`` returns a problem to show, or None when fine."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="dialog-cancel"),
    ]

    def __init__(
        self,
        question: str,
        *,
        value: str = "",
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self._question = question
        self._initial = value
        self._placeholder = placeholder
        self._check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._question, markup=False, classes="dialog-text")
            yield Input(self._initial, placeholder=self._placeholder, id="answer")
            yield Static("", markup=False, id="problem", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def _problem(self, value: str) -> str | None:
        if not value.strip():
            return _("type something, or press escape to cancel")
        return self._check(value) if self._check else None

    @on(Input.Changed, "#answer")
    def _changed(self, event: Input.Changed) -> None:
        problem = self._problem(event.value) if event.value else None
        show_problem(self.query_one("#problem", Static), problem)

    @on(Input.Submitted, "#answer")
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        value = self.query_one("#answer", Input).value
        problem = self._problem(value)
        if problem:
            show_problem(self.query_one("#problem", Static), problem)
            return
        self.dismiss(value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
