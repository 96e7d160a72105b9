"""The member's fields, declared once for the command line and the app.

Each row says where a value goes in the Member data, how it is asked in the profile
editor (label, kind, help, choices, when it is shown), and, where the command line sets it
directly, its flag. The CLI (:mod:`carte_prep.cli.member_fields`) adds the flags from this
table and the app (:mod:`carte_prep.tui.screens.profile`) builds its steps from it; both
make the member's edit (AddMember or UpdateMember) from the values given, and the model
(pydantic) stays the one judge of what is valid.

The Situation step, the longest, is in :mod:`carte_prep.core.situation_fields`.
Importing this module stays cheap (the command line reads it to build its parser): the
card choices come from the catalogue only when first asked for.
"""

from __future__ import annotations

from carte_prep.core.field_spec import APP, APPT, CUR, SIT, Choices, FieldSpec, Path, Step
from carte_prep.core.situation_fields import SITUATION
from carte_prep.core.vocab import HELD_LABELS, REQUEST_LABELS, ROUTE_WHERE
from carte_prep.i18n import N_, _, language

__all__ = [
    "APP",
    "APPT",
    "CUR",
    "SIT",
    "STEPS",
    "FieldSpec",
    "Path",
    "Step",
    "all_fields",
    "card_choices",
    "flagged",
    "owner_presence",
]
"""The table and the shapes of its rows (from :mod:`carte_prep.core.field_spec`)."""


def card_choices() -> Choices:
    """Every card type, grouped by family (the regime for Algerian certificates), named in
    the reader's language (in English the gloss, the French name is shown once chosen);
    situations listed without a checklist say so."""
    from carte_prep.core.catalogue import load_catalogue

    def named(family: str, name: str, covered: bool) -> str:
        line = f"{family} · {name}"
        return line if covered else _("{card} (not covered)").format(card=line)

    french = language() == "fr"
    return tuple(
        (card.id, named(family, card.name_fr if french else card.name_en, not card.not_covered_yet))
        for family, cards in load_catalogue().menu()
        for card in cards
    )


STEPS: tuple[Step, ...] = (
    Step(
        N_("Identity"),
        (
            FieldSpec(
                ("given_names",),
                N_("Given names, exactly as on the passport"),
                required=True,
                flag="--given-names",
                flag_help=N_("given names exactly as on the passport"),
            ),
            FieldSpec(
                ("surname",),
                N_("Surname, as on the passport (leave empty if none)"),
                flag="--surname",
                flag_help=N_("surname exactly as on the passport (optional)"),
            ),
            FieldSpec(
                ("birth_date",),
                N_("Birth date (dd/mm/yyyy)"),
                "date",
                required=True,
                flag="--birth-date",
            ),
            FieldSpec(("birth_place",), N_("Birth place (town, country)"), flag="--birth-place"),
            FieldSpec(
                ("nationality",),
                N_("Nationality (country name or code, e.g. Lebanon, LB, British)"),
                help=N_(
                    "It decides some rules: bilateral accords, the Withdrawal Agreement, the "
                    "deadlines at 18."
                ),
                flag="--nationality",
                flag_help=N_("country code or name, e.g. GB, LB, 'Algeria', 'British'"),
            ),
            FieldSpec(
                ("relationship",),
                N_("Place in the household"),
                "choice",
                options=(
                    ("self", N_("the main applicant")),
                    ("spouse", N_("spouse")),
                    ("partner", N_("partner")),
                    ("child", N_("child")),
                    ("parent", N_("parent")),
                    ("other", N_("other")),
                ),
                flag="--relationship",
            ),
            FieldSpec(("passport", "number"), N_("Passport number"), flag="--passport-number"),
            FieldSpec(("passport", "issuing_country"), N_("Passport issued by (country)")),
            FieldSpec(
                ("passport", "valid_until"),
                N_("Passport valid until (dd/mm/yyyy)"),
                "date",
                flag="--passport-expiry",
            ),
            FieldSpec(
                ("phone",),
                N_("Phone (for the bordereau, optional)"),
                flag="--phone",
                flag_help=N_("phone number, for the bordereau (optional)"),
            ),
            FieldSpec(
                ("email",),
                N_("E-mail (for the bordereau, optional)"),
                flag="--email",
                flag_help=N_("e-mail address, for the bordereau (optional)"),
            ),
        ),
    ),
    Step(
        N_("Card"),
        (
            FieldSpec(
                APP, N_("Applies for a residence card (off for a child who needs none)"), "presence"
            ),
            FieldSpec(
                (*APP, "request"),
                N_("What do you ask for?"),
                "choice",
                options=tuple(REQUEST_LABELS.items()),
                flag="--request",
                flag_help=N_(
                    "what you ask for: a card (default), a duplicate, a change of "
                    "situation, or the VLS-TS validation"
                ),
            ),
            FieldSpec(
                (*APP, "card_type"),
                N_("Which card (for a duplicate or a change: the card you have)"),
                "choice",
                options=card_choices,
                optional=True,
                prompt=N_("(choose the card you ask for)"),
                flag="--card",
                flag_help=N_("the card asked for: a card id (see 'carte-prep cards')"),
            ),
            FieldSpec(
                CUR,
                N_("What do you hold today?"),
                "held",
                options=tuple((k, v) for k, v in HELD_LABELS.items() if k is not None),
                prompt=HELD_LABELS[None],
                help=N_(
                    "Your residence card, or the long-stay visa « valant titre de séjour » "
                    "you came with. The legal procedure follows from this and what you ask for."
                ),
            ),
            FieldSpec(
                (*CUR, "card_type"),
                N_("Which one: the card you hold, or the card your visa is for"),
                "choice",
                options=card_choices,
                optional=True,
                prompt=N_("(not said: the same card is assumed)"),
            ),
            FieldSpec(
                (*APP, "route_choice"),
                N_("Route, where the département lets you choose"),
                "choice",
                options=tuple(ROUTE_WHERE.items()),
                optional=True,
                flag="--route",
                flag_help=N_("only where the route varies by département"),
            ),
            FieldSpec(
                (*APP, "planned_filing_date"),
                N_("Planned filing date (dd/mm/yyyy)"),
                "date",
                help=N_(
                    "The day you will file on ANEF or hand in the file at your prefecture "
                    "appointment. Documents must be fresh that day."
                ),
                flag="--filing-date",
                flag_help=N_(
                    "the day you plan to file (on ANEF, or at your prefecture appointment)"
                ),
            ),
        ),
        presence=None,
        extra=("card-summary", "procedure-meaning"),
    ),
    SITUATION,
    Step(
        N_("Current card"),
        (
            FieldSpec(
                (*CUR, "numero_etranger"),
                N_("Numéro étranger (10 digits)"),
                flag="--numero-etranger",
                flag_help=N_("the 10-digit number on the current card"),
            ),
            FieldSpec((*CUR, "valid_from"), N_("Valid from (dd/mm/yyyy)"), "date"),
            FieldSpec(
                (*CUR, "valid_until"),
                N_("Valid until (dd/mm/yyyy)"),
                "date",
                help=N_(
                    "The end date of your card or VLS-TS: the filing window is counted from it."
                ),
                flag="--card-expiry",
                flag_help=N_("end date of the card or VLS-TS held today"),
            ),
            FieldSpec(
                (*CUR, "issued_on"),
                N_("Date the card was issued (dd/mm/yyyy)"),
                "date",
                help=N_("It tells which card model it is, and where the number is printed."),
            ),
        ),
        intro=N_("The card or long-stay visa you hold today (say what you hold in step 2)."),
        presence=APP,
        extra=("numero-hint",),
    ),
    Step(
        N_("Département"),
        (
            FieldSpec(
                (*APP, "departement"),
                N_("Département where you live"),
                "departement",
                flag="--departement",
                flag_help=N_("département code, e.g. 24"),
            ),
        ),
        intro=N_("The département decides which prefecture handles the file."),
        presence=APP,
    ),
    Step(
        N_("Appointment"),
        (
            FieldSpec(APPT, N_("Has a prefecture appointment"), "presence"),
            FieldSpec(
                (*APPT, "kind"),
                N_("Kind"),
                "choice",
                options=(
                    ("first-application", N_("first application")),
                    ("renewal", N_("renewal")),
                    ("collection", N_("collecting the card")),
                    ("other", N_("other")),
                ),
            ),
            FieldSpec(
                (*APPT, "date"),
                N_("Date (dd/mm/yyyy)"),
                "date",
                help=N_("Documents must be fresh on this day."),
                flag="--appointment",
            ),
            FieldSpec((*APPT, "time"), N_("Time (hh:mm)"), "time", flag="--appointment-time"),
            FieldSpec((*APPT, "place"), N_("Place")),
            FieldSpec((*APPT, "confirmation"), N_("Confirmation number")),
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
