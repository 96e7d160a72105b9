"""The households list's table: it says when its rows are first painted, and its rows are
changed in place (added, updated, removed, put in order) when only some households changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from carte_prep.core.rows import HouseholdRow
from carte_prep.tui.screens.household_rows import table_rows

if TYPE_CHECKING:
    from textual.geometry import Region
    from textual.strip import Strip

PAINTED_AT_THE_LATEST = 0.5
"""Seconds after which the validation starts even if the list was not painted (hidden)."""


class HouseholdsTable(DataTable[Text]):
    """The households list; it says when its rows are first painted."""

    class Painted(Message):
        """The rows are in a frame: handled once that frame has been written."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._painted = False

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if self.row_count and not self._painted:
            self._painted = True
            self.post_message(self.Painted())
        return lines


def remove_rows(table: DataTable[Text], row: HouseholdRow) -> None:
    table.remove_row(f"h:{row['id']}")
    for member in row["members"]:
        table.remove_row(f"m:{row['id']}:{member['id']}")


def replace_rows(
    table: DataTable[Text], old: HouseholdRow | None, row: HouseholdRow, widths: dict[str, int]
) -> None:
    """Update a household's rows in place; add the new ones, remove the ones gone."""
    keys = set()
    for cells, key, height in table_rows([row], widths):
        keys.add(key)
        if key in table.rows and table.rows[RowKey(key)].height == height:
            for column, cell in zip(table.columns, cells, strict=True):
                table.update_cell(key, column, cell)
            continue
        if key in table.rows:
            table.remove_row(key)
        table.add_row(*cells, key=key, height=height)
    if old is not None:
        for member in old["members"]:
            key = f"m:{old['id']}:{member['id']}"
            if key not in keys:
                table.remove_row(key)


def order_rows(table: DataTable[Text], chosen: list[HouseholdRow]) -> None:
    """Put every row in the place of its household and member in ``chosen``."""
    order = [
        key
        for row in chosen
        for key in (f"h:{row['id']}", *(f"m:{row['id']}:{m['id']}" for m in row["members"]))
    ]
    if [row.key.value for row in table.ordered_rows] == order:
        return
    place = {id(table.get_cell(key, "name")): number for number, key in enumerate(order)}
    table.sort("name", key=lambda cell: place[id(cell)])
