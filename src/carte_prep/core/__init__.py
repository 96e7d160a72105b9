"""The headless core of carte-prep: model, catalogue, checklist engine and storage.

Nothing here imports textual or weasyprint; the CLI, the app and the PDF renderer all
call these functions, so they always agree. Changes to a household go through
:mod:`carte_prep.core.edits` and :mod:`carte_prep.core.session`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "Application": "carte_prep.core.model",
    "Appointment": "carte_prep.core.model",
    "CartePrepError": "carte_prep.core.errors",
    "Catalogue": "carte_prep.core.catalogue",
    "CatalogueError": "carte_prep.core.catalogue",
    "Checklist": "carte_prep.core.engine",
    "ChecklistItem": "carte_prep.core.engine",
    "ChecklistSection": "carte_prep.core.engine",
    "CurrentCard": "carte_prep.core.model",
    "EPhoto": "carte_prep.core.model",
    "FeeQuote": "carte_prep.core.engine",
    "FilingWindow": "carte_prep.core.engine",
    "Household": "carte_prep.core.model",
    "InvalidInputError": "carte_prep.core.errors",
    "Member": "carte_prep.core.model",
    "NotFoundError": "carte_prep.core.errors",
    "Passport": "carte_prep.core.model",
    "PhotoPlan": "carte_prep.core.engine",
    "ProcedureDecision": "carte_prep.core.procedure",
    "Progress": "carte_prep.core.engine",
    "RouteDecision": "carte_prep.core.engine",
    "SharedEvidence": "carte_prep.core.model",
    "Situation": "carte_prep.core.model",
    "Tracking": "carte_prep.core.model",
    "Warning": "carte_prep.core.engine",
    "build_checklist": "carte_prep.core.engine",
    "decide_procedure": "carte_prep.core.procedure",
    "household_checklists": "carte_prep.core.engine",
    "household_progress": "carte_prep.core.engine",
    "load_catalogue": "carte_prep.core.catalogue",
    "prefecture_name": "carte_prep.core.engine",
}
"""Each public name and the module that defines it, imported on first use (PEP 562), so
that a light command (``--version``, ``paths``) does not pay for pydantic and the catalogue."""

__all__ = [
    "Application",
    "Appointment",
    "CartePrepError",
    "Catalogue",
    "CatalogueError",
    "Checklist",
    "ChecklistItem",
    "ChecklistSection",
    "CurrentCard",
    "EPhoto",
    "FeeQuote",
    "FilingWindow",
    "Household",
    "InvalidInputError",
    "Member",
    "NotFoundError",
    "Passport",
    "PhotoPlan",
    "ProcedureDecision",
    "Progress",
    "RouteDecision",
    "SharedEvidence",
    "Situation",
    "Tracking",
    "Warning",
    "build_checklist",
    "decide_procedure",
    "household_checklists",
    "household_progress",
    "load_catalogue",
    "prefecture_name",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'carte_prep.core' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from carte_prep.core.catalogue import (
        Catalogue,
        CatalogueError,
        load_catalogue,
    )
    from carte_prep.core.engine import (
        Checklist,
        ChecklistItem,
        ChecklistSection,
        FeeQuote,
        FilingWindow,
        PhotoPlan,
        Progress,
        RouteDecision,
        Warning,
        build_checklist,
        household_checklists,
        household_progress,
        prefecture_name,
    )
    from carte_prep.core.errors import (
        CartePrepError,
        InvalidInputError,
        NotFoundError,
    )
    from carte_prep.core.model import (
        Application,
        Appointment,
        CurrentCard,
        EPhoto,
        Household,
        Member,
        Passport,
        SharedEvidence,
        Situation,
        Tracking,
    )
    from carte_prep.core.procedure import (
        ProcedureDecision,
        decide_procedure,
    )
