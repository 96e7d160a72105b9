"""After studies: the card « recherche d'emploi ou création d'entreprise » (L.422-10), the
APS some bilateral agreements give instead, and the change of status from student to
employee or talent with the employer's work authorisation.

Each case is checked for its route, fee, window and distinctive items, with the source
each rests on (service-public F17319 of 12/09/2025, L.436-1, R.431-5).
"""

from __future__ import annotations

import datetime as dt

import pytest

from carte_prep.core.model import CurrentCard, Situation
from rules_support import CATALOGUE, checklist_for, cites, codes, ids, provisional, required

F17319 = "F17319"
R431_5 = "LEGIARTI000042806998"
ON_2026 = {"planned_filing_date": dt.date(2026, 11, 30)}
STUDENT_CARD = CurrentCard(valid_until=dt.date(2027, 1, 31))


def test_a_graduate_asks_for_it_at_the_prefecture_before_the_student_card_ends() -> None:
    checklist = checklist_for(
        "rece", "change-of-status", held="etudiant", current_card=STUDENT_CARD, **ON_2026
    )
    assert checklist.covered
    assert checklist.route is not None
    assert checklist.route.route == "prefecture"
    assert cites(checklist.route.sources, F17319)
    window = checklist.window
    assert window is not None
    assert window.opens is None, "R.431-5: a card off the ANEF list, the last 2 months"
    assert window.deadline == dt.date(2026, 12, 2)
    assert cites(window.sources, R431_5)
    chosen = ids(checklist)
    assert {"rece-diploma", "health-insurance", "current-residence-document"} <= chosen
    assert {"paper-photos", "contrat-engagement"} <= chosen
    assert "notice-rece-diploma-timing" in codes(checklist)
    assert cites(CATALOGUE.requirements["rece-diploma"].sources, F17319)


def test_the_reduced_rate_and_the_standard_one_after_a_talent_researcher_card() -> None:
    student = checklist_for(
        "rece", "change-of-status", held="etudiant", current_card=STUDENT_CARD, **ON_2026
    )
    assert student.fee is not None
    assert (student.fee.amount.total, student.fee.total_max) == (100, 150), "L.436-1: reduced"
    before_2026 = checklist_for(
        "rece",
        "change-of-status",
        held="etudiant",
        today=dt.date(2025, 5, 2),
        planned_filing_date=dt.date(2025, 6, 2),
    )
    assert before_2026.fee is not None
    assert before_2026.fee.total == 75, "F17319: taxe et droit de timbre de 75 €"
    researcher = checklist_for(
        "rece", "change-of-status", held="talent-chercheur", current_card=STUDENT_CARD, **ON_2026
    )
    fee = researcher.fee
    assert fee is not None
    assert fee.category == "standard-renewal"
    assert fee.caveat is not None
    assert "talent-chercheur" in fee.caveat
    assert cites(fee.sources, "LEGIARTI000042776300"), "L.436-1: the reduced rate's own list"


def test_the_business_plan_is_asked_only_for_a_company_project() -> None:
    def chosen(plan: bool | None) -> tuple[set[str], set[str]]:
        checklist = checklist_for(
            "rece",
            "change-of-status",
            held="etudiant",
            situation=Situation(creating_business=plan),
            **ON_2026,
        )
        return required(checklist), provisional(checklist)

    assert "rece-business-project" in chosen(True)[0]
    assert "rece-business-project" not in chosen(False)[0] | chosen(False)[1]
    assert "rece-business-project" in chosen(None)[1], "unanswered: probably needed"


@pytest.mark.parametrize(
    ("path", "held", "words"),
    [
        ("change-of-status", "salarie", "follows a student card"),
        ("renewal", None, "not renewable"),
        ("first-admission", None, "VLS-TS the consulate issues"),
        ("after-vls-ts", None, "not renewable"),
    ],
)
def test_paths_the_card_does_not_allow_say_why(path: str, held: str | None, words: str) -> None:
    checklist = checklist_for("rece", path, held=held)
    assert not checklist.covered
    assert checklist.items == []
    assert words in (checklist.decision.reason or "")
    assert checklist.decision.read_instead is not None
    assert checklist.decision.read_instead.url.endswith(F17319)


def test_from_abroad_the_visa_is_validated_online_at_the_reduced_validation_tax() -> None:
    checklist = checklist_for("rece", "vls-ts-validation", **ON_2026)
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    assert checklist.fee is not None
    assert checklist.fee.category == "vls-ts-validation-reduced"
    assert checklist.fee.total == 100


def test_an_algerian_graduate_is_sent_to_the_salarie_certificate() -> None:
    checklist = checklist_for(
        "rece", "change-of-status", held="cra-etudiant", nationality="DZ", **ON_2026
    )
    assert not checklist.covered
    assert checklist.items == []
    assert "certificate « salarié »" in (checklist.decision.reason or "")
    assert checklist.decision.read_instead is not None
    assert checklist.decision.read_instead.url.endswith(F17319)


def test_nationals_of_an_agreement_country_hear_about_their_aps() -> None:
    tunisian = checklist_for(
        "rece", "change-of-status", held="etudiant", nationality="TN", **ON_2026
    )
    assert "notice-rece-bilateral-aps" in codes(tunisian)
    indian = checklist_for("rece", "change-of-status", held="etudiant", nationality="IN")
    assert "notice-rece-bilateral-aps" in codes(indian)
    brazilian = checklist_for("rece", "change-of-status", held="etudiant", **ON_2026)
    assert "notice-rece-bilateral-aps" not in codes(brazilian)
    aps = checklist_for("aps-fin-etudes", "first-admission")
    assert not aps.covered
    assert "€100" in (aps.decision.reason or ""), "the APS tax of the 2026 budget law"
    assert aps.decision.read_instead is not None
    assert "immigration.interieur.gouv.fr" in aps.decision.read_instead.url


def test_student_to_employee_needs_the_employer_s_authorisation_in_the_student_window() -> None:
    salarie = checklist_for(
        "salarie", "change-of-status", held="etudiant", current_card=STUDENT_CARD, **ON_2026
    )
    assert salarie.decision.path == "change-of-status"
    assert "work-authorisation" in ids(salarie)
    window = salarie.window
    assert window is not None
    assert window.expiry == STUDENT_CARD.valid_until
    assert salarie.fee is not None
    assert (salarie.fee.amount.total, salarie.fee.total_max) == (250, 350)
    talent = checklist_for(
        "talent-salarie-qualifie",
        "change-of-status",
        held="etudiant",
        current_card=STUDENT_CARD,
        **ON_2026,
    )
    assert "work-authorisation" not in ids(talent), "the talent card is itself the authorisation"
    assert "talent-employment-contract" in ids(talent)
