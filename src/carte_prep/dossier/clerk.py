"""The two short outputs made from a member's part: the bordereau and the packing list.

The bordereau des pièces is for the clerk: French only, one page, the person as French
administration writes them (NOM Prénoms) and the numbered pieces with Original / Copie
columns and an empty « fourni » box. The packing list is for the applicant on the day:
empty boxes to tick as each piece goes into the folder, and a verdict; from four people
it is one grid for the household (:func:`packing_grid`), as one list each would print
the same pieces over five pages.
"""

from __future__ import annotations

from carte_prep.core.countries import countries
from carte_prep.core.dates import fmt
from carte_prep.core.model import Household, Member
from carte_prep.core.redact import Redactor
from carte_prep.dossier.views import (
    Bordereau,
    BordereauPiece,
    GridCell,
    GridPerson,
    GridRow,
    MemberPart,
    PackingGrid,
    PackingList,
    PackingPiece,
)
from carte_prep.i18n import N_, _, language

BRING_AT_THE_DESK = (
    N_("This packing list, and the bordereau des pièces for the clerk (on top of the folder)."),
    N_("Your passport and the printed appointment confirmation (convocation)."),
    N_(
        "Every original on the list, plus one photocopy of each, on plain A4, sorted in the "
        "order of the list, no staples."
    ),
    N_("Arrive 15 minutes early: late arrivals can be turned away and must book again."),
    N_("Each person whose card is asked for comes in person."),
)
READY_ON_ANEF = (
    N_(
        "One file per slot, in the order of the list: 'carte-prep upload-set' makes them, "
        "named by slot, each under the size limit."
    ),
    N_("The e-photo code, bought a few days before (it can take 72 hours to work)."),
    N_("The timbre fiscal number when a fee is due at filing."),
    N_("Keep every original: the prefecture may ask to see it when the card is collected."),
)
"""In English: the packing list says them in the applicant's language."""


def nationality_fr(member: Member) -> str:
    country = countries().get(member.nationality or "")
    return country.name_fr if country else (member.nationality_as_written or "")


def bordereau(
    household: Household, member: Member, part: MemberPart, redactor: Redactor
) -> Bordereau:
    application = member.application
    card = application.current_card if application else None
    numero = card.numero_etranger if card and card.numero_etranger else ""
    address = household.address_of(member.id)
    anef = part.route == "anef"
    return Bordereau(
        anchor=f"bordereau-{member.id}",
        name=part.name_fr,
        born_on=fmt(member.birth_date),
        born_in=redactor.text(member.birth_place or ""),
        nationality=redactor.text(nationality_fr(member)),
        numero=redactor.identifier(numero) if numero else "",
        address=(
            (redactor.text(address.street), f"{address.postcode} {redactor.text(address.town)}")
            if address
            else ()
        ),
        phone=redactor.text(member.phone or ""),
        email=redactor.text(member.email or ""),
        card_fr=part.card_fr,
        request_fr=part.request_fr,
        where="Dépôt en ligne (ANEF)" if anef else "Dépôt en préfecture",
        pieces=tuple(
            BordereauPiece(row.number, row.name_fr, row.originals, row.copies, anef)
            for section in part.sections
            for row in section.rows
            if row.state != "skip"
        ),
    )


def packing_list(part: MemberPart) -> PackingList:
    photos = part.photos
    if photos.kind == "paper":
        photo_line = _("{count} identical paper photos, originals, uncut.").format(
            count=photos.count
        )
    elif photos.kind == "ephoto":
        photo_line = (
            _("E-photo code {code} (enter it on ANEF).").format(code=photos.code)
            if photos.code
            else _("E-photo code: not bought yet.")
        )
    else:
        photo_line = _("No photo is needed.")
    fee = part.fee
    if fee.free:
        fee_line = _("Gratuit: nothing to pay, do not buy a timbre fiscal.")
    elif fee.upper:
        fee_line = _("Timbre fiscal: {amount} (budget up to {upper}); {when}.").format(
            amount=fee.amount, upper=fee.upper, when=fee.when_paid
        )
    else:
        fee_line = _("Timbre fiscal: {amount}; {when}.").format(
            amount=fee.amount, when=fee.when_paid
        )
    return PackingList(
        anchor=f"packing-{part.id}",
        name=part.name,
        running=_("{name} · packing list").format(name=part.running_name),
        card_en=part.card_en,
        route=part.route,
        verdict=part.verdict,
        appointment=part.appointment,
        where=part.where,
        pieces=tuple(
            PackingPiece(
                row.number,
                row.name_fr,
                row.name_en,
                row.bring_fr if language() == "fr" else row.bring,
                row.originals,
                row.copies,
                row.state == "done",
                row.status,
            )
            for section in part.sections
            for row in section.rows
            if row.state != "skip"
        ),
        photos=photo_line,
        fee=fee_line,
        bring_on_the_day=tuple(
            _(line) for line in (READY_ON_ANEF if part.route == "anef" else BRING_AT_THE_DESK)
        ),
    )


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
