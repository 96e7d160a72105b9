"""The households screen: loading, the empty state, create, rename, delete, bad files."""

from __future__ import annotations

import gc
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input
from tui_helpers import drive, examples_in, saved, screen_text, until

from carte_prep.core.listing import list_households
from carte_prep.core.paths import index_path
from carte_prep.core.rows import HouseholdRow
from carte_prep.core.storage import Store
from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens import household_table
from carte_prep.tui.screens import households as households_module
from carte_prep.tui.screens.agenda import AgendaScreen
from carte_prep.tui.screens.checklist import ChecklistScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog, PromptDialog
from carte_prep.tui.screens.households import HouseholdsScreen
from support import PROFILES, TODAY


def test_lists_every_household_and_member_with_progress(tmp_path: Path) -> None:
    """The worker loads all files; each member row has a route, progress and deadline."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        table = app.screen.query_one("#households", DataTable)
        keys = [row.key.value for row in table.ordered_rows]
        assert "h:thompson-family" in keys
        assert "m:thompson-family:david" in keys
        assert "m:haddad-household:nadia" in keys
        david = [str(cell) for cell in table.get_row("m:thompson-family:david")]
        assert "2/4" in david[1]  # the proof of address is too old: not ready
        assert "15/12/2026" in david[2]
        assert " ".join(david[-1].split()) == (
            "prefecture · Withdrawal Agreement 10-year card · renewal of the same card"
        )  # at 80 columns the route joins the card, wrapped: no column off-screen
        assert str(table.get_row("m:nguyen-student:linh")[-1]).startswith("ANEF · student card")

    drive(folder, scenario)


def test_empty_data_offers_new_household_and_examples(tmp_path: Path) -> None:
    """With no data: a message, then n creates a household that is saved and opened."""
    folder = tmp_path / "data"

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        assert "open the examples" in screen_text(app)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        await pilot.press(*"Martin [Lyon]", "enter")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        assert app.screen.title == "Martin [Lyon]"

    drive(folder, scenario)
    assert saved(folder, "martin-lyon")["name"] == "Martin [Lyon]"


EXAMPLES = len(list(PROFILES.glob("*.json")))
"""How many example households ship in profiles/."""


def test_open_examples_from_an_empty_folder_leaves_it_empty(tmp_path: Path) -> None:
    """e opens a temporary copy of the examples; the user's folder is not written to."""
    folder = tmp_path / "data"

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await until(pilot, lambda: len(app.session.households) == EXAMPLES)
        app.close_examples()

    drive(folder, scenario)
    assert not folder.exists()


def test_rename_and_delete_with_confirmation(tmp_path: Path) -> None:
    """r renames (saved at once); d asks first, and only yes deletes the file."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        table = app.screen.query_one("#households", DataTable)
        table.move_cursor(row=table.get_row_index("h:nguyen-student"))
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        app.screen.query_one(Input).value = "Linh [2027]"
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, PromptDialog))
        assert saved(folder, "nguyen-student")["name"] == "Linh [2027]"

        table.move_cursor(row=table.get_row_index("h:haddad-household"))
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        assert (folder / "haddad-household.json").exists()
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(pilot, lambda: "haddad-household" not in app.session.households)

    drive(folder, scenario)
    assert not (folder / "haddad-household.json").exists()


def test_bad_file_is_reported_and_the_others_still_open(tmp_path: Path) -> None:
    """A broken file is listed with its reason; it is left byte-identical."""
    folder = examples_in(tmp_path / "data")
    broken = folder / "broken.json"
    broken.write_text('{"id": "broken", "name": [1]}', encoding="utf-8")
    before = broken.read_bytes()

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        assert "broken.json" in screen_text(app)
        assert len(app.session.households) == EXAMPLES

    drive(folder, scenario)
    assert broken.read_bytes() == before


def test_user_text_is_shown_literally(tmp_path: Path) -> None:
    """Names with brackets display as typed (never read as Textual markup)."""
    folder = examples_in(tmp_path / "data")
    path = folder / "thompson-family.json"
    data = json.loads(path.read_text("utf-8"))
    data["name"] = "[b]Thompson[/b] [Jr]"
    data["members"][0]["given_names"] = "Ali [Jr]"
    data["members"][0]["application"]["appointment"]["place"] = "[/b] Mairie [annexe]"
    path.write_text(json.dumps(data), encoding="utf-8")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        table = app.screen.query_one("#households", DataTable)
        assert str(table.get_row("h:thompson-family")[0]) == "[b]Thompson[/b] [Jr]"
        assert "Ali [Jr]" in str(table.get_row("m:thompson-family:david")[0])
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, AgendaScreen))
        rows = app.screen.query_one("#agenda", DataTable)
        cells = [  # wrapped to the columns: read as one line each
            " ".join(str(cell).split())
            for row in rows.ordered_rows
            for cell in rows.get_row(row.key)
        ]
        assert any("Ali [Jr] Thompson [b]Thompson[/b] [Jr]" in cell for cell in cells)
        assert any("At [/b] Mairie [annexe]." in cell for cell in cells)

    drive(folder, scenario)


def test_the_list_is_drawn_from_the_index_then_from_the_validated_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first draw takes the index's lines of unchanged files; the validated folder then
    brings the household changed since (here renamed by hand) into the list."""
    folder = indexed_examples_one_renamed(tmp_path)
    draws: list[tuple[bool, list[str]]] = []
    for method in ("_show", "_update"):
        original = getattr(HouseholdsScreen, method)

        def noted(
            screen: HouseholdsScreen,
            rows: list[HouseholdRow],
            search: dict[str, str],
            draw: Callable[..., None] = original,
        ) -> None:
            draws.append((screen.validated, [row["name"] for row in rows]))
            draw(screen, rows, search)

        monkeypatch.setattr(HouseholdsScreen, method, noted)

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        table = app.screen.query_one("#households", DataTable)
        assert str(table.get_row("h:thompson-family")[0]).startswith("Thompson-Ward")

    drive(folder, scenario)
    (first_validated, first), *_, (last_validated, last) = draws
    assert not first_validated
    assert first
    assert not any(name.startswith("Thompson") for name in first)
    assert last_validated
    assert "Thompson-Ward family (Dordogne)" in last
    assert set(first) < set(last)


def indexed_examples_one_renamed(
    tmp_path: Path,
    household: str = "thompson-family",
    names: tuple[str, str] = ('"Thompson family', '"Thompson-Ward family'),
) -> Path:
    """The examples, indexed a minute after they were written, then one renamed by hand."""
    folder = examples_in(tmp_path / "data")
    past = time.time() - 60
    for path in folder.glob("*.json"):
        os.utime(path, (past, past))
    list_households(Store(folder), TODAY, index_path(folder))
    edited = folder / f"{household}.json"
    edited.write_text(edited.read_text(encoding="utf-8").replace(*names, 1), encoding="utf-8")
    return folder


def test_the_validated_lines_change_only_the_rows_of_households_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows of unchanged households stay as drawn from the index (the table is not cleared
    and filled again, neither as the screen is sized nor after the validation); the
    household changed since is added, in its place. The validation starts once the rows
    drawn from the index are painted: it would slow down the first frame.

    The household renamed is one whose name and card are not the longest: a longer one
    changes the columns' widths, and the list is then drawn anew (that is right)."""
    folder = indexed_examples_one_renamed(
        tmp_path, "nguyen-student", ('"Linh Nguyễn (student, Lyon)"', '"Linh Nguyễn (Lyon)"')
    )
    cells: list[tuple[dict[str, int], dict[str, int]]] = []
    update, show, source = (
        HouseholdsScreen._update,
        HouseholdsScreen._show,
        HouseholdsScreen.session_source,
    )
    shows: list[int] = []
    painted_at_start: list[bool] = []

    def counted(screen: HouseholdsScreen, rows: list[HouseholdRow], search: dict[str, str]) -> None:
        shows.append(len(rows))
        show(screen, rows, search)

    def noted_start(screen: HouseholdsScreen) -> Callable[[], object]:
        table = screen.query_one("#households", household_table.HouseholdsTable)
        make = source(screen)

        def started() -> object:
            painted_at_start.append(table._painted)
            return make()

        return started

    monkeypatch.setattr(HouseholdsScreen, "_show", counted)
    monkeypatch.setattr(HouseholdsScreen, "session_source", noted_start)

    def name_cells(screen: HouseholdsScreen) -> dict[str, int]:
        table = screen.query_one("#households", DataTable)
        return {
            str(row.key.value): id(table.get_cell(row.key, "name")) for row in table.ordered_rows
        }

    def noted(screen: HouseholdsScreen, rows: list[HouseholdRow], search: dict[str, str]) -> None:
        before = name_cells(screen)
        update(screen, rows, search)
        cells.append((before, name_cells(screen)))

    monkeypatch.setattr(HouseholdsScreen, "_update", noted)

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: bool(cells))
        table = app.screen.query_one("#households", DataTable)
        keys = [str(row.key.value) for row in table.ordered_rows]
        assert keys == [
            key
            for row in list_households(Store(folder), TODAY, None).rows
            for key in (f"h:{row['id']}", *(f"m:{row['id']}:{m['id']}" for m in row["members"]))
        ]

    drive(folder, scenario)
    before, after = cells[0]
    assert before
    assert {key: after[key] for key in before} == before
    assert "h:nguyen-student" in after.keys() - before.keys()
    assert len(shows) == 1
    assert painted_at_start == [True]


def test_no_garbage_collection_until_the_validated_list_is_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading makes only long-lived objects: collecting then is wasted time."""
    folder = examples_in(tmp_path / "data")
    collecting: list[bool] = []
    show = HouseholdsScreen._show

    def noted(screen: HouseholdsScreen, rows: list[HouseholdRow], search: dict[str, str]) -> None:
        collecting.append(gc.isenabled())
        show(screen, rows, search)

    monkeypatch.setattr(HouseholdsScreen, "_show", noted)

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await until(pilot, gc.isenabled)

    assert gc.isenabled()
    drive(folder, scenario)
    assert collecting
    assert not any(collecting)
    assert gc.isenabled()


def test_rows_are_added_in_chunks_and_the_cursor_finds_a_later_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each refresh adds a few rows, so a long list never freezes the screen; a household
    asked for before its row is added gets the cursor once it is."""
    monkeypatch.setattr(households_module, "CHUNK", 2)
    folder = examples_in(tmp_path / "data")
    after_first_chunk: list[int] = []
    show = HouseholdsScreen._show

    def noted(screen: HouseholdsScreen, rows: list[HouseholdRow], search: dict[str, str]) -> None:
        show(screen, rows, search)
        after_first_chunk.append(screen.query_one("#households", DataTable).row_count)

    monkeypatch.setattr(HouseholdsScreen, "_show", noted)

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, HouseholdsScreen)
        table = screen.query_one("#households", DataTable)
        every = sum(1 + len(household.members) for household in app.session.households.values())
        await until(pilot, lambda: table.row_count == every)
        keys = [str(row.key.value) for row in table.ordered_rows]
        last = next(key for key in reversed(keys) if key.startswith("h:")).removeprefix("h:")
        screen.action_sort()  # a new drawing: its first chunk only, for now
        assert table.row_count == 2
        screen._select(last)
        await until(pilot, lambda: table.row_count == every)
        assert screen._selected_row() == (last, None)

    drive(folder, scenario)
    assert after_first_chunk[0] == 2
