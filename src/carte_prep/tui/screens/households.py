"""The first screen: every household, each member's card, route, progress and deadline.

It is drawn from the households index (:mod:`carte_prep.core.index`) before pydantic, the
model or the catalogue are imported, so the list is there as soon as the app starts. A
worker then validates the folder, and the list is drawn again only if a line changed (a
file edited elsewhere, a new household, another day's deadlines). Nothing here imports
the core's models at module level for that reason.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Static
from textual.widgets.data_table import RowDoesNotExist
from textual.worker import Worker, WorkerState

from carte_prep import __version__
from carte_prep.core.index import Entry, indexed_lines, stamp_for
from carte_prep.core.rows import HouseholdRow
from carte_prep.core.sources import sources_digest
from carte_prep.core.triage import THIS_WEEK, due_rows, found_in, rows_by_next_date
from carte_prep.i18n import _
from carte_prep.tui import collector
from carte_prep.tui.format import WIDE
from carte_prep.tui.messages import HouseholdCreated
from carte_prep.tui.screens.household_actions import HOUSEHOLDS_BINDINGS, HouseholdActions
from carte_prep.tui.screens.household_rows import (
    INDENT,
    TableRow,
    card_text,
    columns,
    table_rows,
)
from carte_prep.tui.widgets.examples_banner import ExamplesBanner
from carte_prep.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from carte_prep.core.model import Household
    from carte_prep.core.session import LoadReport, Session

CHUNK = 300
"""Rows added to the table per screen refresh: a few milliseconds' work each time."""
Search = dict[str, str]
"""Household id -> every word one may type to find it (:func:`carte_prep.core.triage.fold`)."""


class HouseholdsScreen(HouseholdActions):
    """Households and their members; open one to work on its checklists."""

    AUTO_FOCUS = "#households"
    """The list, not the filter box (hidden until / is pressed), so letter keys work."""

    BINDINGS: ClassVar[list[BindingType]] = HOUSEHOLDS_BINDINGS

    class Loaded(Message):
        """The worker finished reading the data folder."""

        def __init__(
            self, session: Session, report: LoadReport, rows: list[HouseholdRow], search: Search
        ) -> None:
            super().__init__()
            self.session = session
            self.report = report
            self.rows = rows
            self.search = search

    def compose(self) -> ComposeResult:
        yield Header()
        yield ExamplesBanner()
        box = Input(
            placeholder=_("Filter: a name, a member, a card, a prefecture (escape clears)"),
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

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[HouseholdRow] = []
        self._search: Search = {}
        self._loading = True
        """Until the folder is validated: the lines shown may be the index's alone."""
        self._query = ""
        self._due = False
        self._by_date = False
        self._widths: tuple[int, ...] | None = None
        self._drawing = 0
        """The number of the latest drawing, whose rows may still be being added."""
        self._pending_select: str | None = None

    @property
    def validated(self) -> bool:
        """Whether the lines shown are the validated folder's (not only the index's)."""
        return not self._loading

    def on_mount(self) -> None:
        self._titles()
        self.load()

    # -- loading ------------------------------------------------------------------------

    def load(self) -> None:
        """Draw the lines the index vouches for, then validate the folder in a worker.

        Many households must not freeze the screen, and the first draw must not wait for
        pydantic: the index is plain JSON. With no index (the examples, a first start)
        the list shows its loading indicator until the worker is done.
        """
        self._loading = True
        collector.hold()
        lines = self._indexed()
        if lines:
            self._show([line.row() for line in lines], {e.household_id: e.search for e in lines})
        else:
            self.query_one("#households", DataTable).loading = True
        self.call_after_refresh(self._load_worker, self.session_source())

    def _indexed(self) -> list[Entry]:
        index_file = self.state.index_file
        if index_file is None:
            return []
        stamp = stamp_for(self.today(), __version__, sources_digest())
        return indexed_lines(self.state.data_root, index_file, stamp)

    def session_source(self) -> Callable[[], Session]:
        """The session to read into, taken on the UI thread, built in the worker."""
        return self.state.session_factory()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, name="loading")
    def _load_worker(self, session_of: Callable[[], Session]) -> None:
        from carte_prep.core.listing import list_households

        session = session_of()
        today = self.today()
        report = session.read_all()
        listing = list_households(session.store, today, self.state.index_file)
        search = {entry.household_id: entry.search for entry in listing.entries}
        self.post_message(self.Loaded(session, report, listing.rows, search))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.session is not self.session:
            return  # another folder was opened meanwhile
        self.session.adopt(message.report)
        self._loading = False
        table = self.query_one("#households", DataTable)
        table.loading = False
        if message.rows != self._rows or message.search != self._search or not table.row_count:
            self._show(message.rows, message.search)
        else:
            self._show_problems()
            self.refresh_bindings()
        self.call_after_refresh(collector.resume)

    def on_unmount(self) -> None:
        collector.resume()  # the app ended before the folder was read

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed load must not leave the list spinning (the app reports the error)."""
        if event.worker.group == "load" and event.state == WorkerState.ERROR:
            self.query_one("#households", DataTable).loading = False
            collector.resume()

    def refresh_data(self) -> None:
        if self._loading:
            return
        from carte_prep.core.summary import household_row, summarise
        from carte_prep.core.triage import search_text

        today = self.today()
        households = self.session.households.values()
        rows = [household_row(summarise(h, today)) for h in _by_name(households)]
        self._show(rows, {h.id: search_text(h) for h in households})

    # -- drawing ------------------------------------------------------------------------

    def _titles(self) -> None:
        parts = [_("Households")]
        if self._due:
            parts.append(_("due this week or overdue"))
        if self._query:
            parts.append(_("matching “{query}”").format(query=self._query))
        if self._by_date and not self._due:
            parts.append(_("by next date"))
        self.title = " · ".join(parts)

    def _columns(self) -> None:
        """Columns that fit the width (:func:`~carte_prep.tui.screens.household_rows.columns`)."""
        table = self.query_one("#households", DataTable)
        width = self.app.size.width
        members = [INDENT + m["name"] for r in self._rows for m in r["members"]]
        names = [r["name"] for r in self._rows] + members
        cards = [card_text(m, wide=width >= WIDE) for r in self._rows for m in r["members"]]
        wanted = columns(width, names, members, cards, table.cell_padding)
        widths = tuple(c.width for c in wanted)
        if self._widths == (width, *widths):
            return
        self._widths = (width, *widths)
        table.clear(columns=True)
        for column in wanted:
            table.add_column(_(column.label), key=column.key, width=column.width)

    def on_resize(self) -> None:
        if self._rows:
            self._redraw()

    def _chosen(self, rows: list[HouseholdRow]) -> list[HouseholdRow]:
        """The households to list: filtered by the words typed, due ones, in the order asked."""
        kept = [
            r
            for r in rows
            if not self._query or found_in(self._search.get(r["id"], ""), self._query)
        ]
        if self._due:
            return due_rows(kept, THIS_WEEK, self.today())
        return rows_by_next_date(kept) if self._by_date else kept

    def _redraw(self) -> None:
        self._show(self._rows, self._search)

    def _show(self, rows: list[HouseholdRow], search: Search) -> None:
        self._rows = rows
        self._search = search
        self._columns()
        table = self.query_one("#households", DataTable)
        selected = self._selected_household()
        table.clear()
        widths = {str(key.value): column.width for key, column in table.columns.items()}
        chosen = self._chosen(rows)
        self._drawing += 1
        self._pending_select = selected
        self._add_rows(self._drawing, table_rows(chosen, widths))
        self.query_one(ExamplesBanner).update_shown()
        empty = not rows
        narrowed = not empty and not chosen
        table.display = not empty and not narrowed
        self.query_one("#empty", Static).update(
            _(
                "No households yet.\n\nPress n to start a new household, or e to open the "
                "examples (a temporary copy: your data folder is not touched)."
            )
            if empty
            else _("Nothing matches. Press escape to see every household.")
            if narrowed
            else ""
        )
        self.query_one("#empty", Static).display = empty or narrowed
        self._show_problems()
        self.refresh_bindings()

    def _add_rows(self, drawing: int, rows: Iterator[TableRow]) -> None:
        """Add the next :data:`CHUNK` rows, and the rest after the screen is refreshed.

        Adding 30,000 rows at once would freeze the screen for seconds; in chunks, the
        first rows show at once and keys are handled between chunks. A newer drawing
        (``drawing`` is its number) drops what is left of an older one.
        """
        if drawing != self._drawing:
            return
        table = self.query_one("#households", DataTable)
        added = 0
        for cells, key, height in itertools.islice(rows, CHUNK):
            table.add_row(*cells, key=key, height=height)
            added += 1
        if self._pending_select is not None:
            self._select(self._pending_select)
        if added == CHUNK:
            self.call_after_refresh(self._add_rows, drawing, rows)
        else:
            self._pending_select = None  # every row is in: a household gone stays unselected

    def _show_problems(self) -> None:
        """The files that could not be read (known once the folder is validated)."""
        problems = [] if self._loading else self.session.problems
        self.query_one("#problems", Static).update(
            _("Not loaded (left untouched):") + "\n" + "\n".join(f"• {p}" for p in problems)
            if problems
            else ""
        )
        self.query_one("#problems", Static).display = bool(problems)

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

    # -- actions ------------------------------------------------------------------------

    def can_run(self, action: str) -> bool:
        if action in {"open", "rename", "delete", "pdf"}:
            return not self._loading and self._selected_household() is not None
        if action == "agenda":
            return not self._loading
        return True

    @on(DataTable.RowSelected, "#households")
    def action_open(self) -> None:
        from carte_prep.tui.screens.checklist import ChecklistScreen

        selected = self._selected_row()
        if selected is not None:
            self.app.push_screen(ChecklistScreen(*selected))

    def on_household_created(self, message: HouseholdCreated) -> None:
        """Open the household just made."""
        self._loading = False
        self.query_one("#households", DataTable).loading = False
        self.refresh_data()
        self._select(message.household_id)
        from carte_prep.tui.screens.checklist import ChecklistScreen

        self.app.push_screen(ChecklistScreen(message.household_id, None))

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


def _by_name(households: Iterable[Household]) -> list[Household]:
    """The lists' order (:func:`carte_prep.core.index.list_order`)."""
    return sorted(households, key=lambda h: (h.name.casefold(), h.name, h.id))
