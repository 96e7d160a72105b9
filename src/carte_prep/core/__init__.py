"""The headless core of carte-prep: model, catalogue, checklist engine and storage.

Nothing here imports textual or weasyprint; the CLI, the app and the PDF renderer all
call these functions, so they always agree. Changes to a household go through
:mod:`carte_prep.core.edits` and :mod:`carte_prep.core.session`.
"""

from carte_prep.core.catalogue import Catalogue, CatalogueError, load_catalogue
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
from carte_prep.core.errors import CartePrepError, InvalidInputError, NotFoundError
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
from carte_prep.core.procedure import ProcedureDecision, decide_procedure

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
