"""The two short outputs made from a member's part: the bordereau and the packing list.

The bordereau des pièces is for the clerk: French only, one page, the person as French
administration writes them (NOM Prénoms) and the numbered pieces with Original / Copie
columns and an empty « fourni » box. The packing list is for the applicant on the day:
empty boxes to tick as each piece goes into the folder, and a verdict.
"""

from __future__ import annotations

from carte_prep.core.countries import countries
from carte_prep.core.dates import fmt
from carte_prep.core.model import Household, Member
from carte_prep.core.redact import Redactor
from carte_prep.dossier.views import (
    Bordereau,
    BordereauPiece,
    MemberPart,
    PackingList,
    PackingPiece,
)

BRING_AT_THE_DESK = (
    "This packing list, and the bordereau des pièces for the clerk (on top of the folder).",
    "Your passport and the printed appointment confirmation (convocation).",
    "Every original on the list, plus one photocopy of each, on plain A4, sorted in the order "
    "of the list, no staples.",
    "Arrive 15 minutes early: late arrivals can be turned away and must book again.",
    "Each person whose card is asked for comes in person.",
)
READY_ON_ANEF = (
    "One file per slot, in the order of the list: 'carte-prep upload-set' makes them, "
    "named by slot, each under the size limit.",
    "The e-photo code, bought a few days before (it can take 72 hours to work).",
    "The timbre fiscal number when a fee is due at filing.",
    "Keep every original: the prefecture may ask to see it when the card is collected.",
)


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
        photo_line = f"{photos.count} identical paper photos, originals, uncut."
    elif photos.kind == "ephoto":
        photo_line = (
            f"E-photo code {photos.code} (enter it on ANEF)."
            if photos.code
            else "E-photo code: not bought yet."
        )
    else:
        photo_line = "No photo is needed."
    fee = part.fee
    if fee.free:
        fee_line = "Gratuit: nothing to pay, do not buy a timbre fiscal."
    else:
        upper = f" (budget up to {fee.upper})" if fee.upper else ""
        fee_line = f"Timbre fiscal: {fee.amount}{upper}; {fee.when_paid}."
    return PackingList(
        anchor=f"packing-{part.id}",
        name=part.name,
        running=f"{part.running_name} · packing list",
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
                row.bring,
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
        bring_on_the_day=READY_ON_ANEF if part.route == "anef" else BRING_AT_THE_DESK,
    )
