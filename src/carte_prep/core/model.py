"""The saved data: households, their members, each member's application and tracking.

Everything a person types passes through :mod:`carte_prep.core.text`, so what is stored
is NFC, free of hidden controls and within stated limits. Models forbid unknown keys so a
typo in a hand-edited file is reported rather than silently dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Final, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from carte_prep.core.countries import check_code
from carte_prep.core.errors import NotFoundError
from carte_prep.core.text import clean_line, clean_multiline
from carte_prep.core.vocab import (
    AppointmentKind,
    ChangeKind,
    EmploymentChange,
    HeldKind,
    Housing,
    LossOrTheft,
    MaritalStatus,
    ReceiptKind,
    Relationship,
    Request,
    ResidentBasis,
    Route,
    Status,
    TalentBasis,
)
from carte_prep.i18n import N_, _

ModelType = TypeVar("ModelType", bound=BaseModel)

SCHEMA_VERSION: Final = 2
NAME_MAX = 200
LINE_MAX = 300
NOTES_MAX = 10_000
ATTACHMENTS_MAX = 50

Name = Annotated[str, AfterValidator(lambda v: _non_empty(clean_line(v, max_length=NAME_MAX)))]
Line = Annotated[str, AfterValidator(lambda v: clean_line(v, max_length=LINE_MAX))]
RequiredLine = Annotated[str, AfterValidator(lambda v: _filled(clean_line(v, max_length=LINE_MAX)))]
Notes = Annotated[str, AfterValidator(lambda v: clean_multiline(v, max_length=NOTES_MAX))]

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
"""Ids of households, members and catalogue entries: lower case, digits, inner hyphens."""


def _non_empty(value: str) -> str:
    if not value:
        raise ValueError(_("is empty; type it exactly as printed on the passport"))
    return value


def _filled(value: str) -> str:
    if not value:
        raise ValueError(_("is empty; fill it in"))
    return value


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(
            _(
                "{value} is not a valid id; use 1-64 lower-case letters, digits and hyphens, "
                "for example 'martin-family'"
            ).format(value=repr(value))
        )
    return value


Slug = Annotated[str, AfterValidator(_slug)]

EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2200, 12, 31)


def plausible_day(value: dt.date) -> dt.date:
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValueError(
            _("{date} is not a plausible date; check the year (between {first} and {last})").format(
                date=value.isoformat(), first=EARLIEST_DAY.year, last=LATEST_DAY.year
            )
        )
    return value


Day = Annotated[dt.date, AfterValidator(plausible_day)]
"""Every date in the files: a typo such as year 9999 is refused, not computed with."""


def within_plausible_days(value: ModelType) -> ModelType:
    """The model, with any date outside the plausible years moved to the nearest end.

    A file never holds such a date (``Day`` refuses it), but a model built in memory
    without validation might; the engine calls this first so that it never fails on date
    arithmetic. The same object is returned when every date is plausible (the usual case).
    """
    changes: dict[str, object] = {}
    for name, current in value.__dict__.items():
        changed = _plausible_value(current)
        if changed is not current:
            changes[name] = changed
    return value.model_copy(update=changes) if changes else value


def _plausible_value(value: object) -> object:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return min(max(value, EARLIEST_DAY), LATEST_DAY)  # the same object when in range
    if isinstance(value, BaseModel):
        return within_plausible_days(value)
    if isinstance(value, list):
        items = [_plausible_value(v) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        entries = {k: _plausible_value(v) for k, v in value.items()}
        return entries if any(entries[k] is not v for k, v in value.items()) else value
    return value


def _catalogue_id(message: str) -> AfterValidator:
    """A check that a value has the form of a catalogue id (lower-case, digits, hyphens).

    ``message`` is marked with ``N_`` and says ``{value}`` is wrong; it is translated when
    a value is refused, in the language spoken then.
    """

    def check(value: str) -> str:
        if not _SLUG.fullmatch(value):
            raise ValueError(_(message).format(value=repr(value[:40])))
        return value

    return AfterValidator(check)


ItemId = Annotated[
    str,
    _catalogue_id(
        N_(
            "{value} is not a checklist item id; ids are lower-case letters, digits and "
            "hyphens, as shown by 'carte-prep checklist'"
        )
    ),
]
"""A catalogue requirement id; not checked against the catalogue, so old ids still load."""

CardId = Annotated[
    str,
    _catalogue_id(
        N_(
            "{value} is not a card type id; ids are lower-case letters, digits and "
            "hyphens, as shown by 'carte-prep cards'"
        )
    ),
]
"""A catalogue card id. Only its form is checked: a card that left the catalogue still
loads, and the checklist says it is not covered (the CLI and the app refuse unknown ids
when they are typed)."""

_DEPARTEMENT = re.compile(r"0[1-9]|1[0-9]|2[1-9]|2A|2B|[3-8][0-9]|9[0-5]|97[1-6]")


def _departement(value: str) -> str:
    code = value.strip().upper()
    if not _DEPARTEMENT.fullmatch(code):
        raise ValueError(
            _(
                "{value} is not a département code; use the number from the post code, "
                "such as '24', '2A' or '974'"
            ).format(value=repr(value[:20]))
        )
    return code


DepartementCode = Annotated[str, AfterValidator(_departement)]
Nationality = Annotated[str, AfterValidator(check_code)]
"""An ISO 3166-1 alpha-2 code; a country name or nationality word is read as its code."""


class Model(BaseModel):
    """Base for saved models: unknown keys are errors, assignments are validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def _compact(value: str) -> str:
    return "".join(value.split())


class Passport(Model):
    """The passport the application is made with."""

    number: str | None = None
    """Document number, stored as text (leading zeros kept), spaces removed, upper case."""
    issuing_country: Line | None = None
    valid_until: Day | None = None

    @field_validator("number")
    @classmethod
    def _normalise_number(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = _compact(clean_line(value, max_length=40)).upper()
        if not re.fullmatch(r"[A-Z0-9]{1,20}", value):
            raise ValueError(
                _(
                    "should be 1 to 20 letters or digits as printed on the passport "
                    "(no dashes or other signs)"
                )
            )
        return value


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
        value = _compact(clean_line(value, max_length=40))
        if not re.fullmatch(r"[0-9]{9,10}", value):
            raise ValueError(
                _(
                    "should be the 10 digits printed on the card or récépissé "
                    "(9 digits are accepted); letters and signs are not part of it"
                )
            )
        return value

    @model_validator(mode="after")
    def _dates_in_order(self) -> CurrentCard:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError(_("valid_until is before valid_from; check the two dates on the card"))
        return self


class Appointment(Model):
    """A prefecture appointment (filing or collection)."""

    kind: AppointmentKind = "renewal"
    date: Day | None = None
    time: dt.time | None = None
    place: Line | None = None
    confirmation: Line | None = None


class EPhoto(Model):
    """The e-photo code bought in an approved booth, for an ANEF application.

    Typed as printed or read out (lower case, spaces, dashes), stored in capitals only.
    """

    code: str
    purchased_on: Day | None = None

    @field_validator("code")
    @classmethod
    def _normalise_code(cls, value: str) -> str:
        value = _compact(clean_line(value, max_length=60)).replace("-", "").upper()
        if not re.fullmatch(r"[A-Z0-9]{18,26}", value):
            raise ValueError(
                _("should be the code of about 22 letters and digits printed on the photo sheet")
            )
        return value


class Receipt(Model):
    """A paper récépissé (desk) or an ANEF attestation that covers the wait for the card."""

    kind: ReceiptKind
    issued_on: Day | None = None
    valid_until: Day

    @model_validator(mode="after")
    def _dates_in_order(self) -> Receipt:
        if self.issued_on and self.valid_until < self.issued_on:
            raise ValueError(_("valid_until is before issued_on; check the two dates on it"))
        return self


class ExtraDocumentsRequest(Model):
    """The prefecture asked for more documents after filing."""

    received_on: Day
    deadline: Day
    """The date written in the letter or message."""
    what: RequiredLine
    sent_on: Day | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> ExtraDocumentsRequest:
        if self.deadline < self.received_on:
            raise ValueError(_("deadline is before received_on; check the date in the letter"))
        if self.sent_on and self.sent_on < self.received_on:
            raise ValueError(_("sent_on is before received_on; check the day you sent them"))
        return self


class TimbreFiscal(Model):
    """The electronic fee stamp bought for the collection."""

    number: str
    amount: int = Field(gt=0, le=10_000)
    """In euros, as stated in the message that the card is ready."""
    bought_on: Day | None = None

    @field_validator("number")
    @classmethod
    def _sixteen_digits(cls, value: str) -> str:
        value = _compact(clean_line(value, max_length=40))
        if not re.fullmatch(r"[0-9]{16}", value):
            raise ValueError(_("should be the 16-digit number of the electronic stamp"))
        return value


class AfterFiling(Model):
    """What happened once the file was in: receipts, requests, the card, the collection."""

    filed_on: Day | None = None
    """The day the file was handed in or submitted (the attestation de dépôt's date)."""
    receipts: list[Receipt] = Field(default_factory=list, max_length=50)
    requests: list[ExtraDocumentsRequest] = Field(default_factory=list, max_length=50)
    card_ready_on: Day | None = None
    """The day the SMS or e-mail said the card is ready."""
    timbre: TimbreFiscal | None = None
    collection: Appointment | None = None


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


_POSTCODE = re.compile(r"[0-9]{5}")
_PHONE = re.compile(r"\+?[0-9][0-9 .()-]{5,24}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _postcode(value: str) -> str:
    code = _compact(value)
    if not _POSTCODE.fullmatch(code):
        raise ValueError(
            _("{value} is not a French post code; use its 5 digits, e.g. 75011").format(
                value=repr(value[:20])
            )
        )
    return code


def _phone(value: str) -> str:
    value = clean_line(value, max_length=40)
    if not _PHONE.fullmatch(value):
        raise ValueError(
            _(
                "{value} is not a phone number; use digits, spaces and an optional leading +, "
                "e.g. +33 6 12 34 56 78"
            ).format(value=repr(value))
        )
    return value


def _email(value: str) -> str:
    value = clean_line(value, max_length=LINE_MAX)
    if not _EMAIL.fullmatch(value):
        raise ValueError(
            _("{value} is not an e-mail address; e.g. name@example.org").format(value=repr(value))
        )
    return value


def _unset(value: object) -> bool:
    """Contact details left out are not written, so files without them read as before."""
    return value is None


class PostalAddress(Model):
    """A postal address in France, as the prefecture writes it on the card and letters."""

    street: RequiredLine
    """Number, street and any flat or building details, on one line."""
    postcode: Annotated[str, AfterValidator(_postcode)]
    town: RequiredLine

    @property
    def one_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.town}"


class Member(Model):
    """One person in the household."""

    id: Slug
    given_names: Name
    surname: Name | None = None
    """Optional: mononyms exist. Exactly as on the passport, in any script."""
    birth_date: Day
    birth_place: Line | None = None
    nationality: Nationality | None = None
    """ISO 3166-1 alpha-2 code (GB, LB, DZ...); None when not set."""
    nationality_as_written: Line | None = None
    """A nationality typed in an older version that could not be read as a country: kept
    so nothing is lost, until a code is chosen."""
    relationship: Relationship = "self"
    passport: Passport = Field(default_factory=Passport)
    phone: Annotated[str, AfterValidator(_phone)] | None = Field(None, exclude_if=_unset)
    email: Annotated[str, AfterValidator(_email)] | None = Field(None, exclude_if=_unset)
    address: PostalAddress | None = Field(None, exclude_if=_unset)
    """Only when this member lives elsewhere than the household's address."""
    application: Application | None = None
    """None when the person needs no card (for example a minor)."""
    tracking: dict[ItemId, Tracking] = Field(default_factory=dict, max_length=500)
    """Keyed by catalogue requirement id; kept when the card type changes."""

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.surname) if part)


class SharedEvidence(Model):
    """One document that serves several members (a lease, a bill in both names)."""

    requirement: ItemId
    members: list[Slug] = Field(min_length=1)
    tracking: Tracking = Field(default_factory=Tracking)


class Household(Model):
    """The saved root: one JSON file per household."""

    schema_version: Literal[2] = 2
    id: Slug
    name: RequiredLine
    address: PostalAddress | None = Field(None, exclude_if=_unset)
    """Where the household lives; a member with an address of their own overrides it."""
    members: list[Member] = Field(default_factory=list)
    shared: list[SharedEvidence] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Household:
        ids = [m.id for m in self.members]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(
                _("member id {member} is used twice; give each a unique id").format(
                    member=repr(duplicates[0])
                )
            )
        seen: set[str] = set()
        for evidence in self.shared:
            unknown = [m for m in evidence.members if m not in ids]
            if unknown:
                raise ValueError(
                    _(
                        "shared document {item} names unknown member {member}; use one of {ids}"
                    ).format(
                        item=repr(evidence.requirement),
                        member=repr(unknown[0]),
                        ids=", ".join(ids) or _("(no members yet)"),
                    )
                )
            if evidence.requirement in seen:
                raise ValueError(
                    _("shared document {item} is listed twice; merge the entries").format(
                        item=repr(evidence.requirement)
                    )
                )
            seen.add(evidence.requirement)
        return self

    def shared_for(self, member_id: str, requirement_id: str) -> SharedEvidence | None:
        """The household document that serves this member for this item, if any."""
        evidence = self.shared_document(requirement_id)
        return evidence if evidence is not None and member_id in evidence.members else None

    def shared_document(self, requirement_id: str) -> SharedEvidence | None:
        """The household document kept for this item, whoever it serves."""
        return next((e for e in self.shared if e.requirement == requirement_id), None)

    def address_of(self, member_id: str) -> PostalAddress | None:
        """The member's own address, else the household's (None when neither is known)."""
        return self.member(member_id).address or self.address

    def member(self, member_id: str) -> Member:
        for member in self.members:
            if member.id == member_id:
                return member
        raise KeyError(member_id)

    def find_member(self, member_id: str) -> Member:
        """The member, or a NotFoundError that lists the valid ids."""
        try:
            return self.member(member_id)
        except KeyError:
            ids = ", ".join(m.id for m in self.members) or _("(none yet)")
            raise NotFoundError(
                _("no member {member} in household {household}; members: {ids}").format(
                    member=repr(member_id), household=repr(self.id), ids=ids
                )
            ) from None
