"""The agenda: every coming date of every member, soonest first, and where each one leads.

The dates are the core agenda's (:func:`~carte_prep.core.agenda.household_agenda`), the
same list ``carte-prep agenda`` prints and ``carte-prep ics`` exports, so the app, the
command line and the calendar file never disagree. Enter on a date opens that member's
checklist at the document it is about; the screen returns that choice as a :class:`Jump`
and the screen that opened it goes there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import RowDoesNotExist

from carte_prep.core.agenda import AgendaEvent, household_agenda
from carte_prep.core.dates import fmt
from carte_prep.i18n import N_, _
from carte_prep.tui.format import LEVEL_STYLES, days_away, weekday, wrapped
from carte_prep.tui.messages import CalendarRequested
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.widgets.footer import KeysFooter

WHEN_WIDTH = 10
EMPTY = N_(
    "No upcoming dates. Add an appointment, a filing date or the current card's expiry "
    "in a member's profile to plan ahead."
)


@dataclass(frozen=True)
class Jump:
    """Where enter on an agenda date leads: a member's checklist, at an item if it names one."""

    household_id: str
    member_id: str
    item_id: str | None = None


class AgendaScreen(DataScreen[Jump | None]):
    """Coming dates of one household (``household_id``) or of all of them (``None``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", _("Open checklist"), id="agenda-open", show=False),
        Binding(
            "c",
            "calendar",
            _("Calendar file"),
            id="agenda-calendar",
            tooltip=_("Write these dates to an .ics file, with reminders, for any calendar"),
        ),
        Binding("escape", "back", _("Back"), id="agenda-back"),
    ]

    def __init__(self, household_id: str | None = None) -> None:
        super().__init__()
        self.household_id = household_id
        self._events: list[AgendaEvent] = []
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(_(EMPTY)), id="agenda-empty")
        table: DataTable[Text] = DataTable(id="agenda", cursor_type="row")
        yield table
        yield Static(id="agenda-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#agenda", DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        """Column widths follow the terminal, and names and details wrap to them."""
        if event.size.width != self._width:
            self.refresh_data()

    # -- data ---------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Rebuild the list from the saved households (a log entry changes it at once)."""
        session = self.session
        if self.household_id is not None and self.household_id not in session.households:
            self.dismiss(None)
            return
        households = (
            [session.get(self.household_id)]
            if self.household_id is not None
            else session.sorted_households()
        )
        self.title = _("Agenda")
        self.sub_title = (
            households[0].name if self.household_id is not None else _("all households")
        )
        self._events = household_agenda(households, self.today())
        names = {h.id: h.name for h in households}
        self._show(names)

    def _show(self, household_names: dict[str, str]) -> None:
        table = self.query_one("#agenda", DataTable)
        selected = self._current_key()
        self._width = self.size.width or self.app.size.width
        who_width = max(14, min(26, self._width // 5))
        what_width = max(20, self._width - WHEN_WIDTH - who_width - 3 * 2 - 2)
        table.clear(columns=True)
        table.add_column(_("When"), key="when", width=WHEN_WIDTH)
        table.add_column(_("Who"), key="who", width=who_width)
        table.add_column(_("What"), key="what", width=what_width)
        many = self.household_id is None
        for index, event in enumerate(self._events):
            cells = (
                _when(event),
                _who(event, household_names[event.household_id] if many else "", who_width),
                _what(event, what_width),
            )
            height = max(cell.plain.count("\n") + 1 for cell in cells)
            table.add_row(*cells, key=str(index), height=height)
        empty = not self._events
        table.display = not empty
        self.query_one("#agenda-empty", Static).display = empty
        if selected is not None:
            try:
                table.move_cursor(row=table.get_row_index(selected), animate=False)
            except RowDoesNotExist:
                table.move_cursor(row=0, animate=False)
        self._show_detail()
        self.refresh_bindings()

    def _current_key(self) -> str | None:
        table = self.query_one("#agenda", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @property
    def events(self) -> list[AgendaEvent]:
        """The dates shown, in the order of the rows."""
        return list(self._events)

    def current_event(self) -> AgendaEvent | None:
        """The date under the cursor (None when the agenda is empty)."""
        key = self._current_key()
        return self._events[int(key)] if key is not None else None

    def _show_detail(self) -> None:
        detail = self.query_one("#agenda-detail", Static)
        event = self.current_event()
        detail.display = event is not None
        if event is not None:
            detail.update(_detail(event, self.today()))

    @on(DataTable.RowHighlighted, "#agenda")
    def _highlighted(self) -> None:
        self._show_detail()

    # -- actions ------------------------------------------------------------------------

    def can_run(self, action: str) -> bool:
        if action in {"open", "calendar"}:
            return bool(self._events)
        return True

    @on(DataTable.RowSelected, "#agenda")
    def action_open(self) -> None:
        """Leave for the member's checklist, at the document the date is about."""
        event = self.current_event()
        if event is not None:
            self.dismiss(Jump(event.household_id, event.member_id, event.item_id))

    def action_calendar(self) -> None:
        self.post_message(CalendarRequested(self.household_id, list(self._events)))

    def action_back(self) -> None:
        self.dismiss(None)


def _when(event: AgendaEvent) -> Text:
    text = Text()
    text.append(fmt(event.date), style=LEVEL_STYLES[event.level] or "bold")
    text.append("\n" + weekday(event.date, short=True), style="dim")
    if event.time is not None:
        text.append(f" {event.time:%H:%M}", style="bold")
    return text


def _who(event: AgendaEvent, household_name: str, width: int) -> Text:
    text = Text(wrapped(event.member_name, width))
    if household_name:
        text.append("\n" + wrapped(household_name, width), style="dim")
    return text


def _what(event: AgendaEvent, width: int) -> Text:
    text = Text(wrapped(event.title, width), style=LEVEL_STYLES[event.level])
    text.append("\n" + wrapped(event.detail, width), style="dim")
    return text


def _detail(event: AgendaEvent, today: dt.date) -> Group:
    """Everything about one date: when, how far, what to do, the sources, one link a line."""
    style = LEVEL_STYLES[event.level]
    text = Text()
    text.append(event.title, style=style or "bold")
    text.append(f" — {event.member_name}", style="bold")
    when = f"{weekday(event.date)} {fmt(event.date)}"
    if event.time is not None:
        when = _("{day} at {time}").format(day=when, time=f"{event.time:%H:%M}")
    kind = _("act by this day") if event.deadline else _("from this day")
    text.append(f"\n{when} · {days_away(event.date, today)} · {kind}", style=style)
    text.append("\n" + event.detail)
    opens = (
        _("enter: open the checklist at this document")
        if event.item_id
        else _("enter: open the checklist")
    )
    hint = Text(opens + "  ·  " + _("c: calendar file"), style="dim italic")
    links = Text(no_wrap=True, overflow="ellipsis")
    for number, url in enumerate(event.sources):
        links.append(("\n" if number else "") + url, style=f"dim link {url}")
    return Group(text, hint, links)
