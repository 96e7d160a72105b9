"""Household documents: one paper (proof of address, marriage certificate) for several members.

Only catalogue requirements marked ``shareable`` appear. Each row is such a document,
each member column says whether that member's copy is the shared one. The columns fit the
terminal (every member on screen at 80 columns) and document names wrap to theirs. Ticking it once
(gathered) ticks it for every member it serves, through ``Household.shared``.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static

from carte_prep.core import Household, household_checklists
from carte_prep.core.catalogue import Requirement
from carte_prep.core.edits import ToggleGathered, ToggleShare
from carte_prep.core.engine import shareable_documents
from carte_prep.core.vocab import Status
from carte_prep.i18n import N_, _
from carte_prep.present import gloss
from carte_prep.tui.format import status_text, wrapped
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.widgets.footer import KeysFooter

STATUS_WIDTH = 12
MEMBER_WIDTH, MEMBER_WIDTH_MAX = 8, 12
"""A member's column holds "⌂ shared" or "own copy"; a longer first name wraps in the header."""
DOC_WIDTH_MIN = 16
PADDING, SCROLLBAR = 2, 2
"""A cell's padding (one column each side), and the room kept for the scrollbar."""

_HELP = N_(
    "A household document serves several members: tick it once and it is ticked for each. "
    "Move to a member's column and press space to add or remove them; on the document's "
    "name, space marks it gathered."
)


class HouseholdDocumentsScreen(DataScreen[None]):
    """Which members each shareable document serves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_cell", _("Share / gather"), id="shared-toggle"),
        Binding("escape", "back", _("Back"), id="shared-back"),
    ]

    def __init__(self, household_id: str) -> None:
        super().__init__()
        self.household_id = household_id
        self._rows: list[Requirement] = []
        self._width = 0

    def on_resize(self, event: events.Resize) -> None:
        """Column widths follow the terminal; document names wrap to theirs."""
        if event.size.width != self._width:
            self.refresh_data()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(_(_HELP)), id="shared-help")
        table: DataTable[Text] = DataTable(id="shared", cursor_type="cell")
        yield table
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = _("Household documents")
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
        self._width = self.size.width or self.app.size.width
        names = [m.given_names for m in household.members]
        member_widths = [max(MEMBER_WIDTH, min(MEMBER_WIDTH_MAX, len(n))) for n in names]
        doc_width = max(
            DOC_WIDTH_MIN,
            self._width
            - SCROLLBAR
            - PADDING * (2 + len(names))
            - STATUS_WIDTH
            - sum(member_widths),
        )
        headers = [Text(wrapped(n, w)) for n, w in zip(names, member_widths, strict=True)]
        table.header_height = max([1, *(h.plain.count("\n") + 1 for h in headers)])
        table.add_column(_("Document"), key="doc", width=doc_width)
        table.add_column(_("Status"), key="status", width=STATUS_WIDTH)
        for member, header, width in zip(household.members, headers, member_widths, strict=True):
            table.add_column(header, key=member.id, width=width)
        documents = shareable_documents(household_checklists(household, today))
        wanted = {requirement.id: members for requirement, members in documents}
        self._rows = [requirement for requirement, _ in documents]
        shared = {e.requirement: e for e in household.shared}
        for requirement in self._rows:
            evidence = shared.get(requirement.id)
            status = evidence.tracking.status if evidence else None
            name = gloss(requirement.name_en) or requirement.name_fr
            cells = [Text(wrapped(name, doc_width)), _status(status)]
            for member in household.members:
                if evidence and member.id in evidence.members:
                    cells.append(Text(_("⌂ shared"), style="bold magenta"))
                elif member.id in wanted[requirement.id]:
                    cells.append(Text(_("own copy"), style="dim"))
                else:
                    cells.append(Text("–", style="dim"))
            table.add_row(*cells, key=requirement.id, height=cells[0].plain.count("\n") + 1)
        if not self._rows:
            self.query_one("#shared-help", Static).update(
                Text(_("No document of this household's checklists can be shared."))
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
            self.notify(_("Share it with members first: move to their columns and press space."))
            return
        self.request(self.household_id, ToggleGathered(evidence.members[0], requirement))

    def action_back(self) -> None:
        self.dismiss()


def _status(status: Status | None) -> Text:
    if status is None:
        return Text(_("not shared"), style="dim")
    return status_text(status)
