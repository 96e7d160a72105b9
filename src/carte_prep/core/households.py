"""Adding, replacing and removing members, as pure functions returning a new household.

``model_copy(update=...)`` skips validation, so every result here is rebuilt from plain
data and validated as a whole: a duplicate id or a shared document naming a member who
left is refused instead of being saved.
"""

from __future__ import annotations

from typing import Any

from carte_prep.core.model import Household, Member
from carte_prep.core.tracking import find_member


def upsert_member(household: Household, member: Member | dict[str, Any]) -> Household:
    """The household with this member replaced (same id) or added at the end."""
    data = member.model_dump() if isinstance(member, Member) else member
    members = [m.model_dump() for m in household.members]
    ids = [m["id"] for m in members]
    if data["id"] in ids:
        members[ids.index(data["id"])] = data
    else:
        members.append(data)
    return Household.model_validate({**household.model_dump(), "members": members})


def remove_member(household: Household, member_id: str) -> Household:
    """The household without this member; shared documents stop listing them.

    A shared document left with nobody is dropped; its tracking was the household's
    record for that member only.
    """
    find_member(household, member_id)
    data = household.model_dump()
    data["members"] = [m for m in data["members"] if m["id"] != member_id]
    shared = []
    for evidence in data["shared"]:
        evidence["members"] = [m for m in evidence["members"] if m != member_id]
        if evidence["members"]:
            shared.append(evidence)
    data["shared"] = shared
    return Household.model_validate(data)
