"""A member's application: what is asked for and held, the situation facts, the photos,
and what has been done about each checklist item."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from carte_prep.core.model.after_filing import AfterFiling, Appointment
from carte_prep.core.model.values import (
    ATTACHMENTS_MAX,
    CardId,
    Day,
    DepartementCode,
    ItemId,
    Line,
    Model,
    Notes,
    compact,
    not_before,
)
from carte_prep.core.text import clean_line
from carte_prep.core.vocab import (
    ChangeKind,
    EmploymentChange,
    HeldKind,
    Housing,
    LossOrTheft,
    MaritalStatus,
    Request,
    ResidentBasis,
    Route,
    Status,
    TalentBasis,
)
from carte_prep.i18n import N_, _


class CurrentCard(Model):
    """What the person holds today: a residence card or a long-stay visa (VLS-TS)."""

    kind: HeldKind = "card"
    card_type: CardId | None = None
    """The catalogue card id of the card held, or for a VLS-TS the card the visa stands for
    (a VLS-TS « étudiant » is ``etudiant``); None when not said."""

    numero_etranger: str | None = None
    """The 10-digit AGDREF number (9 digits are accepted with a warning)."""
    valid_from: Day | None = None
    valid_until: Day | None = None
    issued_on: Day | None = None
    """Date the card was made; it tells which card model it is and where the number is."""

    @field_validator("numero_etranger")
    @classmethod
    def _normalise_numero(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = compact(clean_line(value, max_length=40))
        if not re.fullmatch(r"[0-9]{9,10}", value):
            raise ValueError(
                _(
                    "should be the 10 digits printed on the card or récépissé "
                    "(9 digits are accepted); letters and signs are not part of it"
                )
            )
        return value

    @field_validator("valid_until")
    @classmethod
    def _not_before_start(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        message = N_(
            "the end date is before the start date ({date}); check the two dates on the card"
        )
        return not_before(value, info.data.get("valid_from"), message)


class EPhoto(Model):
    """The e-photo code bought in an approved booth, for an ANEF application.

    Typed as printed or read out (lower case, spaces, dashes), stored in capitals only.
    """

    code: str
    purchased_on: Day | None = None

    @field_validator("code")
    @classmethod
    def _normalise_code(cls, value: str) -> str:
        value = compact(clean_line(value, max_length=60)).replace("-", "").upper()
        if not re.fullmatch(r"[A-Z0-9]{18,26}", value):
            raise ValueError(
                _("should be the code of about 22 letters and digits printed on the photo sheet")
            )
        return value


class Situation(Model):
    """Facts about the person's life that decide which documents apply."""

    # Read by pydantic here only: these docstrings describe the catalogue's facts (FACTS).
    model_config = ConfigDict(use_attribute_docstrings=True)

    marital_status: MaritalStatus = "single"
    married_abroad: bool = False
    """The marriage was celebrated outside France (it must be transcribed in Nantes)."""
    spouse_is_french: bool = False
    children_in_france: bool = False
    child_parents_separated: bool = False
    """For a parent of a French child: the parents do not live together."""
    housing: Housing = "own-name"
    civil_documents_abroad: bool = False
    """Birth or marriage records were issued abroad in another language."""
    nationality_allows_polygamy: bool = False
    no_long_stay_visa: bool = False
    """Entered without a long-stay visa (or irregularly): a first card then carries the
    droit de visa de régularisation, part of it paid at filing."""
    irregular_stay: bool = False
    """Staying in France today without a valid visa or residence document (for example
    after a short-stay visa ended). For a card that needs no long-stay visa (an Algerian
    certificate as spouse or parent of a French national), the droit de visa de
    régularisation is then due."""
    first_multi_year_card: bool | None = None
    """This application asks for the first multi-year card or first 10-year card
    (None: not answered yet, which the checklist points out where it matters)."""
    filiation_by_recognition: bool | None = None
    """For a parent of a French child: the child's filiation comes from a recognition
    (reconnaissance), so the French parent's contribution is checked too (None: not said)."""
    protection_family_member: bool = False
    """For a refugee, subsidiary-protection or stateless card: asked as the spouse, partner,
    child or parent of the person OFPRA protected, not as that person (whose civil status
    OFPRA itself certifies)."""
    resident_basis: ResidentBasis | None = None
    """For a 10-year resident card: the ground it is asked on (None: not said)."""
    talent_basis: TalentBasis | None = None
    """For a talent card (qualified employee): how the person qualifies (None: not said)."""
    schooled_in_france: bool = False
    """Three years of secondary school or one year of higher education in France: exempt
    from the civic exam (service-public F39530)."""
    creating_business: bool | None = None
    """After studies (card « recherche d'emploi ou création d'entreprise »): the plan is to
    create a company rather than to look for a job (None: not said)."""
    phd_student: bool = False
    """For a student card: a doctoral student (the thesis supervisor's letter is asked)."""
    family_status_changed: bool = False
    """Marriage, divorce or death since the current card was issued."""
    employment_change: EmploymentChange = "same-employer"
    """For a work-card renewal: same employer, new employer, or the job ended."""
    loss_or_theft: LossOrTheft = "loss"
    """For a duplicate: the card was lost or stolen."""
    change_kind: ChangeKind = "address"
    """For a change of situation: what changed."""
    wants_new_card: bool = False
    """For a change of situation: a new card is asked for (it carries a fee)."""


class Application(Model):
    """What a member asks for and holds, where, and when.

    The legal path (first admission, card after a VLS-TS, renewal, change of status...) is
    not stored: it is derived from ``request``, ``card_type`` and ``current_card``.
    """

    card_type: CardId
    """The card asked for ("What do you ask for?"); for a duplicate or a change of
    situation, the card concerned."""
    request: Request = "card"
    route_choice: Route | None = None
    """Only used where the route varies by département and the person has chosen."""
    departement: DepartementCode | None = None
    situation: Situation = Field(default_factory=Situation)
    current_card: CurrentCard | None = None
    appointment: Appointment | None = None
    planned_filing_date: Day | None = None
    ephoto: EPhoto | None = None
    arrived_on: Day | None = None
    """Arrival in France on a long-stay visa (it must be validated within 3 months)."""
    address_changed_on: Day | None = None
    """Moving day, for the duty to declare a new address."""
    after_filing: AfterFiling = Field(default_factory=AfterFiling)


class Tracking(Model):
    """What the person has done about one checklist item."""

    status: Status = "todo"
    document_date: Day | None = None
    """The date printed on the document, used to judge how fresh it is."""
    notes: Notes = ""
    attachments: list[Line] = Field(default_factory=list, max_length=ATTACHMENTS_MAX)
    """Paths of scans the person chose to attach."""
    foreign_language: bool | None = None
    """Whether this document is in another language; None follows the situation."""
    translated: bool = False
    """A sworn translation has been obtained."""
    variant: ItemId | None = None
    """Which kind of document it is, where the kind changes how old it may be (a deed
    or a bill, a TCF result or a diploma); None: the strictest is assumed."""
