"""One test per row of table (b) of the December 2026 audit: the items that were missing.

Each test builds the row's situation, checks the item is listed (or listed as probably
needed while the question that decides it is unanswered), and checks its source.
"""

from __future__ import annotations

import datetime as dt

from carte_prep.core.model import Situation, Tracking
from rules_support import CATALOGUE, checklist_for, cites, ids, item, provisional, required


def test_duplicate_family_papers_and_sworn_loss_statement() -> None:
    married = Situation(marital_status="married", children_in_france=True)
    desk = checklist_for("wa-10y", "duplicate", situation=married)
    assert {"marriage-certificate", "spouse-id", "children-birth-certificates"} <= ids(desk)
    assert "loss-declaration" in ids(desk)
    online = checklist_for("etudiant", "duplicate", situation=married)
    assert "loss-declaration" in ids(online)
    assert "spouse-id" not in ids(online), "the current ANEF fiche F21032 no longer asks for it"
    assert "uploaded" in CATALOGUE.requirements["loss-declaration"].how_to_get
    assert cites(CATALOGUE.requirements["spouse-id"].sources, "F21032")
    assert cites(CATALOGUE.requirements["loss-declaration"].sources, "F21032")


def test_withdrawal_agreement_family_member_proves_the_link_and_the_britons_card() -> None:
    family = checklist_for("wa-5y", "first-admission", nationality="US")
    assert {"wa-family-link", "wa-briton-document"} <= required(family)
    briton = checklist_for("wa-5y", "first-admission", nationality="GB")
    assert "wa-family-link" not in ids(briton)
    unknown = checklist_for("wa-5y", "first-admission", nationality=None)
    assert {"wa-family-link", "wa-briton-document"} <= provisional(unknown)
    assert cites(CATALOGUE.requirements["wa-family-link"].sources, "F35032")


def test_withdrawal_agreement_ten_year_card_needs_five_years_of_residence() -> None:
    checklist = checklist_for("wa-10y", "first-admission", nationality="GB")
    assert "wa-five-years-residence" in required(checklist)
    requirement = CATALOGUE.requirements["wa-five-years-residence"]
    assert cites(requirement.sources, "demarches-simplifiees.fr")


def test_parent_of_a_french_child_recognition_items() -> None:
    checklist = checklist_for(
        "vpf-parent-enfant-francais",
        "first-admission",
        situation=Situation(filiation_by_recognition=True),
    )
    assert {"french-parent-contribution", "recognition-deed"} <= required(checklist)
    recognition = CATALOGUE.requirements["recognition-deed"]
    assert cites(recognition.sources, "Les-parents-d-enfants-francais")


def test_spouse_of_a_french_national_without_a_long_stay_visa() -> None:
    checklist = checklist_for(
        "vpf-conjoint-francais", "first-admission", situation=Situation(no_long_stay_visa=True)
    )
    assert {"regular-entry-proof", "life-together-six-months", "marriage-in-france"} <= ids(
        checklist
    )
    assert "long-stay-visa" not in ids(checklist)
    with_visa = checklist_for("vpf-conjoint-francais", "first-admission")
    assert "marriage-in-france" not in ids(with_visa)
    assert "long-stay-visa" in ids(with_visa)
    assert cites(
        CATALOGUE.requirements["life-together-six-months"].sources, "Les-conjoints-de-Francais"
    )


def test_spouse_of_a_french_national_recent_marriage_record_is_noted() -> None:
    checklist = checklist_for("vpf-conjoint-francais", "renewal")
    assert "recent copy" in (item(checklist, "marriage-certificate").requirement.caveat or "")


def test_ten_year_card_items_of_its_ground() -> None:
    spouse = checklist_for(
        "resident-10y",
        "change-of-status",
        held="visiteur",
        situation=Situation(resident_basis="spouse-of-french"),
    )
    assert {"life-together", "spouse-french-nationality", "marriage-certificate"} <= ids(spouse)
    other = checklist_for(
        "resident-10y",
        "change-of-status",
        held="salarie",
        situation=Situation(resident_basis="other"),
    )
    assert {"stable-resources", "health-insurance", "ofii-cir"} <= ids(other)
    resources = CATALOGUE.requirements["stable-resources"]
    assert cites(resources.sources, "LEGIARTI000042776450")
    assert "ground other than family" in (resources.caveat or "")
    assert cites(CATALOGUE.cards["resident-10y"].sources, "F2208")


def test_first_eu_long_term_resident_card_lists_housing_with_the_conflict() -> None:
    checklist = checklist_for("rld-ue", "change-of-status", held="salarie")
    housing = item(checklist, "suitable-housing")
    assert housing.requirement.confidence == "Conflict"
    assert "L.426-17" in (housing.requirement.caveat or "")
    assert cites(housing.requirement.sources, "LEGIARTI000042776450")


def test_talent_intra_group_mission_and_innovative_company() -> None:
    mission = checklist_for(
        "talent-salarie-qualifie",
        "first-admission",
        situation=Situation(talent_basis="intra-group-mission"),
    )
    assert "talent-group-seniority" in required(mission)
    assert "talent-diploma" not in ids(mission), "no master's needed for an intra-group mission"
    company = checklist_for(
        "talent-salarie-qualifie",
        "first-admission",
        situation=Situation(talent_basis="innovative-company"),
    )
    assert "talent-innovative-company" in required(company)
    unanswered = checklist_for("talent-salarie-qualifie", "first-admission")
    assert {"talent-diploma", "talent-group-seniority"} <= provisional(unanswered)
    assert cites(CATALOGUE.requirements["talent-group-seniority"].sources, "LEGIARTI000042776769")


def test_doctoral_student_renewal_asks_for_the_supervisors_letter() -> None:
    phd = checklist_for("etudiant", "renewal", situation=Situation(phd_student=True))
    letter = item(phd, "phd-supervisor-letter")
    assert letter.requirement.confidence == "Inference", "no official page names the letter"
    assert cites(letter.requirement.sources, "F2231")
    assert "No official page names this letter" in (letter.requirement.caveat or "")
    assert "phd-supervisor-letter" not in ids(checklist_for("etudiant", "renewal"))


def test_language_certificates_are_valid_two_years() -> None:
    for requirement_id in ("language-certificate-a2", "language-certificate-b1"):
        requirement = CATALOGUE.requirements[requirement_id]
        assert requirement.max_age_for("tcf-tef") is not None
        assert requirement.max_age_for("diploma") is None
        assert requirement.max_age_for(None) == requirement.max_age_for("tcf-tef")
        assert cites(requirement.sources, "F34501")
    fresh = checklist_for(
        "rld-ue",
        "change-of-status",
        held="salarie",
        tracking={
            "language-certificate-b1": Tracking(
                status="gathered", document_date=dt.date(2025, 1, 5)
            )
        },
    )
    assert item(fresh, "language-certificate-b1").done


def test_the_collection_list_drops_the_photos_only_a_personal_account_reported() -> None:
    assert not any("photos" in line for line in CATALOGUE.collection.bring)
    assert "your passport" in CATALOGUE.collection.bring
    assert CATALOGUE.collection.confidence == "S"


def test_a_change_of_status_never_brings_the_first_multi_year_items() -> None:
    """L.433-4: the multi-year card keeps the mention held; a new status starts a 1-year card."""
    change = checklist_for(
        "salarie",
        "change-of-status",
        held="etudiant",
        situation=Situation(first_multi_year_card=True),
    )
    assert not {"language-certificate-a2", "civic-exam-csp", "ofii-cir"} & ids(change)
    after_visa = checklist_for(
        "salarie", "after-vls-ts", situation=Situation(first_multi_year_card=True)
    )
    assert {"language-certificate-a2", "civic-exam-csp", "ofii-cir"} <= ids(after_visa)
