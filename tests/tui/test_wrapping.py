"""At 80x24 the agenda and the household documents wrap their text, as the checklist does:
every line of every cell fits its column, nothing is cut, and every column is on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable
from tui_helpers import drive, examples_in, open_household, until

from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens.agenda import AgendaScreen
from carte_prep.tui.screens.household_documents import HouseholdDocumentsScreen


def cut_cells(table: DataTable[Text], width: int) -> list[str]:
    """Cells with a line longer than their column, and columns past the screen's edge."""
    problems: list[str] = []
    columns = list(table.columns.values())
    right = sum(c.get_render_width(table) for c in columns)
    if right > width - 2:  # two columns are kept for the vertical scrollbar
        problems.append(f"the columns take {right} of {width} columns")
    headers = [c.label for c in columns]
    for row in range(table.row_count):
        for column, cell in zip(columns, [*table.get_row_at(row)], strict=True):
            plain = cell.plain if isinstance(cell, Text) else str(cell)
            problems += [
                f"{line!r} is wider than {column.width}"
                for line in plain.split("\n")
                if len(line) > column.width
            ]
        height = table.ordered_rows[row].height
        lines = max(str(cell).count("\n") + 1 for cell in table.get_row_at(row))
        if lines > height:
            problems.append(f"row {row} shows {height} of {lines} lines")
    problems += [
        f"header {h.plain!r} is cut"
        for h, c in zip(headers, columns, strict=True)
        if any(len(line) > c.width for line in h.plain.split("\n"))
    ]
    return problems


def test_the_agenda_wraps_names_and_details_at_80_columns(tmp_path: Path) -> None:
    folder = examples_in(tmp_path / "data")
    found: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, AgendaScreen))
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        table = screen.query_one("#agenda", DataTable)
        await until(pilot, lambda: table.row_count > 0)
        found.extend(cut_cells(table, 80))
        shown = "".join(
            "".join(str(table.get_row_at(r)[2]).split()) for r in range(table.row_count)
        )
        for event in screen.events:
            assert "".join(event.detail.split()) in shown  # wrapped, never cut

    drive(folder, scenario)
    assert found == []


def test_the_household_documents_show_every_member_at_80_columns(tmp_path: Path) -> None:
    folder = examples_in(tmp_path / "data")
    found: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HouseholdDocumentsScreen))
        table = app.screen.query_one("#shared", DataTable)
        await until(pilot, lambda: table.row_count > 0)
        assert len(table.columns) == 2 + 3  # document, status, the three Thompsons
        found.extend(cut_cells(table, 80))

    drive(folder, scenario)
    assert found == []


@pytest.mark.parametrize("width", [80, 120, 160])
def test_the_households_wrap_card_and_procedure_instead_of_cutting_them(
    tmp_path: Path, width: int
) -> None:
    """Review 24: 'Card · procedure' ended in '…' at 80 columns ('ANEF · 10-year Algeria…')."""
    folder = examples_in(tmp_path / "data")
    found: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        table = app.screen.query_one("#households", DataTable)
        await until(pilot, lambda: table.row_count > 0)
        found.extend(cut_cells(table, width))
        cards = [str(table.get_row_at(r)[-1]) for r in range(table.row_count)]
        found.extend(c for c in cards if "…" in c)
        wrapped = " ".join(" ".join(c.split()) for c in cards)
        assert "10-year Algerian certificate · renewal of the same card" in wrapped

    drive(folder, scenario, size=(width, 24))
    assert found == []


def test_the_checklist_header_wraps_its_second_line_at_80_columns(tmp_path: Path) -> None:
    """Review 24: the card, procedure and route were cut ('… · renewal o…')."""
    folder = examples_in(tmp_path / "data")
    shown: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "emily")
        await pilot.pause()
        bar = app.screen.query_one("#member-bar")
        shown.extend(line.text for line in bar.render_lines(bar.region.reset_offset))

    drive(folder, scenario)
    text = " ".join(" ".join(shown).split())
    assert "…" not in text
    assert "first admission to stay (first card) · filed at the prefecture desk" in text
    assert "Ask for your first Withdrawal Agreement card" in text
