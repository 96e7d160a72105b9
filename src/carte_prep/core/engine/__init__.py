"""The checklist engine: the legal path, the route, the window, the fee and the items.

Submodules do one thing each (``route``, ``windows``, ``fees``, ``photos``, ``selection``,
``items``, ``warnings``); ``checklist`` puts them together. The names below are the
engine's public face.
"""

from carte_prep.core.engine.checklist import (
    build_checklist,
    household_checklists,
    household_progress,
    shareable_documents,
)
from carte_prep.core.engine.items import judge_freshness
from carte_prep.core.engine.results import (
    Checklist,
    ChecklistItem,
    ChecklistSection,
    FeeQuote,
    FilingWindow,
    Freshness,
    JudgedOn,
    Level,
    PhotoPlan,
    Progress,
    Result,
    RouteDecision,
    Warning,
)
from carte_prep.core.engine.route import describe_judging_date, judging_date, prefecture_name
from carte_prep.core.engine.warnings import identity_warnings

__all__ = [
    "Checklist",
    "ChecklistItem",
    "ChecklistSection",
    "FeeQuote",
    "FilingWindow",
    "Freshness",
    "JudgedOn",
    "Level",
    "PhotoPlan",
    "Progress",
    "Result",
    "RouteDecision",
    "Warning",
    "build_checklist",
    "describe_judging_date",
    "household_checklists",
    "household_progress",
    "identity_warnings",
    "judge_freshness",
    "judging_date",
    "prefecture_name",
    "shareable_documents",
]
