"""Algerian nationals: certificats de résidence under the Franco-Algerian accord of 1968.

Each certificate is checked for its route, its fee, its window and the items that set it
apart from the CESEDA card it replaces, with the source each rests on (service-public
F2215 and F2257, the accord, F38329).
"""

from __future__ import annotations

import datetime as dt

import pytest

from carte_prep.core.model import CurrentCard, Situation
from carte_prep.core.procedure import decide_procedure
from rules_support import CATALOGUE, checklist_for, cites, codes, ids, provisional, required
from support import person

F2215 = "F2215"
F2257 = "F2257"
ACCORD = "JORFTEXT000000694290"
ON_2026 = {"planned_filing_date": dt.date(2026, 12, 10)}
MARRIED_TO_FRENCH = Situation(marital_status="married", spouse_is_french=True)
CESEDA_ONLY = {"civic-exam-csp", "civic-exam-cr", "language-certificate-a2"}
CESEDA_ONLY |= {"language-certificate-b1", "ofii-cir", "contrat-engagement"}


def test_an_algerian_is_told_the_regime_and_why() -> None:
    member = person("cra-conjoint-francais", "first-admission", nationality="DZ")
    assert member.application is not None
    decision = decide_procedure(member.application, CATALOGUE, "DZ")
    assert decision.covered
    assert decision.regime == "algeria"
    assert decision.why.startswith(
        "As an Algerian national you apply for a certificat de résidence under the "
        "Franco-Algerian accord of 27 December 1968"
    )


@pytest.mark.parametrize(
    ("ceseda", "certificate"),
    [
        ("visiteur", "cra-visiteur"),
        ("etudiant", "cra-etudiant"),
        ("salarie", "cra-salarie"),
        ("resident-10y", "cra-10ans"),
        ("vpf-conjoint-francais", "cra-conjoint-francais"),
        ("vpf-parent-enfant-francais", "cra-parent-enfant-francais"),
    ],
)
def test_a_ceseda_card_asked_by_an_algerian_names_the_certificate_instead(
    ceseda: str, certificate: str
) -> None:
    checklist = checklist_for(ceseda, "renewal", nationality="DZ")
    assert not checklist.covered
    assert checklist.items == [], "never the CESEDA card's list"
    assert checklist.fee is None
    assert CATALOGUE.cards[certificate].name_fr in (checklist.decision.reason or "")
    assert checklist.decision.read_instead == CATALOGUE.cards[certificate].official_page


@pytest.mark.parametrize(
    "card", ["talent-salarie-qualifie", "talent-chercheur", "travailleur-temporaire", "rld-ue"]
)
def test_ceseda_cards_without_a_certificate_here_are_not_covered_for_algerians(card: str) -> None:
    checklist = checklist_for(card, "first-admission", nationality="DZ")
    assert not checklist.covered
    assert checklist.items == []
    assert "Algerian" in (checklist.decision.reason or "")
    assert checklist.decision.read_instead is not None


def test_the_withdrawal_agreement_stays_open_to_an_algerian_family_member() -> None:
    checklist = checklist_for("wa-5y", "first-admission", nationality="DZ")
    assert checklist.covered
    assert "wa-family-link" in ids(checklist)


def test_a_certificate_is_only_for_algerian_nationals() -> None:
    checklist = checklist_for("cra-visiteur", "first-admission", nationality="TN")
    assert not checklist.covered
    assert "only for Algerian nationals" in (checklist.decision.reason or "")
    assert not checklist.decision.why.startswith("As an Algerian")
    unset = checklist_for("cra-visiteur", "first-admission", nationality=None)
    assert unset.covered
    assert any("Nationality not set" in a for a in unset.decision.assumptions)


def test_the_accord_asks_no_civic_exam_no_french_test_and_no_cir() -> None:
    for card, path in [
        ("cra-10ans", "renewal"),
        ("cra-conjoint-francais", "renewal"),
        ("cra-salarie", "change-of-status"),
    ]:
        checklist = checklist_for(
            card,
            path,
            held="cra-etudiant" if path == "change-of-status" else None,
            situation=Situation(first_multi_year_card=True, resident_basis="spouse-of-french"),
            **ON_2026,
        )
        assert not (CESEDA_ONLY & ids(checklist)), (card, path)
        assert "contrat-engagement-optional" in ids(checklist)
        optional = next(
            i for i in checklist.items if i.requirement.id == "contrat-engagement-optional"
        )
        assert not optional.counted, "an optional item is never counted as missing"
        assert cites(optional.requirement.sources, "F38329")
    notice = next(n for n in CATALOGUE.notices if n.id == "algeria")
    assert cites(notice.sources, "F39530")


def test_spouse_of_a_french_national_one_year_certificate() -> None:
    checklist = checklist_for(
        "cra-conjoint-francais",
        "first-admission",
        situation=Situation(
            marital_status="married",
            spouse_is_french=True,
            married_abroad=True,
            no_long_stay_visa=True,
        ),
        **ON_2026,
    )
    assert checklist.covered
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    assert cites(checklist.route.sources, F2215)
    fee = checklist.fee
    assert fee is not None
    assert (fee.total, fee.regularisation) == (350, 0), (
        "a short-stay visa is enough: no régularisation"
    )
    assert "timbre-regularisation" not in ids(checklist)
    assert {"regular-entry-proof", "spouse-french-nationality", "marriage-transcription"} <= ids(
        checklist
    )
    assert "ofii-medical-certificate" in ids(checklist)
    assert "life-together-six-months" not in ids(checklist), "the CESEDA L.423-2 rule"
    assert "marriage-in-france" not in ids(checklist)
    assert cites(CATALOGUE.requirements["regular-entry-proof"].sources, F2215)
    assert cites(CATALOGUE.requirements["ofii-medical-certificate"].sources, F2215)
    assert CATALOGUE.cards["cra-conjoint-francais"].validity_for("first-admission") == 12


def test_an_algerian_spouse_staying_irregularly_pays_the_regularisation() -> None:
    checklist = checklist_for(
        "cra-conjoint-francais",
        "first-admission",
        situation=Situation(marital_status="married", spouse_is_french=True, irregular_stay=True),
        **ON_2026,
    )
    assert checklist.fee is not None
    assert checklist.fee.regularisation == 300
    assert "timbre-regularisation" in ids(checklist)


def test_algerians_get_no_vls_ts() -> None:
    for card in ("cra-conjoint-francais", "cra-visiteur", "cra-etudiant"):
        checklist = checklist_for(card, "after-vls-ts")
        assert not checklist.covered
        assert "VLS-TS" in (checklist.decision.reason or "")


def test_one_year_family_certificate_renewal_has_the_anef_window_and_life_together() -> None:
    expiry = dt.date(2027, 1, 15)
    checklist = checklist_for(
        "cra-conjoint-francais",
        "renewal",
        situation=MARRIED_TO_FRENCH,
        current_card=CurrentCard(valid_until=expiry),
    )
    window = checklist.window
    assert window is not None
    assert (window.opens, window.deadline) == (
        expiry - dt.timedelta(120),
        expiry - dt.timedelta(60),
    )
    assert window.late_fee == "due"
    assert "life-together" in required(checklist)


def test_parent_of_a_french_child_certificate_needs_no_french_parent_contribution() -> None:
    checklist = checklist_for("cra-parent-enfant-francais", "first-admission", **ON_2026)
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    assert {"french-child-documents", "cra-parental-authority-or-support"} <= ids(checklist)
    assert not {"child-contribution", "french-parent-contribution", "recognition-deed"} & ids(
        checklist
    )
    assert not provisional(checklist), "the CESEDA recognition question does not apply"
    assert cites(CATALOGUE.requirements["cra-parental-authority-or-support"].sources, ACCORD)
    assert checklist.fee is not None
    assert checklist.fee.total == 350


def test_family_reunification_certificate_is_free_with_the_stamp_as_upper_figure() -> None:
    checklist = checklist_for(
        "cra-regroupement-familial",
        "first-admission",
        situation=Situation(marital_status="married"),
        **ON_2026,
    )
    fee = checklist.fee
    assert fee is not None
    assert (fee.total, fee.total_max) == (0, 50)
    assert "free" in (fee.caveat or "")
    assert {"family-reunification-decision", "sponsor-card", "long-stay-visa"} <= ids(checklist)
    assert "spouse-id" not in ids(checklist), "the sponsor's certificate is asked instead"
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    refused = checklist_for(
        "cra-regroupement-familial",
        "first-admission",
        situation=Situation(no_long_stay_visa=True),
    )
    assert not refused.covered
    assert refused.decision.read_instead is not None
    assert refused.decision.read_instead.url.endswith("/F11166")


def test_visitor_certificate_first_is_free_on_anef_with_the_accords_statement() -> None:
    checklist = checklist_for("cra-visiteur", "first-admission", **ON_2026)
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    assert checklist.fee is not None
    assert checklist.fee.total_max == 0
    assert "timbre-fiscal" not in ids(checklist)
    assert {"visitor-resources", "cra-no-authorised-work-statement", "long-stay-visa"} <= ids(
        checklist
    )
    assert "no-work-statement" not in ids(checklist), "the CESEDA wording forbids all work"
    assert "health-insurance" not in ids(checklist)
    assert cites(CATALOGUE.fee_rules["free-first"]["first-admission"].sources, F2215)
    renewal = checklist_for("cra-visiteur", "renewal", **ON_2026)
    assert renewal.fee is not None
    assert renewal.fee.total == 250, "renewals are paid (standard renewal amount)"


def test_student_certificate_is_at_the_prefecture_at_the_reduced_rate() -> None:
    checklist = checklist_for("cra-etudiant", "renewal", **ON_2026)
    assert checklist.route is not None
    assert checklist.route.route == "prefecture"
    assert "paper-photos" in ids(checklist)
    assert {"enrolment-certificate", "student-resources"} <= ids(checklist)
    assert checklist.fee is not None
    assert checklist.fee.category == "reduced-renewal"
    expiry = dt.date(2027, 1, 20)
    timed = checklist_for("cra-etudiant", "renewal", current_card=CurrentCard(valid_until=expiry))
    assert timed.window is not None
    assert timed.window.window_id == "prefecture", "a desk title: within the last 2 months"


def test_employee_certificate_change_of_status_from_student() -> None:
    checklist = checklist_for("cra-salarie", "change-of-status", held="cra-etudiant", **ON_2026)
    assert checklist.decision.path == "change-of-status"
    assert checklist.route is not None
    assert (checklist.route.route, checklist.route.decided_by) == ("prefecture", "default")
    assert "work-authorisation" in ids(checklist)
    fee = checklist.fee
    assert fee is not None
    assert (fee.total, fee.total_max) == (250, 350), "F2215: a change of status is paid"
    assert cites(CATALOGUE.cards["cra-salarie"].sources, "F2733")
    first = checklist_for("cra-salarie", "first-admission", **ON_2026)
    assert first.fee is not None
    assert first.fee.total == 0


def test_trader_certificate_needs_the_registration() -> None:
    checklist = checklist_for("cra-commercant", "first-admission", **ON_2026)
    assert "business-registration" in ids(checklist)
    requirement = CATALOGUE.requirements["business-registration"]
    assert cites(requirement.sources, F2215)
    assert requirement.max_age is not None


def test_ten_year_certificate_for_the_spouse_of_a_french_national() -> None:
    expiry = dt.date(2027, 2, 15)
    checklist = checklist_for(
        "cra-10ans",
        "renewal",
        held="cra-conjoint-francais",
        situation=Situation(
            marital_status="married", spouse_is_french=True, resident_basis="spouse-of-french"
        ),
        current_card=CurrentCard(valid_until=expiry),
        **ON_2026,
    )
    assert checklist.decision.path == "renewal", "at the end of the 1-year certificate"
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    assert {"marriage-certificate", "spouse-french-nationality", "life-together"} <= ids(checklist)
    fee = checklist.fee
    assert fee is not None
    assert (fee.total, fee.total_max) == (0, 50), "free by F2257, the stamp as upper figure"
    assert cites(CATALOGUE.fee_rules["free-or-stamp"]["renewal"].sources, F2257)
    assert checklist.window is not None


def test_ten_year_certificate_renewal_has_its_own_window_and_late_fee() -> None:
    expiry = dt.date(2027, 1, 10)
    checklist = checklist_for(
        "cra-10ans",
        "renewal",
        current_card=CurrentCard(valid_until=expiry),
        planned_filing_date=dt.date(2026, 12, 20),
    )
    window = checklist.window
    assert window is not None
    assert window.window_id == "cra-10y-holder"
    assert window.deadline == expiry - dt.timedelta(days=60)
    assert cites(window.sources, F2257)
    fee = checklist.fee
    assert fee is not None
    assert fee.late_fee == 180, "F2257: €180 when filed late"
    assert "no-absence-statement" in ids(checklist)
    assert "marriage-certificate" not in ids(checklist), "the renewal list is short (F2257)"
    assert CATALOGUE.cards["cra-10ans"].validity_for("renewal") == 120


def test_ten_year_certificate_on_means_goes_to_the_prefecture_with_its_evidence() -> None:
    checklist = checklist_for(
        "cra-10ans",
        "change-of-status",
        held="cra-salarie",
        situation=Situation(resident_basis="other"),
    )
    assert checklist.route is not None
    assert (checklist.route.route, checklist.route.decided_by) == ("prefecture", "default")
    assert {"cra-means-and-settlement", "previous-certificates"} <= ids(checklist)
    unanswered = checklist_for("cra-10ans", "change-of-status", held="cra-salarie")
    assert "cra-means-and-settlement" in provisional(unanswered)
    assert "unanswered-resident-basis" in codes(unanswered)
    assert not checklist_for("cra-10ans", "first-admission").covered


@pytest.mark.parametrize(("card", "page"), [("cra-retraite", "F3137"), ("cra-autres", F2215)])
def test_certificates_listed_but_not_covered_say_what_to_read(card: str, page: str) -> None:
    checklist = checklist_for(card, "first-admission")
    assert not checklist.covered
    assert checklist.items == []
    assert checklist.decision.read_instead is not None
    assert checklist.decision.read_instead.url.endswith(page)
    assert "not covered" not in checklist.decision.why
