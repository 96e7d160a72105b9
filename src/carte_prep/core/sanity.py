"""Answers that are allowed but probably a slip: ask before taking them.

A 10-year-old saved as a "spouse", a 6-year-old applying for an adult's card, a spouse
whose marital status says "single": each is valid data (the model accepts it, and real
households have surprising shapes), but each is far more often a default left unchanged
or a wrong choice in a list. The app asks in a confirm dialog; the command line refuses
with the question and the flag that says "yes, I mean it". Both call :func:`doubts`, so
they always ask about the same things. Pure functions: "today" is passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carte_prep.core.catalogue import Catalogue, load_catalogue
from carte_prep.core.dates import age_on, fmt
from carte_prep.core.model import Member
from carte_prep.i18n import N_, Translated, _, catalogue_text

ADULT_AGE = 18
"""From this age on a foreign national living in France must hold a residence card."""
SPOUSE_MIN_AGE = 16
"""Below this age a "spouse" or "partner" is almost certainly a child put in the wrong row."""
MINORS_FAMILY = "Young adults"
"""The catalogue's family of cards and documents meant for people under 18, in English:
the loaded catalogue has it in the language spoken (:func:`catalogue_text`)."""
RELATIONSHIP_WORDS = Translated({"spouse": N_("spouse"), "partner": N_("partner")})
"""How the two relationships a child is too young for are named in the question."""


@dataclass(frozen=True)
class Doubt:
    """One answer to confirm.

    Attributes:
        code: stable id of the check (tests and ``--json`` output use it).
        field: where the answer is, as a dotted path of the member's data.
        question: what to ask, in plain words, naming the person.
    """

    code: str
    field: str
    question: str


def doubts(member: Member, today: dt.date, *, catalogue: Catalogue | None = None) -> list[Doubt]:
    """The answers of ``member`` worth a second look on ``today`` (empty: nothing odd)."""
    catalogue = catalogue or load_catalogue()
    name = member.display_name
    if member.birth_date > today:  # no age to reason about: ask about the date alone
        return [
            Doubt(
                "future-birth-date",
                "birth_date",
                _("{name}'s birth date, {date}, is after today. Is that a typo?").format(
                    name=name, date=fmt(member.birth_date)
                ),
            )
        ]
    age = age_on(member.birth_date, today)
    found: list[Doubt] = []
    if member.relationship in {"spouse", "partner"} and age < SPOUSE_MIN_AGE:
        found.append(
            Doubt(
                "young-spouse",
                "relationship",
                _(
                    "{name} is {age}, and is saved as a {relationship}. Is that right? A son or "
                    "daughter is a “child”."
                ).format(name=name, age=age, relationship=RELATIONSHIP_WORDS[member.relationship]),
            )
        )
    application = member.application
    if application is not None and age < ADULT_AGE:
        card = catalogue.cards.get(application.card_type)
        if card is not None and card.family != catalogue_text(MINORS_FAMILY):
            found.append(
                Doubt(
                    "minor-applies",
                    "application.card_type",
                    _(
                        "{name} is {age}: a child under {adult} needs no residence card (only a "
                        "travel document, the DCEM, if they travel). Apply for the {card} anyway?"
                    ).format(name=name, age=age, adult=ADULT_AGE, card=card.short_en),
                )
            )
    if (
        application is not None
        and member.relationship == "spouse"
        and application.situation.marital_status == "single"
    ):
        found.append(
            Doubt(
                "single-spouse",
                "application.situation.marital_status",
                _(
                    "{name} is saved as a spouse, but their marital status says “single”. Is "
                    "that right? A spouse is usually “married” (or in a PACS)."
                ).format(name=name),
            )
        )
    return found


def new_doubts(before: Member | None, after: Member, today: dt.date) -> list[Doubt]:
    """The doubts ``after`` raises that ``before`` (the saved member) did not already raise.

    What the person confirmed once is not asked again at every later change.
    """
    known = {d.code for d in doubts(before, today)} if before is not None else set()
    return [d for d in doubts(after, today) if d.code not in known]
