"""What the households list shows: the words typed in its filter, the due view, the order.

The list redraws itself (:meth:`HouseholdView._redraw`) from these; the title says which
view is shown, so a narrowed list is never taken for the whole folder.
"""

from __future__ import annotations

from textual import on
from textual.widgets import DataTable, Input

from carte_prep.i18n import _
from carte_prep.tui.screens.household_actions import HouseholdActions


class HouseholdView(HouseholdActions):
    """The filter, due and sort choices, and the keys that change them."""

    def __init__(self) -> None:
        super().__init__()
        self._query = ""
        self._due = False
        self._by_date = False

    def _redraw(self) -> None:
        """Draw the list again for the view chosen; the list says how."""
        raise NotImplementedError

    def _titles(self) -> None:
        parts = [_("Households")]
        if self._due:
            parts.append(_("due this week or overdue"))
        if self._query:
            parts.append(_("matching “{query}”").format(query=self._query))
        if self._by_date and not self._due:
            parts.append(_("by next date"))
        self.title = " · ".join(parts)

    def action_filter(self) -> None:
        """Show the filter box and put the cursor in it."""
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def _filtered(self, event: Input.Changed) -> None:
        self._query = event.value.strip()
        self._titles()
        self._redraw()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#households", DataTable).focus()

    def action_clear(self) -> None:
        """Escape: clear the filter and the due view (there is no screen to close here)."""
        box = self.query_one("#filter", Input)
        box.value = ""
        box.display = False
        self._due = False
        self._query = ""
        self._titles()
        self._redraw()
        self.query_one("#households", DataTable).focus()

    def action_due(self) -> None:
        """This week / overdue, across all households; again to see them all."""
        self._due = not self._due
        self._titles()
        self._redraw()

    def action_sort(self) -> None:
        self._by_date = not self._by_date
        self._titles()
        self._redraw()
