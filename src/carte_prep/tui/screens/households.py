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
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import Worker, WorkerState

from carte_prep import __version__
from carte_prep.core.index import Entry, indexed_lines, rows_of, stamp_for
from carte_prep.core.rows import HouseholdRow
from carte_prep.core.sources import sources_digest
from carte_prep.core.triage import THIS_WEEK, due_rows, found_in, rows_by_next_date
from carte_prep.i18n import _
from carte_prep.tui import collector
from carte_prep.tui.format import WIDE
from carte_prep.tui.messages import HouseholdCreated
from carte_prep.tui.screens.household_actions import HOUSEHOLDS_BINDINGS
from carte_prep.tui.screens.household_rows import (
    INDENT,
    Column,
    TableRow,
    card_text,
    columns,
    table_rows,
)
from carte_prep.tui.screens.household_table import (
    PAINTED_AT_THE_LATEST,
    HouseholdsTable,
    order_rows,
    remove_rows,
    replace_rows,
)
from carte_prep.tui.screens.household_view import HouseholdView
from carte_prep.tui.widgets.examples_banner import ExamplesBanner
from carte_prep.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from carte_prep.core.model import Household
    from carte_prep.core.session import LoadReport, Session

CHUNK = 300
"""Rows added to the table per screen refresh: a few milliseconds' work each time."""
Search = dict[str, str]
"""Household id -> every word one may type to find it (:func:`carte_prep.core.triage.fold`)."""


class HouseholdsScreen(HouseholdView):
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
        table = HouseholdsTable(id="households", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="problems", markup=False)
        yield KeysFooter()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[HouseholdRow] = []
        self._search: Search = {}
        self._loading = True
        """Until the folder is validated: the lines shown may be the index's alone."""
        self._widths: tuple[int, ...] | None = None
        self._drawing = 0
        """The number of the latest drawing, whose rows may still be being added."""
        self._drawn = 0
        """The number of the latest drawing whose rows are all in the table."""
        self._pending_select = None
        self._when_shown: Callable[[], object] | None = None
        """What to start once the screen is shown (:meth:`_after_painted`)."""

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
        start = partial(self._load_worker, self.session_source())
        if lines:
            self._show(rows_of(lines), {e.household_id: e.search for e in lines})
            self._after_painted(start)
        else:
            self.query_one("#households", DataTable).loading = True
            self.call_after_refresh(start)

    def _after_painted(self, start: Callable[[], object]) -> None:
        """Start ``start`` once the list's rows have been painted (at the latest after a
        moment).

        The validation imports pydantic and the model in a thread that takes the
        interpreter from the screen being drawn, and the after-refresh callbacks of a
        screen being mounted run before its first paint: so the start waits for the
        list's :class:`HouseholdsTable.Painted`.
        """
        self._when_shown = start
        self.set_timer(PAINTED_AT_THE_LATEST, self._start_when_shown)

    @on(HouseholdsTable.Painted)
    def _painted(self) -> None:
        self.call_after_refresh(self._start_when_shown)

    def _start_when_shown(self) -> None:
        start, self._when_shown = self._when_shown, None
        if start is not None:
            start()

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
            self._update(message.rows, message.search)
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
        self._update(rows, {h.id: search_text(h) for h in households})

    # -- drawing ------------------------------------------------------------------------

    def _wanted_columns(self) -> tuple[tuple[int, ...], list[Column]]:
        """The screen's width with the column widths for the lines in ``_rows``, and the
        columns (:func:`~carte_prep.tui.screens.household_rows.columns`)."""
        table = self.query_one("#households", DataTable)
        width = self.app.size.width
        members = [INDENT + m["name"] for r in self._rows for m in r["members"]]
        names = [r["name"] for r in self._rows] + members
        cards = [card_text(m, wide=width >= WIDE) for r in self._rows for m in r["members"]]
        wanted = columns(width, names, members, cards, table.cell_padding)
        return (width, *(c.width for c in wanted)), wanted

    def _columns(self) -> None:
        """Columns that fit the width, set anew only when their widths change."""
        widths, wanted = self._wanted_columns()
        if self._widths == widths:
            return
        self._widths = widths
        table = self.query_one("#households", DataTable)
        table.clear(columns=True)
        for column in wanted:
            table.add_column(_(column.label), key=column.key, width=column.width)

    def on_resize(self) -> None:
        """Draw the list anew only if its columns change: a screen is resized as it is
        mounted, and drawing 10,000 households again each time delays the first frame."""
        if self._rows and self._wanted_columns()[0] != self._widths:
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
        self._drawn_state(rows, chosen)

    def _update(self, rows: list[HouseholdRow], search: Search) -> None:
        """Show new lines in the same view, changing only the rows of households that changed.

        After the background validation or an edit most lines are the ones shown: the
        table keeps their rows, so a long list is not cleared and added again. Households
        added, changed or gone have their rows added, updated or removed, then every row
        is put in its place. A list still being added, other column widths or many
        changes are drawn anew.
        """
        table = self.query_one("#households", DataTable)
        shown = {row["id"]: row for row in self._chosen(self._rows)}
        before = self._rows, self._search
        self._rows, self._search = rows, search
        chosen = self._chosen(rows)
        changed = [row for row in chosen if shown.get(row["id"]) != row]
        gone = shown.keys() - {row["id"] for row in chosen}
        if (
            self._drawn != self._drawing
            or not table.row_count
            or self._wanted_columns()[0] != self._widths
            or len(changed) + len(gone) > CHUNK
        ):
            self._rows, self._search = before
            self._show(rows, search)
            return
        selected = self._selected_household()
        for household_id in gone:
            remove_rows(table, shown[household_id])
        widths = {str(key.value): column.width for key, column in table.columns.items()}
        for row in changed:
            replace_rows(table, shown.get(row["id"]), row, widths)
        order_rows(table, chosen)
        if selected is not None:
            self._select(selected)
        self._drawn_state(rows, chosen)

    def _drawn_state(self, rows: list[HouseholdRow], chosen: list[HouseholdRow]) -> None:
        """What goes with each drawing: the banner, the empty message, problems, keys."""
        table = self.query_one("#households", DataTable)
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
            self._drawn = drawing

    def _show_problems(self) -> None:
        """The files that could not be read (known once the folder is validated)."""
        problems = [] if self._loading else self.session.problems
        self.query_one("#problems", Static).update(
            _("Not loaded (left untouched):") + "\n" + "\n".join(f"• {p}" for p in problems)
            if problems
            else ""
        )
        self.query_one("#problems", Static).display = bool(problems)

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


def _by_name(households: Iterable[Household]) -> list[Household]:
    """The lists' order (:func:`carte_prep.core.index.list_order`)."""
    return sorted(households, key=lambda h: (h.name.casefold(), h.name, h.id))
