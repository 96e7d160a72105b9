"""The answers that are allowed but look like a slip (review finding 8)."""

from __future__ import annotations

import datetime as dt

from carte_prep.core.model import Situation
from carte_prep.core.sanity import Doubt, doubts, new_doubts
from support import TODAY, person


def _codes(found: list[Doubt]) -> list[str]:
    return [d.code for d in found]


def test_a_plain_adult_applicant_raises_nothing() -> None:
    assert doubts(person("wa-5y", "first-admission"), TODAY) == []


def test_a_ten_year_old_spouse_is_questioned_by_name_and_age() -> None:
    child = person("wa-5y", "first-admission", birth_date=dt.date(2016, 5, 2))
    child = child.model_copy(update={"relationship": "spouse"})
    found = doubts(child, TODAY)
    assert _codes(found) == ["young-spouse", "minor-applies", "single-spouse"]
    assert found[0].field == "relationship"
    assert found[0].question.startswith("Ana Silva is 10, and is saved as a spouse.")
    assert "needs no residence card" in found[1].question


def test_a_child_asking_for_the_minors_travel_document_is_fine() -> None:
    child = person("dcem", "first-admission", birth_date=dt.date(2020, 1, 1))
    child = child.model_copy(update={"relationship": "child"})
    assert doubts(child, TODAY) == []


def test_the_clock_is_injected_an_eighteenth_birthday_ends_the_doubt() -> None:
    teen = person("wa-5y", "first-admission", birth_date=dt.date(2008, 12, 1))
    assert _codes(doubts(teen, TODAY)) == ["minor-applies"]
    assert doubts(teen, dt.date(2026, 12, 1)) == []


def test_a_married_spouse_is_fine_and_what_was_confirmed_is_not_asked_again() -> None:
    spouse = person("wa-5y", "first-admission").model_copy(update={"relationship": "spouse"})
    assert _codes(doubts(spouse, TODAY)) == ["single-spouse"]
    assert application_married(spouse) == []
    assert new_doubts(spouse, spouse, TODAY) == []


def application_married(member: object) -> list[object]:
    from carte_prep.core.model import Member

    assert isinstance(member, Member)
    assert member.application is not None
    married = member.application.model_copy(
        update={"situation": Situation(marital_status="married")}
    )
    return list(doubts(member.model_copy(update={"application": married}), TODAY))


def test_a_birth_date_after_today_is_asked_about_as_a_date_not_as_an_age() -> None:
    unborn = person("wa-5y", "first-admission", birth_date=dt.date(2030, 1, 1))
    found = doubts(unborn, TODAY)
    assert _codes(found) == ["future-birth-date"]
    assert found[0].field == "birth_date"
    assert found[0].question == (
        "Ana Silva's birth date, 01/01/2030, is after today. Is that a typo?"
    )
