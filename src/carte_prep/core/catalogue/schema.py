"""The shape of the catalogue data files, validated when they are loaded.

Every rule carries its sources, a confidence mark and the day it was last checked; the
models forbid unknown keys so a typo in a data file fails at start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from carte_prep.core.catalogue.facts import FACTS, FactValue
from carte_prep.core.vocab import Confidence, LateFee, Procedure, Regime, Route

FeeClass = Literal["standard", "reduced", "free", "stamp-only", "free-first", "free-or-stamp"]
"""Which amounts a card pays on each path (fees.toml): the CESEDA standard or reduced tax,
free, only the droit de timbre at first issue (protection, ASE, health), free at first
issue only (Algerian certificates after a long-stay visa), or free by service-public with
the droit de timbre as the upper figure (Algerian 10-year certificate)."""


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


SPECIAL_KEYS = frozenset({"filed_on_or_after", "filed_before", "age_below"})


class Condition(Data):
    """All listed facts must match (AND); a requirement's list of conditions is an OR.

    ``fact = [values]`` requires the fact to be one of the values; ``fact_not = [values]``
    requires it to be none of them.
    """

    facts: Mapping[str, tuple[FactValue, ...]] = Field(default_factory=dict)
    facts_not: Mapping[str, tuple[FactValue, ...]] = Field(default_factory=dict)
    filed_on_or_after: dt.date | None = None
    filed_before: dt.date | None = None
    age_below: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _split_facts(cls, raw: Any) -> Any:
        if not isinstance(raw, dict) or "facts" in raw or "facts_not" in raw:
            return raw
        result: dict[str, Any] = {k: raw[k] for k in SPECIAL_KEYS if k in raw}
        facts: dict[str, tuple[FactValue, ...]] = {}
        negated: dict[str, tuple[FactValue, ...]] = {}
        for key, value in raw.items():
            if key in SPECIAL_KEYS:
                continue
            name, target = (key[:-4], negated) if key.endswith("_not") else (key, facts)
            if name not in FACTS:
                raise ValueError(f"unknown fact {name!r}; known: {sorted(FACTS)}")
            if not isinstance(value, list):
                raise ValueError(f"fact {key!r} must be a list of allowed values")
            allowed = FACTS[name].values
            wrong = [v for v in value if allowed is not None and v not in allowed]
            if wrong:
                raise ValueError(
                    f"fact {key!r}: {wrong[0]!r} is not one of its values {list(allowed or ())}"
                )
            target[name] = tuple(value)
        return {**result, "facts": facts, "facts_not": negated}


class MaxAge(Data):
    months: int = Field(gt=0)
    measured_against: Literal["filing-or-appointment"] = "filing-or-appointment"
    """Freshness is judged on the day the file is handed in, never on today."""


class Variant(Data):
    """One kind of document that satisfies an item, with its own age limit."""

    id: str
    label: str
    max_age: MaxAge | None = None


class Requirement(Sourced):
    id: str
    section: str
    order: int
    name_fr: str
    name_en: str
    how_to_get: str
    when: list[Condition] = Field(default_factory=list)
    """Empty means: for every application."""
    originals: int = 1
    copies: int = 1
    max_age: MaxAge | None = None
    """The limit assumed until the person says which kind of document it is (the
    strictest of the variants when there are variants)."""
    variants: list[Variant] = Field(default_factory=list)
    translation: Literal["never", "if-issued-abroad"] = "never"
    shareable: bool = False
    """One copy can serve several members of the household (a lease, a bill)."""
    counts_photos: bool = False
    """The item is the paper photos: its quantity comes from the département."""
    is_ephoto: bool = False
    """The item is the e-photo code: its freshness is the code's, not a printed date."""
    optional: bool = False
    """The person may give it but need not (the contrat d'engagement for some nationals):
    listed, never counted as missing."""

    @model_validator(mode="after")
    def _strictest_is_default(self) -> Requirement:
        if self.variants:
            limits = [v.max_age.months for v in self.variants if v.max_age]
            if (self.max_age.months if self.max_age else None) != (min(limits) if limits else None):
                raise ValueError(f"{self.id}: max_age must be the strictest variant's")
        return self

    def max_age_for(self, variant: str | None) -> MaxAge | None:
        """The age limit for the kind of document chosen (unknown kind: the strictest)."""
        chosen = next((v for v in self.variants if v.id == variant), None)
        return chosen.max_age if chosen else self.max_age


class Section(Data):
    id: str
    order: int
    title_fr: str
    title_en: str


class NotCovered(Data):
    """A path the card does not allow, with the reason and the page to read instead."""

    reason: str
    read: Source


class RouteOverride(Data):
    """A route that applies instead of the path's usual one when the conditions hold."""

    when: list[Condition] = Field(min_length=1)
    route: Route | Literal["choice"]
    default: Route | None = None
    """For a choice: the route assumed until the person picks one."""
    why: str
    sources: list[Source] = Field(default_factory=list)

    @model_validator(mode="after")
    def _situation_only(self) -> RouteOverride:
        if self.route == "choice" and self.default is None:
            raise ValueError("a 'choice' route needs a default")
        for condition in self.when:
            if {"route", "fee_due"} & (set(condition.facts) | set(condition.facts_not)):
                raise ValueError("a route override cannot depend on the route or the fee")
        return self


class PathRule(Data):
    """How one legal path for one card is filed."""

    route: Route | Literal["choice"]
    default: Route | None = None
    """For a choice: the route assumed until the person picks one."""
    why: str | None = None
    """For a choice: why it varies, shown beside the choice."""
    anef_button: str | None = None
    anef_button_without_visa: str | None = None
    """For a first admission with no long-stay visa and no numéro étranger."""
    button_caveat: str | None = None
    """Shown beside the button where its wording rests on one source."""
    without_long_stay_visa: NotCovered | None = None
    """Set where a first admission needs a long-stay visa (L.412-1 CESEDA): without one
    the path is refused, with this reason."""
    route_when: list[RouteOverride] = Field(default_factory=list)
    refused_from_vls_ts: NotCovered | None = None
    """Set where holding a VLS-TS cannot lead to this card (a 10-year card needs years on
    cards): the path is refused with this reason."""
    validity_months: int | None = None
    """How long the card issued by this path usually lasts, when not the card's usual."""
    only_after: list[str] = Field(default_factory=list)
    """The held cards (or cards a held VLS-TS stands for) this path can start from; empty:
    any. Another held card refuses the path with ``only_after_reason``."""
    only_after_reason: NotCovered | None = None
    sources: list[Source] = Field(default_factory=list)

    @model_validator(mode="after")
    def _choice_complete(self) -> PathRule:
        if self.route == "choice" and (self.default is None or not self.why):
            raise ValueError("a 'choice' route needs a default and a why")
        if bool(self.only_after) != (self.only_after_reason is not None):
            raise ValueError("only_after and only_after_reason go together")
        return self


class FeeOverride(Data):
    """A fee class that applies instead of the card's usual one when the conditions hold
    (the reduced-rate card asked after a standard-rate one)."""

    when: list[Condition] = Field(min_length=1)
    fee: FeeClass
    why: str
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _situation_only(self) -> FeeOverride:
        for condition in self.when:
            named = set(condition.facts) | set(condition.facts_not)
            if {"route", "fee_due", "regularisation_due"} & named:
                raise ValueError("a fee override cannot depend on the route or the fee")
        return self


class Card(Sourced):
    """A card of the catalogue, or a situation listed so that people find it and are told
    plainly that carte-prep does not cover it (``not_covered_yet``, with no paths)."""

    id: str
    name_fr: str
    name_en: str
    short_en: str
    """How the card is named inside a sentence: 'visitor card', 'student card'."""
    summary: str
    family: str
    """Groups cards for display (e.g. 'Withdrawal Agreement', 'Talent')."""
    regime: Regime = "ceseda"
    """The body of law it is issued under; regimes.toml says who may ask for it."""
    fee: FeeClass | None = None
    fee_when: list[FeeOverride] = Field(default_factory=list)
    """Another fee class for some situations, the first that holds."""
    validity_months: int | None = None
    official_page: Source
    """The official page for this card, named when a path is not covered."""
    renews_from: list[str] = Field(default_factory=list)
    """Other cards whose holders ask for this one as a renewal (WA 5 years -> 10 years)."""
    window_when_held: str | None = None
    """The filing window of a holder of this card, when the law gives it its own."""
    regularisation: Literal["without-long-stay-visa", "if-irregular-stay", "never"] = (
        "without-long-stay-visa"
    )
    """When a first card carries the droit de visa de régularisation (L.436-4): after an
    entry without a long-stay visa; only for someone staying irregularly, where the card
    needs no long-stay visa; or never (the categories L.436-4 exempts, free cards)."""
    deadline_at_18: Literal["two-months-after-18", "day-before-19"] = "two-months-after-18"
    """R.431-5 CESEDA: a young person asks for a first card no later than 2 months after the
    18th birthday, or the day before the 19th birthday for the grounds its 2° lists."""
    deadline_after_filing: str | None = None
    """A time limit counted from the filing (deadlines.toml), such as the medical certificate
    sent to OFII within 1 month for the card of a sick foreign national."""
    paths: dict[Procedure, PathRule] = Field(default_factory=dict)
    not_covered: dict[Procedure, NotCovered] = Field(default_factory=dict)
    not_covered_yet: NotCovered | None = None
    """Set on a situation carte-prep lists without a checklist: every request gets this
    reason and page, never a neighbouring card's list."""

    @model_validator(mode="after")
    def _covered_or_pointer(self) -> Card:
        if self.not_covered_yet is not None:
            if self.paths or self.not_covered:
                raise ValueError(f"card {self.id}: not covered yet, so it can have no paths")
        elif not self.paths or self.fee is None or self.validity_months is None:
            raise ValueError(f"card {self.id}: a covered card needs paths, a fee and a validity")
        return self

    @property
    def withdrawal_agreement(self) -> bool:
        return self.regime == "withdrawal-agreement"

    @property
    def fee_class(self) -> FeeClass:
        assert self.fee is not None, f"card {self.id} is not covered"
        return self.fee

    def validity_for(self, path: Procedure) -> int:
        rule = self.paths.get(path)
        months = (rule.validity_months if rule else None) or self.validity_months
        assert months is not None, f"card {self.id} is not covered"
        return months


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


class FeeRule(Data):
    """Which amount of the schedule a path pays, for one fee class."""

    amount: str
    upper: str | None = None
    """A higher amount some sources give for this path: the budget uses it."""
    only_with_new_card: bool = False
    """Free unless a new card is asked for (a change of situation)."""
    regularisation: bool = False
    """The droit de visa de régularisation (L.436-4) is added for someone who entered
    without the long-stay visa the card requires."""
    paid: str | None = None
    """How this path pays, where it differs from the catalogue's ``fee_paid``."""
    caveat: str | None = None
    sources: list[Source] = Field(default_factory=list)


class Window(Sourced):
    id: str
    opens_days_before: int | None = None
    """None: the texts give no opening day (book as early as the prefecture allows)."""
    deadline_days_before: int
    """The last day to file safely: this many days before the held document expires."""
    legal_deadline_days_before: int | None = None
    """Where a text allows later than the safe deadline (R.431-5 for prefecture titles)."""
    late_fee: LateFee
    late_fee_note: str | None = None
    """Why the late fee is disputed or not due, shown with any amount."""
    late_limit_days_after: int | None = None
    held_label: str = "card"
    """How the held document is named in messages ('card', 'visa')."""


class WindowByRoute(Data):
    anef: str
    prefecture: str


class PhotoRules(Sourced):
    paper_count_default: int
    paper_norms: list[str]
    paper_where: str
    ephoto_valid_months: int
    ephoto_activation_hours: int
    ephoto_buy_days_before: int
    ephoto_where: str
    ephoto_notes: list[str]


class UploadRules(Sourced):
    """What ANEF accepts for one uploaded document (uploads.toml)."""

    max_file_bytes: int = Field(gt=0)
    formats: list[Literal["pdf", "jpeg", "png"]]
    secondary_only: bool
    """Only secondary sources give the figure: shown to the user as such."""


class Departement(Data):
    code: str
    name: str
    article: Literal["le", "la", "les", "l'", ""]
    """The article the name takes in French (INSEE's TNCC): « du Rhône », « de l'Ain »."""
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
    from_birthday: int | None = None
    """Counted from this birthday (18: the day the person turns 18)."""
    day_before: bool = False
    """The limit is the day before the date counted (« la veille de son dix-neuvième
    anniversaire »)."""
    remind_from_age: int | None = None
    """Shown in the agenda from this age on, not years ahead."""
    item: str | None = None
    """The checklist item the limit is about: once it is handed in, the limit is met."""


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


class Notice(Sourced):
    """What a nationality or a card changes that its items cannot say: a bilateral accord's
    timing, a rule on where a document goes. Shown as a warning where it applies."""

    id: str
    countries: list[str] = Field(default_factory=list)
    """ISO codes of the nationalities concerned; empty: any nationality."""
    when: list[Condition] = Field(default_factory=list)
    """Conditions on the checklist's facts (empty: shown on every checklist of a member of
    these nationalities, even one that is not covered)."""
    level: Literal["info", "warning", "danger"]
    message: str

    @model_validator(mode="after")
    def _targeted(self) -> Notice:
        if not self.countries and not self.when:
            raise ValueError(f"notice {self.id}: it needs countries or conditions")
        return self


class InsteadOfCard(Data):
    """What a national under a regime does instead of asking for a card of another regime."""

    use: str | None = None
    """The card of this regime that replaces it."""
    reason: str | None = None
    """Why there is no such card, when ``use`` is not set."""
    read: Source | None = None
    """The page to read for that reason, when it is not the regime's own page."""

    @model_validator(mode="after")
    def _one(self) -> InsteadOfCard:
        if (self.use is None) == (self.reason is None):
            raise ValueError("say either the card to use instead or the reason")
        return self


class RegimeRule(Sourced):
    """A body of law that decides, from nationality alone, which cards a person can have."""

    id: Regime
    name_en: str
    countries: list[str] = Field(min_length=1)
    applies: str
    """One sentence for the person: why their nationality puts them under this regime."""
    only_for: str
    """Why someone of another nationality cannot have its cards."""
    open_cards: list[str] = Field(default_factory=list)
    """Cards of other regimes that these nationals can still ask for."""
    instead: dict[str, InsteadOfCard] = Field(default_factory=dict)
    """For cards of other regimes: the card of this regime to ask for, or why there is none."""
    read: Source
    """The page to read when a card of another regime has no equivalent here."""


class Question(Data):
    """A situation question that may be left unanswered, and what each answer would add.

    While it is unanswered, the items an answer would bring are listed as "probably
    needed", so that they never vanish because the person did not know what to tick.
    """

    ask: str
    code: str
    """The warning code that lists the items the answer would add."""
    when: dict[str, str]
    """For each answer (a fact value, 'true'/'false' for yes/no): 'if ...' in words."""

    def answers(self, values: tuple[FactValue, ...]) -> list[tuple[FactValue, str]]:
        """The fact values this question names, with their words, in the fact's order."""
        named = {str(v).lower(): v for v in values if v is not None}
        unknown = set(self.when) - set(named)
        if unknown:
            raise ValueError(f"question answers {sorted(unknown)} are not values of the fact")
        return [(named[key], words) for key, words in self.when.items()]
