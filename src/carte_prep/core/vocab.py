"""The closed vocabularies shared by the saved files and the catalogue.

They are the words the rules are written in. Adding a value here is a schema change;
adding a card type or a document is not (those live in the catalogue data files).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, get_args

from carte_prep.i18n import N_, Translated

Request = Literal["card", "duplicate", "change-of-situation", "vls-ts-validation"]
"""What the person asks for, in their words: a card (first, next or a different one), a
duplicate of a lost card, a change of situation on their card, or the visa validation."""
HeldKind = Literal["card", "vls-ts"]
"""What the person holds today: a residence card, or a long-stay visa valant titre de séjour."""
Procedure = Literal[
    "first-admission",
    "after-vls-ts",
    "renewal",
    "change-of-status",
    "duplicate",
    "change-of-situation",
    "vls-ts-validation",
]
"""The legal path, derived from what is held and what is asked (never typed by the person)."""
Route = Literal["anef", "prefecture"]
LateFee = Literal["due", "disputed", "none"]
"""Whether the €180 of L.436-5 follows a late filing: by the text, disputed, or never."""
Status = Literal["todo", "requested", "gathered", "not-applicable", "handed-in"]
ReceiptKind = Literal["recepisse", "prolongation"]
"""'recepisse' from the prefecture desk; 'prolongation' is ANEF's attestation de
prolongation d'instruction."""
Housing = Literal["own-name", "hosted", "hotel", "student-residence"]
MaritalStatus = Literal["single", "married", "pacs", "divorced", "widowed"]
Relationship = Literal["self", "spouse", "partner", "child", "parent", "other"]
EmploymentChange = Literal["same-employer", "new-employer", "job-lost"]
LossOrTheft = Literal["loss", "theft"]
ChangeKind = Literal["address", "civil-status", "family"]
AppointmentKind = Literal["first-application", "renewal", "collection", "other"]
ResidentBasis = Literal[
    "spouse-of-french", "parent-of-french-child", "family-reunification", "other"
]
"""The legal ground of a 10-year card (carte de résident, or the Algerian 10-year
certificate): it decides the route and the evidence."""
TalentBasis = Literal["diploma", "intra-group-mission", "innovative-company"]
"""How a 'talent - salarié qualifié' applicant qualifies since decree 2025-539."""
Regime = Literal["ceseda", "algeria", "eu-law", "withdrawal-agreement"]
"""The body of law a card is issued under: the CESEDA, the Franco-Algerian accord of 1968,
EU free-movement law (family of EU citizens), or the Brexit Withdrawal Agreement."""
Confidence = Literal["C2", "C3", "S", "Seed", "Conflict", "Inference"]

REQUESTS: tuple[Request, ...] = get_args(Request)
HELD_KINDS: tuple[HeldKind, ...] = get_args(HeldKind)
PROCEDURES: tuple[Procedure, ...] = get_args(Procedure)
ROUTES: tuple[Route, ...] = get_args(Route)
REGIMES: tuple[Regime, ...] = get_args(Regime)
STATUSES: tuple[Status, ...] = get_args(Status)
DONE_STATUSES: frozenset[Status] = frozenset({"gathered", "handed-in"})
NEXT_STATUS: dict[Status, Status] = {
    "todo": "requested",
    "requested": "gathered",
    "gathered": "handed-in",
    "handed-in": "not-applicable",
    "not-applicable": "todo",
}
"""The next status when cycling, in the order a paper usually goes through them."""
RECEIPT_KINDS: tuple[ReceiptKind, ...] = get_args(ReceiptKind)

STATUS_WORDS: Mapping[Status, str] = Translated(
    {
        "todo": N_("to do"),
        "requested": N_("requested"),
        "gathered": N_("gathered"),
        "handed-in": N_("handed in"),
        "not-applicable": N_("not applicable"),
    }
)
"""Each status in words, the same in the app, the command line's help and the README."""

RECEIPT_LABELS: Mapping[ReceiptKind, str] = Translated(
    {
        "recepisse": N_("récépissé (from the prefecture desk)"),
        "prolongation": N_("attestation de prolongation (ANEF)"),
    }
)
RECEIPT_NAMES: dict[ReceiptKind, str] = {
    "recepisse": "récépissé",
    "prolongation": "attestation de prolongation",
}
"""The paper's own name, inside a sentence ('Your récépissé runs out...')."""

PROCEDURE_LABELS: Mapping[Procedure, str] = Translated(
    {
        "first-admission": N_("first admission to stay (first card)"),
        "after-vls-ts": N_("first card after a long-stay visa (VLS-TS)"),
        "renewal": N_("renewal of the same card"),
        "change-of-status": N_("change of status (a different card)"),
        "duplicate": N_("duplicate after loss or theft"),
        "change-of-situation": N_("change of situation"),
        "vls-ts-validation": N_("VLS-TS visa validation"),
    }
)

REQUEST_LABELS: Mapping[Request, str] = Translated(
    {
        "card": N_("a card (a first one, the next one, or a different one)"),
        "duplicate": N_("a duplicate of a lost or stolen card"),
        "change-of-situation": N_("to declare a change (address, civil status, family) on my card"),
        "vls-ts-validation": N_("to validate my long-stay visa (VLS-TS) online"),
    }
)

ROUTE_WHERE: Mapping[Route, str] = Translated(
    {"anef": N_("online on ANEF"), "prefecture": N_("at the prefecture desk")}
)
"""As an answer to 'where do you file?' (the profile's choice)."""

HELD_LABELS: Mapping[HeldKind | None, str] = Translated(
    {
        None: N_("nothing: no residence card and no VLS-TS"),
        "vls-ts": N_("a long-stay visa valant titre de séjour (VLS-TS)"),
        "card": N_("a residence card"),
    }
)
