"""The two short outputs made from a member's part: the bordereau and the packing list.

The bordereau des pièces is for the clerk: French only, one page, the person as French
administration writes them (NOM Prénoms) and the numbered pieces with Original / Copie
columns and an empty « fourni » box. The packing list is for the applicant on the day:
empty boxes to tick as each piece goes into the folder, and a verdict; from four people
it is one grid for the household (:mod:`.grid`), as one list each would print
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
    MemberPart,
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
