"""Adding, replacing and removing members."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from carte_prep.core.errors import NotFoundError
from carte_prep.core.households import remove_member, upsert_member
from carte_prep.core.model import Situation
from carte_prep.core.tracking import share_document
from support import household_of, person


def test_upsert_adds_then_replaces_by_id() -> None:
    household = household_of(person("visiteur", "first-admission", member_id="one"))
    added = upsert_member(household, person("etudiant", "renewal", member_id="two"))
    assert [m.id for m in added.members] == ["one", "two"]
    replaced = upsert_member(added, person("salarie", "renewal", member_id="one"))
    assert [m.id for m in replaced.members] == ["one", "two"]
    assert replaced.members[0].application is not None
    assert replaced.members[0].application.card_type == "salarie"


def test_upsert_validates_the_whole_household() -> None:
    household = household_of(person("visiteur", "first-admission"))
    member = person("visiteur", "first-admission", member_id="two")
    assert member.application is not None
    castle = Situation.model_construct(**{**Situation().model_dump(), "housing": "castle"})
    application = member.application.model_copy(update={"situation": castle})
    bad = member.model_copy(update={"application": application})  # unchecked, as a bug could
    with pytest.raises(ValidationError):
        upsert_member(household, bad)


def test_remove_member_updates_shared_documents() -> None:
    household = household_of(
        person("wa-10y", "renewal", member_id="one"),
        person("wa-10y", "renewal", member_id="two"),
        person("wa-10y", "renewal", member_id="three"),
    )
    household = share_document(household, "proof-of-address", ["one", "two"])
    without_two = remove_member(household, "two")
    assert [m.id for m in without_two.members] == ["one", "three"]
    assert without_two.shared[0].members == ["one"]
    without_one = remove_member(without_two, "one")
    assert without_one.shared == []
    with pytest.raises(NotFoundError):
        remove_member(household, "ghost")
