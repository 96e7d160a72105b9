"""The agenda: every date in order, the same next deadline everywhere, enter goes to the member."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input
from tui_helpers import drive, examples_in, open_household, screen_text, until

from carte_prep.core.agenda import AgendaEvent, household_agenda, next_deadline
from carte_prep.core.dates import fmt
from carte_prep.core.storage import Store
from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens.agenda import AgendaScreen
from carte_prep.tui.screens.checklist import ChecklistScreen
from carte_prep.tui.screens.dialogs import PromptDialog
from support import TODAY


def _agenda(app: CartePrepApp) -> AgendaScreen:
    screen = app.screen
    assert isinstance(screen, AgendaScreen)
    return screen


def _move_to(app: CartePrepApp, wanted: AgendaEvent) -> None:
    screen = _agenda(app)
    screen.query_one("#agenda", DataTable).move_cursor(row=screen.events.index(wanted))


def _checklist(app: CartePrepApp) -> ChecklistScreen:
    screen = app.screen
    assert isinstance(screen, ChecklistScreen)
    return screen


def test_agenda_lists_every_date_in_order_and_enter_opens_the_member(tmp_path: Path) -> None:
    """g shows all households' dates, soonest first; enter opens the checklist at the item."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        households = app.session.sorted_households()
        table = app.screen.query_one("#households", DataTable)
        for household in households:  # one source of truth: the list shows the core's date
            for member in household.members:
                deadline = next_deadline(household, member.id, TODAY)
                cell = str(table.get_row(f"m:{household.id}:{member.id}")[2])
                assert cell == (fmt(deadline.date) if deadline else "")
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, AgendaScreen))
        shown = _agenda(app).events
        assert shown == household_agenda(households, TODAY)
        assert [(e.date, e.time or dt.time.min) for e in shown] == sorted(
            (e.date, e.time or dt.time.min) for e in shown
        )
        rows = _agenda(app).query_one("#agenda", DataTable)
        assert rows.row_count == len(shown)
        appointment = next(e for e in shown if e.kind == "appointment")
        when, who, what = (  # wrapped to the columns: read as one line each
            " ".join(str(cell).split()) for cell in rows.get_row(str(shown.index(appointment)))
        )
        assert "15/12/2026" in when
        assert "10:30" in when
        assert "David James Thompson" in who
        assert "Thompson family" in who
        assert "Prefecture appointment" in what
        fetch = next(e for e in shown if e.item_id == "proof-of-address" and e.member_id == "david")
        _move_to(app, fetch)
        await until(pilot, lambda: _agenda(app).current_event() == fetch)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        checklist = _checklist(app)
        assert checklist.member_id == "david"
        item = checklist.current_item()
        assert item is not None
        assert item.requirement.id == "proof-of-address"

    drive(folder, scenario)


def test_household_agenda_switches_member_and_writes_a_calendar_file(tmp_path: Path) -> None:
    """From a member, g shows the household only; enter switches member in place; c writes .ics."""
    folder = examples_in(tmp_path / "data")
    target = tmp_path / "thompson.ics"

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        assert "next: 02/03/2027 Your current card expires" in screen_text(app)
        await pilot.press("2")  # hides gathered items: the jump below must still find one
        await until(pilot, lambda: _checklist(app).view == "missing")
        depth = len(app.screen_stack)
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, AgendaScreen))
        shown = _agenda(app).events
        assert {e.household_id for e in shown} == {"thompson-family"}

        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        assert app.screen.query_one(Input).value.endswith("carte-prep-thompson-family.ics")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await app.workers.wait_for_complete()
        await until(pilot, lambda: target.exists())

        fetch = next(e for e in shown if e.item_id == "proof-of-address" and e.member_id == "david")
        assert fetch.member_id == "david"
        _move_to(app, fetch)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        checklist = _checklist(app)
        await until(pilot, lambda: checklist.member_id == "david")
        assert len(app.screen_stack) == depth
        assert checklist.view == "all"
        item = checklist.current_item()
        assert item is not None
        assert item.requirement.id == "proof-of-address"
        assert "next: 15/12/2026 10:30 Prefecture appointment" in screen_text(app)

    drive(folder, scenario)
    household = Store(folder).load("thompson-family")
    calendar = target.read_text("utf-8")
    assert calendar.count("BEGIN:VEVENT") == len(household_agenda([household], TODAY))
    assert "Prefecture appointment — David James Thompson" in calendar.replace("\r\n ", "")
