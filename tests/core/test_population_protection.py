"""Protection and health: the refugee's 10-year card, the subsidiary-protection and
stateless multi-year cards, the card of a sick foreign national and its OFII medical
procedure, and the situations listed with what to read.

Each card is checked for its route, fee, window and the items that set it apart, with the
source each rests on (service-public F15401, F2689, F15402, F17164; L.436-1, R.431-5).
"""

from __future__ import annotations

import datetime as dt

import pytest

from carte_prep.core.agenda import member_agenda
from carte_prep.core.model import AfterFiling, CurrentCard, Situation, Tracking
from rules_support import CATALOGUE, checklist_for, cites, codes, ids, item
from support import TODAY, household_of, person

L436_1 = "LEGIARTI000042776300"
R431_5 = "LEGIARTI000042806998"
ON_2026 = {"planned_filing_date": dt.date(2026, 12, 10)}
PROTECTED = ("refugie-10y", "protection-subsidiaire", "apatride")
HOME_COUNTRY_PAPERS = {"passport", "birth-certificate", "marriage-certificate", "spouse-id"}
INTEGRATION_TESTS = {"civic-exam-csp", "civic-exam-cr", "language-certificate-a2"}
INTEGRATION_TESTS |= {"language-certificate-b1"}


def test_the_refugee_shows_ofpra_s_documents_and_pays_the_stamp_only() -> None:
    checklist = checklist_for(
        "refugie-10y",
        "first-admission",
        nationality="AF",
        situation=Situation(marital_status="married", no_long_stay_visa=True),
        **ON_2026,
    )
    assert checklist.covered
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    chosen = ids(checklist)
    assert {"ofpra-decision", "ofpra-civil-status", "contrat-engagement", "ephoto-code"} <= chosen
    assert not HOME_COUNTRY_PAPERS & chosen, "OFPRA replaces the home country's authorities"
    assert "long-stay-visa" not in chosen
    assert not INTEGRATION_TESTS & chosen, "F39530: OFPRA's protection exempts"
    fee = checklist.fee
    assert fee is not None
    assert (fee.amount.tax, fee.amount.stamp, fee.total_max) == (0, 50, 50), "L.436-1: no tax"
    assert fee.regularisation == 0, "L.436-4 exempts refugees"
    assert "timbre-regularisation" not in chosen
    assert cites(fee.sources, L436_1)
    assert cites(CATALOGUE.requirements["ofpra-civil-status"].sources, "F15401")
    assert "notice-protection-domiciliation" in codes(checklist)
    before_2026 = checklist_for(
        "refugie-10y",
        "first-admission",
        today=dt.date(2025, 5, 2),
        planned_filing_date=dt.date(2025, 6, 2),
    )
    assert before_2026.fee is not None
    assert before_2026.fee.total == 25, "F15401: €25 stamp"


def test_the_refugee_s_family_member_shows_their_own_papers_and_the_link() -> None:
    checklist = checklist_for(
        "refugie-10y",
        "first-admission",
        nationality="AF",
        situation=Situation(
            marital_status="married", protection_family_member=True, civil_documents_abroad=True
        ),
        **ON_2026,
    )
    chosen = ids(checklist)
    assert {"passport", "birth-certificate", "protection-family-link", "ofpra-decision"} <= chosen
    assert "ofii-medical-visit" in chosen, "F15401: after réunification familiale"
    assert "ofpra-civil-status" not in chosen
    assert item(checklist, "protection-family-link").needs_translation


def test_the_refugee_s_card_is_renewed_at_the_renewal_rate_in_the_anef_window() -> None:
    expiry = dt.date(2027, 3, 1)
    checklist = checklist_for(
        "refugie-10y", "renewal", current_card=CurrentCard(valid_until=expiry), **ON_2026
    )
    window = checklist.window
    assert window is not None
    assert (window.opens, window.deadline) == (
        expiry - dt.timedelta(days=120),
        expiry - dt.timedelta(days=60),
    )
    assert window.late_fee == "due"
    assert cites(window.sources, R431_5)
    fee = checklist.fee
    assert fee is not None
    assert fee.category == "standard-renewal", "F15401: renewal €225"
    assert not {"ofpra-decision", "ofpra-civil-status"} & ids(checklist)
    assert "notice-protection-no-consulate" in codes(checklist), "no passport asked of a consulate"
    assert checklist.card is not None
    assert checklist.card.validity_for("renewal") == 120


def test_a_refugee_has_no_vls_ts_path_and_an_algerian_refugee_is_sent_to_the_certificate() -> None:
    after_visa = checklist_for("refugie-10y", "after-vls-ts")
    assert not after_visa.covered
    assert "récépissé" in (after_visa.decision.reason or "")
    algerian = checklist_for("refugie-10y", "first-admission", nationality="DZ")
    assert not algerian.covered
    assert algerian.items == []
    assert "article 7 bis" in (algerian.decision.reason or "")
    assert algerian.decision.read_instead is not None
    assert algerian.decision.read_instead.url.endswith("F2257")


def test_subsidiary_protection_is_a_four_year_card_without_the_civic_exam() -> None:
    checklist = checklist_for(
        "protection-subsidiaire",
        "first-admission",
        situation=Situation(first_multi_year_card=True),
        **ON_2026,
    )
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    assert checklist.card is not None
    assert checklist.card.validity_for("first-admission") == 48
    assert not INTEGRATION_TESTS & ids(checklist), "F39530: « protection subsidiaire et famille »"
    assert {"ofpra-decision", "ofpra-civil-status"} <= ids(checklist)
    assert checklist.fee is not None
    assert checklist.fee.total_max == 50
    assert cites(CATALOGUE.cards["protection-subsidiaire"].sources, "F2689")


def test_the_stateless_person_files_at_the_prefecture_with_paper_photos() -> None:
    expiry = dt.date(2027, 3, 1)
    first = checklist_for("apatride", "first-admission", **ON_2026)
    assert first.route is not None
    assert first.route.route == "prefecture"
    assert {"paper-photos", "prefecture-form", "ofpra-decision", "ofpra-civil-status"} <= ids(first)
    assert "ephoto-code" not in ids(first)
    renewal = checklist_for(
        "apatride", "renewal", current_card=CurrentCard(valid_until=expiry), **ON_2026
    )
    window = renewal.window
    assert window is not None
    assert window.opens is None, "R.431-5: a card not on the ANEF list, the last 2 months"
    assert window.late_fee == "disputed"
    assert cites(CATALOGUE.cards["apatride"].paths["first-admission"].sources, "F15402")


@pytest.mark.parametrize(
    ("card", "kind"),
    [
        ("refugie-10y", "first-card-before-19"),
        ("protection-subsidiaire", "first-card-after-18"),
        ("apatride", "first-card-after-18"),
    ],
)
def test_the_deadline_at_18_follows_r431_5(card: str, kind: str) -> None:
    member = person(card, "first-admission", birth_date=dt.date(2008, 12, 20), nationality="AF")
    events = member_agenda(household_of(member), "ana", TODAY)
    deadline = next(e for e in events if e.kind.startswith("first-card"))
    assert deadline.kind == kind
    expected = dt.date(2027, 12, 19) if kind == "first-card-before-19" else dt.date(2027, 2, 20)
    assert deadline.date == expected


def test_the_sick_foreign_national_sends_the_certificate_to_ofii_not_the_prefecture() -> None:
    checklist = checklist_for(
        "vpf-etranger-malade",
        "first-admission",
        nationality="CM",
        situation=Situation(no_long_stay_visa=True),
        **ON_2026,
    )
    assert checklist.covered, "L.425-9: no long-stay visa needed"
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    chosen = ids(checklist)
    assert {"habitual-residence-proofs", "ofii-care-certificate", "passport"} <= chosen
    assert "notice-medical-secrecy" in codes(checklist)
    fee = checklist.fee
    assert fee is not None
    assert (fee.amount.tax, fee.amount.stamp) == (0, 50), "L.436-1: no tax on the first card"
    assert (fee.regularisation, fee.regularisation_at_filing) == (300, 100), "F17164"
    assert "timbre-regularisation" in chosen
    assert cites(CATALOGUE.requirements["ofii-care-certificate"].sources, "F17164")


def test_the_ofii_certificate_is_due_a_month_after_filing_until_it_is_posted() -> None:
    filed = dt.date(2026, 11, 20)
    member = person(
        "vpf-etranger-malade",
        "first-admission",
        nationality="CM",
        after_filing=AfterFiling(filed_on=filed),
    )
    events = member_agenda(household_of(member), "ana", TODAY)
    limit = next(e for e in events if e.kind == "after-filing-limit")
    assert limit.date == dt.date(2026, 12, 20)
    assert limit.item_id == "ofii-care-certificate"
    assert "F17164" in limit.sources[0]
    posted = person(
        "vpf-etranger-malade",
        "first-admission",
        nationality="CM",
        after_filing=AfterFiling(filed_on=filed),
        tracking={"ofii-care-certificate": Tracking(status="handed-in")},
    )
    assert not any(
        e.kind == "after-filing-limit" for e in member_agenda(household_of(posted), "ana", TODAY)
    )


def test_the_sick_card_s_renewal_goes_through_ofii_again() -> None:
    checklist = checklist_for(
        "vpf-etranger-malade",
        "renewal",
        current_card=CurrentCard(valid_until=dt.date(2027, 3, 1)),
        **ON_2026,
    )
    assert "ofii-care-certificate" in ids(checklist)
    assert "habitual-residence-proofs" not in ids(checklist)
    assert checklist.fee is not None
    assert checklist.fee.category == "standard-renewal"
    algerian = checklist_for("vpf-etranger-malade", "first-admission", nationality="DZ")
    assert not algerian.covered
    assert "article 6, 7°" in (algerian.decision.reason or "")


def test_the_parent_of_a_sick_child_is_told_what_to_read() -> None:
    checklist = checklist_for("aps-parent-enfant-malade", "first-admission")
    assert not checklist.covered
    assert checklist.items == []
    assert checklist.decision.read_instead is not None
    assert checklist.decision.read_instead.url.endswith("F17336")


def test_a_stateless_person_s_duplicate_at_the_desk_asks_no_home_country_papers() -> None:
    married = Situation(marital_status="married")
    stateless = checklist_for("apatride", "duplicate", situation=married)
    assert stateless.route is not None
    assert stateless.route.route == "prefecture"
    assert not {"birth-certificate", "marriage-certificate", "spouse-id"} & ids(stateless)
    briton = checklist_for("wa-5y", "duplicate", nationality="GB", situation=married)
    assert {"birth-certificate", "marriage-certificate"} <= ids(briton)


@pytest.mark.parametrize("card", PROTECTED)
def test_every_protection_card_is_free_of_the_regularisation_fee(card: str) -> None:
    checklist = checklist_for(
        card, "first-admission", situation=Situation(no_long_stay_visa=True, irregular_stay=True)
    )
    assert checklist.fee is not None
    assert checklist.fee.regularisation == 0, "L.436-4: refugees, stateless, subsidiary"
    assert CATALOGUE.cards[card].family == "Protection and health"
