"""The first screen: every household, each member's card, route, progress and deadline."""

from __future__ import annotations

from typing import ClassVar

from pydantic import TypeAdapter, ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import RowDoesNotExist
from textual.worker import Worker, WorkerState

from carte_prep.core.edits import RenameHousehold
from carte_prep.core.errors import field_problems
from carte_prep.core.model import RequiredLine
from carte_prep.core.session import LoadReport
from carte_prep.core.summary import HouseholdSummary, MemberSummary, summarise
from carte_prep.present import route_short
from carte_prep.tui.format import bar, deadline_text
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


class HouseholdsScreen(DataScreen[None]):
    """Households and their members; open one to work on its checklists."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="open-household", show=False),
        Binding("n", "new", "New household", id="new-household"),
        Binding("r", "rename", "Rename", id="rename-household"),
        Binding("d", "delete", "Delete", id="delete-household"),
        Binding("x", "pdf", "PDF", id="pdf-household", tooltip="Print the household's dossier"),
        Binding(
            "g", "agenda", "Agenda", id="agenda-all", tooltip="Every coming date of every household"
        ),
        Binding("e", "app.open_examples", "Examples", id="open-examples", show=False),
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
        yield Static("", id="empty", markup=False)
        table: DataTable[Text] = DataTable(id="households", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="problems", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Households"
        table = self.query_one("#households", DataTable)
        table.add_column("Household / member", key="name", width=26)
        table.add_column("Progress", key="progress", width=12)
        table.add_column("Deadline", key="deadline", width=10)
        table.add_column("Warn", key="warnings", width=4)
        table.add_column("Route", key="route", width=10)
        table.add_column("Procedure", key="procedure", width=20)
        table.add_column("Card", key="card")
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

    def _show(self, summaries: list[HouseholdSummary]) -> None:
        table = self.query_one("#households", DataTable)
        selected = self._selected_household()
        table.clear()
        for summary in summaries:
            count = len(summary.members)
            table.add_row(
                Text(summary.name, style="bold"),
                bar(summary.progress.done, summary.progress.total, width=5),
                deadline_text(summary.deadline),
                _warnings(summary.warnings),
                Text(""),
                Text(""),
                Text(f"{count} member{'' if count == 1 else 's'}", style="dim"),
                key=f"h:{summary.household_id}",
            )
            for member in summary.members:
                table.add_row(
                    Text("  " + member.name),
                    bar(member.progress.done, member.progress.total, width=5)
                    if member.progress
                    else Text(""),
                    deadline_text(member.deadline),
                    _warnings(member.warnings),
                    *_member_cells(member),
                    key=f"m:{summary.household_id}:{member.member_id}",
                )
        self.query_one(ExamplesBanner).update_shown()
        empty = not summaries
        table.display = not empty
        self.query_one("#empty", Static).update(
            "No households yet.\n\nPress n to start a new household, or e to open the "
            "examples (a temporary copy: your data folder is not touched)."
            if empty
            else ""
        )
        self.query_one("#empty", Static).display = empty
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

    def action_agenda(self) -> None:
        from carte_prep.tui.screens.agenda import AgendaScreen, Jump
        from carte_prep.tui.screens.checklist import ChecklistScreen

        def jump(to: Jump | None) -> None:
            if to is not None:
                self._select(to.household_id)
                self.app.push_screen(ChecklistScreen(to.household_id, to.member_id, to.item_id))

        self.app.push_screen(AgendaScreen(), jump)


def _member_cells(member: MemberSummary) -> tuple[Text, Text, Text]:
    """Route, procedure and card of a member row ('no card needed' when none)."""
    checklist = member.checklist
    if checklist is None:
        return Text(""), Text(""), Text("no card needed")
    return (
        Text(route_short(member.route)),
        Text(checklist.procedure_label),
        Text(checklist.card_name_en),
    )


def _warnings(count: int) -> Text:
    return Text(f"⚠ {count}", style="bold yellow") if count else Text("–", style="dim")


def _name_problem(value: str) -> str | None:
    """Why a household name would be refused, said under the field as it is typed."""
    try:
        TypeAdapter(RequiredLine).validate_python(value)
    except ValidationError as exc:
        return f"name: {field_problems(exc)[0][1]}"
    return None
