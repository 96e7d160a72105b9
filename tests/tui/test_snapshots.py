"""A few SVG snapshots of the main screens, deterministic: frozen today, fixed size, no blink.

Textual is pinned exactly (pyproject), because snapshot output changes between versions.
Update only after looking at the report: ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea
from tui_helpers import examples_in, loaded, new_app, open_household, select_item, until

from carte_prep.tui.app import CartePrepApp

Steps = Callable[[CartePrepApp, Pilot[Any]], Awaitable[None]]
SnapCompare = Callable[..., bool]


def _quiet(app: CartePrepApp) -> None:
    for widget in app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False


def _snapshot(
    snap_compare: SnapCompare, folder: Path, steps: Steps, size: tuple[int, int] = (80, 24)
) -> bool:
    app = new_app(examples_in(folder))
    app.animation_level = "none"

    async def run_before(pilot: Pilot[Any]) -> None:
        await until(pilot, lambda: loaded(app))
        await steps(app, pilot)
        _quiet(app)
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=run_before)


async def _households(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    table = app.screen.query_one("#households", DataTable)
    table.move_cursor(row=table.get_row_index("h:thompson-family"))


async def _checklist(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await open_household(app, pilot, "thompson-family", "david")


async def _checklist_detail(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await open_household(app, pilot, "thompson-family", "david")
    await select_item(app, pilot, "proof-of-address")


async def _translation_view(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await open_household(app, pilot, "haddad-household", "samir")
    await pilot.press("4")


async def _profile_card_questions(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await open_household(app, pilot, "haddad-household", "samir")
    await pilot.press("e", "pagedown")


async def _profile_current_card(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await open_household(app, pilot, "thompson-family", "david")
    await pilot.press("e", "pagedown", "pagedown", "pagedown")


async def _profile_identity(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await open_household(app, pilot, "thompson-family", "david")
    await pilot.press("e")
    await until(pilot, lambda: bool(app.screen.query("#f-given-names")))
    await until(pilot, lambda: getattr(app.screen.focused, "id", None) == "f-given-names")


async def _photos(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await open_household(app, pilot, "nguyen-student", "linh")
    await pilot.press("p")


async def _household_documents(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await open_household(app, pilot, "haddad-household", "samir")
    await pilot.press("h")


async def _help(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await open_household(app, pilot, "thompson-family", "david")
    await pilot.press("question_mark")


async def _agenda(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await pilot.press("g")
    await until(pilot, lambda: bool(app.screen.query("#agenda")))


async def _log(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await open_household(app, pilot, "thompson-family", "margaret")
    await pilot.press("l")
    await until(pilot, lambda: bool(app.screen.query("#log")))
    app.screen.query_one("#filed-on", Input).value = "20/11/2026"
    app.screen.query_one("#receipt-issued", Input).value = "20/11/2026"
    until_field = app.screen.query_one("#receipt-until", Input)
    until_field.value = "19/02/2027"
    until_field.focus()
    await pilot.press("enter")
    await until(pilot, lambda: app.screen.query_one("#receipts", DataTable).row_count == 1)
    app.clear_notifications()


@pytest.mark.parametrize(
    ("steps", "size"),
    [
        pytest.param(_households, (80, 24), id="households"),
        pytest.param(_households, (120, 36), id="households-wide"),
        pytest.param(_checklist, (80, 24), id="checklist"),
        pytest.param(_checklist, (120, 36), id="checklist-wide"),
        pytest.param(_checklist_detail, (120, 36), id="checklist-detail-wide"),
        pytest.param(_translation_view, (80, 24), id="translation-view"),
        pytest.param(_profile_identity, (80, 24), id="profile-identity"),
        pytest.param(_profile_identity, (120, 36), id="profile-identity-wide"),
        pytest.param(_profile_card_questions, (80, 24), id="profile-card-questions"),
        pytest.param(_profile_current_card, (80, 24), id="profile-current-card"),
        pytest.param(_photos, (80, 24), id="photos-ephoto"),
        pytest.param(_household_documents, (80, 24), id="household-documents"),
        pytest.param(_help, (80, 24), id="help"),
        pytest.param(_agenda, (80, 24), id="agenda"),
        pytest.param(_log, (80, 24), id="after-filing-log"),
    ],
)
def test_screen(
    snap_compare: SnapCompare, tmp_path: Path, steps: Steps, size: tuple[int, int]
) -> None:
    """The screen looks as it did when the snapshot was last reviewed."""
    assert _snapshot(snap_compare, tmp_path / "data", steps, size)
