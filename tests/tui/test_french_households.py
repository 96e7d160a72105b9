"""The households list and the crash message in French."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable
from tui_helpers import drive, examples_in

from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.crash import crash_report


@pytest.mark.usefixtures("french")
def test_the_households_list_speaks_french(tmp_path: Path) -> None:
    """Title, column headers, member counts and the no-card rows are French."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        del pilot
        table = app.screen.query_one("#households", DataTable)
        headers = [str(column.label) for column in table.columns.values()]
        assert headers[0] == "Foyer / membre"
        assert headers[-1] == "Carte · démarche"
        assert app.screen.title == "Foyers"
        thompson = [str(cell) for cell in table.get_row("h:thompson-family")]
        assert thompson[-1] == "3 membres"
        cells = [str(row[-1]) for row in (table.get_row(key) for key in table.rows)]
        assert "pas de carte nécessaire" in cells

    drive(folder, scenario)


@pytest.mark.usefixtures("french")
def test_the_crash_message_is_french() -> None:
    try:
        raise TypeError("secret")
    except TypeError:
        report = crash_report()
    assert report.startswith("carte-prep s’est arrêté à cause d’une erreur inattendue (TypeError")
    assert "vos données sont en sécurité" in report
    assert "secret" not in report
