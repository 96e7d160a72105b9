"""The after-filing log: checked as typed, saved at once, and followed by the agenda."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input
from tui_helpers import drive, examples_in, open_household, saved, screen_text, until

from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens.after_filing import AfterFilingScreen
from carte_prep.tui.screens.agenda import AgendaScreen
from carte_prep.tui.screens.checklist import ChecklistScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog, PromptDialog


def _log(folder: Path, member_id: str) -> dict[str, Any]:
    member = next(m for m in saved(folder, "thompson-family")["members"] if m["id"] == member_id)
    log: dict[str, Any] = member["application"]["after_filing"]
    return log


async def _type(pilot: Pilot[None], widget_id: str, text: str) -> None:
    app = pilot.app
    field = app.screen.query_one(f"#{widget_id}", Input)
    field.focus()
    field.value = text
    await pilot.pause()


def test_receipt_added_in_the_log_reaches_disk_and_the_agenda(tmp_path: Path) -> None:
    """l opens the log; a filing date and a récépissé are saved and their expiry is in g."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, AfterFilingScreen))
        await _type(pilot, "filed-on", "20/11/2026")
        await until(pilot, lambda: _log(folder, "margaret")["filed_on"] == "2026-11-20")
        await _type(pilot, "receipt-until", "20/02/2026")
        await _type(pilot, "receipt-issued", "20/11/2026")
        refusal = "the end date is before the day it was issued (20/11/2026)"
        await until(pilot, lambda: refusal in screen_text(app))
        await _type(pilot, "receipt-until", "19/02/2027")
        await pilot.press("enter")
        await until(pilot, lambda: len(_log(folder, "margaret")["receipts"]) == 1)
        assert app.screen.query_one("#receipts", DataTable).row_count == 1
        assert "Next date: 19/02/2027 Your récépissé expires" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = app.screen
        assert isinstance(agenda, AgendaScreen)
        receipt = [e for e in agenda.events if e.kind == "receipt-expiry"]
        assert [(e.member_id, e.date.isoformat()) for e in receipt] == [("margaret", "2027-02-19")]

    drive(folder, scenario)
    assert _log(folder, "margaret")["receipts"] == [
        {"kind": "recepisse", "issued_on": "2026-11-20", "valid_until": "2027-02-19"}
    ]


def test_log_checks_as_you_type_and_edits_requests_timbre_and_collection(tmp_path: Path) -> None:
    """A bad timbre gets the model's message and is not saved; requests are marked sent."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, AfterFilingScreen))
        await _type(pilot, "timbre-number", "1234 [x]")
        await until(pilot, lambda: "16-digit number" in screen_text(app))
        assert "is required" in screen_text(app)  # the amount, once a number is typed
        assert _log(folder, "david")["timbre"] is None
        await _type(pilot, "timbre-number", "1234 5678 9012 3456")
        await _type(pilot, "timbre-amount", "225")
        await until(pilot, lambda: _log(folder, "david")["timbre"] is not None)
        assert _log(folder, "david")["timbre"]["number"] == "1234567890123456"

        await _type(pilot, "collection-time", "25h00")
        await until(pilot, lambda: "no such time" in screen_text(app))
        await _type(pilot, "collection-time", "9h15")
        await _type(pilot, "collection-date", "08/01/2027")
        await _type(pilot, "collection-place", "Préfecture [Périgueux]")
        await until(pilot, lambda: bool((_log(folder, "david")["collection"] or {}).get("place")))
        assert _log(folder, "david")["collection"]["time"] == "09:15:00"

        await _type(pilot, "request-received", "25/11/2026")
        await _type(pilot, "request-deadline", "10/12/2026")
        await _type(pilot, "request-what", "[b]Bank statements[/b]")
        await pilot.press("enter")
        await until(pilot, lambda: len(_log(folder, "david")["requests"]) == 1)
        requests = app.screen.query_one("#requests", DataTable)
        assert "[b]Bank statements[/b]" in str(requests.get_row("0")[1])
        requests.focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        app.screen.query_one(Input).value = "01/12/2026"
        await pilot.press("enter")
        await until(pilot, lambda: _log(folder, "david")["requests"][0]["sent_on"] is not None)
        assert _log(folder, "david")["requests"][0]["sent_on"] == "2026-12-01"
        await until(pilot, lambda: isinstance(app.screen, AfterFilingScreen))
        app.screen.query_one("#requests", DataTable).focus()
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(pilot, lambda: _log(folder, "david")["requests"] == [])

    drive(folder, scenario)
    log = _log(folder, "david")
    assert log["collection"]["place"] == "Préfecture [Périgueux]"
    assert log["timbre"]["amount"] == 225


def test_a_sent_day_before_the_letter_is_refused_in_plain_words(tmp_path: Path) -> None:
    """New-user review 18: the refusal shown has no internal path ('requests[0].sent_on')."""
    folder = examples_in(tmp_path / "data")
    shown: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, AfterFilingScreen))
        await _type(pilot, "request-received", "25/11/2026")
        await _type(pilot, "request-deadline", "10/12/2026")
        await _type(pilot, "request-what", "Bank statements")
        await pilot.press("enter")
        await until(pilot, lambda: len(_log(folder, "david")["requests"]) == 1)
        app.screen.query_one("#requests", DataTable).focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        app.screen.query_one(Input).value = "01/11/2026"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AfterFilingScreen))
        line = app.screen.query_one("#request-what-msg")
        await until(pilot, lambda: bool(str(line.render())))
        shown.append(str(line.render()))

    drive(folder, scenario)
    assert shown == [
        "the day sent is before the day the request came (25/11/2026); check the day you sent them"
    ]
    assert _log(folder, "david")["requests"][0]["sent_on"] is None
