"""The postal address in the app: a dialog from the checklist (key A, and the palette)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_helpers import drive, examples_in, open_household, saved, until

from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens.address import AddressDialog
from carte_prep.tui.screens.checklist import ChecklistScreen


def test_a_bad_post_code_is_explained_under_its_field_and_nothing_is_saved(
    tmp_path: Path,
) -> None:
    folder = examples_in(tmp_path / "data")
    seen: dict[str, object] = {}

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        seen["palette"] = [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, AddressDialog))
        screen = app.screen
        screen.query_one("#address-street", Input).value = "12 rue des Lilas"
        screen.query_one("#address-postcode", Input).value = "2400"
        screen.query_one("#address-town", Input).value = "Périgueux"
        await pilot.press("enter")
        problem = screen.query_one("#address-postcode-problem", Static)
        seen["problem"] = str(problem.render()) if problem.display else ""
        seen["saved before"] = saved(folder, "thompson-family").get("address")
        screen.query_one("#address-postcode", Input).value = "24000"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        await until(pilot, lambda: "address" in saved(folder, "thompson-family"))

    drive(folder, scenario)
    assert "Postal address (A)" in seen["palette"]  # type: ignore[operator]
    assert "is not a French post code" in str(seen["problem"])
    assert seen["saved before"] is None
    assert saved(folder, "thompson-family")["address"] == {
        "street": "12 rue des Lilas",
        "postcode": "24000",
        "town": "Périgueux",
    }
