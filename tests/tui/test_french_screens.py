"""The checklist, the agenda, the household documents and the address dialog in French."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Label, Tab, Tabs
from tui_helpers import drive, examples_in, open_household, screen_text, until

from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens.address import AddressDialog
from carte_prep.tui.screens.agenda import AgendaScreen
from carte_prep.tui.screens.household_documents import HouseholdDocumentsScreen


@pytest.mark.usefixtures("french")
def test_the_member_screens_speak_french(tmp_path: Path) -> None:
    folder = examples_in(tmp_path / "data")
    seen: dict[str, list[str] | str] = {}

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        seen["views"] = [str(tab.label) for tab in app.screen.query_one("#views", Tabs).query(Tab)]
        seen["bar"] = screen_text(app)
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, AgendaScreen))
        columns = app.screen.query_one("#agenda", DataTable).columns.values()
        seen["agenda"] = [str(c.label) for c in columns]
        await pilot.press("escape")
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HouseholdDocumentsScreen))
        seen["shared"] = str(app.screen.query_one("#shared", DataTable).get_row_at(0)[2])
        await pilot.press("escape")
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, AddressDialog))
        seen["address"] = [str(label.render()) for label in app.screen.query(Label)]

    drive(folder, scenario)
    assert seen["views"] == ["1 Tout", "2 Manquants ou trop anciens", "3 Alertes", "4 À traduire"]
    assert " · prochaine date : " in str(seen["bar"])
    assert seen["agenda"] == ["Quand", "Qui", "Quoi"]
    assert seen["shared"] in {"⌂ partagé", "son exemplaire", "–"}
    assert "Code postal (5 chiffres)" in seen["address"]
    assert any(text.startswith("Adresse postale de") for text in seen["address"])


@pytest.mark.usefixtures("french")
def test_the_after_filing_log_speaks_french(tmp_path: Path) -> None:
    folder = examples_in(tmp_path / "data")
    seen: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await pilot.press("l")
        await until(pilot, lambda: bool(app.screen.query("#log")))
        seen.append(screen_text(app))

    drive(folder, scenario)
    assert "Pièces complémentaires demandées" in seen[0]
    assert "Déposé le (date du dépôt)" in seen[0]
