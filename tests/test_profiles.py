"""The example households are valid user files and realistic enough to show warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from carte_prep.core.engine import household_checklists
from carte_prep.core.model import Household
from carte_prep.core.procedure import decide_procedure
from carte_prep.resources import profiles_dir
from support import PROFILES, TODAY


@pytest.mark.parametrize("path", sorted(PROFILES.glob("*.json")), ids=lambda p: p.stem)
def test_example_is_a_valid_file_in_the_saved_format(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    household = Household.model_validate_json(text)
    assert household.id == path.stem
    assert household.model_dump_json(indent=2) + "\n" == text


def test_examples_cover_the_promised_situations() -> None:
    households = {
        p.stem: Household.model_validate_json(p.read_text(encoding="utf-8"))
        for p in PROFILES.glob("*.json")
    }
    cards = {
        (m.application.card_type, decide_procedure(m.application, nationality=m.nationality).path)
        for h in households.values()
        for m in h.members
        if m.application
    }
    assert ("wa-10y", "renewal") in cards
    assert ("etudiant", "renewal") in cards
    assert ("visiteur", "after-vls-ts") in cards, "the Haddad visitors hold a VLS-TS visiteur"
    assert ("wa-10y", "first-admission") in cards
    assert ("cra-10ans", "renewal") in cards, "the Benali household: an Algerian certificate"
    assert ("cra-visiteur", "renewal") in cards
    assert ("vpf-regroupement-familial", "after-vls-ts") in cards, "the Selvaraj spouse"
    assert ("vpf-regroupement-familial", "first-admission") in cards, "the Selvaraj son at 18"
    thompson = households["thompson-family"]
    assert any(
        m.application
        and m.application.current_card
        and m.application.current_card.card_type == "wa-5y"
        for m in thompson.members
    )
    assert any(m.relationship == "child" for m in thompson.members)


def test_examples_show_warnings_of_each_kind() -> None:
    codes: set[str] = set()
    for path in PROFILES.glob("*.json"):
        household = Household.model_validate_json(path.read_text(encoding="utf-8"))
        for checklist in household_checklists(household, TODAY):
            codes |= {w.code for w in checklist.warnings}
    assert {"too-old", "translation", "passport", "renewal-window"} <= codes


def test_profiles_are_found_through_the_package() -> None:
    assert sorted(p.name for p in profiles_dir().glob("*.json")) == sorted(
        p.name for p in PROFILES.glob("*.json")
    )
