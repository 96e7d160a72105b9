"""The profile editor's fields, step by step: where each value goes in the model and what
each choice means, in one line.

The form is declared here as data so the editor can build, read and validate every step
the same way; the model (pydantic) stays the one judge of what is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from carte_prep.core import load_catalogue
from carte_prep.core.vocab import PROCEDURE_LABELS

Kind = Literal["text", "date", "time", "choice", "flag", "presence", "departement"]
Path = tuple[str, ...]


@dataclass(frozen=True)
class FieldSpec:
    """One field: its place in the Member data, its label, and how it is typed."""

    path: Path
    label: str
    kind: Kind = "text"
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, label) pairs for a choice; the label says what the value means."""
    required: bool = False
    """An empty text field is sent as "" (so the model says why) rather than None."""
    new_only: bool = False
    """Shown only when adding a member (the id cannot change later)."""

    @property
    def widget_id(self) -> str:
        return "f-" + "-".join(self.path).replace("_", "-")

    @property
    def error_id(self) -> str:
        return "e-" + "-".join(self.path).replace("_", "-")


@dataclass(frozen=True)
class Step:
    """One tab of the form."""

    title: str
    fields: tuple[FieldSpec, ...]
    intro: str = ""
    presence: Path | None = None
    """The optional part of the model this step fills in (None: always there)."""
    extra: tuple[str, ...] = field(default=())
    """Ids of information lines the editor fills in (card summary, numéro hint...)."""


APP: Path = ("application",)
SIT: Path = (*APP, "situation")
CUR: Path = (*APP, "current_card")
APPT: Path = (*APP, "appointment")


def _yes_no(path: Path, label: str, help: str) -> FieldSpec:
    return FieldSpec(path, label, "flag", help)


def card_choices() -> tuple[tuple[str, str], ...]:
    """Every card type, named in English (the French name is shown once chosen)."""
    return tuple((card.id, card.name_en) for card in load_catalogue().cards.values())


def procedure_choices(card_id: str) -> tuple[tuple[str, str], ...]:
    """The procedures a card allows, each with where it is filed."""
    card = load_catalogue().cards[card_id]
    choices = []
    for procedure, rule in card.procedures.items():
        where = {"anef": "online on ANEF", "prefecture": "at the prefecture"}.get(
            rule.route, "ANEF or prefecture, by département"
        )
        choices.append((procedure, f"{PROCEDURE_LABELS[procedure]} ({where})"))
    return tuple(choices)


PROCEDURE_MEANINGS = {
    "first": "You have no card of this type yet and ask for it for the first time.",
    "renewal": "Your card of this type ends soon and you ask for the next one.",
    "change-of-situation": "Your address, civil status or family changed during the card.",
    "duplicate": "Your card was lost or stolen and you need it made again.",
    "vls-ts-validation": "You arrived with a long-stay visa (VLS-TS) and validate it online.",
}

STEPS: tuple[Step, ...] = (
    Step(
        "Identity",
        (
            FieldSpec(
                ("id",),
                "Short id (lower case, used in file names)",
                required=True,
                new_only=True,
                help="For example: david. It cannot be changed later.",
            ),
            FieldSpec(("given_names",), "Given names, exactly as on the passport", required=True),
            FieldSpec(("surname",), "Surname, as on the passport (leave empty if none)"),
            FieldSpec(("birth_date",), "Birth date (dd/mm/yyyy)", "date", required=True),
            FieldSpec(("birth_place",), "Birth place (town, country)"),
            FieldSpec(("nationality",), "Nationality", required=True),
            FieldSpec(
                ("relationship",),
                "Place in the household",
                "choice",
                choices=(
                    ("self", "the main applicant"),
                    ("spouse", "spouse"),
                    ("partner", "partner"),
                    ("child", "child"),
                    ("parent", "parent"),
                    ("other", "other"),
                ),
            ),
            FieldSpec(("passport", "number"), "Passport number"),
            FieldSpec(("passport", "issuing_country"), "Passport issued by (country)"),
            FieldSpec(("passport", "valid_until"), "Passport valid until (dd/mm/yyyy)", "date"),
        ),
    ),
    Step(
        "Card",
        (
            FieldSpec(
                APP, "Applies for a residence card (off for a child who needs none)", "presence"
            ),
            FieldSpec((*APP, "card_type"), "Card type", "choice", choices=card_choices()),
            FieldSpec((*APP, "procedure"), "Procedure", "choice"),
            FieldSpec(
                (*APP, "route_choice"),
                "Route, where the département lets you choose",
                "choice",
                choices=(("anef", "online on ANEF"), ("prefecture", "at the prefecture desk")),
            ),
            FieldSpec(
                (*APP, "planned_filing_date"),
                "Planned filing date (dd/mm/yyyy)",
                "date",
                help="For ANEF: the day you will file. Documents must be fresh that day.",
            ),
        ),
        presence=None,
        extra=("card-summary", "procedure-meaning"),
    ),
    Step(
        "Situation",
        (
            FieldSpec(
                (*SIT, "marital_status"),
                "Marital status",
                "choice",
                choices=(
                    ("single", "single"),
                    ("married", "married"),
                    ("pacs", "in a PACS"),
                    ("divorced", "divorced"),
                    ("widowed", "widowed"),
                ),
            ),
            _yes_no(
                (*SIT, "married_abroad"),
                "Married outside France",
                "The marriage must then be transcribed by the consular registry in Nantes.",
            ),
            _yes_no((*SIT, "spouse_is_french"), "Spouse is French", ""),
            _yes_no((*SIT, "children_in_france"), "Has children living in France", ""),
            _yes_no(
                (*SIT, "child_parents_separated"),
                "Parents of the French child live apart",
                "For a parent of a French child: proof of contributing to the child's upkeep.",
            ),
            FieldSpec(
                (*SIT, "housing"),
                "Housing",
                "choice",
                choices=(
                    ("own-name", "rent or own in my name"),
                    ("hosted", "hosted by someone"),
                    ("hotel", "hotel"),
                    ("student-residence", "student residence (CROUS…)"),
                ),
            ),
            _yes_no(
                (*SIT, "civil_documents_abroad"),
                "Birth or marriage papers issued abroad",
                "In another language they need a sworn translation.",
            ),
            _yes_no(
                (*SIT, "nationality_allows_polygamy"),
                "Nationality allows polygamy",
                "A statement of non-polygamy is then asked for.",
            ),
            _yes_no((*SIT, "first_multi_year_card"), "First multi-year or 10-year card", ""),
            _yes_no(
                (*SIT, "family_status_changed"), "Marriage, divorce or death since the card", ""
            ),
            FieldSpec(
                (*SIT, "employment_change"),
                "Work (for a work card renewal)",
                "choice",
                choices=(
                    ("same-employer", "same employer"),
                    ("new-employer", "new employer"),
                    ("job-lost", "the job ended"),
                ),
            ),
            FieldSpec(
                (*SIT, "loss_or_theft"),
                "For a duplicate: the card was",
                "choice",
                choices=(("loss", "lost"), ("theft", "stolen")),
            ),
            FieldSpec(
                (*SIT, "change_kind"),
                "For a change of situation: what changed",
                "choice",
                choices=(
                    ("address", "address"),
                    ("civil-status", "civil status"),
                    ("family", "family"),
                ),
            ),
            _yes_no(
                (*SIT, "wants_new_card"),
                "For a change of situation: ask for a new card",
                "A new card carries a fee.",
            ),
            FieldSpec(
                (*APP, "arrived_on"),
                "Arrived in France with a long-stay visa on (dd/mm/yyyy)",
                "date",
                help="A VLS-TS must be validated online within 3 months of this day.",
            ),
            FieldSpec(
                (*APP, "address_changed_on"),
                "Moved to a new address on (dd/mm/yyyy)",
                "date",
                help="With a card of more than 1 year, a move is declared within 3 months.",
            ),
        ),
        intro="These facts decide which documents apply. Leave what does not concern you.",
        presence=APP,
    ),
    Step(
        "Current card",
        (
            FieldSpec(CUR, "Holds a card, visa or récépissé now", "presence"),
            FieldSpec(
                (*CUR, "card_type"),
                "Its type, if it is one of these cards",
                "choice",
                choices=card_choices(),
            ),
            FieldSpec((*CUR, "numero_etranger"), "Numéro étranger (10 digits)"),
            FieldSpec((*CUR, "valid_from"), "Valid from (dd/mm/yyyy)", "date"),
            FieldSpec((*CUR, "valid_until"), "Valid until (dd/mm/yyyy)", "date"),
            FieldSpec(
                (*CUR, "issued_on"),
                "Date the card was issued (dd/mm/yyyy)",
                "date",
                help="It tells which card model it is, and where the number is printed.",
            ),
        ),
        presence=APP,
        extra=("numero-hint",),
    ),
    Step(
        "Département",
        (FieldSpec((*APP, "departement"), "Département where you live", "departement"),),
        intro="The département decides which prefecture handles the file.",
        presence=APP,
    ),
    Step(
        "Appointment",
        (
            FieldSpec(APPT, "Has a prefecture appointment", "presence"),
            FieldSpec(
                (*APPT, "kind"),
                "Kind",
                "choice",
                choices=(
                    ("first-application", "first application"),
                    ("renewal", "renewal"),
                    ("collection", "collecting the card"),
                    ("other", "other"),
                ),
            ),
            FieldSpec(
                (*APPT, "date"),
                "Date (dd/mm/yyyy)",
                "date",
                help="Documents must be fresh on this day.",
            ),
            FieldSpec((*APPT, "time"), "Time (hh:mm)", "time"),
            FieldSpec((*APPT, "place"), "Place"),
            FieldSpec((*APPT, "confirmation"), "Confirmation number"),
        ),
        presence=APP,
    ),
)


def all_fields() -> list[FieldSpec]:
    """Every field of every step, in order."""
    return [spec for step in STEPS for spec in step.fields]


def owner_presence(spec: FieldSpec) -> list[Path]:
    """The optional parts that must be switched on for this field to count."""
    return [
        other.path
        for other in all_fields()
        if other.kind == "presence"
        and other.path != spec.path
        and spec.path[: len(other.path)] == other.path
    ]
