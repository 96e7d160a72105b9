"""The saved data: households, their members, each member's application and tracking.

Everything a person types passes through :mod:`carte_prep.core.text`, so what is stored
is NFC, free of hidden controls and within stated limits. Models forbid unknown keys so a
typo in a hand-edited file is reported rather than silently dropped.

The models live in four modules (value types, the after-filing log, the application, the
household); they are all importable from here, as they always were.
"""

from carte_prep.core.model.after_filing import (
    AfterFiling,
    Appointment,
    ExtraDocumentsRequest,
    Receipt,
    TimbreFiscal,
)
from carte_prep.core.model.application import (
    Application,
    CurrentCard,
    EPhoto,
    Situation,
    Tracking,
)
from carte_prep.core.model.household import (
    Household,
    Member,
    Passport,
    PostalAddress,
    SharedEvidence,
)
from carte_prep.core.model.values import (
    ATTACHMENTS_MAX,
    EARLIEST_DAY,
    LATEST_DAY,
    LINE_MAX,
    NAME_MAX,
    NOTES_MAX,
    SCHEMA_VERSION,
    CardId,
    Day,
    DepartementCode,
    ItemId,
    Line,
    Model,
    ModelType,
    Name,
    Nationality,
    Notes,
    RequiredLine,
    Slug,
    plausible_day,
    within_plausible_days,
)

__all__ = [
    "ATTACHMENTS_MAX",
    "EARLIEST_DAY",
    "LATEST_DAY",
    "LINE_MAX",
    "NAME_MAX",
    "NOTES_MAX",
    "SCHEMA_VERSION",
    "AfterFiling",
    "Application",
    "Appointment",
    "CardId",
    "CurrentCard",
    "Day",
    "DepartementCode",
    "EPhoto",
    "ExtraDocumentsRequest",
    "Household",
    "ItemId",
    "Line",
    "Member",
    "Model",
    "ModelType",
    "Name",
    "Nationality",
    "Notes",
    "Passport",
    "PostalAddress",
    "Receipt",
    "RequiredLine",
    "SharedEvidence",
    "Situation",
    "Slug",
    "TimbreFiscal",
    "Tracking",
    "plausible_day",
    "within_plausible_days",
]
