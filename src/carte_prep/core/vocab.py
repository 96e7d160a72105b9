"""The closed vocabularies shared by the saved files and the catalogue.

They are the words the rules are written in. Adding a value here is a schema change;
adding a card type or a document is not (those live in the catalogue data files).
"""

from __future__ import annotations

from typing import Literal, get_args

Procedure = Literal["first", "renewal", "change-of-situation", "duplicate", "vls-ts-validation"]
Route = Literal["anef", "prefecture"]
Status = Literal["todo", "requested", "gathered", "not-applicable", "handed-in"]
Housing = Literal["own-name", "hosted", "hotel", "student-residence"]
MaritalStatus = Literal["single", "married", "pacs", "divorced", "widowed"]
Relationship = Literal["self", "spouse", "partner", "child", "parent", "other"]
EmploymentChange = Literal["same-employer", "new-employer", "job-lost"]
LossOrTheft = Literal["loss", "theft"]
ChangeKind = Literal["address", "civil-status", "family"]
AppointmentKind = Literal["first-application", "renewal", "collection", "other"]
Confidence = Literal["C2", "C3", "S", "Seed", "Conflict", "Inference"]

PROCEDURES: tuple[Procedure, ...] = get_args(Procedure)
ROUTES: tuple[Route, ...] = get_args(Route)
STATUSES: tuple[Status, ...] = get_args(Status)
DONE_STATUSES: frozenset[Status] = frozenset({"gathered", "handed-in"})

PROCEDURE_LABELS: dict[Procedure, str] = {
    "first": "first application",
    "renewal": "renewal",
    "change-of-situation": "change of situation",
    "duplicate": "duplicate after loss or theft",
    "vls-ts-validation": "VLS-TS visa validation",
}
