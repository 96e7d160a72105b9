"""A large household's packing list on one grid: pieces as rows, people as columns.

From four people, one packing list each would print the same pieces over five pages; the
grid lists each piece once, with a narrow column of boxes per person (original and copy
at the desk, uploaded and checked on ANEF), and their photos, fee and appointment below.
"""

from __future__ import annotations

from dataclasses import dataclass

from carte_prep.core.vocab import Route
from carte_prep.dossier.clerk import BRING_AT_THE_DESK, READY_ON_ANEF
from carte_prep.dossier.views import AppointmentView, MemberPart
from carte_prep.i18n import _


@dataclass(frozen=True)
class GridCell:
    """One person's boxes for one piece: at the desk original and copy, on ANEF uploaded
    and checked."""

    number: int
    """The piece's number in this person's list (and on their bordereau)."""
    originals: int
    copies: int
    ready: bool


@dataclass(frozen=True)
class GridRow:
    name_fr: str
    name_en: str
    cells: tuple[GridCell | None, ...]
    """One per person, in the order of :attr:`PackingGrid.people`; None: not on their list."""


@dataclass(frozen=True)
class GridPerson:
    number: int
    name: str
    label: str
    """The column heading: the first given name, short enough for a narrow column."""
    route: Route
    appointment: AppointmentView | None
    photos: str
    fee: str


@dataclass(frozen=True)
class PackingGrid:
    """A large household's packing list on one grid: pieces as rows, people as columns."""

    anchor: str
    people: tuple[GridPerson, ...]
    rows: tuple[GridRow, ...]
    at_the_desk: tuple[str, ...]
    """What to bring on the day, when someone files at the desk (else empty)."""
    on_anef: tuple[str, ...]
    """What to have ready, when someone files on ANEF (else empty)."""
    fee_when: tuple[str, ...]
    """When the timbre fiscal is paid, once for the people it is the same for."""


GRID_LABEL_MAX = 9
"""Characters of a first name that fit a column of the packing grid."""


def packing_grid(parts: list[MemberPart]) -> PackingGrid:
    """One grid for the household: each piece once, with a column of boxes per person.

    The pieces come section by section, in the order of the lists: a piece new to a
    person's list goes after the one that precedes it there, so every person's pieces stay
    in their own order.
    """
    sections: list[str] = []
    orders: dict[str, list[str]] = {}
    names: dict[str, tuple[str, str]] = {}
    cells: dict[tuple[str, int], GridCell] = {}
    for index, part in enumerate(parts):
        _merge(sections, [s.title_fr for s in part.sections])
        for section in part.sections:
            rows = [row for row in section.rows if row.state != "skip"]
            _merge(orders.setdefault(section.title_fr, []), [row.id for row in rows])
            for row in rows:
                names.setdefault(row.id, (row.name_fr, row.name_en))
                cells[row.id, index] = GridCell(
                    row.number, row.originals, row.copies, row.state == "done"
                )
    order = [piece for title in sections for piece in orders[title]]
    people = tuple(
        GridPerson(
            number=index + 1,
            name=part.name,
            label=_grid_label(part),
            route=part.route,
            appointment=part.appointment,
            photos=_grid_photos(part),
            fee=_grid_fee(part),
        )
        for index, part in enumerate(parts)
    )
    routes = {part.route for part in parts}
    return PackingGrid(
        anchor="packing-grid",
        people=people,
        rows=tuple(
            GridRow(*names[piece], tuple(cells.get((piece, i)) for i in range(len(parts))))
            for piece in order
        ),
        at_the_desk=tuple(_(line) for line in BRING_AT_THE_DESK) if "prefecture" in routes else (),
        on_anef=tuple(_(line) for line in READY_ON_ANEF) if "anef" in routes else (),
        fee_when=tuple(dict.fromkeys(p.fee.when_paid for p in parts if not p.fee.free)),
    )


def _grid_photos(part: MemberPart) -> str:
    photos = part.photos
    if photos.kind == "paper":
        return _("{count} paper photos").format(count=photos.count)
    if photos.kind == "ephoto":
        if photos.code:
            return _("e-photo code {code}").format(code=photos.code)
        return _("e-photo code: not bought yet")
    return _("none needed")


def _grid_fee(part: MemberPart) -> str:
    fee = part.fee
    if fee.free:
        return _("gratuit: nothing to pay")
    if fee.upper:
        return _("{amount} (budget up to {upper})").format(amount=fee.amount, upper=fee.upper)
    return fee.amount


def _grid_label(part: MemberPart) -> str:
    given = part.name_fr.given.split()
    label = given[0] if given else part.name_fr.surname_upper
    return label if len(label) <= GRID_LABEL_MAX else label[: GRID_LABEL_MAX - 1] + "…"


def _merge(merged: list[str], items: list[str]) -> None:
    """Add ``items`` to ``merged``, each new one after the item that precedes it."""
    position = -1
    for item in items:
        if item in merged:
            position = merged.index(item)
        else:
            position += 1
            merged.insert(position, item)
