"""The households list's columns and cells, as plain values (kept apart from the screen).

Every column fits the terminal's width, and a cell too long for its column wraps within
its row (a row is as tall as its tallest cell), so nothing is cut at 80 columns: the card
and procedure of a member take two to four lines there, and the list scrolls instead.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from rich.text import Text

from carte_prep.core.dates import fmt
from carte_prep.core.rows import DeadlineRow, HouseholdRow, MemberRow
from carte_prep.i18n import N_, _, ngettext
from carte_prep.present import route_short
from carte_prep.tui.format import LEVEL_STYLES, WIDE, bar

PROGRESS, COUNT, DATE, WARN, ROUTE = 11, 5, 10, 4, 10
"""Widths of the households list's fixed columns (the count without its bar when narrow)."""
MAX_LINES = 4
"""A cell wraps to at most this many lines; only a name longer than that ends in '…'."""
INDENT = "  "
"""Before a member's name, under their household's."""

TableRow = tuple[list[Text], str, int]
"""A row's cells, key and height."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int


def columns(
    width: int, names: list[str], members: list[str], cards: list[str], padding: int
) -> list[Column]:
    """Columns that fit ``width``: the names and the cards (with their procedure) share
    the room the fixed columns leave, each as wide as its longest text when both fit, else
    in proportion to it, the names never narrower than the longest member's name (nor
    than 16) unless that would leave the cards less than half. The route joins the card
    when narrow.

    ``padding`` is the table's cell padding on each side; 2 columns are left for the
    vertical scrollbar, so no horizontal one ever appears.
    """
    wide = width >= WIDE
    fixed = (PROGRESS if wide else COUNT) + DATE + WARN + (ROUTE if wide else 0)
    count = 6 if wide else 5
    room = width - fixed - 2 * count * padding - 2
    longest = max(map(len, names), default=20)
    card = max(map(len, cards), default=20)
    floor = min(max([16, *map(len, members)]), room // 2)
    name = longest if longest + card <= room else max(floor, room * longest // (longest + card))
    table = [
        Column("name", N_("Household / member"), name),
        Column("progress", N_("Ready"), PROGRESS if wide else COUNT),
        Column("deadline", N_("Next date"), DATE),
        Column("warnings", N_("Warn"), WARN),
    ]
    if wide:
        table.append(Column("route", N_("Route"), ROUTE))
    table.append(Column("card", N_("Card · procedure"), max(12, room - name)))
    return table


def table_rows(rows: list[HouseholdRow], widths: dict[str, int]) -> Iterator[TableRow]:
    """Each household's row and its members', made only as they are added."""
    wide = "route" in widths
    for row in rows:
        count = len(row["members"])
        cells = [
            _wrapped(row["name"], widths["name"], style="bold"),
            _ready(row["done"], row["total"], wide=wide),
            _deadline(row["next_deadline"]),
            _warnings(row["warnings"]),
            *([Text("")] if wide else []),
            Text(
                ngettext("{count} member", "{count} members", count).format(count=count),
                style="dim",
            ),
        ]
        yield cells, f"h:{row['id']}", _height(cells)
        for member in row["members"]:
            cells = [
                _wrapped(member["name"], widths["name"] - len(INDENT), indent=INDENT),
                _ready(member["done"], member["total"], wide=wide)
                if member["card"] is not None
                else Text(""),
                _deadline(member["next_deadline"]),
                _warnings(member["warnings"]),
                *_member_cells(member, widths["card"], wide=wide),
            ]
            yield cells, f"m:{row['id']}:{member['id']}", _height(cells)


def _wrapped(text: str, width: int, *, indent: str = "", style: str = "") -> Text:
    """``text`` over as many lines as it needs in ``width`` (up to :data:`MAX_LINES`)."""
    lines = textwrap.wrap(
        text, max(width, 1), max_lines=MAX_LINES, placeholder="…", break_on_hyphens=False
    )
    return Text("\n".join(indent + line for line in lines), style=style)


def _height(cells: list[Text]) -> int:
    return max(len(cell.plain.split("\n")) for cell in cells)


def card_text(member: MemberRow, *, wide: bool) -> str:
    """Card and procedure, after the route when narrow (it has no column of its own)."""
    if member["card"] is None:
        return _("no card needed")
    what = f"{member['card_short']} · {member['procedure_label']}"
    return what if wide else f"{route_short(member['route'])} · {what}"  # type: ignore[arg-type]


def _member_cells(member: MemberRow, width: int, *, wide: bool) -> list[Text]:
    """The route (its own column when wide), then card and procedure of a member row."""
    if member["card"] is None:
        return [Text("")] * wide + [Text(card_text(member, wide=wide), style="dim")]
    route = route_short(member["route"])  # type: ignore[arg-type]
    return [Text(route)] * wide + [_wrapped(card_text(member, wide=wide), width)]


def _deadline(deadline: DeadlineRow | None) -> Text:
    """A next date, coloured by urgency (empty when there is none)."""
    if deadline is None:
        return Text("")
    day = dt.date.fromisoformat(deadline["date"])
    return Text(fmt(day), style=LEVEL_STYLES[deadline["level"]])  # type: ignore[index]


def _ready(done: int, total: int, *, wide: bool) -> Text:
    """How many documents are ready, with a bar where there is room for one."""
    return bar(done, total, width=5) if wide else Text(f"{done}/{total}")


def _warnings(count: int) -> Text:
    return Text(f"⚠ {count}", style="bold yellow") if count else Text("–", style="dim")
