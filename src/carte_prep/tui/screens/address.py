"""The postal address dialog: the household's address, or one member's own.

The same change as ``carte-prep address H [MEMBER] --street --postcode --town`` (or
``--clear``): the dialog only reads the three lines and says whose address it is; the
screen that opened it asks for the :class:`~carte_prep.core.edits.SetAddress` edit, so
the app and the command line write the same file. A member without an address of their
own lives at the household's, so the dialog starts on the household's unless the member
already has one.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from carte_prep.core import Household
from carte_prep.core.edits import SetAddress
from carte_prep.core.model import PostalAddress
from carte_prep.i18n import N_, _
from carte_prep.tui.screens.profile.texts import plain_problem
from carte_prep.tui.validation import problems, show_problem
from carte_prep.tui.widgets.tick_box import TickBox

FIELDS: tuple[tuple[str, str, str], ...] = (
    ("street", N_("Number and street (with any flat or building details)"), "12 rue des Lilas"),
    ("postcode", N_("Post code (5 digits)"), "24000"),
    ("town", N_("Town"), "Périgueux"),
)
"""Each line of a French postal address: its field, its label, an example."""
NAMES = tuple(name for name, _label, _example in FIELDS)


class AddressDialog(ModalScreen[SetAddress | None]):
    """Type the address; returns the edit to ask for (None: cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="dialog-cancel"),
    ]

    def __init__(self, household: Household, member_id: str) -> None:
        super().__init__(classes="dialog")
        self._household = household
        self._member_id = member_id
        self._name = household.member(member_id).given_names

    def _saved(self, own: bool) -> PostalAddress | None:
        """The member's own address (``own``) or the household's, as saved."""
        member = self._household.member(self._member_id)
        return member.address if own else self._household.address

    def compose(self) -> ComposeResult:
        own = self._saved(own=True) is not None
        with Vertical(classes="dialog-box", id="address-box"):
            yield Label(
                _(
                    "Postal address of {household}, as the prefecture writes it on letters "
                    "and the card."
                ).format(household=self._household.name),
                markup=False,
                classes="dialog-text",
            )
            yield TickBox(
                _("{name} lives elsewhere: this is {name}'s own address").format(name=self._name),
                own,
                id="address-own",
                compact=True,
            )
            for name, label, example in FIELDS:
                yield Label(_(label), markup=False, classes="field-label")
                yield Input(placeholder=example, id=f"address-{name}", compact=True)
                yield Static("", markup=False, id=f"address-{name}-problem", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Remove"), id="clear")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#address-street", Input).focus()

    def _own(self) -> bool:
        return self.query_one("#address-own", Checkbox).value

    def _fill(self) -> None:
        """Show the saved address of whoever the checkbox names (empty when none)."""
        saved = self._saved(self._own())
        for name in NAMES:
            self.query_one(f"#address-{name}", Input).value = getattr(saved, name) if saved else ""
            show_problem(self.query_one(f"#address-{name}-problem", Static), None)

    @on(Checkbox.Changed, "#address-own")
    def _whose_changed(self) -> None:
        self._fill()

    def _whose(self) -> str | None:
        return self._member_id if self._own() else None

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        values = {name: self.query_one(f"#address-{name}", Input).value for name in NAMES}
        try:
            address = PostalAddress.model_validate(values)
        except ValidationError as exc:
            found = problems(exc)
            for name in NAMES:
                problem = found.get((name,))
                shown = plain_problem(problem) if problem else None
                show_problem(self.query_one(f"#address-{name}-problem", Static), shown)
            return
        self.dismiss(SetAddress(self._whose(), address))

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss(SetAddress(self._whose(), None))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
