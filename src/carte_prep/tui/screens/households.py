"""The first screen: every household, each member's card, route, progress and deadline.

It is drawn from the households index (:mod:`carte_prep.core.index`) before pydantic, the
model or the catalogue are imported, so the list is there as soon as the app starts. A
worker then validates the folder, and the list is drawn again only if a line changed (a
file edited elsewhere, a new household, another day's deadlines). Nothing here imports
the core's models at module level for that reason.
"""

from __future__ import annotations

import datetime as dt
import itertools
import textwrap
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Static
from textual.widgets.data_table import ColumnKey, RowDoesNotExist, RowKey
from textual.worker import Worker, WorkerState

from carte_prep import __version__
from carte_prep.core.dates import fmt
from carte_prep.core.index import Entry, indexed_lines, rows_of, stamp_for
from carte_prep.core.rows import DeadlineRow, HouseholdRow, MemberRow
from carte_prep.core.sources import sources_digest
from carte_prep.core.triage import THIS_WEEK, due_rows, found_in, rows_by_next_date
from carte_prep.i18n import _, ngettext
from carte_prep.present import route_short
from carte_prep.tui import collector
from carte_prep.tui.format import LEVEL_STYLES, WIDE, bar
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

if TYPE_CHECKING:
    from textual.geometry import Region
    from textual.strip import Strip

    from carte_prep.core.model import Household
    from carte_prep.core.session import LoadReport, Session

CHUNK = 300
"""Rows added to the table per screen refresh: a few milliseconds' work each time."""
TableRow = tuple[list[Text], str, int]
"""A row's cells, key and height."""
Search = dict[str, str]
"""Household id -> every word one may type to find it (:func:`carte_prep.core.triage.fold`)."""

PROGRESS, COUNT, DATE, WARN, ROUTE = 11, 5, 10, 4, 10
"""Widths of the households list's fixed columns (the count without its bar when narrow)."""


PAINTED_AT_THE_LATEST = 0.5
"""Seconds after which the validation starts even if the list was not painted (hidden)."""


class HouseholdsTable(DataTable[Text]):
    """The households list; it says when its rows are first painted."""

    class Painted(Message):
        """The rows are in a frame: handled once that frame has been written."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._painted = False

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if self.row_count and not self._painted:
            self._painted = True
            self.post_message(self.Painted())
        return lines


class HouseholdsScreen(DataScreen[None]):
    """Households and their members; open one to work on its checklists."""

    AUTO_FOCUS = "#households"
    """The list, not the filter box (hidden until / is pressed), so letter keys work."""

    BINDINGS: ClassVar[list[BindingType]] = [
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
        Binding(
            "x", "pdf", _("PDF"), id="pdf-household", tooltip=_("Print the household's dossier")
        ),
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
        self._query = ""
        self._due = False
        self._by_date = False
        self._widths: tuple[int, int] | None = None
        self._drawing = 0
        """The number of the latest drawing, whose rows may still be being added."""
        self._drawn = 0
        """The number of the latest drawing whose rows are all in the table."""
        self._pending_select: str | None = None
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
        """Columns that fit the width: names as wide as they need, up to half the room
        left; the card and procedure take the rest (the route joins them when narrow)."""
        table = self.query_one("#households", DataTable)
        width, name = self._column_widths()
        wide = width >= WIDE
        room = self._room()
        if self._widths == (width, name):
            return
        self._widths = (width, name)
        table.clear(columns=True)
        table.add_column(_("Household / member"), key="name", width=name)
        table.add_column(_("Ready"), key="progress", width=PROGRESS if wide else COUNT)
        table.add_column(_("Next date"), key="deadline", width=DATE)
        table.add_column(_("Warn"), key="warnings", width=WARN)
        if wide:
            table.add_column(_("Route"), key="route", width=ROUTE)
        table.add_column(_("Card · procedure"), key="card", width=max(12, room - name))

    def _room(self) -> int:
        """The width left to the name and the card once the fixed columns are drawn."""
        width = self.app.size.width
        wide = width >= WIDE
        fixed = (PROGRESS if wide else COUNT) + DATE + WARN + (ROUTE if wide else 0)
        columns = 6 if wide else 5
        return (
            width - fixed - 2 * columns * self.query_one("#households", DataTable).cell_padding - 2
        )

    def _column_widths(self) -> tuple[int, int]:
        """The screen's width and the name column's width for the lines in ``_rows``."""
        longest = max((len(n) for n in self._names()), default=20)
        return self.app.size.width, max(16, min(longest, self._room() * 11 // 20))

    def _names(self) -> list[str]:
        return [r["name"] for r in self._rows] + [
            "  " + m["name"] for r in self._rows for m in r["members"]
        ]

    def on_resize(self) -> None:
        """Draw the list anew only if its columns change: a screen is resized as it is
        mounted, and drawing 10,000 households again each time delays the first frame."""
        if self._rows and self._column_widths() != self._widths:
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
        wide = len(table.columns) == 6
        selected = self._selected_household()
        table.clear()
        name_width = table.columns[ColumnKey("name")].width
        chosen = self._chosen(rows)
        self._drawing += 1
        self._pending_select = selected
        self._add_rows(self._drawing, _table_rows(chosen, name_width, wide=wide))
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
            or self._column_widths() != self._widths
            or len(changed) + len(gone) > CHUNK
        ):
            self._rows, self._search = before
            self._show(rows, search)
            return
        selected = self._selected_household()
        for household_id in gone:
            self._remove_rows(table, shown[household_id])
        name_width = table.columns[ColumnKey("name")].width
        wide = len(table.columns) == 6
        for row in changed:
            self._replace_rows(table, shown.get(row["id"]), row, name_width, wide=wide)
        self._order_rows(table, chosen)
        if selected is not None:
            self._select(selected)
        self._drawn_state(rows, chosen)

    @staticmethod
    def _remove_rows(table: DataTable[Text], row: HouseholdRow) -> None:
        table.remove_row(f"h:{row['id']}")
        for member in row["members"]:
            table.remove_row(f"m:{row['id']}:{member['id']}")

    @staticmethod
    def _replace_rows(
        table: DataTable[Text],
        old: HouseholdRow | None,
        row: HouseholdRow,
        name_width: int,
        *,
        wide: bool,
    ) -> None:
        """Update a household's rows in place; add the new ones, remove the ones gone."""
        keys = set()
        for cells, key, height in _table_rows([row], name_width, wide=wide):
            keys.add(key)
            if key in table.rows and table.rows[RowKey(key)].height == height:
                for column, cell in zip(table.columns, cells, strict=True):
                    table.update_cell(key, column, cell)
                continue
            if key in table.rows:
                table.remove_row(key)
            table.add_row(*cells, key=key, height=height)
        if old is not None:
            for member in old["members"]:
                key = f"m:{old['id']}:{member['id']}"
                if key not in keys:
                    table.remove_row(key)

    @staticmethod
    def _order_rows(table: DataTable[Text], chosen: list[HouseholdRow]) -> None:
        """Put every row in the place of its household and member in ``chosen``."""
        order = [
            key
            for row in chosen
            for key in (f"h:{row['id']}", *(f"m:{row['id']}:{m['id']}" for m in row["members"]))
        ]
        if [row.key.value for row in table.ordered_rows] == order:
            return
        place = {id(table.get_cell(key, "name")): number for number, key in enumerate(order)}
        table.sort("name", key=lambda cell: place[id(cell)])

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

    def action_new(self) -> None:
        def create(name: str | None) -> None:
            if name is not None:
                self.post_message(HouseholdCreateRequested(name))

        self.app.push_screen(
            PromptDialog(
                _("Name of the new household (for example: Martin family, Lyon):"),
                check=_name_problem,
            ),
            create,
        )

    def on_household_created(self, message: HouseholdCreated) -> None:
        """Open the household just made."""
        self._loading = False
        self.query_one("#households", DataTable).loading = False
        self.refresh_data()
        self._select(message.household_id)
        from carte_prep.tui.screens.checklist import ChecklistScreen

        self.app.push_screen(ChecklistScreen(message.household_id, None))

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
            PromptDialog(
                _("New name of the household:"), value=household.name, check=_name_problem
            ),
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

    def action_agenda(self) -> None:
        from carte_prep.tui.screens.agenda import AgendaScreen, Jump
        from carte_prep.tui.screens.checklist import ChecklistScreen

        def jump(to: Jump | None) -> None:
            if to is not None:
                self._select(to.household_id)
                self.app.push_screen(ChecklistScreen(to.household_id, to.member_id, to.item_id))

        self.app.push_screen(AgendaScreen(), jump)


def _table_rows(rows: list[HouseholdRow], name_width: int, *, wide: bool) -> Iterator[TableRow]:
    """Each household's row and its members', made only as they are added."""
    for row in rows:
        count = len(row["members"])
        lines = textwrap.wrap(row["name"], name_width, max_lines=2, placeholder="…")
        yield (
            [
                Text("\n".join(lines), style="bold"),
                _ready(row["done"], row["total"], wide=wide),
                _deadline(row["next_deadline"]),
                _warnings(row["warnings"]),
                *([Text("")] if wide else []),
                Text(
                    ngettext("{count} member", "{count} members", count).format(count=count),
                    style="dim",
                ),
            ],
            f"h:{row['id']}",
            len(lines),
        )
        for member in row["members"]:
            yield (
                [
                    Text("  " + member["name"], overflow="ellipsis", no_wrap=True),
                    _ready(member["done"], member["total"], wide=wide)
                    if member["card"] is not None
                    else Text(""),
                    _deadline(member["next_deadline"]),
                    _warnings(member["warnings"]),
                    *_member_cells(member, wide=wide),
                ],
                f"m:{row['id']}:{member['id']}",
                1,
            )


def _member_cells(member: MemberRow, *, wide: bool) -> list[Text]:
    """The route (its own column when wide), then card and procedure of a member row."""
    if member["card"] is None:
        return [Text("")] * wide + [Text(_("no card needed"), style="dim")]
    what = f"{member['card_short']} · {member['procedure_label']}"
    route = route_short(member["route"])  # type: ignore[arg-type]
    if wide:
        return [Text(route), Text(what, overflow="ellipsis", no_wrap=True)]
    return [Text(f"{route} · {what}", overflow="ellipsis", no_wrap=True)]


def _deadline(deadline: DeadlineRow | None) -> Text:
    """A next date, coloured by urgency (empty when there is none)."""
    if deadline is None:
        return Text("")
    day = dt.date.fromisoformat(deadline["date"])
    return Text(fmt(day), style=LEVEL_STYLES[deadline["level"]])  # type: ignore[index]


def _by_name(households: Iterable[Household]) -> list[Household]:
    """The lists' order (:func:`carte_prep.core.index.list_order`)."""
    return sorted(households, key=lambda h: (h.name.casefold(), h.name, h.id))


def _ready(done: int, total: int, *, wide: bool) -> Text:
    """How many documents are ready, with a bar where there is room for one."""
    return bar(done, total, width=5) if wide else Text(f"{done}/{total}")


def _warnings(count: int) -> Text:
    return Text(f"⚠ {count}", style="bold yellow") if count else Text("–", style="dim")


def _name_problem(value: str) -> str | None:
    """Why a household name would be refused, said under the field as it is typed."""
    from pydantic import TypeAdapter, ValidationError

    from carte_prep.core.errors import field_problems
    from carte_prep.core.model import RequiredLine

    try:
        TypeAdapter(RequiredLine).validate_python(value)
    except ValidationError as exc:
        return _("name: {problem}").format(problem=field_problems(exc)[0][1])
    return None
