"""Household documents: one paper (proof of address, marriage certificate) for several members.

Only catalogue requirements marked ``shareable`` appear. Each row is such a document,
each member column says whether that member's copy is the shared one. Ticking it once
(gathered) ticks it for every member it serves, through ``Household.shared``.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static

from carte_prep.core import Household, household_checklists
from carte_prep.core.catalogue import Requirement
from carte_prep.core.edits import ToggleGathered, ToggleShare
from carte_prep.core.engine import shareable_documents
from carte_prep.core.vocab import Status
from carte_prep.tui.format import status_text
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.widgets.footer import KeysFooter

_HELP = (
    "A household document serves several members: tick it once and it is ticked for each. "
    "Move to a member's column and press space to add or remove them; on the document's "
    "name, space marks it gathered."
)


class HouseholdDocumentsScreen(DataScreen[None]):
    """Which members each shareable document serves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_cell", "Share / gather", id="shared-toggle"),
        Binding("escape", "back", "Back", id="shared-back"),
    ]

    def __init__(self, household_id: str) -> None:
        super().__init__()
        self.household_id = household_id
        self._rows: list[Requirement] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(_HELP), id="shared-help")
        table: DataTable[Text] = DataTable(id="shared", cursor_type="cell")
        yield table
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Household documents"
        self.refresh_data()
        self.query_one("#shared", DataTable).focus()

    def _household(self) -> Household:
        return self.session.get(self.household_id)

    def refresh_data(self) -> None:
        household = self._household()
        today = self.today()
        table = self.query_one("#shared", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Document", key="doc")
        table.add_column("Status", key="status", width=12)
        for member in household.members:
            table.add_column(Text(member.given_names), key=member.id)
        documents = shareable_documents(household_checklists(household, today))
        wanted = {requirement.id: members for requirement, members in documents}
        self._rows = [requirement for requirement, _ in documents]
        shared = {e.requirement: e for e in household.shared}
        for requirement in self._rows:
            evidence = shared.get(requirement.id)
            status = evidence.tracking.status if evidence else None
            cells = [Text(requirement.name_en), _status(status)]
            for member in household.members:
                if evidence and member.id in evidence.members:
                    cells.append(Text("⌂ shared", style="bold magenta"))
                elif member.id in wanted[requirement.id]:
                    cells.append(Text("own copy", style="dim"))
                else:
                    cells.append(Text("–", style="dim"))
            table.add_row(*cells, key=requirement.id)
        if not self._rows:
            self.query_one("#shared-help", Static).update(
                Text("No document of this household's checklists can be shared.")
            )
        table.move_cursor(row=cursor.row, column=cursor.column, animate=False)

    @on(DataTable.CellSelected, "#shared")
    def action_toggle_cell(self) -> None:
        """On a member's column, share with them or stop; on the document, gathered or not."""
        table = self.query_one("#shared", DataTable)
        if not self._rows:
            return
        row, column = table.cursor_coordinate
        requirement = self._rows[row].id
        household = self._household()
        if column >= 2:
            member_id = household.members[column - 2].id
            self.request(self.household_id, ToggleShare(requirement, member_id))
            return
        evidence = household.shared_document(requirement)
        if evidence is None:
            self.notify("Share it with members first: move to their columns and press space.")
            return
        self.request(self.household_id, ToggleGathered(evidence.members[0], requirement))

    def action_back(self) -> None:
        self.dismiss()


def _status(status: Status | None) -> Text:
    if status is None:
        return Text("not shared", style="dim")
    return status_text(status)
