"""A household's checklists, one member at a time: the items, their detail, progress.

The list is the engine's checklist, rebuilt from the saved household after every change,
so what is shown is always what the rules say about what is on disk.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Label, ProgressBar, Static, Tab, Tabs
from textual.widgets.data_table import ColumnKey, RowDoesNotExist

from carte_prep.core import (
    Checklist,
    ChecklistItem,
    Household,
    Progress,
    build_checklist,
    household_checklists,
    household_progress,
)
from carte_prep.core.edits import CycleStatus, RemoveMember, ToggleGathered, ToggleTranslated
from carte_prep.i18n import _
from carte_prep.present import progress_text
from carte_prep.tui.format import WIDE
from carte_prep.tui.messages import EditRefused, EditRequested, HouseholdSaved
from carte_prep.tui.screens.checklist_actions import CHECKLIST_BINDINGS, ChecklistActions
from carte_prep.tui.screens.checklist_rows import (
    VIEWS,
    View,
    item_rows,
    member_bar,
)
from carte_prep.tui.widgets.examples_banner import ExamplesBanner
from carte_prep.tui.widgets.footer import KeysFooter
from carte_prep.tui.widgets.item_detail import ItemDetail

STATUS_WIDTH = 11
MARKERS_WIDTH = 3


class ChecklistScreen(ChecklistActions):
    """One member's checklist, with the household's progress beside it."""

    BINDINGS: ClassVar[list[BindingType]] = CHECKLIST_BINDINGS

    def __init__(
        self, household_id: str, member_id: str | None = None, item_id: str | None = None
    ) -> None:
        super().__init__()
        self.household_id = household_id
        self.member_id = member_id
        self.view: View = "all"
        self._checklist: Checklist | None = None
        self._last_row = 0
        self._opening_item = item_id
        self._leaving = ""
        """Who is being removed, for the message once it is done."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield ExamplesBanner()
        yield Static(id="member-bar")
        with Horizontal(id="progress-row"):
            yield Label("", id="member-progress-label", markup=False)
            yield ProgressBar(id="member-progress", show_eta=False)
            yield Label("", id="household-progress-label")
            yield ProgressBar(id="household-progress", show_eta=False)
        yield Tabs(*(Tab(_(label), id=f"view-{view}") for view, label in VIEWS.items()), id="views")
        with Horizontal(id="body"):
            table: DataTable[Text] = DataTable(id="items", cursor_type="row")
            yield table
            yield ItemDetail(self.household_id, id="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#items", DataTable)
        table.add_column(_("Status"), key="status", width=STATUS_WIDTH)
        table.add_column("", key="markers", width=MARKERS_WIDTH)
        table.add_column(_("Document"), key="name", width=self._name_width())
        self.refresh_data()
        if self._opening_item is not None:
            self._select_item(self._opening_item)
        table.focus()

    # -- data ---------------------------------------------------------------------------

    @property
    def checklist(self) -> Checklist | None:
        """The member's checklist as shown (None: no member, or one who needs no card)."""
        return self._checklist

    def refresh_data(self) -> None:
        """Rebuild the checklist from the saved household and redraw everything."""
        session = self.session
        if self.household_id not in session.households:
            self.dismiss()
            return
        household = self.household
        ids = [m.id for m in household.members]
        if self.member_id not in ids:
            self.member_id = ids[0] if ids else None
        today = self.today()
        self._checklist = (
            build_checklist(household, self.member_id, today) if self.member_id else None
        )
        self.title = household.name
        self._show_member_bar(household)
        self._show_progress(household)
        self._show_items()
        self.refresh_bindings()

    def _names(self) -> dict[str, str]:
        return {m.id: m.given_names for m in self.household.members}

    def _show_member_bar(self, household: Household) -> None:
        """Two lines, most urgent first: who and their next date; then warnings and card."""
        bar = self.query_one("#member-bar", Static)
        if self.member_id is None:
            self.sub_title = ""
            bar.update(Text(_("No members yet: press a to add the first one.")))
            return
        member = household.member(self.member_id)
        self.sub_title = member.display_name
        text = member_bar(household, member.id, self._checklist, self.today())
        bar.update(text)

    def _show_progress(self, household: Household) -> None:
        progress = self._checklist.progress if self._checklist else Progress(done=0, total=0)
        name = household.member(self.member_id).given_names if self.member_id else _("Member")
        self.query_one("#member-progress-label", Label).update(f"{name} {progress_text(progress)}")
        self.query_one("#member-progress", ProgressBar).update(
            total=max(progress.total, 1), progress=progress.done
        )
        overall = household_progress(household_checklists(household, self.today()))
        self.query_one("#household-progress-label", Label).update(
            _("Household {done}/{total}").format(done=overall.done, total=overall.total)
        )
        self.query_one("#household-progress", ProgressBar).update(
            total=max(overall.total, 1), progress=overall.done
        )

    def _name_width(self) -> int:
        """Columns left for the document names: the list's width less status and signs."""
        table = self.query_one("#items", DataTable)
        width = self.app.size.width
        if width >= WIDE:  # the list and the detail pane share the width (app.tcss)
            width //= 2
        others = STATUS_WIDTH + MARKERS_WIDTH + 2 * 3 * table.cell_padding + 2
        return max(20, width - others)

    def on_resize(self) -> None:
        width = self._name_width()
        column = self.query_one("#items", DataTable).columns.get(ColumnKey("name"))
        if column is not None and column.width != width:
            self._show_items()

    def _show_items(self) -> None:
        table = self.query_one("#items", DataTable)
        previous = self._current_key()
        width = self._name_width()
        name_column = table.columns[ColumnKey("name")]
        name_column.width = width
        name_column.auto_width = False
        table.clear()
        for row in item_rows(self._checklist, self.view, width):
            table.add_row(*row.cells, key=row.key, height=row.height)
        if table.row_count == 0:
            table.add_row(
                Text(""), Text(""), Text(_("Nothing in this view."), style="dim"), key="none"
            )
        self._restore_cursor(previous)
        self._show_detail()

    def _restore_cursor(self, key: str | None) -> None:
        table = self.query_one("#items", DataTable)
        try:
            row = table.get_row_index(key) if key else None
        except RowDoesNotExist:
            row = None
        if row is None:
            row = next(
                (
                    i
                    for i, r in enumerate(table.ordered_rows)
                    if (r.key.value or "").startswith("i:")
                ),
                0,
            )
        table.move_cursor(row=row, animate=False)

    def _current_key(self) -> str | None:
        table = self.query_one("#items", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def current_item(self) -> ChecklistItem | None:
        """The item under the cursor (None on a heading or a member warning)."""
        key = self._current_key() or ""
        if self._checklist is None or not key.startswith("i:"):
            return None
        requirement_id = key[2:]
        return next((i for i in self._checklist.items if i.requirement.id == requirement_id), None)

    def _show_detail(self) -> None:
        detail = self.query_one("#detail", ItemDetail)
        item = self.current_item()
        if item is not None:
            where = self._checklist.route if self._checklist else None
            route = where.route if where else None
            detail.show_item(item, self._names(), self.member_id or "", route)
            return
        key = self._current_key() or ""
        checklist = self._checklist
        if key.startswith("w:") and checklist is not None:
            warning = checklist.warnings[int(key[2:])]
            detail.show_message(_("Warning"), warning.message)
        elif key == "not-covered" and checklist is not None:
            decision = checklist.decision
            page = decision.read_instead
            read = ""
            if page is not None:
                link = f"{page.url} ({page.note})" if page.note else page.url
                read = "\n\n" + _("Read instead: {page}").format(page=link)
            detail.show_message(
                _("{procedure}: not covered here").format(procedure=decision.label),
                f"{decision.why}\n\n{decision.reason}{read}",
            )
        elif key.startswith("s:") and checklist is not None:
            detail.show_message(
                checklist.procedure_label.capitalize(),
                checklist.decision.why
                + "\n\n"
                + _("Move down to a document to see how to get it and to track it."),
            )
        else:
            detail.show_message("", "")

    @on(DataTable.RowHighlighted, "#items")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self._skip_heading(event.cursor_row):
            return
        self._last_row = event.cursor_row
        self._show_detail()
        self.refresh_bindings()

    def _skip_heading(self, row: int) -> bool:
        """Step over section headings in the direction the cursor was moving."""
        table = self.query_one("#items", DataTable)
        if not (self._current_key() or "").startswith("s:"):
            return False
        step = 1 if row >= self._last_row else -1
        for target in (row + step, row - step):
            if 0 <= target < table.row_count:
                table.move_cursor(row=target, animate=False)
                return True
        return False

    # -- changes ------------------------------------------------------------------------

    def household_saved(self, message: HouseholdSaved) -> None:
        if isinstance(message.edit, RemoveMember):
            self.notify(_("Removed {name}.").format(name=self._leaving), markup=False, timeout=5)
        self.refresh_data()

    def edit_refused(self, message: EditRefused) -> None:
        """A value typed in the detail pane was refused: say why under its field."""
        self.query_one("#detail", ItemDetail).show_problem(message.field, message.problem)

    def pending_edits(self) -> list[EditRequested]:
        """A note being typed right now, taken at once (the member or the screen changes)."""
        pending = self.query_one("#detail", ItemDetail).pending_notes()
        return [] if pending is None else [pending]

    def _flush_notes(self) -> None:
        for request in self.pending_edits():
            self.post_message(request)

    def _change_item(self, edit: type[ToggleGathered | CycleStatus | ToggleTranslated]) -> None:
        item = self.current_item()
        if item is not None and self.member_id is not None:
            self.request(self.household_id, edit(self.member_id, item.requirement.id))

    def can_run(self, action: str) -> bool:
        if self.household_id not in self.session.households:
            return False  # gone (deleted, or the app left the examples): this screen closes
        if action in {"toggle_gathered", "cycle_status", "focus_field"}:
            return self.current_item() is not None
        if action == "toggle_translated":
            item = self.current_item()
            return item is not None and item.needs_translation
        if action in {"edit_member", "pdf", "remove_member"}:
            return self.member_id is not None
        if action in {"photos", "log"}:
            return self._checklist is not None
        if action == "member":
            return len(self.household.members) > 1
        return True

    def action_toggle_gathered(self) -> None:
        self._change_item(ToggleGathered)

    def action_cycle_status(self) -> None:
        self._change_item(CycleStatus)

    def action_toggle_translated(self) -> None:
        item = self.current_item()
        if item is not None and item.needs_translation:
            self._change_item(ToggleTranslated)

    def action_view(self, view: View) -> None:
        self.query_one("#views", Tabs).active = f"view-{view}"

    @on(Tabs.TabActivated, "#views")
    def _view_chosen(self, event: Tabs.TabActivated) -> None:
        chosen = (event.tab.id or "view-all").removeprefix("view-")
        view: View = next((v for v in VIEWS if v == chosen), "all")
        if view != self.view:
            self.view = view
            self._show_items()
            self.query_one("#items", DataTable).focus()

    def action_member(self, step: int) -> None:
        ids = [m.id for m in self.household.members]
        if not ids or self.member_id is None:
            return
        self._flush_notes()
        self.member_id = ids[(ids.index(self.member_id) + step) % len(ids)]
        self.refresh_data()

    def show(self, member_id: str, item_id: str | None = None) -> None:
        """Switch to a member, with the cursor on one of their items (as the agenda asks)."""
        self._flush_notes()
        self.member_id = member_id
        self.refresh_data()
        if item_id is not None:
            self._select_item(item_id)

    def _select_item(self, item_id: str) -> None:
        """Put the cursor on an item, in the full list if the current view hides it."""
        if self.view != "all":
            self.view = "all"
            with self.prevent(Tabs.TabActivated):
                self.query_one("#views", Tabs).active = "view-all"
            self._show_items()
        self._restore_cursor(f"i:{item_id}")
        self._show_detail()

    def action_focus_field(self, widget_id: str) -> None:
        if self.current_item() is not None:
            self.query_one(f"#{widget_id}").focus()

    @on(ItemDetail.BackToList)
    def _back_to_list(self) -> None:
        """Leaving a field of the detail pane saves a note being typed (on blur)."""
        self.query_one("#items", DataTable).focus()

    def action_back(self) -> None:
        """Escape on the list closes the screen (from a field of the detail pane it goes
        back to the list first: one step back, as everywhere); a note being typed is saved
        first (Tab and shift+tab move between the list and the fields)."""
        self._flush_notes()
        self.dismiss()

    def on_screen_suspend(self) -> None:
        self._flush_notes()
