"""One edit of every type on the example households (importable as ``edit_samples``).

Each sample is valid on the example file it names, so a test can apply it, undo it, redo
it, or make the same change through the command line and the app.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import get_args

from carte_prep.core import edits as e
from carte_prep.core.model import (
    Appointment,
    EPhoto,
    ExtraDocumentsRequest,
    Member,
    Receipt,
    TimbreFiscal,
)

H, M = "thompson-family", "david"
"""The household and member most samples change."""
ANEF_H, ANEF_M = "nguyen-student", "linh"
"""A member who files online (the e-photo code)."""

NEW_MEMBER = Member(id="zoe", given_names="Zoé", birth_date=dt.date(2015, 3, 2))
RECEIPT = Receipt(kind="recepisse", valid_until=dt.date(2027, 2, 20))
REQUEST = ExtraDocumentsRequest(
    received_on=dt.date(2026, 11, 25), deadline=dt.date(2026, 12, 25), what="a bill"
)


@dataclass(frozen=True)
class Sample:
    """An edit, and the edits that first make it possible (a receipt to remove...)."""

    household_id: str
    edit: e.Edit
    setup: tuple[e.Edit, ...] = ()


SAMPLES: list[Sample] = [
    Sample(H, e.SetItem(M, "passport", status="requested")),
    Sample(H, e.SetItem(M, "passport", document_date=dt.date(2026, 10, 1), notes="in a drawer")),
    Sample(H, e.SetItem(M, "passport", translated=True, foreign_language=True)),
    Sample(H, e.SetItem("emily", "host-proof-of-address", variant="deed-or-tax-notice")),
    Sample(H, e.ToggleGathered(M, "passport")),
    Sample(H, e.CycleStatus(M, "paper-photos")),
    Sample("haddad-household", e.ToggleTranslated("samir", "birth-certificate")),
    Sample(H, e.AddAttachments(M, "passport", (f"attachments/{H}/passport.pdf",))),
    Sample(
        H,
        e.RemoveAttachment(M, "passport", 0),
        (e.AddAttachments(M, "passport", (f"attachments/{H}/a.pdf", f"attachments/{H}/b.pdf")),),
    ),
    Sample(H, e.Share("proof-of-address", ("david", "margaret", "emily"))),
    Sample(H, e.ToggleShare("proof-of-address", "margaret")),
    Sample(H, e.AddMember(NEW_MEMBER)),
    Sample(H, e.UpdateMember(NEW_MEMBER.model_copy(update={"id": "emily"}))),
    Sample(H, e.RemoveMember("margaret")),
    Sample(H, e.RenameHousehold("The Thompsons, Périgueux")),
    Sample(ANEF_H, e.SetEPhoto(ANEF_M, EPhoto(code="ZK4M9T2RQX7PB8WN3FHDAB"))),
    Sample(H, e.SetFiledOn(M, dt.date(2026, 11, 20))),
    Sample(H, e.AddReceipt(M, RECEIPT)),
    Sample(H, e.RemoveReceipt(M, 0), (e.AddReceipt(M, RECEIPT),)),
    Sample(H, e.AddRequest(M, REQUEST)),
    Sample(H, e.RemoveRequest(M, 0), (e.AddRequest(M, REQUEST),)),
    Sample(H, e.MarkRequestSent(M, 0, dt.date(2026, 11, 26)), (e.AddRequest(M, REQUEST),)),
    Sample(H, e.SetCardReady(M, dt.date(2026, 11, 26))),
    Sample(H, e.SetTimbre(M, TimbreFiscal(number="1234567890123456", amount=225))),
    Sample(H, e.SetCollection(M, Appointment(kind="other", date=dt.date(2026, 12, 3)))),
]


def edit_types() -> set[type]:
    """Every edit type core knows."""
    return set(get_args(e.Edit))
