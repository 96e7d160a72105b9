"""Adding, replacing and removing members, and naming new households.

``model_copy(update=...)`` skips validation, so every result here is rebuilt from plain
data and validated as a whole: a duplicate id or a shared document naming a member who
left is refused instead of being saved.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from carte_prep.core.model import Household, Member

_NOT_ID = re.compile(r"[^a-z0-9]+")


def upsert_member(household: Household, member: Member) -> Household:
    """The household with this member replaced (same id) or added at the end."""
    data = member.model_dump()
    members = [data if m.id == member.id else m.model_dump() for m in household.members]
    if all(m.id != member.id for m in household.members):
        members.append(data)
    return Household.model_validate({**household.model_dump(), "members": members})


def remove_member(household: Household, member_id: str) -> Household:
    """The household without this member; shared documents stop listing them.

    A shared document left with nobody is dropped; its tracking was the household's
    record for that member only.
    """
    household.find_member(member_id)
    data = household.model_dump()
    data["members"] = [m for m in data["members"] if m["id"] != member_id]
    shared = []
    for evidence in data["shared"]:
        evidence["members"] = [m for m in evidence["members"] if m != member_id]
        if evidence["members"]:
            shared.append(evidence)
    data["shared"] = shared
    return Household.model_validate(data)


def household_id_for(name: str, taken: Collection[str]) -> str:
    """An id for a new household from its name: 'Martin family, Lyon' -> 'martin-family-lyon'.

    Accents are dropped (é -> e), anything else becomes a hyphen; a name with no usable
    letter gives 'household'. An id already taken gets -2, -3...
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = _NOT_ID.sub("-", ascii_name.lower()).strip("-")[:56].strip("-") or "household"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def member_id_for(given_names: str, surname: str | None, taken: Collection[str]) -> str:
    """An id for a new member, from their names: 'Tom' -> 'tom', or 'tom-smith' when a Tom
    is already in the household, then 'tom-smith-2'... ("member" when no letter is usable).

    People are asked for their names, not for an id: the id only names the member in
    file names and on the command line.
    """
    first = _slug(given_names.split()[0] if given_names.split() else "")
    if first and first not in taken:
        return first
    full = "-".join(p for p in (first, _slug(surname or "")) if p) or "member"
    return household_id_for(full, taken)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_ID.sub("-", ascii_text.lower()).strip("-")[:40].strip("-")
