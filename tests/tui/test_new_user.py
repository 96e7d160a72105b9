"""What a newcomer met (the December 2026 review): each finding, replayed with the keys."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import drive, examples_in, open_household, saved, until

from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens.checklist import ChecklistScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog
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
