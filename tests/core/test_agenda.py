"""The agenda: every date to act by, planned back from the filing day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from carte_prep.calendar_export import agenda_to_ics
from carte_prep.core.agenda import household_agenda, member_agenda, next_deadline, urgency
from carte_prep.core.model import (
    AfterFiling,
    Appointment,
    CurrentCard,
    EPhoto,
    ExtraDocumentsRequest,
    Household,
    Receipt,
    Tracking,
)
from carte_prep.core.redact import Redactor
from support import PROFILES, TODAY, household_of, person


def kinds(events: list) -> list[str]:  # type: ignore[type-arg]
    return [e.kind for e in events]


def test_renewal_dates_and_appointment_in_order() -> None:
    expiry = dt.date(2027, 6, 1)
    household = household_of(
        person(
            "visiteur",
            "renewal",
            current_card=CurrentCard(valid_until=expiry),
            appointment=Appointment(date=dt.date(2026, 12, 10), time=dt.time(9, 15)),
        )
    )
    events = member_agenda(household, "ana", TODAY)
    assert [e.date for e in events] == sorted(e.date for e in events)
    by_kind = {e.kind: e for e in events}
    assert by_kind["window-opens"].date == expiry - dt.timedelta(days=120)
    assert by_kind["late-fee-deadline"].date == expiry - dt.timedelta(days=60)
    assert by_kind["card-expiry"].date == expiry
    assert by_kind["appointment"].time == dt.time(9, 15)
    assert by_kind["appointment"].level == "warning"


def test_documents_are_planned_back_from_the_appointment() -> None:
    appointment = dt.date(2027, 1, 15)
    household = household_of(
        person(
            "wa-10y",
            "renewal",
            appointment=Appointment(date=appointment),
            tracking={
                "proof-of-address": Tracking(status="gathered", document_date=dt.date(2026, 9, 1))
            },
        )
    )
    fetch = [
        e
        for e in member_agenda(household, "ana", TODAY)
        if e.kind == "fetch-document" and e.item_id == "proof-of-address"
    ]
    assert len(fetch) == 1
    assert fetch[0].date == TODAY
    assert "on or after 16/10/2026" in fetch[0].detail
    later = household_of(
        person("wa-10y", "renewal", appointment=Appointment(date=dt.date(2027, 6, 15)))
    )
    event = next(e for e in member_agenda(later, "ana", TODAY) if e.item_id == "proof-of-address")
    assert event.date == dt.date(2027, 3, 16)


def test_a_fresh_gathered_document_needs_no_new_copy() -> None:
    household = household_of(
        person(
            "wa-10y",
            "renewal",
            appointment=Appointment(date=dt.date(2026, 12, 20)),
            tracking={
                "proof-of-address": Tracking(status="gathered", document_date=dt.date(2026, 11, 1))
            },
        )
    )
    assert "proof-of-address" not in {e.item_id for e in member_agenda(household, "ana", TODAY)}


def test_moving_the_appointment_makes_a_gathered_document_stale() -> None:
    tracking = {"proof-of-address": Tracking(status="gathered", document_date=dt.date(2026, 11, 1))}
    soon = household_of(
        person(
            "wa-10y",
            "renewal",
            tracking=tracking,
            appointment=Appointment(date=dt.date(2027, 1, 10)),
        )
    )
    moved = household_of(
        person(
            "wa-10y",
            "renewal",
            tracking=tracking,
            appointment=Appointment(date=dt.date(2027, 3, 10)),
        )
    )
    assert "proof-of-address" not in {e.item_id for e in member_agenda(soon, "ana", TODAY)}
    assert "proof-of-address" in {e.item_id for e in member_agenda(moved, "ana", TODAY)}


def test_ephoto_dates() -> None:
    bought = household_of(
        person(
            "etudiant",
            "renewal",
            planned_filing_date=dt.date(2026, 12, 10),
            ephoto=EPhoto(code="AB12CD34EF56GH78IJ90KL", purchased_on=dt.date(2026, 11, 26)),
        )
    )
    by_kind = {e.kind: e for e in member_agenda(bought, "ana", TODAY)}
    assert by_kind["ephoto-active"].date == dt.date(2026, 11, 29)
    assert by_kind["ephoto-expiry"].date == dt.date(2027, 5, 26)
    not_bought = household_of(
        person("etudiant", "renewal", planned_filing_date=dt.date(2026, 12, 10))
    )
    buy = next(e for e in member_agenda(not_bought, "ana", TODAY) if e.kind == "ephoto-buy")
    assert buy.date == dt.date(2026, 12, 7)


def test_other_time_limits() -> None:
    student = household_of(person("etudiant", "vls-ts-validation", arrived_on=dt.date(2026, 10, 1)))
    assert {e.kind: e.date for e in member_agenda(student, "ana", TODAY)}[
        "vls-ts-validation"
    ] == dt.date(2027, 1, 1)
    briton = household_of(
        person("wa-10y", "first-admission", birth_date=dt.date(2008, 6, 15), nationality="GB")
    )
    assert {e.kind: e.date for e in member_agenda(briton, "ana", TODAY)}[
        "wa-first-after-18"
    ] == dt.date(2027, 6, 15)
    moved = household_of(
        person(
            "salarie",
            "renewal",
            address_changed_on=dt.date(2026, 11, 1),
            current_card=CurrentCard(
                valid_from=dt.date(2024, 1, 1), valid_until=dt.date(2028, 1, 1)
            ),
        )
    )
    assert {e.kind: e.date for e in member_agenda(moved, "ana", TODAY)}[
        "address-change"
    ] == dt.date(2027, 2, 1)
    one_year = household_of(
        person(
            "salarie",
            "renewal",
            address_changed_on=dt.date(2026, 11, 1),
            current_card=CurrentCard(
                valid_from=dt.date(2026, 1, 1), valid_until=dt.date(2027, 1, 1)
            ),
        )
    )
    assert "address-change" not in kinds(member_agenda(one_year, "ana", TODAY))


def test_after_filing_log_dates() -> None:
    log = AfterFiling(
        filed_on=dt.date(2026, 10, 1),
        receipts=[Receipt(kind="recepisse", valid_until=dt.date(2026, 12, 1))],
        requests=[
            ExtraDocumentsRequest(
                received_on=dt.date(2026, 10, 20), deadline=dt.date(2026, 11, 20), what="payslips"
            ),
            ExtraDocumentsRequest(
                received_on=dt.date(2026, 11, 1),
                deadline=dt.date(2026, 12, 1),
                what="lease",
                sent_on=dt.date(2026, 11, 5),
            ),
        ],
        card_ready_on=dt.date(2026, 11, 25),
    )
    household = household_of(
        person(
            "visiteur",
            "renewal",
            after_filing=log,
            current_card=CurrentCard(valid_until=dt.date(2026, 12, 31)),
        )
    )
    events = member_agenda(household, "ana", TODAY)
    by_kind = {e.kind: e for e in events}
    assert "window-opens" not in by_kind
    assert "fetch-document" not in by_kind
    assert by_kind["receipt-expiry"].level == "danger"
    overdue = by_kind["extra-documents"]
    assert overdue.date == dt.date(2026, 11, 20)
    assert "payslips" in overdue.detail
    assert [e.kind for e in events].count("extra-documents") == 1
    assert "passport" in by_kind["card-ready"].detail


def test_household_agenda_orders_dates_across_members() -> None:
    households = [
        Household.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted(PROFILES.glob("*.json"))
    ]
    events = household_agenda(households, TODAY)
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert len({e.member_id for e in events}) >= 5
    assert all(e.date >= TODAY for e in events)


def test_urgency_levels() -> None:
    assert urgency(TODAY, TODAY) == "danger"
    assert urgency(TODAY + dt.timedelta(days=8), TODAY) == "warning"
    assert urgency(TODAY + dt.timedelta(days=31), TODAY) == "info"


def test_ics_parses_back_with_every_event_and_reminders(tmp_path: Path) -> None:
    household = Household.model_validate_json(
        (PROFILES / "thompson-family.json").read_text(encoding="utf-8")
    )
    events = household_agenda([household], TODAY)
    data = agenda_to_ics(
        events,
        name="Thompson",
        stamp=dt.datetime(2026, 11, 27, tzinfo=dt.UTC),
        redactor=Redactor([]),
    )
    calendar = Calendar.from_ical(data)
    vevents = list(calendar.walk("VEVENT"))
    assert len(vevents) == len(events)
    assert len({str(v["UID"]) for v in vevents}) == len(vevents)
    appointment = next(v for v in vevents if "Prefecture appointment" in str(v["SUMMARY"]))
    start = appointment.decoded("DTSTART")
    assert start.hour == 10
    assert start.minute == 30
    assert str(start.tzinfo) == "Europe/Paris"
    assert list(appointment.walk("VALARM"))
    assert list(calendar.walk("VTIMEZONE"))


def test_next_deadline_is_the_first_date_to_act_by() -> None:
    household = household_of(
        person(
            "visiteur",
            "renewal",
            current_card=CurrentCard(valid_until=TODAY + dt.timedelta(days=150)),
            planned_filing_date=TODAY + dt.timedelta(days=40),
        )
    )
    first = next_deadline(household, "ana", TODAY)
    assert first is not None
    assert first.kind == "ephoto-buy"
    assert first.date == TODAY + dt.timedelta(days=37)


def test_a_missed_late_fee_deadline_stays_first_until_the_card_expires() -> None:
    household = household_of(
        person(
            "visiteur",
            "renewal",
            current_card=CurrentCard(valid_until=TODAY + dt.timedelta(days=20)),
        )
    )
    first = next_deadline(household, "ana", TODAY)
    assert first is not None
    assert first.kind == "late-fee-deadline"
    assert first.date < TODAY
    assert first.level == "danger"


def test_calendar_ids_do_not_change_when_the_dates_move() -> None:
    household = Household.model_validate_json(
        (PROFILES / "thompson-family.json").read_text(encoding="utf-8")
    )
    stamp = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)

    def uids(today: dt.date) -> set[str]:
        data = agenda_to_ics(
            household_agenda([household], today), name="T", stamp=stamp, redactor=Redactor([])
        )
        return {str(v["UID"]) for v in Calendar.from_ical(data).walk("VEVENT")}

    later = uids(TODAY + dt.timedelta(days=3))
    assert later <= uids(TODAY)


def test_a_date_kept_after_it_passed_says_it_has_passed() -> None:
    """Overdue dates stay in the agenda to be acted on now, never worded as still coming."""
    household = household_of(
        person(
            "visiteur",
            "renewal",
            current_card=CurrentCard(valid_until=TODAY + dt.timedelta(days=20)),
        )
    )
    late = next_deadline(household, "ana", TODAY)
    assert late is not None
    assert late.date < TODAY
    assert "passed" in late.title
    assert "File by this day" not in late.detail
    assert late.detail.startswith("File now, before ")

    log = AfterFiling(
        filed_on=TODAY - dt.timedelta(days=90),
        receipts=[Receipt(kind="recepisse", valid_until=TODAY - dt.timedelta(days=5))],
        requests=[
            ExtraDocumentsRequest(
                received_on=TODAY - dt.timedelta(days=40),
                deadline=TODAY - dt.timedelta(days=10),
                what="payslips",
            )
        ],
    )
    filed = household_of(
        person(
            "visiteur",
            "renewal",
            after_filing=log,
            current_card=CurrentCard(valid_until=TODAY + dt.timedelta(days=30)),
        )
    )
    by_kind = {e.kind: e for e in member_agenda(filed, "ana", TODAY)}
    receipt, request = by_kind["receipt-expiry"], by_kind["extra-documents"]
    assert receipt.date < TODAY
    assert "has expired" in receipt.title
    assert "now" in receipt.detail
    assert "before this day" not in receipt.detail
    assert request.date < TODAY
    assert "late" in request.title
    assert "Send them now" in request.detail


def test_an_ephoto_code_bought_too_late_is_asked_for_now() -> None:
    household = household_of(
        person("etudiant", "renewal", planned_filing_date=TODAY + dt.timedelta(days=1))
    )
    buy = next(e for e in member_agenda(household, "ana", TODAY) if e.kind == "ephoto-buy")
    assert buy.date == TODAY
    assert buy.detail.startswith("Now (it should have been bought by ")


def test_no_calendar_reminder_goes_off_before_the_export() -> None:
    """Review 25: an event dated today had a reminder the day before (TRIGGER:-P1D)."""
    household = Household.model_validate_json(
        (PROFILES / "thompson-family.json").read_text(encoding="utf-8")
    )
    events = household_agenda([household], TODAY)
    stamp = dt.datetime(2026, 12, 15, 7, 0, tzinfo=dt.UTC)  # the appointment's day, 8:00 Paris
    data = agenda_to_ics(events, name="T", stamp=stamp, redactor=Redactor([]))
    fired = []
    for vevent in Calendar.from_ical(data).walk("VEVENT"):
        start = vevent.decoded("DTSTART")
        if not isinstance(start, dt.datetime):
            start = dt.datetime.combine(start, dt.time(0), tzinfo=ZoneInfo("Europe/Paris"))
        fired += [start + alarm.decoded("TRIGGER") for alarm in vevent.walk("VALARM")]
    assert fired
    assert min(fired) >= stamp
    vevents = Calendar.from_ical(data).walk("VEVENT")
    today = [v for v in vevents if str(v["SUMMARY"]).startswith("Prefecture appointment")]
    assert today
    assert not any(list(v.walk("VALARM")) for v in today)
