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
from carte_prep.core.model import Household, SharedEvidence, Tracking


def requirement(requirement_id: str, catalogue: Catalogue | None = None) -> Requirement:
    """The catalogue entry of a checklist item, or a NotFoundError saying where ids are."""
    found = (catalogue or load_catalogue()).requirements.get(requirement_id)
    if found is None:
        raise NotFoundError(
            f"no checklist item {requirement_id!r}; run 'carte-prep checklist' to see the item ids"
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
        loc = field_problems(exc)[0][0]
        field = str(loc[0]) if loc else ""
        raise EditError(explain_validation(exc, where=requirement_id), field=field) from None
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

    When sharing starts, the tracking of the first listed member is kept, so nothing
    already entered is lost; a member who stops sharing keeps a copy of it as their own.
    """
    if not requirement(requirement_id, catalogue).shareable:
        raise InvalidInputError(
            f"{requirement_id!r} is personal and cannot be shared between members"
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
