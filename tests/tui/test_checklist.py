"""The member checklist: statuses, undo, views, the detail pane, and what reaches the disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, TextArea
from tui_helpers import (
    drive,
    examples_in,
    member_tracking,
    notified,
    open_household,
    saved,
    screen_text,
    select_item,
    until,
)

from carte_prep.core.storage import StorageError, Store
from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens.checklist import ChecklistScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog
from carte_prep.tui.screens.help import HelpScreen


def _status(app: CartePrepApp, requirement_id: str) -> str:
    screen = app.screen
    assert isinstance(screen, ChecklistScreen)
    assert screen.checklist is not None
    item = next(i for i in screen.checklist.items if i.requirement.id == requirement_id)
    return item.tracking.status


def test_status_change_reaches_disk_and_survives_a_restart(tmp_path: Path) -> None:
    """space ticks an item; the file changes at once; a new app shows it ticked."""
    folder = examples_in(tmp_path / "data")

    async def tick(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await select_item(app, pilot, "current-residence-document")
        await pilot.press("space")
        await until(pilot, lambda: _status(app, "current-residence-document") == "gathered")

    drive(folder, tick)
    saved_tracking = member_tracking(folder, "thompson-family", "margaret")
    assert saved_tracking["current-residence-document"]["status"] == "gathered"

    async def reopen(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        assert _status(app, "current-residence-document") == "gathered"
        # 2 of 4: her shared proof of address is gathered but too old, so it is not ready
        assert "Margaret Anne 2/4" in str(app.screen.query_one("#member-progress-label").render())

    drive(folder, reopen)


def test_cycle_status_and_undo(tmp_path: Path) -> None:
    """s cycles the status; ctrl+z puts the old one back, on disk too."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "emily")
        await select_item(app, pilot, "passport")
        await pilot.press("s")
        await until(pilot, lambda: _status(app, "passport") == "requested")
        await pilot.press("s")
        await until(pilot, lambda: _status(app, "passport") == "gathered")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: _status(app, "passport") == "requested")
        assert member_tracking(folder, "thompson-family", "emily")["passport"]["status"] == (
            "requested"
        )

    drive(folder, scenario)


def test_saved_views_filter_the_list(tmp_path: Path) -> None:
    """1-4 switch views: missing hides gathered items, translation shows foreign papers."""
    folder = examples_in(tmp_path / "data")

    def keys(app: CartePrepApp) -> set[str]:
        table = app.screen.query_one("#items", DataTable)
        return {str(r.key.value) for r in table.ordered_rows if str(r.key.value)[:2] == "i:"}

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "haddad-household", "samir")
        everything = keys(app)
        await pilot.press("2")
        await until(pilot, lambda: keys(app) != everything)
        assert "i:passport" not in keys(app)
        assert "i:visitor-resources" in keys(app)
        await pilot.press("4")
        await until(pilot, lambda: keys(app) == {"i:birth-certificate", "i:marriage-certificate"})
        await pilot.press("3")
        await until(pilot, lambda: "i:host-proof-of-address" in keys(app))
        await pilot.press("1")
        await until(pilot, lambda: keys(app) == everything)

    drive(folder, scenario)


def test_document_date_gives_the_freshness_verdict(tmp_path: Path) -> None:
    """Typing the date on a shared proof of address saves it and shows 'fresh until'."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await select_item(app, pilot, "proof-of-address")
        assert "too old" in screen_text(app)
        date = app.screen.query_one("#d-date", Input)
        date.value = "02/11/2026"
        await until(pilot, lambda: "fresh until 01/02/2027" in screen_text(app))
        assert "fine on 15/12/2026" in screen_text(app)
        date.value = "31/02/2026"
        await until(pilot, lambda: "no such day" in screen_text(app))

    drive(folder, scenario)
    shared = saved(folder, "thompson-family")["shared"][0]
    assert shared["tracking"]["document_date"] == "2026-11-02"


def test_notes_are_saved_literally_and_letters_do_not_trigger_keys(tmp_path: Path) -> None:
    """'[/b]' in a note is kept as typed; typing 's' in the note does not cycle the status."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await select_item(app, pilot, "paper-photos")
        app.screen.query_one("#d-notes", TextArea).focus()
        await pilot.press(*"[/b] s x", "1")
        await pilot.press("escape", "escape")
        await until(pilot, lambda: not isinstance(app.screen, ChecklistScreen))

    drive(folder, scenario)
    tracking = member_tracking(folder, "thompson-family", "margaret")["paper-photos"]
    assert tracking == {**tracking, "notes": "[/b] s x1", "status": "todo"}


def test_a_note_still_being_typed_is_saved_when_the_app_quits(tmp_path: Path) -> None:
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await select_item(app, pilot, "paper-photos")
        app.screen.query_one("#d-notes", TextArea).focus()
        await pilot.press(*"booth")
        await pilot.press("ctrl+q")

    drive(folder, scenario)
    tracking = member_tracking(folder, "thompson-family", "margaret")["paper-photos"]
    assert tracking["notes"] == "booth"


def test_q_types_in_a_note_and_quits_from_the_list(tmp_path: Path) -> None:
    """Review 16: q was a hidden key; now it is in the help, it is typed in a field and
    quits only from the list (the note typed is saved first)."""
    folder = examples_in(tmp_path / "data")
    after_q: list[int | None] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await select_item(app, pilot, "paper-photos")
        app.screen.query_one("#d-notes", TextArea).focus()
        await pilot.press("q")
        await pilot.pause()
        after_q.append(app.return_code)
        app.screen.query_one("#items", DataTable).focus()
        await pilot.press("q")
        await pilot.pause()

    app = drive(folder, scenario)
    assert after_q == [None]
    assert app.return_code == 0
    tracking = member_tracking(folder, "thompson-family", "margaret")["paper-photos"]
    assert tracking["notes"] == "q"


def test_conflict_offers_reload_and_shows_the_disk_state(tmp_path: Path) -> None:
    """A file changed by another program is never overwritten; reloading shows it."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        path = folder / "thompson-family.json"
        data = json.loads(path.read_text("utf-8"))
        data["members"][1]["tracking"]["paper-photos"] = {"status": "handed-in"}
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        await select_item(app, pilot, "current-residence-document")
        await pilot.press("space")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        buttons = [str(b.label) for b in app.screen.query(Button)]
        assert buttons == ["Reload from disk", "Not now"]  # review 25: was "Keep as shown"
        await pilot.press("enter")  # reloading is what Enter does: "Not now" keeps a stale view
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        await until(pilot, lambda: _status(app, "paper-photos") == "handed-in")
        assert _status(app, "current-residence-document") == "todo"

    drive(folder, scenario)


def test_storage_error_is_shown_and_nothing_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused write is told to the user; the list still shows what is on disk."""
    folder = examples_in(tmp_path / "data")

    def refuse(self: Store, household: object) -> None:
        raise StorageError("could not save: the disk is full", folder)

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        monkeypatch.setattr(Store, "save", refuse)
        await select_item(app, pilot, "current-residence-document")
        await pilot.press("space")
        await until(pilot, lambda: notified(app, "disk is full"))
        assert _status(app, "current-residence-document") == "todo"

    drive(folder, scenario)


def test_help_and_palette_list_the_screen_actions(tmp_path: Path) -> None:
    """? shows the keys of the screen; the palette offers every binding as a command."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Gathered (space)", "Status (s)", "Profile (e)", "PDF (x)"} <= titles
        assert {"Undo (^z)", "Missing or too old (2)", "Agenda (g)", "After filing (l)"} <= titles
        assert "Remove member (D)" in titles
        assert {
            "PDF of David James with identifiers shown",
            "PDF of David James with attachments",
            "PDF of the whole household",
        } <= titles
        assert "Keys" not in titles  # the app's help (?) is the one list of keys
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "Gathered" in screen_text(app)
        assert "C3: three or more independent sources agree" in screen_text(app)
        assert "Inference: reasoned from the law's text" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))

    drive(folder, scenario)


def test_members_switch_with_brackets(tmp_path: Path) -> None:
    """] and [ move between the household's members."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family")
        screen = app.screen
        assert isinstance(screen, ChecklistScreen)
        assert screen.member_id == "david"
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: screen.member_id == "margaret")
        await pilot.press("left_square_bracket", "left_square_bracket")
        await until(pilot, lambda: screen.member_id == "emily")

    drive(folder, scenario)


def test_the_detail_pane_explains_the_confidence_mark_and_takes_the_kind_of_document(
    tmp_path: Path,
) -> None:
    """The host's deed is no bill: choosing its kind lifts the 3-month limit, on disk too."""
    from textual.widgets import Select

    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "haddad-household", "samir")
        await select_item(app, pilot, "host-proof-of-address")
        await until(pilot, lambda: "three or more independent sources agree" in screen_text(app))
        assert "too old" in screen_text(app)
        kinds = app.screen.query_one("#d-variant", Select)
        assert kinds.display
        assert kinds.is_blank()
        kinds.value = "deed-or-tax-notice"
        await until(
            pilot,
            lambda: (
                member_tracking(folder, "haddad-household", "samir")["host-proof-of-address"][
                    "variant"
                ]
                == "deed-or-tax-notice"
            ),
        )
        await until(pilot, lambda: "does not go out of date" in screen_text(app))
        await select_item(app, pilot, "passport")
        assert not app.screen.query_one("#d-variant", Select).display

    drive(folder, scenario)


def test_a_card_that_left_the_catalogue_opens_and_says_what_to_read(tmp_path: Path) -> None:
    """The file still loads (model review 4.1); the checklist has no items, only the page."""
    folder = examples_in(tmp_path / "data")
    path = folder / "nguyen-student.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["members"][0]["application"]["card_type"] = "retired-card"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "nguyen-student", "linh")
        await until(pilot, lambda: "not covered" in screen_text(app))
        table = app.screen.query_one("#items", DataTable)
        table.move_cursor(row=table.get_row_index("not-covered"))
        await until(
            pilot, lambda: "Read instead: https://www.service-public.gouv.fr" in screen_text(app)
        )

    drive(folder, scenario)
