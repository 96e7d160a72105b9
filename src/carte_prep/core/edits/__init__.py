"""Every change a person can make to a household, as a small typed value, and ``apply``.

The command line maps its arguments to an edit and the app maps a key or a field to one;
both hand it to :class:`~carte_prep.core.session.Session`, which applies it, saves the
result and remembers it for undo. Nothing else changes a household, so the two front ends
always make the same change, with the same checks and the same messages.

The edit types are in ``kinds``, their meaning (``apply``) in ``applying``; both are
here as one namespace: ``edits.SetItem``, ``edits.apply``.
"""

from carte_prep.core.edits.applying import apply
from carte_prep.core.edits.kinds import (
    UNSET,
    AddAttachments,
    AddMember,
    AddReceipt,
    AddRequest,
    AfterFilingEdit,
    CycleStatus,
    Edit,
    ItemEdit,
    MarkRequestSent,
    RemoveAttachment,
    RemoveMember,
    RemoveReceipt,
    RemoveRequest,
    RenameHousehold,
    SetAddress,
    SetCardReady,
    SetCollection,
    SetEPhoto,
    SetFiledOn,
    SetItem,
    SetTimbre,
    Share,
    ToggleGathered,
    ToggleShare,
    ToggleTranslated,
    Unset,
    UpdateMember,
    describe,
)

__all__ = [
    "UNSET",
    "AddAttachments",
    "AddMember",
    "AddReceipt",
    "AddRequest",
    "AfterFilingEdit",
    "CycleStatus",
    "Edit",
    "ItemEdit",
    "MarkRequestSent",
    "RemoveAttachment",
    "RemoveMember",
    "RemoveReceipt",
    "RemoveRequest",
    "RenameHousehold",
    "SetAddress",
    "SetCardReady",
    "SetCollection",
    "SetEPhoto",
    "SetFiledOn",
    "SetItem",
    "SetTimbre",
    "Share",
    "ToggleGathered",
    "ToggleShare",
    "ToggleTranslated",
    "Unset",
    "UpdateMember",
    "apply",
    "describe",
]
