"""Changes to what a person has gathered, as pure functions returning a new household.

A document shared by several members (household evidence) lives once in
``Household.shared``; changing it for one member changes it for all it serves, which is
the point: tick the lease once, and it is ticked for everyone it proves an address for.
:mod:`carte_prep.core.edits` is how the front ends reach these functions.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from carte_prep.core.catalogue import Catalogue, Requirement, load_catalogue
from carte_prep.core.errors import (
    EditError,
    InvalidInputError,
    NotFoundError,
    explain_validation,
    field_problems,
)
from carte_prep.core.model import Household, Member, SharedEvidence, Tracking
from carte_prep.i18n import _


def requirement(requirement_id: str, catalogue: Catalogue | None = None) -> Requirement:
    """The catalogue entry of a checklist item, or a NotFoundError saying where ids are."""
    found = (catalogue or load_catalogue()).requirements.get(requirement_id)
    if found is None:
        raise NotFoundError(
            _("no checklist item {id}; run 'carte-prep checklist' to see the item ids").format(
                id=repr(requirement_id)
            )
        )
    return found


def _shared_index(household: Household, member_id: str, requirement_id: str) -> int | None:
    evidence = household.shared_for(member_id, requirement_id)
    return None if evidence is None else household.shared.index(evidence)


def tracking_for(household: Household, member_id: str, requirement_id: str) -> Tracking:
    """The tracking that counts for this member and item (shared or the member's own)."""
    index = _shared_index(household, member_id, requirement_id)
    if index is not None:
        return household.shared[index].tracking
    return household.find_member(member_id).tracking.get(requirement_id, Tracking())


def update_tracking(
    household: Household,
    member_id: str,
    requirement_id: str,
    catalogue: Catalogue | None = None,
    **changes: Any,
) -> Household:
    """A copy of the household with one item's tracking changed and validated.

    A refused value raises :class:`EditError` naming the tracking field, after the item:
    ``proof-of-address: document_date: ...``.
    """
    requirement(requirement_id, catalogue)
    member = household.find_member(member_id)
    current = tracking_for(household, member_id, requirement_id)
    try:
        updated = Tracking.model_validate({**current.model_dump(), **changes})
    except ValidationError as exc:
        problems = field_problems(exc)
        field = str(problems[0][0][0]) if problems[0][0] else ""
        message = explain_validation(exc, where=requirement_id)
        raise EditError(message, field=field, problems=problems) from None
    index = _shared_index(household, member_id, requirement_id)
    if index is not None:
        shared = list(household.shared)
        shared[index] = shared[index].model_copy(update={"tracking": updated})
        return household.model_copy(update={"shared": shared})
    new_member = member.model_copy(
        update={"tracking": {**member.tracking, requirement_id: updated}}
    )
    members = [new_member if m.id == member_id else m for m in household.members]
    return household.model_copy(update={"members": members})


def share_document(
    household: Household,
    requirement_id: str,
    member_ids: list[str],
    catalogue: Catalogue | None = None,
) -> Household:
    """Make one document serve these members (an empty list stops sharing it).

    When sharing starts, the tracking of the first listed member is kept; every member
    who joins brings their own note and scans into the shared record (the notes of
    several people each start with the writer's name), so nothing entered is hidden. A
    member who stops sharing keeps a copy of the shared record as their own.
    """
    if not requirement(requirement_id, catalogue).shareable:
        raise InvalidInputError(
            _("{id} is personal and cannot be shared between members").format(
                id=repr(requirement_id)
            )
        )
    for member_id in member_ids:
        household.find_member(member_id)
    existing = household.shared_document(requirement_id)
    others = [e for e in household.shared if e.requirement != requirement_id]
    tracking = (
        existing.tracking
        if existing
        else household.find_member(member_ids[0]).tracking.get(requirement_id, Tracking())
        if member_ids
        else Tracking()
    )
    already = set(existing.members) if existing else set()
    joining = [household.find_member(m) for m in dict.fromkeys(member_ids) if m not in already]
    tracking = _merged(tracking, joining, requirement_id, first=None if existing else member_ids)
    leaving = set(existing.members) - set(member_ids) if existing else set()
    members = [
        m.model_copy(update={"tracking": {**m.tracking, requirement_id: tracking}})
        if m.id in leaving
        else m
        for m in household.members
    ]
    if not member_ids:
        return household.model_copy(update={"shared": others, "members": members})
    evidence = SharedEvidence(
        requirement=requirement_id, members=list(dict.fromkeys(member_ids)), tracking=tracking
    )
    return household.model_copy(update={"shared": [*others, evidence], "members": members})


def _merged(
    tracking: Tracking, joining: list[Member], requirement_id: str, *, first: list[str] | None
) -> Tracking:
    """The shared record with the notes and scans of the members who join it.

    ``first`` lists the members when sharing starts: the first one's tracking is the
    record itself, so only the others bring theirs. A note already in the record is not
    repeated; when notes of more than one person meet, each line says who wrote it.
    """
    own = [
        (m, m.tracking[requirement_id])
        for m in joining
        if requirement_id in m.tracking and not (first and m.id == first[0])
    ]
    notes = [(m, t.notes.strip()) for m, t in own if t.notes.strip()]
    notes = [(m, n) for m, n in notes if n not in tracking.notes]
    attachments = list(
        dict.fromkeys([*tracking.attachments, *(a for _, t in own for a in t.attachments)])
    )
    if not notes and attachments == tracking.attachments:
        return tracking
    text = tracking.notes.strip()
    if notes and text and first:
        text = f"{_writer(first[0], joining)}: {text}"
    lines = [text] if text else []
    lines += [f"{m.display_name}: {n}" if lines or len(notes) > 1 else n for m, n in notes]
    return tracking.model_copy(update={"notes": "\n".join(lines), "attachments": attachments})


def _writer(member_id: str, members: list[Member]) -> str:
    return next((m.display_name for m in members if m.id == member_id), member_id)
