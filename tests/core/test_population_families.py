"""Families of foreign residents: the family-reunification card (L.423-14, L.423-15), the
10-year card after it (L.423-16), and the situations listed with what to read (the
sponsor's OFII file, private and family ties L.423-23)."""

from __future__ import annotations

import datetime as dt

import pytest

from carte_prep.core.agenda import member_agenda
from carte_prep.core.model import CurrentCard, Situation
from rules_support import CATALOGUE, checklist_for, cites, codes, ids, provisional
from support import TODAY, household_of, person

F11166 = "F11166"
R431_5 = "LEGIARTI000042806998"
L436_1 = "LEGIARTI000042776300"
ON_2026 = {"planned_filing_date": dt.date(2026, 12, 10)}


def test_spouse_after_the_family_reunification_visa() -> None:
    expiry = dt.date(2027, 3, 9)
    checklist = checklist_for(
        "vpf-regroupement-familial",
        "after-vls-ts",
        situation=Situation(marital_status="married"),
        current_card=CurrentCard(valid_until=expiry),
        **ON_2026,
    )
    assert checklist.decision.path == "after-vls-ts"
    assert checklist.route is not None
    assert (checklist.route.route, checklist.route.decided_by) == ("prefecture", "default")
    window = checklist.window
    assert window is not None
    assert window.deadline == expiry - dt.timedelta(days=60)
    assert cites(window.sources, R431_5)
    fee = checklist.fee
    assert fee is not None
    assert (fee.amount.total, fee.total_max) == (100, 150), "the reduced rate of L.436-1"
    assert cites(CATALOGUE.cards["vpf-regroupement-familial"].sources, L436_1)
    chosen = ids(checklist)
    assert {"family-reunification-decision", "sponsor-card", "marriage-certificate"} <= chosen
    assert "spouse-id" not in chosen, "the sponsor's card is asked for instead"
    assert cites(CATALOGUE.requirements["family-reunification-decision"].sources, "F2215")


def test_the_child_at_18_files_before_the_19th_birthday() -> None:
    birth = dt.date(2008, 12, 20)
    member = person(
        "vpf-regroupement-familial", "first-admission", birth_date=birth, nationality="ML"
    )
    household = household_of(member)
    checklist = checklist_for("vpf-regroupement-familial", "first-admission", birth_date=birth)
    assert checklist.covered
    assert {"dcem", "family-reunification-decision", "sponsor-card"} <= ids(checklist)
    events = member_agenda(household, "ana", TODAY)
    deadline = next(e for e in events if e.kind == "first-card-before-19")
    assert deadline.date == dt.date(2027, 12, 19), "the day before the 19th birthday"
    assert R431_5 in deadline.sources[0]
    assert not any(e.kind == "first-card-after-18" for e in events)


def test_without_the_reunification_visa_it_is_not_family_reunification() -> None:
    checklist = checklist_for(
        "vpf-regroupement-familial",
        "first-admission",
        situation=Situation(no_long_stay_visa=True),
    )
    assert not checklist.covered
    assert checklist.decision.read_instead is not None
    assert checklist.decision.read_instead.url.endswith(F11166)
    change = checklist_for("vpf-regroupement-familial", "change-of-status")
    assert not change.covered
    assert change.decision.read_instead is not None
    assert change.decision.read_instead.url.endswith("F31039")


def test_the_renewal_is_a_multi_year_card_and_moroccans_hear_about_the_same_card() -> None:
    assert CATALOGUE.cards["vpf-regroupement-familial"].validity_for("renewal") == 48
    moroccan = checklist_for("vpf-regroupement-familial", "renewal", nationality="MA")
    assert "notice-maghreb-family-same-card" in codes(moroccan)
    assert "notice-maghreb-family-same-card" not in codes(
        checklist_for("vpf-regroupement-familial", "renewal")
    )
    algerian = checklist_for("vpf-regroupement-familial", "after-vls-ts", nationality="DZ")
    assert not algerian.covered
    assert CATALOGUE.cards["cra-regroupement-familial"].name_fr in (algerian.decision.reason or "")


def test_ten_year_card_after_family_reunification() -> None:
    checklist = checklist_for(
        "resident-10y",
        "renewal",
        held="vpf-regroupement-familial",
        situation=Situation(marital_status="married", resident_basis="family-reunification"),
        **ON_2026,
    )
    assert checklist.decision.path == "renewal", "R.423: it « vaut demande de renouvellement »"
    assert checklist.route is not None
    assert (checklist.route.route, checklist.route.decided_by) == ("prefecture", "default")
    assert {"family-reunification-decision", "sponsor-card"} <= ids(checklist)
    assert {"civic-exam-cr", "language-certificate-b1"} <= ids(checklist), "F39530: concerned"
    spouse = checklist_for(
        "resident-10y",
        "renewal",
        held="vpf-conjoint-francais",
        situation=Situation(resident_basis="spouse-of-french"),
    )
    assert spouse.route is not None
    assert spouse.route.route == "anef", "the family-of-French ground stays on ANEF"


@pytest.mark.parametrize(
    ("card", "page"),
    [("regroupement-familial-demande", F11166), ("vpf-liens-personnels", "F31039")],
)
def test_family_situations_listed_without_a_checklist(card: str, page: str) -> None:
    checklist = checklist_for(card, "first-admission")
    assert not checklist.covered
    assert checklist.items == []
    assert checklist.decision.read_instead is not None
    assert checklist.decision.read_instead.url.endswith(page)
    assert CATALOGUE.cards[card].family == "Family of foreign residents"


def test_first_multi_year_card_after_the_visa_asks_for_a2_the_civic_exam_and_the_cir() -> None:
    card = CATALOGUE.cards["vpf-regroupement-familial"]
    assert card.validity_for("after-vls-ts") == 48, "L.433-4: a multi-year card after the VLS-TS"
    first = checklist_for(
        "vpf-regroupement-familial",
        "after-vls-ts",
        situation=Situation(marital_status="married", first_multi_year_card=True),
        **ON_2026,
    )
    assert {"language-certificate-a2", "civic-exam-csp", "ofii-cir"} <= ids(first)
    assert "schooling-in-france-proof" not in ids(first)
    schooled = checklist_for(
        "vpf-regroupement-familial",
        "after-vls-ts",
        situation=Situation(
            marital_status="married", first_multi_year_card=True, schooled_in_france=True
        ),
        **ON_2026,
    )
    assert "civic-exam-csp" not in ids(schooled), "F39530: schooling in France exempts"
    assert {"schooling-in-france-proof", "language-certificate-a2"} <= ids(schooled)
    unanswered = checklist_for(
        "vpf-regroupement-familial",
        "after-vls-ts",
        situation=Situation(marital_status="married"),
        **ON_2026,
    )
    assert {"civic-exam-csp", "language-certificate-a2"} <= provisional(unanswered)
    child = checklist_for("vpf-regroupement-familial", "first-admission", **ON_2026)
    assert not {"civic-exam-csp", "language-certificate-a2", "ofii-cir"} & ids(child)
