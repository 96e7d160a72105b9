"""A household's checklists, one member at a time: the items, their detail, progress.

The list is the engine's checklist, rebuilt from the saved household after every change,
so what is shown is always what the rules say about what is on disk.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Label, ProgressBar, Static, Tab, Tabs
from textual.widgets.data_table import RowDoesNotExist

from carte_prep.core import (
    Checklist,
    ChecklistItem,
    Household,
    build_checklist,
    household_checklists,
    household_progress,
)
from carte_prep.core.agenda import next_deadline
from carte_prep.core.edits import CycleStatus, RemoveMember, ToggleGathered, ToggleTranslated
from carte_prep.present import FILED_AT, LEVEL_SIGNS, STATUS_CYCLE_TEXT, warning_count
from carte_prep.tui.format import deadline_text, item_label, markers, status_text
from carte_prep.tui.messages import EditRefused, EditRequested, HouseholdSaved, PdfRequested
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog
from carte_prep.tui.widgets.examples_banner import ExamplesBanner
from carte_prep.tui.widgets.footer import KeysFooter
from carte_prep.tui.widgets.item_detail import ItemDetail

View = Literal["all", "missing", "warnings", "translation"]
VIEWS: dict[View, str] = {
    "all": "1 All",
    "missing": "2 Missing",
    "warnings": "3 Warnings",
    "translation": "4 Needs translation",
}


def in_view(item: ChecklistItem, view: View) -> bool:
    """Whether an item belongs to a saved view."""
    match view:
        case "all":
            return True
        case "missing":
            return item.counted and not item.done
        case "warnings":
            return bool(item.warnings)
        case "translation":
            return item.needs_translation


class ChecklistScreen(DataScreen[None]):
    """One member's checklist, with the household's progress beside it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "toggle_gathered",
            "Gathered",
            id="toggle-gathered",
            tooltip="Mark the item gathered, or back to do",
        ),
        Binding("s", "cycle_status", "Status", id="cycle-status", tooltip=STATUS_CYCLE_TEXT),
        Binding("t", "toggle_translated", "Translated", id="toggle-translated", show=False),
        Binding("1", "view('all')", "All items", id="view-all", show=False),
        Binding("2", "view('missing')", "Missing items", id="view-missing", show=False),
        Binding("3", "view('warnings')", "Items with warnings", id="view-warnings", show=False),
        Binding(
            "4", "view('translation')", "Items to translate", id="view-translation", show=False
        ),
        Binding(
            "left_square_bracket",
            "member(-1)",
            "Previous member",
            id="previous-member",
            key_display="[",
            show=False,
        ),
        Binding(
            "right_square_bracket",
            "member(1)",
            "Next member",
            id="next-member",
            key_display="]",
            show=False,
        ),
        Binding(
            "d",
            "focus_field('d-date')",
            "Date on it",
            id="edit-date",
            tooltip="Type the date printed on the document",
        ),
        Binding("n", "focus_field('d-notes')", "Note", id="edit-notes", show=False),
        Binding("f", "focus_field('d-attach')", "Attach a file", id="attach-file", show=False),
        Binding("e", "edit_member", "Edit profile", id="edit-member"),
        Binding("a", "add_member", "Add member", id="add-member", show=False),
        Binding("p", "photos", "Photos", id="photos"),
        Binding("h", "shared", "Household docs", id="household-documents"),
        Binding("x", "pdf", "PDF", id="pdf-member", tooltip="Print this member's dossier"),
        Binding(
            "g", "agenda", "Agenda", id="agenda-household", tooltip="The household's coming dates"
        ),
        Binding(
            "l",
            "log",
            "After filing",
            id="after-filing-log",
            tooltip="Filing day, récépissés, requests, card ready, timbre, collection",
        ),
        Binding(
            "D",
            "remove_member",
            "Remove member",
            id="remove-member",
            show=False,
            tooltip="Remove this member from the household (asks first)",
        ),
        Binding("escape", "back", "Back", id="back"),
    ]

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
        yield Tabs(*(Tab(label, id=f"view-{view}") for view, label in VIEWS.items()), id="views")
        with Horizontal(id="body"):
            table: DataTable[Text] = DataTable(id="items", cursor_type="row")
            yield table
            yield ItemDetail(self.household_id, id="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#items", DataTable)
        table.add_column("Status", key="status", width=11)
        table.add_column("", key="markers", width=3)
        table.add_column("Document", key="name")
        self.refresh_data()
        if self._opening_item is not None:
            self._select_item(self._opening_item)
        table.focus()

    # -- data ---------------------------------------------------------------------------

    @property
    def checklist(self) -> Checklist | None:
        """The member's checklist as shown (None: no member, or one who needs no card)."""
        return self._checklist

    @property
    def household(self) -> Household:
        return self.session.get(self.household_id)

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
            bar.update(Text("No members yet: press a to add the first one."))
            return
        member = household.member(self.member_id)
        self.sub_title = member.display_name
        position = [m.id for m in household.members].index(member.id) + 1
        text = Text()
        text.append(f"{position}/{len(household.members)} ", style="dim")
        text.append(member.display_name, style="bold")
        checklist = self._checklist
        if checklist is None:
            text.append(": needs no card. Press e to edit the profile.")
        else:
            deadline = next_deadline(household, member.id, self.today(), checklist=checklist)
            text.append(" · next: ")
            if deadline is None:
                text.append("no date ahead")
            else:
                text.append_text(deadline_text(deadline, with_title=True))
        if len(household.members) > 1:
            text.append("  ([ ] other members)", style="dim")
        if checklist is not None:
            text.append("\n")
            counted = warning_count(checklist.warnings)
            if counted:
                text.append(f"⚠ {counted}: press 3 · ", style="bold yellow")
            text.append(f"{checklist.card_name_en} · {checklist.procedure_label} · ")
            if checklist.route is None:
                text.append("not covered: see the list", style="bold red")
            else:
                text.append(FILED_AT[checklist.route.route])
        bar.update(text)

    def _show_progress(self, household: Household) -> None:
        checklist = self._checklist
        done, total = (checklist.progress.done, checklist.progress.total) if checklist else (0, 0)
        name = household.member(self.member_id).given_names if self.member_id else "Member"
        self.query_one("#member-progress-label", Label).update(f"{name} {done}/{total}")
        self.query_one("#member-progress", ProgressBar).update(total=max(total, 1), progress=done)
        overall = household_progress(household_checklists(household, self.today()))
        self.query_one("#household-progress-label", Label).update(
            f"Household {overall.done}/{overall.total}"
        )
        self.query_one("#household-progress", ProgressBar).update(
            total=max(overall.total, 1), progress=overall.done
        )

    def _show_items(self) -> None:
        table = self.query_one("#items", DataTable)
        previous = self._current_key()
        table.clear()
        checklist = self._checklist
        if checklist is not None:
            if self.view == "warnings":
                for index, warning in enumerate(checklist.warnings):
                    if warning.item_id is None:
                        table.add_row(
                            Text(
                                f"{LEVEL_SIGNS[warning.level]} member",
                                style="dim" if warning.level == "info" else "yellow",
                            ),
                            Text(""),
                            Text(warning.message, overflow="ellipsis", no_wrap=True),
                            key=f"w:{index}",
                        )
            for section in checklist.sections:
                items = [i for i in section.items if in_view(i, self.view)]
                if not items:
                    continue
                heading = Text(section.section.title_en.upper(), style="bold underline")
                heading.append(f"  {section.section.title_fr}", style="dim")
                table.add_row(Text(""), Text(""), heading, key=f"s:{section.section.id}")
                for item in items:
                    table.add_row(
                        status_text(item.tracking.status),
                        markers(item),
                        item_label(item),
                        key=f"i:{item.requirement.id}",
                        height=2,
                    )
        if checklist is not None and not checklist.covered:
            table.add_row(
                Text("⚠ not covered", style="bold red"),
                Text(""),
                Text(checklist.decision.reason or "", overflow="ellipsis", no_wrap=True),
                key="not-covered",
            )
        if table.row_count == 0:
            table.add_row(
                Text(""), Text(""), Text("Nothing in this view.", style="dim"), key="none"
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
            detail.show_message("Warning", warning.message)
        elif key == "not-covered" and checklist is not None:
            decision = checklist.decision
            page = decision.read_instead
            read = ""
            if page is not None:
                read = f"\n\nRead instead: {page.url}" + (f" ({page.note})" if page.note else "")
            detail.show_message(
                f"{decision.label}: not covered here", f"{decision.why}\n\n{decision.reason}{read}"
            )
        elif key.startswith("s:") and checklist is not None:
            detail.show_message(
                checklist.procedure_label.capitalize(),
                f"{checklist.decision.why}\n\nMove down to a document to see how to get it "
                "and to track it.",
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
            self.notify(f"Removed {self._leaving}.", markup=False, timeout=5)
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

    def action_edit_member(self) -> None:
        from carte_prep.tui.screens.profile import ProfileScreen

        if self.member_id is not None:
            self.app.push_screen(ProfileScreen(self.household_id, self.member_id))

    def action_add_member(self) -> None:
        from carte_prep.tui.screens.profile import ProfileScreen

        def added(member_id: str | None) -> None:
            if member_id:
                self.member_id = member_id
                self.refresh_data()

        self.app.push_screen(ProfileScreen(self.household_id, None), added)

    def action_photos(self) -> None:
        from carte_prep.tui.screens.photos import PhotosScreen

        if self.member_id is not None:
            self.app.push_screen(PhotosScreen(self.household_id, self.member_id))

    def action_shared(self) -> None:
        from carte_prep.tui.screens.household_documents import HouseholdDocumentsScreen

        self.app.push_screen(HouseholdDocumentsScreen(self.household_id))

    def action_pdf(self) -> None:
        self.post_message(PdfRequested(self.household_id, self.member_id))

    def more_commands(self) -> Iterable[SystemCommand]:
        """The dossier's options, which the PDF itself points to (the CLI's flags)."""
        if self.member_id is None:
            return
        name = self.household.member(self.member_id).given_names
        for title, help_text, options in (
            (
                f"PDF of {name} with identifiers shown",
                "Passport and card numbers in full, for the desk (x prints them masked)",
                {"show_ids": True},
            ),
            (
                f"PDF of {name} with attachments",
                "The attached scans added in an annex",
                {"with_attachments": True},
            ),
            ("PDF of the whole household", "Every member's dossier in one file", {}),
        ):
            member = None if title.endswith("household") else self.member_id
            yield SystemCommand(
                title,
                help_text,
                partial(self.post_message, PdfRequested(self.household_id, member, **options)),
            )

    def action_agenda(self) -> None:
        from carte_prep.tui.screens.agenda import AgendaScreen, Jump

        def jump(to: Jump | None) -> None:
            if to is not None:
                self.show(to.member_id, to.item_id)

        self.app.push_screen(AgendaScreen(self.household_id), jump)

    def action_log(self) -> None:
        from carte_prep.tui.screens.after_filing import AfterFilingScreen

        if self.member_id is not None:
            self.app.push_screen(AfterFilingScreen(self.household_id, self.member_id))

    def action_remove_member(self) -> None:
        """Ask first, then remove the member (ctrl+z brings them back).

        The member's checklist, tracking and after-filing log go with them; shared
        household documents stop listing them.
        """
        if self.member_id is None:
            return
        household, member_id = self.household, self.member_id
        name = household.member(member_id).display_name

        def answered(sure: bool | None) -> None:
            if sure:
                self._leaving = f"{name} from {household.name}"
                self.request(self.household_id, RemoveMember(member_id))

        self.app.push_screen(
            ConfirmDialog(
                f"Remove {name} from {household.name}?\n"
                "Their checklist, what was gathered for them and their after-filing log are "
                "deleted. Undo (ctrl+z) brings them back; the previous version of the file "
                f"also stays in the backups (carte-prep restore {self.household_id}).",
                yes="Remove",
            ),
            answered,
        )

    def action_focus_field(self, widget_id: str) -> None:
        if self.current_item() is not None:
            self.query_one(f"#{widget_id}").focus()

    def action_back(self) -> None:
        """Escape leaves a field for the list first, and the screen from the list."""
        self._flush_notes()
        if self.focused is not None and self.focused.id != "items":
            self.query_one("#items", DataTable).focus()
            return
        self.dismiss()

    def on_screen_suspend(self) -> None:
        self._flush_notes()
