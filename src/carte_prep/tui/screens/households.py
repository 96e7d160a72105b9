"""The first screen: every household, each member's card, route, progress and deadline."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from pydantic import TypeAdapter, ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Static
from textual.widgets.data_table import ColumnKey, RowDoesNotExist
from textual.worker import Worker, WorkerState

from carte_prep.core.edits import RenameHousehold
from carte_prep.core.errors import field_problems
from carte_prep.core.model import RequiredLine
from carte_prep.core.session import LoadReport
from carte_prep.core.summary import HouseholdSummary, MemberSummary, summarise
from carte_prep.core.triage import THIS_WEEK, by_next_date, due_summaries, matches
from carte_prep.present import route_short
from carte_prep.tui.format import WIDE, bar, deadline_text
from carte_prep.tui.messages import (
    HouseholdCreated,
    HouseholdCreateRequested,
    HouseholdDeleteRequested,
    PdfRequested,
)
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog, PromptDialog
from carte_prep.tui.widgets.examples_banner import ExamplesBanner
from carte_prep.tui.widgets.footer import KeysFooter

PROGRESS, COUNT, DATE, WARN, ROUTE = 11, 5, 10, 4, 10
"""Widths of the households list's fixed columns (the count without its bar when narrow)."""


class HouseholdsScreen(DataScreen[None]):
    """Households and their members; open one to work on its checklists."""

    AUTO_FOCUS = "#households"
    """The list, not the filter box (hidden until / is pressed), so letter keys work."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="open-household", show=False),
        Binding("n", "new", "New household", id="new-household"),
        Binding(
            "slash",
            "filter",
            "Filter",
            id="filter-households",
            key_display="/",
            tooltip="Type to keep the households whose name, members, card or prefecture match",
        ),
        Binding(
            "w",
            "due",
            "This week",
            id="due-this-week",
            tooltip="Only the members whose next date is this week or overdue (again: all)",
        ),
        Binding(
            "g", "agenda", "Agenda", id="agenda-all", tooltip="Every coming date of every household"
        ),
        Binding("x", "pdf", "PDF", id="pdf-household", tooltip="Print the household's dossier"),
        Binding("r", "rename", "Rename", id="rename-household", show=False),
        Binding("d", "delete", "Delete", id="delete-household", show=False),
        Binding("e", "app.open_examples", "Examples", id="open-examples", show=False),
        Binding(
            "o",
            "sort",
            "Sort by date",
            id="sort-households",
            show=False,
            tooltip="Soonest next date first (again: by name)",
        ),
        Binding("escape", "clear", "Clear the filter", id="clear-filter", show=False),
    ]

    class Loaded(Message):
        """The worker finished reading the data folder."""

        def __init__(self, report: LoadReport, summaries: list[HouseholdSummary]) -> None:
            super().__init__()
            self.report = report
            self.summaries = summaries

    def compose(self) -> ComposeResult:
        yield Header()
        yield ExamplesBanner()
        box = Input(
            placeholder="Filter: a name, a member, a card, a prefecture (escape clears)",
            id="filter",
            compact=True,
        )
        box.display = False  # until / is pressed
        yield box
        yield Static("", id="empty", markup=False)
        table: DataTable[Text] = DataTable(id="households", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="problems", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self._summaries: list[HouseholdSummary] = []
        self._query = ""
        self._due = False
        self._by_date = False
        self._widths: tuple[int, int] | None = None
        self._titles()
        self.load()

    # -- loading ------------------------------------------------------------------------

    def load(self) -> None:
        """Read the data folder in a worker: many households must not freeze the screen."""
        self.query_one("#households", DataTable).loading = True
        self._load_worker()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, name="loading")
    def _load_worker(self) -> None:
        report = self.session.read_all()
        today = self.today()
        summaries = [summarise(h, today) for h in report.households]
        self.post_message(self.Loaded(report, summaries))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.session.adopt(message.report)
        self.query_one("#households", DataTable).loading = False
        self._show(message.summaries)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed load must not leave the list spinning (the app reports the error)."""
        if event.worker.group == "load" and event.state == WorkerState.ERROR:
            self.query_one("#households", DataTable).loading = False

    def refresh_data(self) -> None:
        table = self.query_one("#households", DataTable)
        if table.loading:
            return
        today = self.today()
        self._show([summarise(h, today) for h in self.session.sorted_households()])

    # -- drawing ------------------------------------------------------------------------

    def _titles(self) -> None:
        parts = ["Households"]
        if self._due:
            parts.append("due this week or overdue")
        if self._query:
            parts.append(f"matching “{self._query}”")
        if self._by_date and not self._due:
            parts.append("by next date")
        self.title = " · ".join(parts)

    def _columns(self) -> None:
        """Columns that fit the width: names as wide as they need, up to half the room
        left; the card and procedure take the rest (the route joins them when narrow)."""
        table = self.query_one("#households", DataTable)
        width = self.app.size.width
        wide = width >= WIDE
        longest = max((len(n) for n in self._names()), default=20)
        fixed = (PROGRESS if wide else COUNT) + DATE + WARN + (ROUTE if wide else 0)
        columns = 6 if wide else 5
        room = width - fixed - 2 * columns * table.cell_padding - 2
        name = max(16, min(longest, room * 11 // 20))
        if self._widths == (width, name):
            return
        self._widths = (width, name)
        table.clear(columns=True)
        table.add_column("Household / member", key="name", width=name)
        table.add_column("Ready", key="progress", width=PROGRESS if wide else COUNT)
        table.add_column("Next date", key="deadline", width=DATE)
        table.add_column("Warn", key="warnings", width=WARN)
        if wide:
            table.add_column("Route", key="route", width=ROUTE)
        table.add_column("Card · procedure", key="card", width=max(12, room - name))

    def _names(self) -> list[str]:
        return [s.name for s in self._summaries] + [
            "  " + m.name for s in self._summaries for m in s.members
        ]

    def on_resize(self) -> None:
        if self._summaries:
            self._show(self._summaries)

    def _chosen(self, summaries: list[HouseholdSummary]) -> list[HouseholdSummary]:
        """The households to list: filtered by the words typed, due ones, in the order asked."""
        households = self.session.households
        kept = [
            s
            for s in summaries
            if not self._query
            or (s.household_id in households and matches(households[s.household_id], self._query))
        ]
        if self._due:
            return due_summaries(kept, THIS_WEEK, self.today())
        return by_next_date(kept) if self._by_date else kept

    def _show(self, summaries: list[HouseholdSummary]) -> None:
        self._summaries = summaries
        self._columns()
        table = self.query_one("#households", DataTable)
        wide = len(table.columns) == 6
        selected = self._selected_household()
        table.clear()
        name_width = table.columns[ColumnKey("name")].width
        for summary in self._chosen(summaries):
            count = len(summary.members)
            lines = textwrap.wrap(summary.name, name_width, max_lines=2, placeholder="…")
            table.add_row(
                Text("\n".join(lines), style="bold"),
                _ready(summary.progress.done, summary.progress.total, wide=wide),
                deadline_text(summary.deadline),
                _warnings(summary.warnings),
                *([Text("")] if wide else []),
                Text(f"{count} member{'' if count == 1 else 's'}", style="dim"),
                key=f"h:{summary.household_id}",
                height=len(lines),
            )
            for member in summary.members:
                table.add_row(
                    Text("  " + member.name, overflow="ellipsis", no_wrap=True),
                    _ready(member.progress.done, member.progress.total, wide=wide)
                    if member.progress
                    else Text(""),
                    deadline_text(member.deadline),
                    _warnings(member.warnings),
                    *_member_cells(member, wide=wide),
                    key=f"m:{summary.household_id}:{member.member_id}",
                )
        self.query_one(ExamplesBanner).update_shown()
        empty = not summaries
        narrowed = not empty and table.row_count == 0
        table.display = not empty and not narrowed
        self.query_one("#empty", Static).update(
            "No households yet.\n\nPress n to start a new household, or e to open the "
            "examples (a temporary copy: your data folder is not touched)."
            if empty
            else "Nothing matches. Press escape to see every household."
            if narrowed
            else ""
        )
        self.query_one("#empty", Static).display = empty or narrowed
        problems = self.session.problems
        self.query_one("#problems", Static).update(
            "Not loaded (left untouched):\n" + "\n".join(f"• {p}" for p in problems)
            if problems
            else ""
        )
        self.query_one("#problems", Static).display = bool(problems)
        if selected is not None:
            self._select(selected)
        self.refresh_bindings()

    def _select(self, household_id: str) -> None:
        table = self.query_one("#households", DataTable)
        try:
            table.move_cursor(row=table.get_row_index(f"h:{household_id}"))
        except RowDoesNotExist:
            return  # the household is gone: leave the cursor where it is

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

    # -- actions ------------------------------------------------------------------------

    def can_run(self, action: str) -> bool:
        if action in {"open", "rename", "delete", "pdf"}:
            return self._selected_household() is not None
        if action == "agenda":
            return not self.query_one("#households", DataTable).loading
        return True

    @on(DataTable.RowSelected, "#households")
    def action_open(self) -> None:
        from carte_prep.tui.screens.checklist import ChecklistScreen

        selected = self._selected_row()
        if selected is not None:
            self.app.push_screen(ChecklistScreen(*selected))

    def action_new(self) -> None:
        def create(name: str | None) -> None:
            if name is not None:
                self.post_message(HouseholdCreateRequested(name))

        self.app.push_screen(
            PromptDialog(
                "Name of the new household (for example: Martin family, Lyon):",
                check=_name_problem,
            ),
            create,
        )

    def on_household_created(self, message: HouseholdCreated) -> None:
        """Open the household just made."""
        self.query_one("#households", DataTable).loading = False
        self.refresh_data()
        self._select(message.household_id)
        self.action_open()

    def action_rename(self) -> None:
        household_id = self._selected_household()
        if household_id is None:
            return
        household = self.session.get(household_id)

        def rename(name: str | None) -> None:
            if name is not None and name != household.name:
                self.request(household_id, RenameHousehold(name))

        self.app.push_screen(
            PromptDialog("New name of the household:", value=household.name, check=_name_problem),
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
                f"Delete the household “{name}”, its file and its backups?\nThis cannot be undone.",
                yes="Delete",
            ),
            delete,
        )

    def action_pdf(self) -> None:
        household_id = self._selected_household()
        if household_id is not None:
            self.post_message(PdfRequested(household_id))

    def action_filter(self) -> None:
        """Show the filter box and put the cursor in it."""
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def _filtered(self, event: Input.Changed) -> None:
        self._query = event.value.strip()
        self._titles()
        self._show(self._summaries)

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
        self._show(self._summaries)
        self.query_one("#households", DataTable).focus()

    def action_due(self) -> None:
        """This week / overdue, across all households; again to see them all."""
        self._due = not self._due
        self._titles()
        self._show(self._summaries)

    def action_sort(self) -> None:
        self._by_date = not self._by_date
        self._titles()
        self._show(self._summaries)

    def action_agenda(self) -> None:
        from carte_prep.tui.screens.agenda import AgendaScreen, Jump
        from carte_prep.tui.screens.checklist import ChecklistScreen

        def jump(to: Jump | None) -> None:
            if to is not None:
                self._select(to.household_id)
                self.app.push_screen(ChecklistScreen(to.household_id, to.member_id, to.item_id))

        self.app.push_screen(AgendaScreen(), jump)


def _member_cells(member: MemberSummary, *, wide: bool) -> list[Text]:
    """The route (its own column when wide), then card and procedure of a member row."""
    checklist = member.checklist
    if checklist is None:
        return [Text("")] * wide + [Text("no card needed", style="dim")]
    card = checklist.card.short_en if checklist.card else checklist.card_type
    what = f"{card} · {checklist.procedure_label}"
    route = route_short(member.route)
    if wide:
        return [Text(route), Text(what, overflow="ellipsis", no_wrap=True)]
    return [Text(f"{route} · {what}", overflow="ellipsis", no_wrap=True)]


def _ready(done: int, total: int, *, wide: bool) -> Text:
    """How many documents are ready, with a bar where there is room for one."""
    return bar(done, total, width=5) if wide else Text(f"{done}/{total}")


def _warnings(count: int) -> Text:
    return Text(f"⚠ {count}", style="bold yellow") if count else Text("–", style="dim")


def _name_problem(value: str) -> str | None:
    """Why a household name would be refused, said under the field as it is typed."""
    try:
        TypeAdapter(RequiredLine).validate_python(value)
    except ValidationError as exc:
        return f"name: {field_problems(exc)[0][1]}"
    return None
