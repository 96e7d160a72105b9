"""Changes to what a person has gathered, as pure functions returning a new household.

A document shared by several members (household evidence) lives once in
``Household.shared``; changing it for one member changes it for all it serves, which is
the point: tick the lease once, and it is ticked for everyone it proves an address for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from carte_prep.core.catalogue import load_catalogue
from carte_prep.core.errors import InvalidInputError, NotFoundError, explain_validation
from carte_prep.core.model import Household, Member, SharedEvidence, Tracking


def find_member(household: Household, member_id: str) -> Member:
    """The member, or a NotFoundError that lists the valid ids."""
    try:
        return household.member(member_id)
    except KeyError:
        ids = ", ".join(m.id for m in household.members) or "(none yet)"
        raise NotFoundError(
            f"no member {member_id!r} in household {household.id!r}; members: {ids}"
        ) from None


def _check_requirement(requirement_id: str) -> None:
    if requirement_id not in load_catalogue().requirements:
        raise NotFoundError(
            f"no checklist item {requirement_id!r}; run 'carte-prep checklist' to see the item ids"
        )


def _shared_index(household: Household, member_id: str, requirement_id: str) -> int | None:
    evidence = household.shared_for(member_id, requirement_id)
    return None if evidence is None else household.shared.index(evidence)


def tracking_for(household: Household, member_id: str, requirement_id: str) -> Tracking:
    """The tracking that counts for this member and item (shared or the member's own)."""
    index = _shared_index(household, member_id, requirement_id)
    if index is not None:
        return household.shared[index].tracking
    return find_member(household, member_id).tracking.get(requirement_id, Tracking())


def update_tracking(
    household: Household, member_id: str, requirement_id: str, **changes: Any
) -> Household:
    """A copy of the household with one item's tracking changed and validated."""
    _check_requirement(requirement_id)
    member = find_member(household, member_id)
    current = tracking_for(household, member_id, requirement_id)
    try:
        updated = Tracking.model_validate({**current.model_dump(), **changes})
    except ValidationError as exc:
        raise InvalidInputError(explain_validation(exc, where=requirement_id)) from None
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


def share_document(household: Household, requirement_id: str, member_ids: list[str]) -> Household:
    """Make one document serve these members (an empty list stops sharing it).

    When sharing starts, the tracking of the first listed member is kept, so nothing
    already entered is lost; a member who stops sharing keeps a copy of it as their own.
    """
    _check_requirement(requirement_id)
    if not load_catalogue().requirements[requirement_id].shareable:
        raise InvalidInputError(
            f"{requirement_id!r} is personal and cannot be shared between members"
        )
    for member_id in member_ids:
        find_member(household, member_id)
    existing = next((e for e in household.shared if e.requirement == requirement_id), None)
    others = [e for e in household.shared if e.requirement != requirement_id]
    tracking = (
        existing.tracking
        if existing
        else find_member(household, member_ids[0]).tracking.get(requirement_id, Tracking())
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


def attach_files(
    household: Household, member_id: str, requirement_id: str, paths: list[str]
) -> Household:
    """Add scans to an item (existing ones are kept, the same file is not listed twice)."""
    resolved = []
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.is_file():
            raise InvalidInputError(f"cannot attach {raw}: no such file")
        resolved.append(str(path.resolve()))
    current = tracking_for(household, member_id, requirement_id).attachments
    merged = list(dict.fromkeys([*current, *resolved]))
    return update_tracking(household, member_id, requirement_id, attachments=merged)
