"""The edits themselves: one small frozen value per kind of change, and its few words.

Each names what it changes (a member, an item...) and holds only the new value or the
gesture ('toggle', 'next status'); :mod:`~carte_prep.core.edits.applying` gives them
their meaning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any, Final

from carte_prep.core.catalogue import load_catalogue
from carte_prep.core.model import (
    Appointment,
    EPhoto,
    ExtraDocumentsRequest,
    Household,
    Member,
    PostalAddress,
    Receipt,
    TimbreFiscal,
)
from carte_prep.core.vocab import Status
from carte_prep.i18n import N_, _


class Unset(Enum):
    """An edit field left out: that value stays as it is (None is a value: "clear it")."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET


# -- one checklist item --------------------------------------------------------------------


@dataclass(frozen=True)
class SetItem:
    """Set one or more of an item's tracking values; the others stay as they are."""

    member_id: str
    requirement_id: str
    status: Status | Unset = UNSET
    document_date: dt.date | Unset | None = UNSET
    """The date printed on the document (None: not known)."""
    notes: str | Unset = UNSET
    translated: bool | Unset = UNSET
    foreign_language: bool | Unset | None = UNSET
    """None: follow the situation (documents issued abroad)."""
    variant: str | Unset | None = UNSET
    """Which kind of document it is, one of the requirement's variants (None: not said)."""

    def changes(self) -> dict[str, Any]:
        """The tracking values this edit sets, by field name."""
        skip = {"member_id", "requirement_id"}
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in skip and getattr(self, f.name) is not UNSET
        }


@dataclass(frozen=True)
class ToggleGathered:
    """Gathered (or handed in) goes back to do; anything else becomes gathered."""

    member_id: str
    requirement_id: str


@dataclass(frozen=True)
class CycleStatus:
    """The next status, in the order a paper goes through them (see ``NEXT_STATUS``)."""

    member_id: str
    requirement_id: str


@dataclass(frozen=True)
class ToggleTranslated:
    """The sworn translation is obtained, or no longer."""

    member_id: str
    requirement_id: str


@dataclass(frozen=True)
class AddAttachments:
    """Attach scans (entries already checked); one already attached is not listed twice."""

    member_id: str
    requirement_id: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class RemoveAttachment:
    """Detach one scan, by its position in the item's list."""

    member_id: str
    requirement_id: str
    index: int


# -- household documents ---------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """One document serves exactly these members (none: each keeps their own copy)."""

    requirement_id: str
    member_ids: tuple[str, ...]


@dataclass(frozen=True)
class ToggleShare:
    """A member joins the household document, or leaves it keeping a copy of its tracking."""

    requirement_id: str
    member_id: str


# -- members and the household -----------------------------------------------------------------


@dataclass(frozen=True)
class AddMember:
    """A new member (their id must not be taken)."""

    member: Member


@dataclass(frozen=True)
class UpdateMember:
    """A member's details and application replaced as a whole (same id, which must exist)."""

    member: Member


@dataclass(frozen=True)
class RemoveMember:
    """A member leaves, with their tracking; shared documents stop listing them."""

    member_id: str


@dataclass(frozen=True)
class RenameHousehold:
    name: str


@dataclass(frozen=True)
class SetAddress:
    """The household's postal address, or one member's own (None: clear it).

    A member without an address of their own lives at the household's.
    """

    member_id: str | None
    address: PostalAddress | None


@dataclass(frozen=True)
class SetEPhoto:
    """The e-photo code and its purchase day (None: no code yet)."""

    member_id: str
    ephoto: EPhoto | None


# -- after filing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetFiledOn:
    """The day the file was handed in or submitted (None: not filed yet)."""

    member_id: str
    on: dt.date | None


@dataclass(frozen=True)
class AddReceipt:
    member_id: str
    receipt: Receipt


@dataclass(frozen=True)
class RemoveReceipt:
    member_id: str
    index: int


@dataclass(frozen=True)
class AddRequest:
    """The prefecture asked for more documents."""

    member_id: str
    request: ExtraDocumentsRequest


@dataclass(frozen=True)
class RemoveRequest:
    member_id: str
    index: int


@dataclass(frozen=True)
class MarkRequestSent:
    """What a request asked for was sent on this day (None: not sent after all)."""

    member_id: str
    index: int
    on: dt.date | None


@dataclass(frozen=True)
class SetCardReady:
    """The day the message said the card is ready (None: not yet)."""

    member_id: str
    on: dt.date | None


@dataclass(frozen=True)
class SetTimbre:
    member_id: str
    timbre: TimbreFiscal | None


@dataclass(frozen=True)
class SetCollection:
    """The appointment to collect the card (its kind is always 'collection')."""

    member_id: str
    collection: Appointment | None


ItemEdit = (
    SetItem | ToggleGathered | CycleStatus | ToggleTranslated | AddAttachments | RemoveAttachment
)
AfterFilingEdit = (
    SetFiledOn
    | AddReceipt
    | RemoveReceipt
    | AddRequest
    | RemoveRequest
    | MarkRequestSent
    | SetCardReady
    | SetTimbre
    | SetCollection
)
Edit = (
    ItemEdit
    | Share
    | ToggleShare
    | AddMember
    | UpdateMember
    | RemoveMember
    | RenameHousehold
    | SetAddress
    | SetEPhoto
    | AfterFilingEdit
)
"""Every change a person can make; :func:`apply` takes any of them."""


_WHAT: Final[dict[type, str]] = {
    ToggleGathered: N_("gathered or not"),
    CycleStatus: N_("status"),
    ToggleTranslated: N_("sworn translation"),
    AddAttachments: N_("scans attached"),
    RemoveAttachment: N_("scan removed"),
    Share: N_("who the household document serves"),
    ToggleShare: N_("who the household document serves"),
    AddMember: N_("member added"),
    UpdateMember: N_("profile"),
    RemoveMember: N_("member removed"),
    RenameHousehold: N_("household name"),
    SetAddress: N_("postal address"),
    SetEPhoto: N_("e-photo code"),
    SetFiledOn: N_("filing day"),
    AddReceipt: N_("récépissé added"),
    RemoveReceipt: N_("récépissé removed"),
    AddRequest: N_("request for documents added"),
    RemoveRequest: N_("request for documents removed"),
    MarkRequestSent: N_("request sent"),
    SetCardReady: N_("card ready"),
    SetTimbre: N_("timbre fiscal"),
    SetCollection: N_("collection appointment"),
}
_ITEM_FIELDS: Final = {
    "status": N_("status"),
    "document_date": N_("date on the document"),
    "notes": N_("note"),
    "translated": N_("sworn translation"),
    "foreign_language": N_("language"),
    "variant": N_("kind of document"),
}


def describe(edit: Edit, household: Household | None = None) -> str:
    """What an edit changes, in a few words: ``status (emily, passport)``.

    With the household it applies to, the member and the document are named as people
    read them (``status (Emily, Valid passport)``): the app's undo messages use these
    words, never the internal ids.
    """
    if isinstance(edit, SetItem):
        what = ", ".join(_(_ITEM_FIELDS[name]) for name in edit.changes()) or _("nothing")
    else:
        what = _(_WHAT[type(edit)])
    member = edit.member.id if isinstance(edit, AddMember | UpdateMember) else None
    member = getattr(edit, "member_id", member)
    requirement = getattr(edit, "requirement_id", None)
    if household is not None:
        names = {m.id: m.given_names for m in household.members}
        if isinstance(edit, AddMember | UpdateMember):
            names[edit.member.id] = edit.member.given_names
        member = names.get(member or "", member)
        known = load_catalogue().requirements.get(requirement or "")
        requirement = known.name_en if known is not None else requirement
    where = [part for part in (member, requirement) if part]
    return f"{what} ({', '.join(where)})" if where else what
