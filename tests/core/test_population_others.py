"""The other populations: EU citizens' family members, seasonal workers, talent holders'
families, entrepreneurs, and the situations listed with what to read (retiree, exceptional
admission, naturalisation).

Each card is checked for its route, fee and distinctive items, with the source each rests
on (service-public F19315, F21516, F35792, F35795, F2710, F2213).
"""

from __future__ import annotations

import datetime as dt

import pytest

from carte_prep.core.agenda import member_agenda
from carte_prep.core.model import CurrentCard, Situation
from rules_support import CATALOGUE, checklist_for, cites, codes, ids
from support import TODAY, household_of, person

ON_2026 = {"planned_filing_date": dt.date(2026, 12, 10)}
MARRIED = Situation(marital_status="married", civil_documents_abroad=True)
INTEGRATION_TESTS = {"civic-exam-csp", "civic-exam-cr", "language-certificate-a2", "ofii-cir"}


def test_an_eu_citizen_s_family_member_files_online_for_free_under_eu_law() -> None:
    checklist = checklist_for(
        "ue-famille",
        "first-admission",
        situation=Situation(marital_status="married", no_long_stay_visa=True),
        **ON_2026,
    )
    assert checklist.decision.regime == "eu-law"
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    fee = checklist.fee
    assert fee is not None
    assert (fee.total_max, fee.regularisation) == (0, 0), "F19315: « gratuite »"
    chosen = ids(checklist)
    assert {"eu-family-link", "eu-citizen-right-of-residence", "passport"} <= chosen
    assert "contrat-engagement-optional" in chosen, "F38329: optional for EU families"
    assert not {"contrat-engagement", "spouse-id", "long-stay-visa", "timbre-fiscal"} & chosen
    assert not INTEGRATION_TESTS & chosen
    assert cites(CATALOGUE.requirements["eu-family-link"].sources, "F19315")


def test_an_algerian_spouse_of_a_european_gets_the_eu_card_not_a_certificate() -> None:
    checklist = checklist_for("ue-famille", "first-admission", nationality="DZ", **ON_2026)
    assert checklist.covered, "EU law applies whatever the family member's nationality"
    renewal = checklist_for("ue-famille", "renewal")
    assert not renewal.covered
    assert renewal.decision.read_instead is not None
    assert renewal.decision.read_instead.url.endswith("F19315")


def test_the_seasonal_worker_needs_the_visa_the_authorisation_and_a_home_abroad() -> None:
    checklist = checklist_for("saisonnier", "first-admission", nationality="MA", **ON_2026)
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    chosen = ids(checklist)
    assert {"work-authorisation", "residence-abroad-commitment", "ofii-medical-visit"} <= chosen
    assert "notice-seasonal-file-on-arrival" in codes(checklist)
    fee = checklist.fee
    assert fee is not None
    assert fee.category == "reduced-first", "L.436-1: the reduced tax of L.421-34"
    assert checklist.card is not None
    assert checklist.card.validity_for("first-admission") == 36, "L.411-4 7°: 3 years at most"
    without_visa = checklist_for(
        "saisonnier", "first-admission", situation=Situation(no_long_stay_visa=True)
    )
    assert not without_visa.covered
    assert without_visa.decision.read_instead is not None
    assert without_visa.decision.read_instead.url.endswith("F21516")
    algerian = checklist_for("saisonnier", "first-admission", nationality="DZ")
    assert not algerian.covered


def test_the_talent_family_card_shows_the_talent_holder_s_card() -> None:
    expiry = dt.date(2027, 2, 1)
    checklist = checklist_for(
        "talent-famille",
        "after-vls-ts",
        situation=MARRIED,
        current_card=CurrentCard(valid_until=expiry),
        **ON_2026,
    )
    chosen = ids(checklist)
    assert {"sponsor-card", "marriage-certificate", "current-residence-document"} <= chosen
    assert "spouse-id" not in chosen, "the talent holder's card is asked for instead"
    assert not INTEGRATION_TESTS & chosen, "talent cards are outside the CIR"
    window = checklist.window
    assert window is not None
    assert (window.opens, window.deadline) == (
        expiry - dt.timedelta(days=120),
        expiry - dt.timedelta(days=60),
    )
    assert cites(CATALOGUE.requirements["sponsor-card"].sources, "F35792")


def test_a_talent_holder_s_child_files_by_the_day_before_the_19th_birthday() -> None:
    member = person(
        "talent-famille", "first-admission", birth_date=dt.date(2008, 12, 20), nationality="IN"
    )
    events = member_agenda(household_of(member), "ana", TODAY)
    deadline = next(e for e in events if e.kind.startswith("first-card"))
    assert (deadline.kind, deadline.date) == ("first-card-before-19", dt.date(2027, 12, 19))


def test_the_entrepreneur_files_at_the_prefecture_with_registration_and_viability() -> None:
    checklist = checklist_for("entrepreneur", "first-admission", **ON_2026)
    assert checklist.route is not None
    assert checklist.route.route == "prefecture"
    chosen = ids(checklist)
    assert {"business-registration", "business-viability", "business-qualifications"} <= chosen
    assert {"paper-photos", "prefecture-form"} <= chosen
    assert "notice-entrepreneur-project" in codes(checklist)
    assert cites(CATALOGUE.requirements["business-registration"].sources, "F35795")
    renewal = checklist_for(
        "entrepreneur",
        "renewal",
        current_card=CurrentCard(valid_until=dt.date(2027, 2, 1)),
        **ON_2026,
    )
    assert renewal.window is not None
    assert renewal.window.opens is None, "R.431-5: a prefecture card, the last 2 months"
    assert "business-qualifications" not in ids(renewal)
    algerian = checklist_for("entrepreneur", "renewal", nationality="DZ")
    assert not algerian.covered
    assert CATALOGUE.cards["cra-commercant"].name_fr in (algerian.decision.reason or "")


@pytest.mark.parametrize(
    ("card", "page", "words"),
    [
        ("retraite", "F2710", "lives abroad"),
        ("admission-exceptionnelle", "F17146", "€300"),
        ("naturalisation", "F2213", "Naturalisation is not covered"),
    ],
)
def test_situations_without_a_checklist_say_what_to_read(card: str, page: str, words: str) -> None:
    checklist = checklist_for(card, "first-admission")
    assert not checklist.covered
    assert checklist.items == []
    assert checklist.fee is None
    assert checklist.decision.read_instead is not None
    assert checklist.decision.read_instead.url.endswith(page)
    assert words in f"{checklist.decision.reason} {CATALOGUE.cards[card].summary}"
