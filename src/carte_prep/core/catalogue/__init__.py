"""The requirement catalogue: every rule the checklist is built from, as sourced data.

Rules change every year (fees, the civic exam, the "talent" reform), so none is written
in Python. The TOML files beside this module hold card types, routes, documents, fees,
deadlines, photo norms and départements; each rule carries its sources, a confidence mark
and the date it was last checked. They are validated here when first loaded, so a bad
edit fails loudly at start instead of producing a wrong checklist.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from carte_prep.core.vocab import Confidence, Procedure, Route

FACT_NAMES = frozenset(
    {
        "card",
        "procedure",
        "route",
        "marital_status",
        "married_abroad",
        "spouse_is_french",
        "children_in_france",
        "child_parents_separated",
        "housing",
        "civil_documents_abroad",
        "nationality_allows_polygamy",
        "first_multi_year_card",
        "no_long_stay_visa",
        "family_status_changed",
        "employment_change",
        "loss_or_theft",
        "change_kind",
        "wants_new_card",
        "has_current_card",
        "withdrawal_agreement",
        "fee_due",
    }
)
"""The facts a condition may test; the engine derives each from an application."""

FactValue = str | bool | None


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Data):
    url: str
    note: str | None = None
    """What the page is and its date, as shown to the user."""


class Sourced(Data):
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence
    verified_on: dt.date
    caveat: str | None = None
    """Shown to the user where sources disagree or a rule varies by prefecture."""


class Condition(Data):
    """All listed facts must match (AND); a requirement's list of conditions is an OR."""

    facts: Mapping[str, tuple[FactValue, ...]] = Field(default_factory=dict)
    filed_on_or_after: dt.date | None = None
    filed_before: dt.date | None = None
    age_below: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _split_facts(cls, raw: Any) -> Any:
        if not isinstance(raw, dict) or "facts" in raw:
            return raw
        special = {"filed_on_or_after", "filed_before", "age_below"}
        facts = {k: v for k, v in raw.items() if k not in special}
        unknown = sorted(set(facts) - FACT_NAMES)
        if unknown:
            raise ValueError(f"unknown fact {unknown[0]!r}; known: {sorted(FACT_NAMES)}")
        for key, value in facts.items():
            if not isinstance(value, list):
                raise ValueError(f"fact {key!r} must be a list of allowed values")
        result: dict[str, Any] = {k: raw[k] for k in special if k in raw}
        result["facts"] = {k: tuple(v) for k, v in facts.items()}
        return result


class MaxAge(Data):
    months: int = Field(gt=0)
    measured_against: Literal["filing-or-appointment"] = "filing-or-appointment"
    """Freshness is judged on the day the file is handed in, never on today."""


class Requirement(Sourced):
    id: str
    section: str
    order: int
    name_fr: str
    name_en: str
    how_to_get: str
    when: list[Condition] = Field(default_factory=list)
    """Empty means: for every application that reaches this file's cards."""
    originals: int = 1
    copies: int = 1
    max_age: MaxAge | None = None
    translation: Literal["never", "if-issued-abroad"] = "never"
    shareable: bool = False
    """One copy can serve several members of the household (a lease, a bill)."""
    counts_photos: bool = False
    """The item is the paper photos: its quantity comes from the département."""


class Section(Data):
    id: str
    order: int
    title_fr: str
    title_en: str


class ProcedureRoute(Data):
    route: Route | Literal["choice"]
    default: Route | None = None
    """For a choice: the route assumed until the person picks one."""
    why: str | None = None
    """For a choice: why it varies, shown beside the choice."""
    anef_button: str | None = None
    anef_button_without_visa: str | None = None
    """For a first card asked with no long-stay visa and no numéro étranger."""
    window: str | None = None
    """Renewal window id (windows.toml) for this procedure and route."""
    sources: list[Source] = Field(default_factory=list)

    @model_validator(mode="after")
    def _choice_complete(self) -> ProcedureRoute:
        if self.route == "choice" and (self.default is None or not self.why):
            raise ValueError("a 'choice' route needs a default and a why")
        return self


class Card(Sourced):
    id: str
    name_fr: str
    name_en: str
    summary: str
    family: str
    """Groups cards for display (e.g. 'Withdrawal Agreement', 'Talent')."""
    fee: Literal["standard", "reduced", "free"]
    validity_months: int
    withdrawal_agreement: bool = False
    procedures: dict[Procedure, ProcedureRoute]


class Amount(Data):
    tax: int
    stamp: int
    tax_max: int | None = None
    """Upper figure where the sources disagree; the safe budget uses it."""

    @property
    def total(self) -> int:
        return self.tax + self.stamp

    @property
    def total_max(self) -> int:
        return (self.tax_max if self.tax_max is not None else self.tax) + self.stamp


class Regularisation(Data):
    total: int
    at_filing: int
    """Paid when the file is handed in and not refunded if the card is refused."""


class FeeSchedule(Sourced):
    valid_from: dt.date
    amounts: dict[str, Amount]
    late_filing: int
    regularisation: Regularisation


class Window(Sourced):
    id: str
    opens_days_before: int
    deadline_days_before: int
    """Last day without the late fee: this many days before the card expires."""
    late_fee: bool
    late_limit_days_after: int | None = None


class PhotoRules(Sourced):
    paper_count_default: int
    paper_norms: list[str]
    paper_where: str
    ephoto_valid_months: int
    ephoto_activation_hours: int
    ephoto_where: str
    ephoto_notes: list[str]


class Departement(Data):
    code: str
    name: str
    prefecture: str
    """The town of the prefecture (chef-lieu)."""
    service: str | None = None
    """Where the foreigners' service is, when it is not simply 'Préfecture de <name>'."""
    paper_photos: int | None = None
    photo_source: str | None = None


class Deadline(Sourced):
    id: str
    months: int = Field(gt=0)
    title: str
    detail: str
    only_cards_longer_than_months: int | None = None


class Collection(Sourced):
    bring: list[str]


class HandIn(Sourced):
    text: str


class CardGeneration(Data):
    id: str
    first_issued: dt.date
    label: str
    where_numero: str
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence


class Catalogue(Data):
    """The whole catalogue, cross-checked: every id a file refers to exists."""

    sections: dict[str, Section]
    cards: dict[str, Card]
    requirements: dict[str, Requirement]
    fees: list[FeeSchedule]
    windows: dict[str, Window]
    photos: PhotoRules
    departements: dict[str, Departement]
    generations: list[CardGeneration]
    hand_in: dict[Route, HandIn]
    deadlines: dict[str, Deadline]
    collection: Collection
    last_verified: dt.date

    @model_validator(mode="after")
    def _cross_check(self) -> Catalogue:
        for req in self.requirements.values():
            if req.section not in self.sections:
                raise ValueError(f"requirement {req.id}: unknown section {req.section!r}")
            for cond in req.when:
                for card_id in cond.facts.get("card", ()):
                    if card_id not in self.cards:
                        raise ValueError(f"requirement {req.id}: unknown card {card_id!r}")
        categories = {c for s in self.fees for c in s.amounts}
        for card in self.cards.values():
            for proc, route in card.procedures.items():
                if route.window and route.window not in self.windows:
                    raise ValueError(f"card {card.id} {proc}: unknown window {route.window!r}")
        for needed in ("standard-first", "standard-renewal", "reduced-first", "duplicate"):
            if needed not in categories:
                raise ValueError(f"fees: no amount for {needed!r}")
        return self

    def generation_for(self, issued_on: dt.date | None) -> CardGeneration | None:
        """The card model made on that date, which tells where the numéro étranger is."""
        if issued_on is None:
            return None
        made = [g for g in self.generations if g.first_issued <= issued_on]
        return max(made, key=lambda g: g.first_issued) if made else None

    def fee_schedule(self, on: dt.date) -> FeeSchedule:
        """The schedule in force on a date (the newest that started on or before it)."""
        applicable = [s for s in self.fees if s.valid_from <= on]
        return max(applicable, key=lambda s: s.valid_from) if applicable else self.fees[0]


class CatalogueError(Exception):
    """A catalogue data file is invalid: a bug in the package, never the user's fault."""


def _read(name: str) -> dict[str, Any]:
    text = (files(__name__) / name).read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"catalogue file {name}: {exc}") from exc


def _keyed(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    keyed: dict[str, Any] = {}
    for item in items:
        if item["id"] in keyed:
            raise CatalogueError(f"catalogue file {name}: id {item['id']!r} twice")
        keyed[item["id"]] = item
    return keyed


@cache
def load_catalogue() -> Catalogue:
    """Load and validate every catalogue file once per process."""
    requirements: dict[str, Any] = {}
    for entry in sorted(files(__name__).iterdir(), key=lambda e: e.name):
        if entry.name.startswith("requirements-") and entry.name.endswith(".toml"):
            for key, value in _keyed(_read(entry.name)["requirement"], entry.name).items():
                if key in requirements:
                    raise CatalogueError(f"requirement id {key!r} defined twice")
                requirements[key] = value
    meta = _read("meta.toml")
    deadlines = _read("deadlines.toml")
    raw = {
        "sections": _keyed(meta["section"], "meta.toml"),
        "cards": _keyed(_read("cards.toml")["card"], "cards.toml"),
        "requirements": requirements,
        "fees": _read("fees.toml")["schedule"],
        "windows": _keyed(_read("windows.toml")["window"], "windows.toml"),
        "photos": _read("photos.toml"),
        "departements": {d["code"]: d for d in _read("departements.toml")["departement"]},
        "generations": meta["generation"],
        "hand_in": meta["hand_in"],
        "deadlines": _keyed(deadlines["deadline"], "deadlines.toml"),
        "collection": deadlines["collection"],
        "last_verified": meta["last_verified"],
    }
    try:
        return Catalogue.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(f"the requirement catalogue is invalid:\n{exc}") from exc


__all__ = [
    "Amount",
    "Card",
    "CardGeneration",
    "Catalogue",
    "CatalogueError",
    "Collection",
    "Condition",
    "Deadline",
    "Departement",
    "FeeSchedule",
    "HandIn",
    "MaxAge",
    "PhotoRules",
    "ProcedureRoute",
    "Requirement",
    "Section",
    "Source",
    "Window",
    "load_catalogue",
]
