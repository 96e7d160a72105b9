"""The facts a catalogue condition may test, each with the values it can take.

Situation facts are read from the saved model itself (their type gives their values,
their docstring their meaning), so a new situation field is a new fact with no second
list to keep in step. The other facts are derived by the engine; a test checks that the
engine produces exactly these names. ``FACTS.md`` beside the data files lists them in
words for people who edit the catalogue.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Literal, Union, get_args, get_origin

from carte_prep.core.countries import countries
from carte_prep.core.model import Situation
from carte_prep.core.vocab import HELD_KINDS, PROCEDURES, REGIMES, ROUTES

FactValue = str | bool | None


@dataclass(frozen=True)
class Fact:
    name: str
    meaning: str
    values: tuple[FactValue, ...] | None
    """The values it can take; None for card ids, checked against the cards instead."""


def _values(annotation: object) -> tuple[FactValue, ...]:
    if annotation is bool:
        return (True, False)
    if get_origin(annotation) is Literal:
        return tuple(get_args(annotation))
    if get_origin(annotation) in (Union, types.UnionType):
        values: tuple[FactValue, ...] = ()
        for part in get_args(annotation):
            values += (None,) if part is type(None) else _values(part)
        return values
    raise TypeError(f"situation field of type {annotation!r} cannot be a fact")


DERIVED: tuple[Fact, ...] = (
    Fact("card", "the card asked for (its catalogue id)", None),
    Fact("path", "the legal path derived from what is held and asked", PROCEDURES),
    Fact("route", "where the file goes: ANEF or the prefecture desk", ROUTES),
    Fact(
        "held_kind", "what is held today: a card, a VLS-TS, or nothing (none)", (*HELD_KINDS, None)
    ),
    Fact("held_card", "the card held today, or the card a held VLS-TS stands for", None),
    Fact("has_current_card", "a card or VLS-TS is held today", (True, False)),
    Fact(
        "withdrawal_agreement",
        "the card asked for is a Brexit Withdrawal Agreement card",
        (True, False),
    ),
    Fact("british", "the person is a UK national (none: nationality not set)", (True, False, None)),
    Fact(
        "nationality",
        "the person's nationality, an ISO country code (none: not set)",
        (*countries(), None),
    ),
    Fact("regime", "the body of law the card asked for is issued under", REGIMES),
    Fact("fee_due", "the card costs something", (True, False)),
    Fact(
        "regularisation_due",
        "the droit de visa de régularisation is due on this request",
        (True, False),
    ),
)

FACTS: dict[str, Fact] = {
    **{fact.name: fact for fact in DERIVED},
    **{
        name: Fact(name, field.description or name, _values(field.annotation))
        for name, field in Situation.model_fields.items()
    },
}
"""Every fact by name: the vocabulary of the catalogue's ``when`` conditions."""

CARD_FACTS = frozenset(name for name, fact in FACTS.items() if fact.values is None)
