"""What a newcomer met (the December 2026 review): each finding, replayed with the keys."""

from __future__ import annotations

import asyncio
from pathlib import Path

from support import TODAY
from textual.pilot import Pilot
from textual.widgets import DataTable, Input
from tui_helpers import drive, examples_in, loaded, open_household, saved, until

from carte_prep.core.store import Store
from carte_prep.tui.app import CartePrepApp, make_app
from carte_prep.tui.screens.checklist import ChecklistScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog, PromptDialog
from carte_prep.tui.screens.households import HouseholdsScreen
from carte_prep.tui.screens.photos import PhotosScreen

ANEF, LINH = "nguyen-student", "linh"
CODE = "ZK4M9T2RQX7PB8WN3FHD"


def _ephoto(folder: Path) -> object:
    member = next(m for m in saved(folder, ANEF)["members"] if m["id"] == LINH)
    return member["application"]["ephoto"]


async def _photos(app: CartePrepApp, pilot: Pilot[None]) -> Input:
    await open_household(app, pilot, ANEF, LINH)
    await pilot.press("p")
    await until(pilot, lambda: isinstance(app.screen, PhotosScreen))
    code = app.screen.query_one("#code", Input)
    code.focus()
    await pilot.pause()
    return code


def test_a_stray_key_in_the_ephoto_code_is_not_saved_without_asking(tmp_path: Path) -> None:
    """Review 2: Home, Q, Escape used to save QZK4... at once; now it asks, and keeps."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        code = await _photos(app, pilot)
        await pilot.press("home", "Q")
        assert code.value == "Q" + CODE
        assert _ephoto(folder)["code"] == CODE  # type: ignore[index]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))

    drive(folder, scenario)
    assert _ephoto(folder) == {"code": CODE, "purchased_on": "2026-11-20"}


def test_the_ephoto_code_is_saved_on_enter_in_any_spelling_and_undo_takes_it_back(
    tmp_path: Path,
) -> None:
    """Review 2: lower case, spaces and dashes are accepted; replacing asks; ctrl+z undoes."""
    folder = examples_in(tmp_path / "data")
    codes: list[object] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        code = await _photos(app, pilot)
        code.value = "ab12-cd34 ef56-gh78 ij90"
        await pilot.pause()
        codes.append(_ephoto(folder))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(pilot, lambda: _ephoto(folder)["code"] != CODE)  # type: ignore[index]
        codes.append(_ephoto(folder))
        await until(pilot, lambda: isinstance(app.screen, PhotosScreen))
        await pilot.press("ctrl+z")
        await until(pilot, lambda: _ephoto(folder)["code"] == CODE)  # type: ignore[index]
        await until(pilot, lambda: code.value == CODE)

    drive(folder, scenario)
    assert codes == [
        {"code": CODE, "purchased_on": "2026-11-20"},
        {"code": "AB12CD34EF56GH78IJ90", "purchased_on": "2026-11-20"},
    ]


def _banner_shown(app: CartePrepApp) -> bool:
    return bool(app.screen.query("#examples-banner.-shown"))


def test_the_examples_say_so_and_b_goes_back_to_my_own_households(tmp_path: Path) -> None:
    """Review 1: from an empty start, e opens the examples; a banner says so; b comes back."""
    folder = tmp_path / "mine"
    seen: list[tuple[bool, int]] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        table = app.screen.query_one("#households", DataTable)
        seen.append((_banner_shown(app), table.row_count))
        await pilot.press("e")
        await until(pilot, lambda: loaded(app) and table.row_count > 0)
        seen.append((_banner_shown(app), table.row_count))
        await open_household(app, pilot, ANEF, LINH)
        assert _banner_shown(app)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, HouseholdsScreen) and loaded(app))
        await until(pilot, lambda: table.row_count == 0)
        seen.append((_banner_shown(app), table.row_count))

    drive(folder, scenario)
    assert seen[0] == (False, 0)
    assert seen[1][0] and seen[1][1] > 0
    assert seen[2] == (False, 0)


def test_a_household_made_in_the_examples_goes_to_my_data_folder(tmp_path: Path) -> None:
    """Review 1: n in the examples used to make a household that vanished on quit."""
    folder = tmp_path / "mine"

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await until(pilot, lambda: loaded(app) and app.in_examples)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        await pilot.press(*"My real household", "enter")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        assert not app.in_examples
        assert not _banner_shown(app)

    drive(folder, scenario)
    assert saved(folder, "my-real-household")["name"] == "My real household"


def test_demo_mode_offers_the_way_back_in_the_palette(tmp_path: Path) -> None:
    """Review 1: with --demo, "Back to my households" is a palette command with its key."""
    examples = examples_in(tmp_path / "examples")
    mine = tmp_path / "mine"
    app = make_app(Store(examples), today=lambda: TODAY, own=Store(mine))
    titles: list[str] = []

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: loaded(app))
            titles.extend(c.title for c in app.get_system_commands(app.screen))
            assert _banner_shown(app)
            await pilot.press("b")
            await until(pilot, lambda: loaded(app) and not app.in_examples)
            titles.extend(c.title for c in app.get_system_commands(app.screen))

    asyncio.run(main())
    assert "Back to my households (b)" in titles
    assert titles.count("Back to my households (b)") == 1
    assert any(t.startswith("Open the examples") for t in titles)


def test_the_photos_screen_opens_with_the_cursor_in_the_ephoto_code(tmp_path: Path) -> None:
    """Review 13: the e-photo code is the field to type; it has the focus on open."""
    folder = examples_in(tmp_path / "data")
    focused: list[str | None] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, ANEF, LINH)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PhotosScreen))
        await pilot.pause()
        focused.append(app.screen.focused.id if app.screen.focused else None)

    drive(folder, scenario)
    assert focused == ["code"]
