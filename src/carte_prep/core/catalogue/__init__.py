"""The requirement catalogue: every rule the checklist is built from, as sourced data.

Rules change every year (fees, the civic exam, the "talent" reform), so none is written
in Python. The TOML files beside this module hold card types and the legal paths each
allows, documents, fees by path, filing windows, deadlines, photo norms, départements and
nationality notices; each rule carries its sources, a confidence mark and the date it was
last checked. They are validated here when first loaded, so a bad edit fails loudly at
start instead of producing a wrong checklist. The saved households never depend on it.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

from pydantic import ValidationError, model_validator

from carte_prep.core.catalogue.facts import CARD_FACTS, FACTS, Fact, FactValue
from carte_prep.core.catalogue.schema import (
    Amount,
    Card,
    CardGeneration,
    Collection,
    Condition,
    Data,
    Deadline,
    Departement,
    FeeClass,
    FeeOverride,
    FeeRule,
    FeeSchedule,
    HandIn,
    InsteadOfCard,
    MaxAge,
    NotCovered,
    Notice,
    PathRule,
    PhotoRules,
    Question,
    RegimeRule,
    Requirement,
    RouteOverride,
    Section,
    Source,
    Sourced,
    UploadRules,
    Variant,
    Window,
    WindowByRoute,
)
from carte_prep.core.countries import countries
from carte_prep.core.sources import sources_digest as sources_digest
from carte_prep.core.vocab import PROCEDURES, Procedure, Route


class Catalogue(Data):
    """The whole catalogue, cross-checked: every id a file refers to exists."""

    sections: dict[str, Section]
    cards: dict[str, Card]
    requirements: dict[str, Requirement]
    fees: list[FeeSchedule]
    fee_rules: dict[FeeClass, dict[Procedure, FeeRule]]
    fee_paid: str
    """How a fee is paid, unless a path's rule says otherwise (``paid`` in fees.toml)."""
    windows: dict[str, Window]
    window_by_path: dict[Procedure, WindowByRoute]
    photos: PhotoRules
    uploads: UploadRules
    departements: dict[str, Departement]
    generations: list[CardGeneration]
    hand_in: dict[Route, HandIn]
    deadlines: dict[str, Deadline]
    collection: Collection
    notices: list[Notice]
    regimes: dict[str, RegimeRule]
    questions: dict[str, Question]
    last_verified: dt.date

    @model_validator(mode="after")
    def _cross_check(self) -> Catalogue:
        self._check_requirements()
        self._check_cards()
        self._check_fees()
        for name, question in self.questions.items():
            fact = FACTS.get(name)
            if fact is None or fact.values is None or None not in fact.values:
                raise ValueError(f"question {name!r}: not a fact that can be left unanswered")
            question.answers(fact.values)
        known = set(countries())
        for notice in self.notices:
            unknown = set(notice.countries) - known
            if unknown:
                raise ValueError(f"notice {notice.id}: unknown {sorted(unknown)}")
            self._check_card_ids(f"notice {notice.id}", notice.when)
        self._check_regimes(known)
        return self

    def _check_regimes(self, known: set[str]) -> None:
        for regime in self.regimes.values():
            if set(regime.countries) - known:
                raise ValueError(f"regime {regime.id}: unknown country")
            named = [*regime.open_cards, *regime.instead]
            named += [i.use for i in regime.instead.values() if i.use]
            unknown = [c for c in named if c not in self.cards]
            if unknown:
                raise ValueError(f"regime {regime.id}: unknown card {unknown[0]!r}")
            for card_id, instead in regime.instead.items():
                if instead.use and self.cards[instead.use].regime != regime.id:
                    raise ValueError(f"regime {regime.id}: {card_id} replaced by another regime")

    def _check_card_ids(self, where: str, conditions: list[Condition]) -> None:
        for cond in conditions:
            for table in (cond.facts, cond.facts_not):
                for name in CARD_FACTS & set(table):
                    unknown = [c for c in table[name] if c is not None and c not in self.cards]
                    if unknown:
                        raise ValueError(f"{where}: unknown card {unknown[0]!r}")

    def regime_for(self, nationality: str | None) -> RegimeRule | None:
        """The regime a nationality puts a person under, when it is not the CESEDA."""
        if nationality is None:
            return None
        return next((r for r in self.regimes.values() if nationality in r.countries), None)

    def menu(self) -> list[tuple[str, list[Card]]]:
        """Every card grouped by family, families in catalogue order: what a picker shows."""
        groups: dict[str, list[Card]] = {}
        for card in self.cards.values():
            groups.setdefault(card.family, []).append(card)
        return list(groups.items())

    def _check_requirements(self) -> None:
        for req in self.requirements.values():
            if req.section not in self.sections:
                raise ValueError(f"requirement {req.id}: unknown section {req.section!r}")
            self._check_card_ids(f"requirement {req.id}", req.when)

    def _check_cards(self) -> None:
        for card in self.cards.values():
            for other in card.renews_from:
                if other not in self.cards:
                    raise ValueError(f"card {card.id}: renews_from unknown card {other!r}")
            if card.window_when_held and card.window_when_held not in self.windows:
                raise ValueError(f"card {card.id}: unknown window {card.window_when_held!r}")
            both = set(card.paths) & set(card.not_covered)
            if both:
                raise ValueError(f"card {card.id}: {sorted(both)[0]} both allowed and refused")
            if card.deadline_after_filing and card.deadline_after_filing not in self.deadlines:
                raise ValueError(f"card {card.id}: unknown deadline {card.deadline_after_filing!r}")
            for rule in card.paths.values():
                for override in rule.route_when:
                    self._check_card_ids(f"card {card.id}", override.when)
                unknown = [c for c in rule.only_after if c not in self.cards]
                if unknown:
                    raise ValueError(f"card {card.id}: only_after unknown card {unknown[0]!r}")
            for fee_override in card.fee_when:
                self._check_card_ids(f"card {card.id}", fee_override.when)
        for needed in ("first-card-after-18", "first-card-before-19", "wa-first-after-18"):
            if needed not in self.deadlines:
                raise ValueError(f"deadlines: {needed!r} is missing (the agenda uses it)")
        for path, choice in self.window_by_path.items():
            for window in (choice.anef, choice.prefecture):
                if window not in self.windows:
                    raise ValueError(f"windows: path {path} names unknown window {window!r}")

    def _check_fees(self) -> None:
        categories = {c for s in self.fees for c in s.amounts}
        for card in self.cards.values():
            for fee_class in [card.fee, *(o.fee for o in card.fee_when)]:
                if fee_class is not None and fee_class not in self.fee_rules:
                    raise ValueError(f"card {card.id}: fee class {fee_class!r} has no rules")
        for fee_class, rules in self.fee_rules.items():
            missing = set(PROCEDURES) - set(rules)
            if missing:
                raise ValueError(f"fees: class {fee_class} has no rule for {sorted(missing)}")
            for path, rule in rules.items():
                for name in (rule.amount, rule.upper):
                    if name is not None and name not in categories:
                        raise ValueError(f"fees: {fee_class}/{path} names unknown {name!r}")
        for schedule in self.fees:
            used = {
                n
                for rules in self.fee_rules.values()
                for r in rules.values()
                for n in (r.amount, r.upper)
                if n
            }
            if used - set(schedule.amounts):
                missing_amount = sorted(used - set(schedule.amounts))[0]
                raise ValueError(f"fees from {schedule.valid_from}: no {missing_amount!r}")

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


def _gathered(prefix: str, table: str) -> dict[str, Any]:
    """Entries of every file named ``<prefix>*.toml``, keyed by id, in file then entry order.

    ``cards.toml`` comes before ``cards-<population>.toml``: the order is the menu's.
    """
    names = sorted(
        (e.name for e in files(__name__).iterdir() if e.name.startswith(prefix)),
        key=lambda n: (n != f"{prefix}.toml", n),
    )
    gathered: dict[str, Any] = {}
    for name in names:
        if not name.endswith(".toml"):
            continue
        for key, value in _keyed(_read(name)[table], name).items():
            if key in gathered:
                raise CatalogueError(f"{table} id {key!r} defined twice")
            gathered[key] = value
    return gathered


PREBUILT = "catalogue.json"
"""The catalogue as validated JSON, made from the TOML files by ``scripts/make_catalogue.py``.

Reading it costs a few milliseconds instead of the ~60 ms of parsing the TOML, in every
process (each command, the app, the PDF renderer). It is still validated on load.
"""
PREBUILT_SOURCES = "catalogue.sources"
"""The digest of the TOML files the prebuilt JSON was made from: a stale JSON is never read."""


def catalogue_data() -> dict[str, Any]:
    """Every TOML file read into the catalogue's shape, before validation."""
    requirements = _gathered("requirements-", "requirement")
    cards = _gathered("cards", "card")
    meta = _read("meta.toml")
    deadlines = _read("deadlines.toml")
    fees = _read("fees.toml")
    windows = _read("windows.toml")
    return {
        "sections": _keyed(meta["section"], "meta.toml"),
        "cards": cards,
        "requirements": requirements,
        "fees": fees["schedule"],
        "fee_rules": fees["rule"],
        "fee_paid": fees["paid"],
        "windows": _keyed(windows["window"], "windows.toml"),
        "window_by_path": windows["by_path"],
        "photos": _read("photos.toml"),
        "uploads": _read("uploads.toml"),
        "departements": {d["code"]: d for d in _read("departements.toml")["departement"]},
        "generations": meta["generation"],
        "hand_in": meta["hand_in"],
        "deadlines": _keyed(deadlines["deadline"], "deadlines.toml"),
        "collection": deadlines["collection"],
        "notices": _read("nationalities.toml")["notice"] + _read("notices.toml")["notice"],
        "regimes": _keyed(_read("regimes.toml")["regime"], "regimes.toml"),
        "questions": meta["question"],
        "last_verified": meta["last_verified"],
    }


def prebuilt_json() -> str:
    """The JSON ``scripts/make_catalogue.py`` writes: the TOML data, dates as ISO text."""
    return json.dumps(
        catalogue_data(), ensure_ascii=False, indent=1, default=lambda day: day.isoformat()
    )


def _prebuilt_text() -> str | None:
    """The prebuilt JSON if it was made from the TOML files as they are now, else None."""
    folder = files(__name__)
    try:
        made_from = (folder / PREBUILT_SOURCES).read_text(encoding="ascii").strip()
        if made_from != sources_digest():
            return None
        return (folder / PREBUILT).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def load_catalogue() -> Catalogue:
    """The catalogue in the language this process speaks, validated once per language."""
    from carte_prep.i18n import language

    return _load_catalogue(language())


@cache
def _load_catalogue(language: str) -> Catalogue:
    """Load and validate every catalogue file (the prebuilt JSON if current), translated.

    English is the catalogue's own language and is read as it is; another language reads
    the same data with its sentences replaced (:mod:`carte_prep.core.catalogue.texts`).
    """
    prebuilt = _prebuilt_text()
    try:
        if language == "en":
            if prebuilt is not None:
                return Catalogue.model_validate_json(prebuilt)
            return Catalogue.model_validate(catalogue_data())
        from carte_prep.core.catalogue.texts import localized
        from carte_prep.i18n import catalogue_text

        data = json.loads(prebuilt) if prebuilt is not None else catalogue_data()
        return Catalogue.model_validate(localized(data, catalogue_text))
    except ValidationError as exc:
        raise CatalogueError(f"the requirement catalogue is invalid:\n{exc}") from exc


def forget_loaded_catalogues() -> None:
    """Read the catalogue files again on next use (a test that changes them)."""
    _load_catalogue.cache_clear()


__all__ = [
    "FACTS",
    "Amount",
    "Card",
    "CardGeneration",
    "Catalogue",
    "CatalogueError",
    "Collection",
    "Condition",
    "Deadline",
    "Departement",
    "Fact",
    "FactValue",
    "FeeClass",
    "FeeOverride",
    "FeeRule",
    "FeeSchedule",
    "HandIn",
    "InsteadOfCard",
    "MaxAge",
    "NotCovered",
    "Notice",
    "PathRule",
    "PhotoRules",
    "Question",
    "RegimeRule",
    "Requirement",
    "RouteOverride",
    "Section",
    "Source",
    "Sourced",
    "UploadRules",
    "Variant",
    "Window",
    "WindowByRoute",
    "forget_loaded_catalogues",
    "load_catalogue",
]
