"""What the engine returns: frozen results the CLI, the app and the PDF all print from."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from carte_prep.core.catalogue import (
    Amount,
    Card,
    MaxAge,
    Requirement,
    Section,
    Source,
    Variant,
)
from carte_prep.core.model import Tracking
from carte_prep.core.procedure import ProcedureDecision
from carte_prep.core.vocab import DONE_STATUSES, LateFee, Route

Level = Literal["info", "warning", "danger"]
JudgedOn = Literal["appointment", "filing", "filed", "today"]


class Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class Warning(Result):
    code: str
    level: Level
    message: str
    item_id: str | None = None


class RouteDecision(Result):
    route: Route
    decided_by: Literal["rule", "person", "default"]
    choosable: bool
    why: str | None
    anef_button: str | None
    anef_button_caveat: str | None = None
    where: str
    hand_in: str
    """How documents are given: originals and copies at the desk, or scans online."""
    sources: list[Source]


class FilingWindow(Result):
    """When the request must be filed, counted back from the end of what is held."""

    window_id: str
    held: str
    """What the window is counted from, in words: 'card' or 'visa'."""
    expiry: dt.date
    opens: dt.date | None
    """None: the texts give no opening day."""
    deadline: dt.date
    """The last safe day: after it the late fee follows (or may follow)."""
    legal_deadline: dt.date | None
    """Where the law itself allows later than the safe deadline (R.431-5, desk titles)."""
    late_limit: dt.date | None
    late_fee: LateFee
    late_fee_note: str | None
    caveat: str | None
    sources: list[Source]


class FeeQuote(Result):
    category: str
    amount: Amount
    upper: Amount | None
    """A higher amount some sources give for this path (budget for it)."""
    late_fee: int
    """The late fee included in the total (0 when filed in time or when disputed)."""
    late_fee_disputed: int
    """A late fee that may be asked but is disputed by the texts: in the upper figure only."""
    late_fee_if_late: int
    """What filing late would add, from the schedule in force."""
    regularisation: int
    """Droit de visa de régularisation, for a first admission without a long-stay visa."""
    regularisation_at_filing: int
    total: int
    total_max: int
    schedule_from: dt.date
    when_paid: str
    caveat: str | None
    sources: list[Source]


class Freshness(Result):
    document_date: dt.date
    fresh_until: dt.date | None
    """None: this kind of document does not go out of date."""
    judged_on: dt.date
    ok: bool
    implausible: Literal["future", "after-filing"] | None = None
    """A date after today or after the filing day: almost always a typo, never 'fine'."""


class PhotoPlan(Result):
    kind: Literal["paper", "ephoto", "none"]
    count: int
    where: str
    norms: list[str]
    notes: list[str]
    ephoto_code: str | None = None
    ephoto_purchased_on: dt.date | None = None
    ephoto_active_after: dt.date | None = None
    ephoto_expires_on: dt.date | None = None
    caveat: str | None
    sources: list[Source]


class ChecklistItem(Result):
    requirement: Requirement
    tracking: Tracking
    shared_with: list[str]
    """Member ids served by the same household document, when it is shared."""
    quantity: int
    needs_translation: bool
    max_age: MaxAge | None
    """The age limit for the kind of document chosen (the strictest until chosen)."""
    variant: Variant | None
    freshness: Freshness | None
    provisional: str | None = None
    """Set when the item is only probably needed: the question whose answer decides it."""
    warnings: list[Warning]

    @property
    def done(self) -> bool:
        """Ready to hand in: gathered, recent enough, and translated if it must be."""
        return (
            self.tracking.status in DONE_STATUSES
            and (self.freshness is None or self.freshness.ok)
            and (not self.needs_translation or self.tracking.translated)
        )

    @property
    def too_old(self) -> bool:
        """Gathered, but dated too long before the filing day: it does not count as ready,
        and the progress says so (a ticked box that is not ready would mislead). A date
        after today is a typo to check, not an old paper."""
        found = self.freshness
        return (
            self.tracking.status in DONE_STATUSES
            and found is not None
            and not found.ok
            and found.implausible is None
        )

    @property
    def counted(self) -> bool:
        """Counted in the progress: needed (an optional item is never missing)."""
        return self.tracking.status != "not-applicable" and not self.requirement.optional


class ChecklistSection(Result):
    section: Section
    items: list[ChecklistItem]


class Progress(Result):
    done: int
    total: int
    too_old: int = 0
    """Of the ones not done, how many are gathered but too old on the filing day."""

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


class Checklist(Result):
    """One member's checklist; when the path is not covered it has no items, only what to read.

    ``card`` is None only when the card asked for is not in the catalogue; ``route``,
    ``fee`` and ``photos`` are None exactly when ``decision.covered`` is False.
    """

    household_id: str
    member_id: str
    member_name: str
    card_type: str
    card: Card | None
    decision: ProcedureDecision
    route: RouteDecision | None
    judged_on: dt.date
    judged_on_kind: JudgedOn
    judged_on_label: str
    sections: list[ChecklistSection]
    fee: FeeQuote | None
    photos: PhotoPlan | None
    window: FilingWindow | None
    warnings: list[Warning]
    progress: Progress

    @property
    def covered(self) -> bool:
        return self.decision.covered

    @property
    def procedure(self) -> str:
        return self.decision.path

    @property
    def procedure_label(self) -> str:
        return self.decision.label

    @property
    def card_name_en(self) -> str:
        return self.card.name_en if self.card else self.card_type

    @property
    def serious_warnings(self) -> list[Warning]:
        """The warnings that ask for action (not the information notes): the count lists show."""
        return [w for w in self.warnings if w.level != "info"]

    @property
    def items(self) -> list[ChecklistItem]:
        return [item for section in self.sections for item in section.items]
