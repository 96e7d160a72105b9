"""The member's fields, declared once for the command line and the app.

Each row says where a value goes in the Member data, how it is asked in the profile
editor (label, kind, help, choices, when it is shown), and, where the command line sets it
directly, its flag. The CLI (:mod:`carte_prep.cli.member_fields`) adds the flags from this
table and the app (:mod:`carte_prep.tui.screens.profile`) builds its steps from it; both
make the member's edit (AddMember or UpdateMember) from the values given, and the model
(pydantic) stays the one judge of what is valid.

Importing this module stays cheap (the command line reads it to build its parser): the
card choices come from the catalogue only when first asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from carte_prep.core.vocab import HELD_LABELS, REQUEST_LABELS, ROUTE_WHERE

Kind = Literal["text", "date", "time", "choice", "flag", "presence", "held", "departement"]
"""``held``: "What do you hold today?": nothing (the part is off), a VLS-TS or a card."""
Path = tuple[str, ...]
Relevant = Callable[[dict[str, Any]], bool]
"""Whether a field concerns the application as the form stands (hidden otherwise)."""
Choices = tuple[tuple[str | bool, str], ...]
"""(value, label) pairs for a choice; the label says what the value means."""


@dataclass(frozen=True)
class FieldSpec:
    """One field: its place in the Member data, its label, how it is typed, its flag."""

    path: Path
    label: str
    kind: Kind = "text"
    help: str = ""
    options: Choices | Callable[[], Choices] = ()
    """The choices, or where to read them when first needed (the catalogue's cards)."""
    optional: bool = False
    """A choice that may be left unanswered (blank), shown with ``prompt``."""
    prompt: str = "(not set)"
    required: bool = False
    """An empty text field is sent as "" (so the model says why) rather than None."""
    relevant: Relevant | None = None
    """Shown only when this holds for the application; its saved value is kept either way."""
    flag: str | None = None
    """The command-line flag that sets this value (None: the app only, or a CLI answer
    read apart, like ``--holds``)."""
    flag_help: str | None = None
    """The flag's line in ``--help``, where the label alone would not do."""

    @cached_property
    def choices(self) -> Choices:
        return self.options() if callable(self.options) else self.options

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


def _yes_no(path: Path, label: str, help: str, relevant: Relevant | None = None) -> FieldSpec:
    return FieldSpec(path, label, "flag", help, relevant=relevant)


def _for_cards(*card_ids: str) -> Relevant:
    return lambda application: application.get("card_type") in card_ids


def _for_request(*requests: str) -> Relevant:
    return lambda application: application.get("request", "card") in requests


def _married(application: dict[str, Any]) -> bool:
    return bool((application.get("situation") or {}).get("marital_status") == "married")


def _holds_nothing(application: dict[str, Any]) -> bool:
    return application.get("current_card") is None and application.get("request", "card") == "card"


MULTI_YEAR_CARDS = (
    "salarie",
    "vpf-conjoint-francais",
    "vpf-parent-enfant-francais",
    "vpf-regroupement-familial",
)


def card_choices() -> Choices:
    """Every card type, grouped by family (the regime for Algerian certificates), named in
    English (the French name is shown once chosen); situations listed without a checklist
    say so."""
    from carte_prep.core.catalogue import load_catalogue

    return tuple(
        (card.id, f"{family} · {card.name_en}" + (" (not covered)" if card.not_covered_yet else ""))
        for family, cards in load_catalogue().menu()
        for card in cards
    )


def _cards_where(test: Callable[[Any], bool]) -> tuple[str, ...]:
    from carte_prep.core.catalogue import load_catalogue

    return tuple(card.id for card in load_catalogue().cards.values() if test(card))


def _irregular_stay_matters(application: dict[str, Any]) -> bool:
    """For a first card that needs no long-stay visa, an irregular stay brings the fee."""
    no_visa_cards = _cards_where(lambda card: card.regularisation == "if-irregular-stay")
    return _holds_nothing(application) and _for_cards(*no_visa_cards)(application)


def _answer(path: Path, label: str, help: str, relevant: Relevant) -> FieldSpec:
    """A yes/no question that may stay unanswered: its answer decides items."""
    return FieldSpec(
        path,
        label,
        "choice",
        help,
        options=((True, "yes"), (False, "no")),
        optional=True,
        prompt="(not answered yet)",
        relevant=relevant,
    )


STEPS: tuple[Step, ...] = (
    Step(
        "Identity",
        (
            FieldSpec(
                ("given_names",),
                "Given names, exactly as on the passport",
                required=True,
                flag="--given-names",
                flag_help="given names exactly as on the passport",
            ),
            FieldSpec(
                ("surname",),
                "Surname, as on the passport (leave empty if none)",
                flag="--surname",
                flag_help="surname exactly as on the passport (optional)",
            ),
            FieldSpec(
                ("birth_date",),
                "Birth date (dd/mm/yyyy)",
                "date",
                required=True,
                flag="--birth-date",
            ),
            FieldSpec(("birth_place",), "Birth place (town, country)", flag="--birth-place"),
            FieldSpec(
                ("nationality",),
                "Nationality (country name or code, e.g. Lebanon, LB, British)",
                help="It decides some rules: bilateral accords, the Withdrawal Agreement, the "
                "deadlines at 18.",
                flag="--nationality",
                flag_help="country code or name, e.g. GB, LB, 'Algeria', 'British'",
            ),
            FieldSpec(
                ("relationship",),
                "Place in the household",
                "choice",
                options=(
                    ("self", "the main applicant"),
                    ("spouse", "spouse"),
                    ("partner", "partner"),
                    ("child", "child"),
                    ("parent", "parent"),
                    ("other", "other"),
                ),
                flag="--relationship",
            ),
            FieldSpec(("passport", "number"), "Passport number", flag="--passport-number"),
            FieldSpec(("passport", "issuing_country"), "Passport issued by (country)"),
            FieldSpec(
                ("passport", "valid_until"),
                "Passport valid until (dd/mm/yyyy)",
                "date",
                flag="--passport-expiry",
            ),
            FieldSpec(
                ("phone",),
                "Phone (for the bordereau, optional)",
                flag="--phone",
                flag_help="phone number, for the bordereau (optional)",
            ),
            FieldSpec(
                ("email",),
                "E-mail (for the bordereau, optional)",
                flag="--email",
                flag_help="e-mail address, for the bordereau (optional)",
            ),
        ),
    ),
    Step(
        "Card",
        (
            FieldSpec(
                APP, "Applies for a residence card (off for a child who needs none)", "presence"
            ),
            FieldSpec(
                (*APP, "request"),
                "What do you ask for?",
                "choice",
                options=tuple(REQUEST_LABELS.items()),
                flag="--request",
                flag_help="what you ask for: a card (default), a duplicate, a change of "
                "situation, or the VLS-TS validation",
            ),
            FieldSpec(
                (*APP, "card_type"),
                "Which card (for a duplicate or a change: the card you have)",
                "choice",
                options=card_choices,
                optional=True,
                prompt="(choose the card you ask for)",
                flag="--card",
                flag_help="the card asked for: a card id (see 'carte-prep cards')",
            ),
            FieldSpec(
                CUR,
                "What do you hold today?",
                "held",
                options=tuple((k, v) for k, v in HELD_LABELS.items() if k is not None),
                prompt=HELD_LABELS[None],
                help="Your residence card, or the long-stay visa « valant titre de séjour » "
                "you came with. The legal procedure follows from this and what you ask for.",
            ),
            FieldSpec(
                (*CUR, "card_type"),
                "Which one: the card you hold, or the card your visa is for",
                "choice",
                options=card_choices,
                optional=True,
                prompt="(not said: the same card is assumed)",
            ),
            FieldSpec(
                (*APP, "route_choice"),
                "Route, where the département lets you choose",
                "choice",
                options=tuple(ROUTE_WHERE.items()),
                optional=True,
                flag="--route",
                flag_help="only where the route varies by département",
            ),
            FieldSpec(
                (*APP, "planned_filing_date"),
                "Planned filing date (dd/mm/yyyy)",
                "date",
                help="The day you will file on ANEF or hand in the file at your prefecture "
                "appointment. Documents must be fresh that day.",
                flag="--filing-date",
                flag_help="the day you plan to file (on ANEF, or at your prefecture appointment)",
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
                help="It decides whether marriage papers and the spouse's papers are asked for.",
                options=(
                    ("single", "single"),
                    ("married", "married"),
                    ("pacs", "in a PACS"),
                    ("divorced", "divorced"),
                    ("widowed", "widowed"),
                ),
                flag="--marital-status",
            ),
            _yes_no(
                (*SIT, "married_abroad"),
                "Married outside France",
                "The marriage must then be transcribed by the consular registry in Nantes.",
                relevant=_married,
            ),
            _yes_no(
                (*SIT, "spouse_is_french"),
                "Spouse is French",
                "It decides which of the spouse's papers are asked for.",
                _married,
            ),
            _yes_no(
                (*SIT, "children_in_france"),
                "Has children living in France",
                "Their birth certificates may then be asked for.",
            ),
            _yes_no(
                (*SIT, "child_parents_separated"),
                "Parents of the French child live apart",
                "For a parent of a French child: proof of contributing to the child's upkeep.",
                relevant=_for_cards("vpf-parent-enfant-francais"),
            ),
            FieldSpec(
                (*SIT, "housing"),
                "Housing",
                "choice",
                help="Hosted: the host's attestation and papers are added to the list.",
                options=(
                    ("own-name", "rent or own in my name"),
                    ("hosted", "hosted by someone"),
                    ("hotel", "hotel"),
                    ("student-residence", "student residence (CROUS…)"),
                ),
                flag="--housing",
            ),
            _yes_no(
                (*SIT, "civil_documents_abroad"),
                "Birth or marriage papers issued abroad",
                "In another language they need a sworn translation.",
            ),
            _yes_no(
                (*SIT, "no_long_stay_visa"),
                "Entered France without a long-stay visa",
                "Only for a first card when you hold nothing: the droit de visa de "
                "régularisation applies, and some cards cannot be asked without a visa.",
                _holds_nothing,
            ),
            _yes_no(
                (*SIT, "irregular_stay"),
                "Staying in France without a valid visa or card today",
                "For a certificate that needs no long-stay visa: the droit de visa de "
                "régularisation is then due.",
                _irregular_stay_matters,
            ),
            _yes_no(
                (*SIT, "nationality_allows_polygamy"),
                "Nationality allows polygamy",
                "A statement of non-polygamy is then asked for.",
                _married,
            ),
            _answer(
                (*SIT, "first_multi_year_card"),
                "Is this your first multi-year card or first 10-year card?",
                "The 2- to 4-year card asked after a first year (VLS-TS or 1-year card) is the "
                "first multi-year card; moving to a 10-year card is the first 10-year card.",
                _for_cards(*MULTI_YEAR_CARDS),
            ),
            _yes_no(
                (*SIT, "schooled_in_france"),
                "3 years of secondary school or 1 year of higher education in France",
                "It exempts you from the civic exam for a first multi-year card.",
                _for_cards(*MULTI_YEAR_CARDS),
            ),
            _answer(
                (*SIT, "filiation_by_recognition"),
                "Parent of a French child: did the French parent recognise the child?",
                "If the French parent's link comes from a recognition (reconnaissance) you did "
                "not make, their contribution to the child's upkeep must be shown too.",
                _for_cards("vpf-parent-enfant-francais"),
            ),
            _yes_no(
                (*SIT, "protection_family_member"),
                "Family member of the protected person (not protected yourself)",
                "For a refugee, subsidiary-protection or stateless card: you show your own "
                "passport and civil records; the protected person shows OFPRA's documents.",
                _for_cards("refugie-10y", "protection-subsidiaire", "apatride"),
            ),
            FieldSpec(
                (*SIT, "resident_basis"),
                "10-year card: on which ground do you ask?",
                "choice",
                options=(
                    ("spouse-of-french", "spouse of a French national"),
                    ("parent-of-french-child", "parent of a French child"),
                    ("family-reunification", "joined my family through family reunification"),
                    ("other", "another ground (long residence, resources)"),
                ),
                optional=True,
                prompt="(not answered yet)",
                relevant=_for_cards("resident-10y", "cra-10ans"),
            ),
            FieldSpec(
                (*SIT, "talent_basis"),
                "Talent card (qualified employee): how do you qualify?",
                "choice",
                options=(
                    ("diploma", "a master's-level diploma"),
                    ("intra-group-mission", "an intra-group mission"),
                    ("innovative-company", "a job in an innovative company (JEI)"),
                ),
                optional=True,
                prompt="(not answered yet)",
                relevant=_for_cards("talent-salarie-qualifie"),
            ),
            _answer(
                (*SIT, "creating_business"),
                "After your studies: do you plan to create a company?",
                "The job-seeking / business-creation card then asks for evidence of the "
                "project; looking for a job needs none.",
                _for_cards("rece"),
            ),
            _yes_no(
                (*SIT, "phd_student"),
                "Doctoral student (PhD)",
                "For a student card: the thesis supervisor's letter is asked.",
                _for_cards("etudiant"),
            ),
            _yes_no(
                (*SIT, "family_status_changed"),
                "Marriage, divorce or death since the card",
                "For a Withdrawal Agreement card: the change is proved with the request.",
                _for_cards("wa-5y", "wa-10y"),
            ),
            FieldSpec(
                (*SIT, "employment_change"),
                "Work (for a work card renewal)",
                "choice",
                options=(
                    ("same-employer", "same employer"),
                    ("new-employer", "new employer"),
                    ("job-lost", "the job ended"),
                ),
                relevant=_for_cards("salarie", "travailleur-temporaire", "cra-salarie"),
            ),
            FieldSpec(
                (*SIT, "loss_or_theft"),
                "For a duplicate: the card was",
                "choice",
                options=(("loss", "lost"), ("theft", "stolen")),
                relevant=_for_request("duplicate"),
            ),
            FieldSpec(
                (*SIT, "change_kind"),
                "For a change of situation: what changed",
                "choice",
                options=(
                    ("address", "address"),
                    ("civil-status", "civil status"),
                    ("family", "family"),
                ),
                relevant=_for_request("change-of-situation"),
            ),
            _yes_no(
                (*SIT, "wants_new_card"),
                "For a change of situation: ask for a new card",
                "A new card carries a fee.",
                _for_request("change-of-situation"),
            ),
            FieldSpec(
                (*APP, "arrived_on"),
                "Arrived in France with a long-stay visa on (dd/mm/yyyy)",
                "date",
                help="A VLS-TS must be validated online within 3 months of this day.",
                relevant=_for_request("vls-ts-validation"),
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
            FieldSpec(
                (*CUR, "numero_etranger"),
                "Numéro étranger (10 digits)",
                flag="--numero-etranger",
                flag_help="the 10-digit number on the current card",
            ),
            FieldSpec((*CUR, "valid_from"), "Valid from (dd/mm/yyyy)", "date"),
            FieldSpec(
                (*CUR, "valid_until"),
                "Valid until (dd/mm/yyyy)",
                "date",
                help="The end date of your card or VLS-TS: the filing window is counted from it.",
                flag="--card-expiry",
                flag_help="end date of the card or VLS-TS held today",
            ),
            FieldSpec(
                (*CUR, "issued_on"),
                "Date the card was issued (dd/mm/yyyy)",
                "date",
                help="It tells which card model it is, and where the number is printed.",
            ),
        ),
        intro="The card or long-stay visa you hold today (say what you hold in step 2).",
        presence=APP,
        extra=("numero-hint",),
    ),
    Step(
        "Département",
        (
            FieldSpec(
                (*APP, "departement"),
                "Département where you live",
                "departement",
                flag="--departement",
                flag_help="département code, e.g. 24",
            ),
        ),
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
                options=(
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
                flag="--appointment",
            ),
            FieldSpec((*APPT, "time"), "Time (hh:mm)", "time", flag="--appointment-time"),
            FieldSpec((*APPT, "place"), "Place"),
            FieldSpec((*APPT, "confirmation"), "Confirmation number"),
        ),
        presence=APP,
    ),
)


def all_fields() -> list[FieldSpec]:
    """Every field of every step, in order."""
    return [spec for step in STEPS for spec in step.fields]


def flagged() -> list[FieldSpec]:
    """The fields the command line sets with a flag of their own, in the form's order."""
    return [spec for spec in all_fields() if spec.flag is not None]


def owner_presence(spec: FieldSpec) -> list[Path]:
    """The optional parts that must be switched on for this field to count."""
    return [
        other.path
        for other in all_fields()
        if other.kind in ("presence", "held")
        and other.path != spec.path
        and spec.path[: len(other.path)] == other.path
    ]
