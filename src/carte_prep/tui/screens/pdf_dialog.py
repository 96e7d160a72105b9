"""The PDF dialog: where to write the dossier and how, with the options ``carte-prep pdf``
has (the same table, :mod:`carte_prep.core.pdf_options`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from carte_prep.core.pdf_options import PDF_OPTIONS
from carte_prep.i18n import _
from carte_prep.tui.validation import show_problem
from carte_prep.tui.widgets.tick_box import TickBox


@dataclass(frozen=True)
class PdfChoice:
    """Where the dossier goes and the options it is printed with (``render_pdf``'s words)."""

    path: str
    options: dict[str, str | bool]


class PdfDialog(ModalScreen[PdfChoice | None]):
    """Ask for the file and the dossier's options; escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="dialog-cancel"),
    ]

    def __init__(
        self,
        question: str,
        *,
        path: str,
        options: dict[str, str | bool],
        check: Callable[[str], str | None],
    ) -> None:
        super().__init__(classes="dialog")
        self._question = question
        self._path = path
        self._options = options
        self._check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._question, markup=False, classes="dialog-text")
            yield Input(self._path, id="answer")
            yield Static("", markup=False, id="problem", classes="field-error")
            for option in PDF_OPTIONS:
                value = self._options.get(option.name, option.default)
                if option.choices:
                    with Horizontal(classes="pdf-choice"):
                        yield Label(_(option.label), markup=False)
                        yield Select(
                            [(_(meaning), choice) for choice, meaning in option.choices],
                            value=value,
                            allow_blank=False,
                            compact=True,
                            id=f"pdf-{option.name}",
                        )
                else:
                    label = _(option.label)
                    yield TickBox(label, bool(value), compact=True, id=f"pdf-{option.name}")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    def _chosen(self) -> dict[str, str | bool]:
        chosen: dict[str, str | bool] = {}
        for option in PDF_OPTIONS:
            if option.choices:
                chosen[option.name] = str(self.query_one(f"#pdf-{option.name}", Select).value)
            else:
                chosen[option.name] = self.query_one(f"#pdf-{option.name}", Checkbox).value
        return chosen

    @on(Input.Submitted, "#answer")
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        path = self.query_one("#answer", Input).value.strip()
        problem = self._check(path) if path else _("type something, or press escape to cancel")
        if problem:
            show_problem(self.query_one("#problem", Static), problem)
            return
        self.dismiss(PdfChoice(path, self._chosen()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
