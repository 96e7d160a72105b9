"""The profile's Situation step: the facts that decide which documents apply, each shown
only for the requests and cards it concerns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from carte_prep.core.field_spec import APP, SIT, FieldSpec, Path, Relevant, Step
from carte_prep.i18n import N_


def _yes_no(path: Path, label: str, help: str, relevant: Relevant | None = None) -> FieldSpec:
    return FieldSpec(path, label, "flag", help, relevant=relevant)


def _for_cards(*card_ids: str) -> Relevant:
    return lambda application: application.get("card_type") in card_ids


def _for_request(*requests: str) -> Relevant:
    return lambda application: application.get("request", "card") in requests


def _renewing(*card_ids: str) -> Relevant:
    """For one of these cards, asked by someone who already holds a card."""
    return lambda application: bool(
        application.get("card_type") in card_ids and application.get("current_card")
    )


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


SITUATION = Step(
    N_("Situation"),
    (
        FieldSpec(
            (*SIT, "marital_status"),
            N_("Marital status"),
            "choice",
            help=N_("It decides whether marriage papers and the spouse's papers are asked for."),
            options=(
                ("single", N_("single")),
                ("married", N_("married")),
                ("pacs", N_("in a PACS")),
                ("divorced", N_("divorced")),
                ("widowed", N_("widowed")),
            ),
            flag="--marital-status",
        ),
        _yes_no(
            (*SIT, "married_abroad"),
            N_("Married outside France"),
            N_("The marriage must then be transcribed by the consular registry in Nantes."),
            relevant=_married,
        ),
        _yes_no(
            (*SIT, "spouse_is_french"),
            N_("Spouse is French"),
            N_("It decides which of the spouse's papers are asked for."),
            _married,
        ),
        _yes_no(
            (*SIT, "children_in_france"),
            N_("Has children living in France"),
            N_("Their birth certificates may then be asked for."),
        ),
        _yes_no(
            (*SIT, "child_parents_separated"),
            N_("Parents of the French child live apart"),
            N_("For a parent of a French child: proof of contributing to the child's upkeep."),
            relevant=_for_cards("vpf-parent-enfant-francais"),
        ),
        FieldSpec(
            (*SIT, "housing"),
            N_("Housing"),
            "choice",
            help=N_("Hosted: the host's attestation and papers are added to the list."),
            options=(
                ("own-name", N_("rent or own in my name")),
                ("hosted", N_("hosted by someone")),
                ("hotel", N_("hotel")),
                ("student-residence", N_("student residence (CROUS…)")),
            ),
            flag="--housing",
        ),
        _yes_no(
            (*SIT, "civil_documents_abroad"),
            N_("Birth or marriage papers issued abroad"),
            N_("In another language they need a sworn translation."),
        ),
        _yes_no(
            (*SIT, "no_long_stay_visa"),
            N_("Entered France without a long-stay visa"),
            N_(
                "Only for a first card when you hold nothing: the droit de visa de "
                "régularisation applies, and some cards cannot be asked without a visa."
            ),
            _holds_nothing,
        ),
        _yes_no(
            (*SIT, "irregular_stay"),
            N_("Staying in France without a valid visa or card today"),
            N_(
                "For a certificate that needs no long-stay visa: the droit de visa de "
                "régularisation is then due."
            ),
            _irregular_stay_matters,
        ),
        _yes_no(
            (*SIT, "nationality_allows_polygamy"),
            N_("Nationality allows polygamy"),
            N_("A statement of non-polygamy is then asked for."),
            _married,
        ),
        _answer(
            (*SIT, "first_multi_year_card"),
            N_("Is this your first multi-year card or first 10-year card?"),
            N_(
                "The 2- to 4-year card asked after a first year (VLS-TS or 1-year card) is the "
                "first multi-year card; moving to a 10-year card is the first 10-year card."
            ),
            _for_cards(*MULTI_YEAR_CARDS),
        ),
        _yes_no(
            (*SIT, "schooled_in_france"),
            N_("3 years of secondary school or 1 year of higher education in France"),
            N_("It exempts you from the civic exam for a first multi-year card."),
            _for_cards(*MULTI_YEAR_CARDS),
        ),
        _answer(
            (*SIT, "filiation_by_recognition"),
            N_("Parent of a French child: did the French parent recognise the child?"),
            N_(
                "If the French parent's link comes from a recognition (reconnaissance) you did "
                "not make, their contribution to the child's upkeep must be shown too."
            ),
            _for_cards("vpf-parent-enfant-francais"),
        ),
        _yes_no(
            (*SIT, "protection_family_member"),
            N_("Family member of the protected person (not protected yourself)"),
            N_(
                "For a refugee, subsidiary-protection or stateless card: you show your own "
                "passport and civil records; the protected person shows OFPRA's documents."
            ),
            _for_cards("refugie-10y", "protection-subsidiaire", "apatride"),
        ),
        FieldSpec(
            (*SIT, "resident_basis"),
            N_("10-year card: on which ground do you ask?"),
            "choice",
            options=(
                ("spouse-of-french", N_("spouse of a French national")),
                ("parent-of-french-child", N_("parent of a French child")),
                ("family-reunification", N_("joined my family through family reunification")),
                ("other", N_("another ground (long residence, resources)")),
            ),
            optional=True,
            prompt=N_("(not answered yet)"),
            help=N_("The ground decides which proofs of family or residence are asked for."),
            relevant=_for_cards("resident-10y", "cra-10ans"),
        ),
        FieldSpec(
            (*SIT, "talent_basis"),
            N_("Talent card (qualified employee): how do you qualify?"),
            "choice",
            options=(
                ("diploma", N_("a master's-level diploma")),
                ("intra-group-mission", N_("an intra-group mission")),
                ("innovative-company", N_("a job in an innovative company (JEI)")),
            ),
            optional=True,
            prompt=N_("(not answered yet)"),
            help=N_("Each way of qualifying has its own proof: the diploma, the mission letter…"),
            relevant=_for_cards("talent-salarie-qualifie"),
        ),
        _answer(
            (*SIT, "creating_business"),
            N_("After your studies: do you plan to create a company?"),
            N_(
                "The job-seeking / business-creation card then asks for evidence of the "
                "project; looking for a job needs none."
            ),
            _for_cards("rece"),
        ),
        _yes_no(
            (*SIT, "phd_student"),
            N_("Doctoral student (PhD)"),
            N_("For a student card: the thesis supervisor's letter is asked."),
            _for_cards("etudiant"),
        ),
        _yes_no(
            (*SIT, "family_status_changed"),
            N_("Marriage, divorce or death since the card"),
            N_("For a Withdrawal Agreement card: the change is proved with the request."),
            _for_cards("wa-5y", "wa-10y"),
        ),
        FieldSpec(
            (*SIT, "employment_change"),
            N_("Work (for a work card renewal)"),
            "choice",
            options=(
                ("same-employer", N_("same employer")),
                ("new-employer", N_("new employer")),
                ("job-lost", N_("the job ended")),
            ),
            help=N_("A new employer or a job that ended changes the papers asked for."),
            relevant=_renewing("salarie", "travailleur-temporaire", "cra-salarie"),
        ),
        FieldSpec(
            (*SIT, "loss_or_theft"),
            N_("For a duplicate: the card was"),
            "choice",
            options=(("loss", N_("lost")), ("theft", N_("stolen"))),
            help=N_("A theft is proved by the police report; a loss by a declaration of loss."),
            relevant=_for_request("duplicate"),
        ),
        FieldSpec(
            (*SIT, "change_kind"),
            N_("For a change of situation: what changed"),
            "choice",
            options=(
                ("address", N_("address")),
                ("civil-status", N_("civil status")),
                ("family", N_("family")),
            ),
            help=N_("Each change is proved with its own papers (new address, marriage…)."),
            relevant=_for_request("change-of-situation"),
        ),
        _yes_no(
            (*SIT, "wants_new_card"),
            N_("For a change of situation: ask for a new card"),
            N_("A new card carries a fee."),
            _for_request("change-of-situation"),
        ),
        FieldSpec(
            (*APP, "arrived_on"),
            N_("Arrived in France with a long-stay visa on (dd/mm/yyyy)"),
            "date",
            help=N_("A VLS-TS must be validated online within 3 months of this day."),
            relevant=_for_request("vls-ts-validation"),
        ),
        FieldSpec(
            (*APP, "address_changed_on"),
            N_("Moved to a new address on (dd/mm/yyyy)"),
            "date",
            help=N_("With a card of more than 1 year, a move is declared within 3 months."),
        ),
    ),
    intro=N_("These facts decide which documents apply. Leave what does not concern you."),
    presence=APP,
)
