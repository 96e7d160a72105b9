"""Schema 1 -> 2: the old 'procedure' becomes what is held and asked; nationality a code.

One golden v1 member per case of the migration (tests/fixtures/schema-1/
migration-cases-v1.json): each must upgrade to the documented v2 shape and give the legal
path a careful adviser would name, and nothing typed may be lost.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from carte_prep.core.migrations import upgrade
from carte_prep.core.model import Household
from carte_prep.core.procedure import decide_procedure

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "schema-1" / "migration-cases-v1.json"


@pytest.fixture(scope="module")
def upgraded() -> tuple[dict[str, Any], Household]:
    raw = json.loads(CASES.read_text(encoding="utf-8"))
    data, version = upgrade(raw)
    assert version == 1
    assert data["schema_version"] == 2
    return raw, Household.model_validate(data)


@pytest.mark.parametrize(
    ("member_id", "asked", "held", "path"),
    [
        ("nothing", "card", None, "first-admission"),
        ("visa", "card", ("vls-ts", "visiteur"), "after-vls-ts"),
        ("change", "card", ("card", "etudiant"), "change-of-status"),
        ("same", "card", ("card", "wa-5y"), "renewal"),
        ("untyped", "card", ("card", "visiteur"), "renewal"),
        ("nocard", "card", ("card", "etudiant"), "renewal"),
        ("lost", "duplicate", ("card", "etudiant"), "duplicate"),
        ("moved", "change-of-situation", ("card", "visiteur"), "change-of-situation"),
        ("arrived", "vls-ts-validation", None, "vls-ts-validation"),
    ],
)
def test_each_v1_procedure_becomes_what_is_held_and_asked(
    upgraded: tuple[dict[str, Any], Household],
    member_id: str,
    asked: str,
    held: tuple[str, str] | None,
    path: str,
) -> None:
    _, household = upgraded
    application = household.member(member_id).application
    assert application is not None
    assert application.request == asked
    current = application.current_card
    assert (None if current is None else (current.kind, current.card_type)) == held
    assert decide_procedure(application).path == path


def test_dates_of_the_held_document_are_kept(upgraded: tuple[dict[str, Any], Household]) -> None:
    raw, household = upgraded
    for old, new in zip(raw["members"], household.members, strict=True):
        old_card = (old.get("application") or {}).get("current_card")
        if old_card:
            assert new.application is not None
            assert new.application.current_card is not None
            valid_until = new.application.current_card.valid_until
            assert valid_until is not None
            assert valid_until.isoformat() == old_card["valid_until"]


@pytest.mark.parametrize(
    ("member_id", "code", "written"),
    [
        ("nothing", "VN", None),
        ("visa", "LB", None),
        ("change", "DZ", None),
        ("same", "GB", None),
        ("untyped", "US", None),
        ("nocard", "BR", None),
        ("lost", "JP", None),
        ("moved", "MA", None),
        ("arrived", "TN", None),
        ("unknown", None, "Klingon"),
        ("blank", None, None),
    ],
)
def test_nationality_text_becomes_a_code_or_is_kept_as_written(
    upgraded: tuple[dict[str, Any], Household],
    member_id: str,
    code: str | None,
    written: str | None,
) -> None:
    _, household = upgraded
    member = household.member(member_id)
    assert member.nationality == code
    assert member.nationality_as_written == written


def test_upgrade_does_not_touch_its_input() -> None:
    raw = json.loads(CASES.read_text(encoding="utf-8"))
    before = json.dumps(raw, sort_keys=True)
    upgrade(raw)
    assert json.dumps(raw, sort_keys=True) == before
