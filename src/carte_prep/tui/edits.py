"""Household changes the core has no helper for (members and their applications).

Each returns a new, fully validated household: ``model_copy(update=...)`` skips
validation, so the result is rebuilt from plain data and checked as a whole.
"""

from __future__ import annotations

from typing import Any

from carte_prep.core import Household, Member


def with_member(household: Household, member: Member | dict[str, Any]) -> Household:
    """The household with this member replaced (same id) or added at the end."""
    data = member.model_dump() if isinstance(member, Member) else member
    members = [m.model_dump() for m in household.members]
    ids = [m["id"] for m in members]
    if data["id"] in ids:
        members[ids.index(data["id"])] = data
    else:
        members.append(data)
    return Household.model_validate({**household.model_dump(), "members": members})
