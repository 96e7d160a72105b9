"""The footer at 80 columns: whole keys only, named as the reader's keyboard names them."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey
from tui_helpers import drive, examples_in, open_household, open_profile, until

from carte_prep.tui.app import CartePrepApp


def _keys(app: CartePrepApp) -> list[FooterKey]:
    return list(app.screen.query(FooterKey))


def _shown_keys(folder: Path) -> tuple[list[str], int]:
    """The checklist footer's keys as shown at 80 columns, and the columns they take."""
    shown: list[str] = []
    used: list[int] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await until(pilot, lambda: len(_keys(app)) > 2)
        await pilot.pause(0.2)
        keys = _keys(app)
        shown.extend(f"{k.key_display} {k.description}" for k in keys)
        used.append(sum(k.outer_size.width for k in keys))

    drive(folder, scenario)
    return shown, used[0]


def test_a_key_that_does_not_fit_is_left_out_not_cut(tmp_path: Path) -> None:
    """Review 23: "^z An▏", "x PD▏": the last keys were cut mid-word at 80 columns."""
    shown, used = _shown_keys(examples_in(tmp_path / "data"))
    assert shown[0] == "? Help"
    assert shown[-1] == "^p palette"
    assert used <= 80
    assert all(cell_len(label) < 30 for label in shown)


@pytest.mark.usefixtures("french")
def test_keys_are_named_as_a_french_keyboard_names_them(tmp_path: Path) -> None:
    """The key descriptions are translated at import (the CLI chooses the language first);
    the key names are translated when shown."""
    shown, _used = _shown_keys(examples_in(tmp_path / "data"))
    assert any(label.startswith("espace ") for label in shown)
    assert not any(label.startswith("space ") for label in shown)


@pytest.mark.usefixtures("french")
def test_the_way_back_stays_in_a_french_footer(tmp_path: Path) -> None:
    """The second walk: in French the form's footer had no room left for « échap »."""
    shown: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_profile(app, pilot, "thompson-family", "david", 0)
        await pilot.pause(0.3)
        shown.extend(k.key for k in _keys(app))

    drive(examples_in(tmp_path / "data"), scenario)
    assert shown[1] == "escape"
