"""The profile editor, the photos screen, the detail pane and the help in French; in French
the official names stand alone, without the gloss that translates them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Select, Tab, TabbedContent
from tui_helpers import drive, examples_in, open_household, open_profile, screen_text, until

from carte_prep.core import load_catalogue
from carte_prep.present import gloss
from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.format import days_away, weekday
from carte_prep.tui.screens.help import HelpScreen
from carte_prep.tui.screens.photos import PhotosScreen


@pytest.mark.usefixtures("french")
def test_the_profile_editor_speaks_french(tmp_path: Path) -> None:
    folder = examples_in(tmp_path / "data")
    seen: dict[str, list[str] | str] = {}

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_profile(app, pilot, "thompson-family", "margaret", 0)
        steps = app.screen.query_one("#steps", TabbedContent)
        seen["steps"] = [str(tab.label) for tab in steps.query(Tab)]
        seen["labels"] = [str(label.render()) for label in app.screen.query(Label)]
        given = app.screen.query_one("#f-given-names", Input)
        given.focus()
        given.value = ""
        await pilot.press("tab")
        await pilot.pause()
        seen["problem"] = str(app.screen.query_one("#e-given-names").render())
        seen["preview"] = str(app.screen.query_one("#preview").render())
        relationship = app.screen.query_one("#f-relationship", Select)
        seen["choices"] = [str(option[0]) for option in relationship._options]

    drive(folder, scenario)
    assert seen["steps"][:3] == ["1 Identité", "2 Carte", "3 Situation"]
    assert "Prénoms, exactement comme sur le passeport" in seen["labels"]
    assert "Date de naissance (jj/mm/aaaa)" in seen["labels"]
    assert str(seen["problem"]).startswith("Ce champ est vide")
    assert str(seen["preview"]).startswith("Pas encore enregistré : corrigez ce qui est signalé")
    assert "le demandeur principal" in seen["choices"]


@pytest.mark.usefixtures("french")
def test_the_card_step_names_the_cards_in_french(tmp_path: Path) -> None:
    folder = examples_in(tmp_path / "data")
    seen: dict[str, str] = {}

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_profile(app, pilot, "nguyen-student", "linh", 1)
        seen["text"] = screen_text(app)
        card = app.screen.query_one("#f-application-card-type", Select)
        labels = {value: str(label) for label, value in card._options}
        seen["card"] = labels[card.value]
        seen["name_fr"] = load_catalogue().cards[str(card.value)].name_fr

    drive(folder, scenario)
    assert seen["card"].endswith(" · " + seen["name_fr"])
    assert "Enregistré au fur et à mesure. Liste :" in seen["text"]
    assert "Procédure : " in seen["text"]


@pytest.mark.usefixtures("french")
def test_the_photos_screen_speaks_french(tmp_path: Path) -> None:
    folder = examples_in(tmp_path / "data")
    seen: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "haddad-household", "nadia")
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PhotosScreen))
        seen.append(screen_text(app))
        seen.extend(str(label.render()) for label in app.screen.query(Label))

    drive(folder, scenario)
    assert "L’ANEF demande le code e-photo d’une photo numérique" in seen[0]
    assert "Les normes (ISO/IEC 19794-5) :" in seen[0]
    assert "Acheté le (jj/mm/aaaa)" in seen


@pytest.mark.usefixtures("french")
def test_the_checklist_shows_french_names_alone_and_a_french_detail(tmp_path: Path) -> None:
    folder = examples_in(tmp_path / "data")
    seen: dict[str, str] = {}

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        table = app.screen.query_one("#items", DataTable)
        seen["heading"] = str(table.get_row("s:identity")[2])
        seen["item"] = str(table.get_row("i:passport")[2])
        table.move_cursor(row=table.get_row_index("i:passport"))
        await pilot.pause()
        seen["detail"] = str(app.screen.query_one("#d-facts").render())
        seen["source"] = str(app.screen.query_one("#d-source").render())
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        seen["help"] = screen_text(app)

    drive(folder, scenario)
    assert seen["heading"] == "ÉTAT CIVIL ET IDENTITÉ"
    assert seen["item"] == "Passeport en cours de validité"
    assert seen["detail"].startswith("État : ")
    assert seen["source"].startswith("Sources (vérifiées le ")
    assert "Touches de cet écran" in seen["help"]
    assert "Signes de la liste" in seen["help"]


@pytest.mark.usefixtures("french")
def test_days_and_glosses_in_french() -> None:
    tuesday = dt.date(2026, 12, 15)
    assert weekday(tuesday) == "mardi"
    assert weekday(tuesday, short=True) == "mar"
    assert days_away(tuesday, dt.date(2026, 11, 27)) == "dans 18 jours"
    assert days_away(dt.date(2026, 11, 26), dt.date(2026, 11, 27)) == "hier"
    assert gloss("Valid passport") is None


def test_the_gloss_stays_in_english() -> None:
    assert gloss("Valid passport") == "Valid passport"
    assert days_away(dt.date(2026, 11, 30), dt.date(2026, 11, 27)) == "in 3 days"
