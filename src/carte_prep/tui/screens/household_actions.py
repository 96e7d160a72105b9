"""The households list's keys, and its actions that lead to a dialog or another screen:
naming a new household, renaming or deleting one, its PDF, the agenda.

:class:`HouseholdActions` is the base of
:class:`~carte_prep.tui.screens.households.HouseholdsScreen`, which shows the list; this
half asks the questions and posts what was answered (the app creates, renames, deletes
or prints).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from carte_prep.i18n import _
from carte_prep.tui.messages import (
    HouseholdCreateRequested,
    HouseholdDeleteRequested,
    PdfRequested,
)
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog, PromptDialog

HOUSEHOLDS_BINDINGS: list[BindingType] = [
    Binding("enter", "open", _("Open"), id="open-household", show=False),
    Binding("n", "new", _("New household"), id="new-household"),
    Binding(
        "slash",
        "filter",
        _("Filter"),
        id="filter-households",
        key_display="/",
        tooltip=_("Type to keep the households whose name, members, card or prefecture match"),
    ),
    Binding(
        "w",
        "due",
        _("This week"),
        id="due-this-week",
        tooltip=_("Only the members whose next date is this week or overdue (again: all)"),
    ),
    Binding(
        "g",
        "agenda",
        _("Agenda"),
        id="agenda-all",
        tooltip=_("Every coming date of every household"),
    ),
    Binding("x", "pdf", _("PDF"), id="pdf-household", tooltip=_("Print the household's dossier")),
    Binding("r", "rename", _("Rename"), id="rename-household", show=False),
    Binding("d", "delete", _("Delete"), id="delete-household", show=False),
    Binding("e", "app.open_examples", _("Examples"), id="open-examples", show=False),
    Binding(
        "o",
        "sort",
        _("Sort by date"),
        id="sort-households",
        show=False,
        tooltip=_("Soonest next date first (again: by name)"),
    ),
    Binding("escape", "clear", _("Clear the filter"), id="clear-filter", show=False),
]


class HouseholdActions(DataScreen[None]):
    """The dialogs and screens the households list opens (see the module's docstring)."""

    _pending_select: str | None = None
    """A household to put the cursor on once its row is added (it may be in a chunk to come)."""

    def _select(self, household_id: str) -> None:
        """Put the cursor on a household (once its row is added, if it is still to come)."""
        table = self.query_one("#households", DataTable)
        try:
            table.move_cursor(row=table.get_row_index(f"h:{household_id}"))
        except RowDoesNotExist:
            self._pending_select = household_id  # gone, or in a chunk still to add
            return
        self._pending_select = None

    def _selected_row(self) -> tuple[str, str | None] | None:
        """(household id, member id or None) under the cursor."""
        table = self.query_one("#households", DataTable)
        if not table.row_count or not table.display:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        kind, _, rest = key.partition(":")
        if kind == "h":
            return rest, None
        household_id, _, member_id = rest.partition(":")
        return household_id, member_id

    def _selected_household(self) -> str | None:
        selected = self._selected_row()
        return selected[0] if selected else None

    def action_new(self) -> None:
        def create(name: str | None) -> None:
            if name is not None:
                self.post_message(HouseholdCreateRequested(name))

        self.app.push_screen(
            PromptDialog(
                _("Name of the new household (for example: Martin family, Lyon):"),
                check=name_problem,
            ),
            create,
        )

    def action_rename(self) -> None:
        household_id = self._selected_household()
        if household_id is None:
            return
        household = self.session.get(household_id)
        from carte_prep.core.edits import RenameHousehold

        def rename(name: str | None) -> None:
            if name is not None and name != household.name:
                self.request(household_id, RenameHousehold(name))

        self.app.push_screen(
            PromptDialog(_("New name of the household:"), value=household.name, check=name_problem),
            rename,
        )

    def action_delete(self) -> None:
        household_id = self._selected_household()
        if household_id is None:
            return
        name = self.session.get(household_id).name

        def delete(sure: bool | None) -> None:
            if sure:
                self.post_message(HouseholdDeleteRequested(household_id))

        self.app.push_screen(
            ConfirmDialog(
                _(
                    "Delete the household “{name}”, its file and its backups?\n"
                    "This cannot be undone."
                ).format(name=name),
                yes=_("Delete"),
            ),
            delete,
        )

    def action_pdf(self) -> None:
        household_id = self._selected_household()
        if household_id is not None:
            self.post_message(PdfRequested(household_id))

    def action_agenda(self) -> None:
        from carte_prep.tui.screens.agenda import AgendaScreen, Jump
        from carte_prep.tui.screens.checklist import ChecklistScreen

        def jump(to: Jump | None) -> None:
            if to is not None:
                self._select(to.household_id)
                self.app.push_screen(ChecklistScreen(to.household_id, to.member_id, to.item_id))

        self.app.push_screen(AgendaScreen(), jump)


def name_problem(value: str) -> str | None:
    """Why a household name would be refused, said under the field as it is typed."""
    from pydantic import TypeAdapter, ValidationError

    from carte_prep.core.errors import field_problems
    from carte_prep.core.model import RequiredLine

    try:
        TypeAdapter(RequiredLine).validate_python(value)
    except ValidationError as exc:
        return _("name: {problem}").format(problem=field_problems(exc)[0][1])
    return None
