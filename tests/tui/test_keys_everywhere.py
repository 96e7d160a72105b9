"""Keys that mean the same everywhere (review 16): q quits from a list, never while typing
nor from a form; the help tells each screen's own keys."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input
from tui_helpers import drive, examples_in, open_household, open_profile, until

from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens.help import HelpScreen
from carte_prep.tui.screens.households import HouseholdsScreen
from carte_prep.tui.screens.pdf_dialog import PdfDialog
from carte_prep.tui.screens.profile import ProfileScreen


def test_q_quits_from_the_households_list(tmp_path: Path) -> None:
    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await pilot.press("q")
        await pilot.pause()

    app = drive(examples_in(tmp_path / "data"), scenario)
    assert app.return_code == 0


def test_q_is_typed_in_a_text_field(tmp_path: Path) -> None:
    typed: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await pilot.press("slash", "q")
        await pilot.pause()
        typed.append(app.screen.query_one("#filter", Input).value)
        assert isinstance(app.screen, HouseholdsScreen)

    app = drive(examples_in(tmp_path / "data"), scenario)
    assert typed == ["q"]
    assert app.return_code is None


def test_q_does_not_end_the_app_from_the_profile_form(tmp_path: Path) -> None:
    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_profile(app, pilot, "thompson-family", "david", 2)  # current card
        app.screen.query(Checkbox).first().focus()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)

    app = drive(examples_in(tmp_path / "data"), scenario)
    assert app.return_code is None


def _help_text(app: CartePrepApp) -> str:
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def test_the_help_lists_q_and_explains_the_form_keys_in_the_form(tmp_path: Path) -> None:
    """Review 25: the help was the same on every screen; the form's said nothing of Tab."""
    seen: dict[str, str] = {}

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        seen["households"] = _help_text(app)
        await pilot.press("escape")
        await open_profile(app, pilot, "thompson-family", "david", 0)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        seen["profile"] = _help_text(app)

    drive(examples_in(tmp_path / "data"), scenario)
    assert "q Quit" in " ".join(seen["households"].split())
    assert "Escape goes back one step" in " ".join(seen["households"].split())
    form = " ".join(seen["profile"].split())
    assert "Tab and shift+tab move from field to field, pagedown and pageup change step" in form
    assert "pagedown and pageup" not in " ".join(seen["households"].split())


def test_an_unticked_box_is_drawn_empty(tmp_path: Path) -> None:
    """Review 25: both states were drawn ▐X▌, told apart by colour only."""
    drawn: dict[bool, set[str]] = {True: set(), False: set()}

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await pilot.press("A")  # the postal address: "David lives elsewhere" is a tick box
        await until(pilot, lambda: bool(app.screen.query(Checkbox)))
        box = app.screen.query_one(Checkbox)
        for value in (False, True, False):
            box.value = value
            await pilot.pause()
            drawn[value].add(box.render_line(0).text[:3])

    drive(examples_in(tmp_path / "data"), scenario)
    assert drawn == {True: {"▐X▌"}, False: {"▐ ▌"}}


def test_the_pdf_dialogs_unticked_boxes_are_drawn_empty(tmp_path: Path) -> None:
    """The second walk found the PDF dialog's options still drawn ▐X▌ when off."""
    drawn: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, PdfDialog))
        await until(pilot, lambda: bool(app.screen.query(Checkbox)))
        await pilot.pause()
        drawn.extend(box.render_line(0).text[:3] for box in app.screen.query(Checkbox))

    drive(examples_in(tmp_path / "data"), scenario)
    assert drawn
    assert set(drawn) == {"▐ ▌"}  # every option starts off
