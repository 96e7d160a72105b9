"""Dates the engine must not believe, after-filing warnings, and the deadlines at 18."""

from __future__ import annotations

import datetime as dt

import pytest

from carte_prep.core.agenda import member_agenda
from carte_prep.core.engine import build_checklist
from carte_prep.core.model import (
    AfterFiling,
    Appointment,
    CurrentCard,
    Household,
    Member,
    Receipt,
    Tracking,
)
from rules_support import checklist_for, codes, item
from support import TODAY, household_of, person


def test_a_document_dated_after_today_is_a_likely_typo_never_fine() -> None:
    checklist = checklist_for(
        "wa-10y",
        "renewal",
        appointment=Appointment(date=dt.date(2027, 3, 10)),
        tracking={
            "proof-of-address": Tracking(status="gathered", document_date=dt.date(2030, 1, 1))
        },
    )
    proof = item(checklist, "proof-of-address")
    assert proof.freshness is not None
    assert proof.freshness.implausible == "future"
    assert not proof.freshness.ok
    assert not proof.done
    assert [w.code for w in proof.warnings] == ["implausible-date"]
    assert "typo" in proof.warnings[0].message


def test_a_document_dated_after_the_filing_is_flagged_too() -> None:
    checklist = checklist_for(
        "visiteur",
        "renewal",
        after_filing=AfterFiling(filed_on=TODAY - dt.timedelta(days=20)),
        tracking={"birth-certificate": Tracking(status="gathered", document_date=TODAY)},
    )
    birth = item(checklist, "birth-certificate")
    assert birth.freshness is not None
    assert birth.freshness.implausible == "after-filing"
    assert "implausible-date" in codes(checklist)


def test_future_filing_and_birth_dates_are_flagged() -> None:
    filed_later = checklist_for(
        "visiteur", "renewal", after_filing=AfterFiling(filed_on=TODAY + dt.timedelta(days=400))
    )
    assert any(
        "filing date" in w.message for w in filed_later.warnings if w.code == "implausible-date"
    )
    unborn = checklist_for("visiteur", "renewal", birth_date=TODAY + dt.timedelta(days=10))
    assert any("birth date" in w.message for w in unborn.warnings)


def test_after_filing_an_expired_recepisse_is_urgent_and_a_backwards_one_is_questioned() -> None:
    filed = dt.date(2026, 12, 15)
    checklist = checklist_for(
        "wa-10y",
        "renewal",
        today=dt.date(2027, 3, 20),
        current_card=CurrentCard(valid_until=dt.date(2027, 1, 20)),
        after_filing=AfterFiling(
            filed_on=filed,
            receipts=[Receipt(kind="recepisse", valid_until=dt.date(2027, 3, 15))],
        ),
    )
    expired = next(w for w in checklist.warnings if w.code == "receipt-expired")
    assert expired.level == "danger"
    assert "15/03/2027" in expired.message
    assert not any("at once" in w.message for w in checklist.warnings)
    assert "renewal-window" not in codes(checklist)
    backwards = checklist_for(
        "wa-10y",
        "renewal",
        after_filing=AfterFiling(
            filed_on=dt.date(2026, 11, 20),
            receipts=[Receipt(kind="recepisse", valid_until=dt.date(2026, 10, 1))],
        ),
    )
    assert "receipt-dates" in codes(backwards)


def test_the_agenda_keeps_an_expired_recepisse_until_the_card_is_collected() -> None:
    household = household_of(
        person(
            "wa-10y",
            "renewal",
            after_filing=AfterFiling(
                filed_on=dt.date(2026, 12, 15),
                receipts=[Receipt(kind="recepisse", valid_until=dt.date(2027, 3, 15))],
            ),
        )
    )
    events = member_agenda(household, "ana", dt.date(2027, 3, 20))
    expiry = next(e for e in events if e.kind == "receipt-expiry")
    assert expiry.level == "danger"


def _child(nationality: str | None, born: dt.date) -> Household:
    return household_of(
        Member(id="kid", given_names="Kid", birth_date=born, nationality=nationality)
    )


def test_a_british_child_with_no_application_is_reminded_after_18() -> None:
    """The new-user review's Sophie: British, born 02/05/2016, seen on 01/06/2034."""
    household = _child("GB", dt.date(2016, 5, 2))
    events = member_agenda(household, "kid", dt.date(2034, 6, 1))
    reminder = next(e for e in events if e.kind == "wa-first-after-18")
    assert reminder.date == dt.date(2035, 5, 2)
    assert build_checklist(household, "kid", dt.date(2034, 6, 1)) is None


@pytest.mark.parametrize(
    ("nationality", "kind", "deadline"),
    [
        ("DZ", "first-card-after-18", dt.date(2026, 3, 10)),
        ("CN", "first-card-after-18", dt.date(2026, 3, 10)),
        ("GB", "wa-first-after-18", dt.date(2027, 1, 10)),
        ("FR", None, None),
        ("DE", None, None),
        (None, None, None),
    ],
)
def test_the_deadline_at_18_comes_from_nationality_and_birth_date(
    nationality: str | None, kind: str | None, deadline: dt.date | None
) -> None:
    household = _child(nationality, dt.date(2008, 1, 10))  # 18 on 10/01/2026
    events = member_agenda(household, "kid", dt.date(2025, 12, 1))
    found = [e for e in events if e.kind in ("first-card-after-18", "wa-first-after-18")]
    assert [(e.kind, e.date) for e in found] == ([] if kind is None else [(kind, deadline)])


def test_the_deadline_at_18_is_not_shown_years_ahead_nor_to_card_holders() -> None:
    young = _child("DZ", dt.date(2020, 1, 1))
    assert not [e for e in member_agenda(young, "kid", TODAY) if e.kind == "first-card-after-18"]
    holder = household_of(person("etudiant", "renewal", birth_date=dt.date(2008, 1, 10)))
    events = member_agenda(holder, "ana", dt.date(2025, 12, 1))
    assert not [e for e in events if e.kind == "first-card-after-18"]


def test_a_prefecture_filing_date_is_an_appointment_to_book_not_an_anef_filing() -> None:
    household = household_of(
        person(
            "wa-10y",
            "renewal",
            nationality="GB",
            departement="24",
            planned_filing_date=dt.date(2027, 3, 15),
        )
    )
    events = member_agenda(household, "ana", TODAY)
    filing = next(e for e in events if e.kind == "filing")
    assert filing.title == "Planned filing at the prefecture"
    assert "Book or keep your appointment" in filing.detail
    assert "ANEF" not in filing.title


def test_a_planned_day_that_has_passed_without_a_filing_is_not_believed() -> None:
    """The audit's Haddad case on 10/01/2027: planned for 01/12/2026, nothing logged."""
    checklist = checklist_for(
        "visiteur",
        "after-vls-ts",
        today=dt.date(2027, 1, 10),
        planned_filing_date=dt.date(2026, 12, 1),
        current_card=CurrentCard(valid_until=dt.date(2027, 1, 31)),
    )
    assert checklist.judged_on == dt.date(2027, 1, 10)
    assert checklist.judged_on_kind == "today"
    passed = next(w for w in checklist.warnings if w.code == "date-passed")
    assert "01/12/2026" in passed.message
    assert checklist.fee is not None
    assert checklist.fee.late_fee_disputed == 180, "judged on today, the window was missed"
