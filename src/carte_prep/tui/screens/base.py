"""What every data screen shares: the open households, redrawing when one is saved, and
quiet letter keys while a field has focus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar, cast

from textual.app import SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from carte_prep.i18n import _
from carte_prep.tui.keys import is_text_field, typing_actions
from carte_prep.tui.messages import AppState, EditRefused, EditRequested, HouseholdSaved
from carte_prep.tui.widgets.examples_banner import ExamplesBanner

if TYPE_CHECKING:
    from carte_prep.core.edits import Edit
    from carte_prep.core.session import Session

ResultType = TypeVar("ResultType")


class DataScreen(Screen[ResultType], Generic[ResultType]):
    """A screen that shows saved data and redraws it when the data changes.

    Subclasses implement :meth:`refresh_data`; it runs when a household is saved while the
    screen is on top, and when the screen comes back to the top (after a dialog or
    another screen), so it never shows stale state. Changes are asked for with
    :meth:`request`, never saved here.
    """

    BINDINGS: ClassVar[list[BindingType]] = []
    QUITS_ON_Q: ClassVar[bool] = True
    """Whether q quits the app here (a form says no: a stray q there must not end it)."""

    @property
    def state(self) -> AppState:
        # A cast, not isinstance: on Python 3.11 a protocol check reads every attribute,
        # and reading ``session`` builds it, importing pydantic before the first draw.
        return cast("AppState", self.app)

    @property
    def session(self) -> Session:
        """The open households, to read (changes go through :meth:`request`)."""
        return self.state.session

    def today(self) -> dt.date:
        return self.state.today()

    def request(self, household_id: str, edit: Edit, *, shows_problems: bool = False) -> None:
        """Ask the app to apply an edit (see :class:`~carte_prep.tui.messages.EditRequested`)."""
        self.post_message(EditRequested(household_id, edit, shows_problems=shows_problems))

    def refresh_data(self) -> None:
        """Redraw from the session; the default has nothing to redraw."""

    def pending_edits(self) -> list[EditRequested]:
        """Edits typed but not asked for yet (a note in progress), for the app to save now."""
        return []

    def on_household_saved(self, message: HouseholdSaved) -> None:
        self.household_saved(message)

    def household_saved(self, message: HouseholdSaved) -> None:
        """A household was saved while this screen is on top; the default redraws."""
        del message
        self.refresh_data()

    def on_edit_refused(self, message: EditRefused) -> None:
        self.edit_refused(message)

    def edit_refused(self, message: EditRefused) -> None:
        """A change this screen asked for (showing problems itself) was refused."""
        self.notify(message.problem, title=_("Not saved"), severity="error", markup=False)

    def on_screen_resume(self) -> None:
        for banner in self.query(ExamplesBanner):
            banner.update_shown()
        self.refresh_data()

    def more_commands(self) -> Iterable[SystemCommand]:
        """Palette commands with no key of their own (variants of a keyed action)."""
        return ()

    def can_run(self, action: str) -> bool:
        """Whether an action makes sense now (e.g. not on an empty list); default yes."""
        del action
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide actions that cannot run, and letter keys while a text field has focus."""
        del parameters
        if action in typing_actions(self.BINDINGS) and is_text_field(self.focused):
            return False
        return self.can_run(action)
