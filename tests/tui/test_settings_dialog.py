"""The settings dialog: what it saves, what it refuses, and the new language's restart."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Input, Select, Static
from tui_helpers import drive, until

from carte_prep.core.paths import settings_path
from carte_prep.core.settings import Settings, read_settings
from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens.settings import SettingsDialog


async def _open(app: CartePrepApp, pilot: Pilot[None]) -> SettingsDialog:
    await pilot.press("f2")
    await until(pilot, lambda: isinstance(app.screen, SettingsDialog))
    assert isinstance(app.screen, SettingsDialog)
    return app.screen


def test_f2_saves_the_theme_and_departement_and_the_app_uses_them(tmp_path: Path) -> None:
    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        dialog = await _open(app, pilot)
        dialog.query_one("#theme", Select).value = "nord"
        dialog.query_one("#departement", Input).value = "2a"
        dialog.query_one("#backup_days", Input).value = "60"
        dialog.query_one("#save", Button).press()
        await until(pilot, lambda: not isinstance(app.screen, SettingsDialog))
        assert app.theme == "nord"
        assert app.session.store.backup_days == 60
        assert not app.restart_requested

    drive(tmp_path, scenario)
    assert read_settings() == (Settings(theme="nord", departement="2A", backup_days=60), None)


def test_a_bad_value_is_shown_in_the_dialog_and_nothing_is_saved(tmp_path: Path) -> None:
    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        dialog = await _open(app, pilot)
        dialog.query_one("#departement", Input).value = "999"
        dialog.query_one("#save", Button).press()
        await pilot.pause()
        assert app.screen is dialog
        problem = str(dialog.query_one("#problem", Static).render())
        assert "departement" in problem
        assert "a code such as 75, 2A or 974" in problem

    drive(tmp_path, scenario)
    assert not settings_path().exists()


def test_choosing_another_language_saves_it_and_asks_for_a_restart(tmp_path: Path) -> None:
    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        dialog = await _open(app, pilot)
        dialog.query_one("#language", Select).value = "fr"
        dialog.query_one("#save", Button).press()
        await pilot.pause()

    app = drive(tmp_path, scenario)
    assert app.restart_requested
    assert read_settings()[0].language == "fr"
