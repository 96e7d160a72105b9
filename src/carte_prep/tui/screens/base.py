"""What every data screen shares: refreshing from the session and quiet letter keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from textual.binding import BindingType
from textual.screen import Screen

from carte_prep.tui.keys import is_text_field, typing_actions

if TYPE_CHECKING:
    from carte_prep.tui.app import CartePrepApp

ResultType = TypeVar("ResultType")


class DataScreen(Screen[ResultType], Generic[ResultType]):
    """A screen that shows saved data and redraws it when the data changes.

    Subclasses implement :meth:`refresh_data`; it runs when the screen comes back to the
    top (after a dialog or another screen) so it never shows stale state.
    """

    BINDINGS: ClassVar[list[BindingType]] = []

    @property
    def carte_app(self) -> CartePrepApp:
        """The app, typed (screens need its session and save helpers)."""
        from carte_prep.tui.app import CartePrepApp

        app = self.app
        assert isinstance(app, CartePrepApp)
        return app

    def refresh_data(self) -> None:
        """Redraw from the session; the default has nothing to redraw."""

    def on_screen_resume(self) -> None:
        self.refresh_data()

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
