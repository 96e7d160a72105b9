"""One test per finding of the December 2026 catalogue audit, section (a), E1 to E14.

Each test sets up the audit's situation, checks the item, route, fee or window the texts
give, and checks that the catalogue cites the source the fix rests on.
"""

from __future__ import annotations

import datetime as dt

from carte_prep.core.catalogue.official import is_official
from carte_prep.core.engine import build_checklist
from carte_prep.core.model import CurrentCard, Situation, Tracking
from rules_support import (
    CATALOGUE,
    checklist_for,
    cites,
    codes,
    ids,
    item,
    provisional,
    required,
)
from support import household_of, person

PAS_DE_CALAIS = "pas-de-calais.gouv.fr"
R431_5 = "LEGIARTI000042806998"


def test_e1_card_after_a_vls_ts_has_the_window_the_late_fee_and_the_renewal_tax() -> None:
    """The Haddad visitor on 10/01/2027: VLS-TS visiteur valid to 31/01/2027."""
    checklist = checklist_for(
        "visiteur",
        "after-vls-ts",
        today=dt.date(2027, 1, 10),
        current_card=CurrentCard(valid_from=dt.date(2026, 2, 1), valid_until=dt.date(2027, 1, 31)),
    )
    assert checklist.decision.path == "after-vls-ts"
    window = checklist.window
    assert window is not None
    assert window.deadline == dt.date(2026, 12, 2), "the last day without the late fee"
    warning = next(w for w in checklist.warnings if w.code == "renewal-window")
    assert warning.level == "danger"
    assert "€180" in warning.message
    fee = checklist.fee
    assert fee is not None
    assert fee.amount.total == 250, "the renewal amount (200 + 50), not the first-issue €350"
    assert fee.total_max == 350 + 180, "first-issue upper figure and the disputed late fee"
    assert cites(window.sources, R431_5)
    rule = CATALOGUE.fee_rules["standard"]["after-vls-ts"]
    assert "renewal" in (rule.caveat or "")
    assert cites(rule.sources, "LEGIARTI000042776292"), "L.436-5 and its case law"


def test_e1_a_change_of_status_has_a_window_too() -> None:
    expiry = dt.date(2027, 3, 1)
    checklist = checklist_for(
        "salarie", "change-of-status", held="etudiant", current_card=CurrentCard(valid_until=expiry)
    )
    assert checklist.decision.path == "change-of-status"
    assert checklist.window is not None
    assert checklist.window.expiry == expiry


def test_e2_family_of_french_cards_are_on_anef() -> None:
    for card in ("vpf-conjoint-francais", "vpf-parent-enfant-francais"):
        for path in ("first-admission", "renewal"):
            route = checklist_for(card, path).route
            assert route is not None
            assert route.route == "anef", (card, path)
            assert not route.choosable
            assert "R.431-2" in (route.why or ""), "the desk fallback is named"
            assert cites(route.sources, PAS_DE_CALAIS)
    spouse = checklist_for(
        "resident-10y",
        "change-of-status",
        held="salarie",
        situation=Situation(resident_basis="spouse-of-french"),
    )
    assert spouse.route is not None
    assert spouse.route.route == "anef"
    other = checklist_for(
        "resident-10y",
        "change-of-status",
        held="salarie",
        situation=Situation(resident_basis="other"),
    )
    assert other.route is not None
    assert (other.route.route, other.route.decided_by) == ("prefecture", "default")


def test_e3_algerian_tunisian_and_moroccan_nationals_are_warned() -> None:
    """Algerians now get their certificates: a CESEDA card asked by an Algerian is refused
    with the certificate to ask for instead, never the CESEDA card's list."""
    algerian = checklist_for("vpf-conjoint-francais", "renewal", nationality="DZ")
    assert not algerian.covered
    assert algerian.items == []
    assert "certificat de résidence" in (algerian.decision.reason or "")
    assert "cra-conjoint-francais" not in (algerian.decision.reason or ""), "named in words"
    assert algerian.decision.read_instead is not None
    assert algerian.decision.read_instead.url.endswith("/F2215")
    notice = next(w for w in algerian.warnings if w.code == "regime-algeria")
    assert "civic exam" in notice.message
    assert (
        next(
            w
            for w in checklist_for("salarie", "renewal", nationality="TN").warnings
            if w.code == "regime-tunisia"
        ).level
        == "info"
    )
    assert "regime-morocco" in codes(checklist_for("salarie", "renewal", nationality="MA"))
    assert not {c for c in codes(checklist_for("salarie", "renewal")) if c.startswith("regime-")}
    regime = CATALOGUE.regimes["algeria"]
    assert cites(regime.sources, "immigration.interieur.gouv.fr")
    assert cites(regime.sources, "F2215")


def test_e4_the_french_parents_contribution_when_filiation_comes_from_recognition() -> None:
    recognised = checklist_for(
        "vpf-parent-enfant-francais", "renewal", situation=Situation(filiation_by_recognition=True)
    )
    assert {"french-parent-contribution", "recognition-deed"} <= required(recognised)
    unanswered = checklist_for("vpf-parent-enfant-francais", "renewal")
    assert {"french-parent-contribution", "recognition-deed"} <= provisional(unanswered)
    not_recognised = checklist_for(
        "vpf-parent-enfant-francais", "renewal", situation=Situation(filiation_by_recognition=False)
    )
    assert "french-parent-contribution" not in ids(not_recognised)
    requirement = CATALOGUE.requirements["french-parent-contribution"]
    assert cites(requirement.sources, "Les-parents-d-enfants-francais")


def test_e5_salarie_and_temporary_worker_renewals_default_to_the_prefecture() -> None:
    for card in ("salarie", "travailleur-temporaire"):
        route = checklist_for(card, "renewal").route
        assert route is not None
        assert (route.route, route.decided_by) == ("prefecture", "default")
        assert cites(route.sources, "F15898")


def test_e6_no_regularisation_fee_on_free_cards_and_no_visa_less_visitor_card() -> None:
    wa = checklist_for("wa-5y", "first-admission", situation=Situation(no_long_stay_visa=True))
    assert wa.fee is not None
    assert (wa.fee.regularisation, wa.fee.total_max) == (0, 0)
    assert "timbre-regularisation" not in ids(wa)
    assert "timbre-fiscal" not in ids(wa)
    visitor = checklist_for(
        "visiteur", "first-admission", situation=Situation(no_long_stay_visa=True)
    )
    assert not visitor.covered
    assert visitor.fee is None, "nothing charged for a path that does not exist"
    assert "L.412-1" in (visitor.decision.reason or "")
    assert visitor.decision.read_instead is not None
    assert visitor.decision.read_instead.url.endswith("/F302")
    for card in ("rld-ue", "resident-10y"):
        assert not checklist_for(card, "first-admission").covered


def test_e7_duplicates_list_family_papers_and_the_sworn_statement_at_the_reduced_rate() -> None:
    desk = checklist_for(
        "wa-10y",
        "duplicate",
        situation=Situation(marital_status="married", children_in_france=True),
    )
    assert {"marriage-certificate", "spouse-id", "children-birth-certificates"} <= ids(desk)
    loss = CATALOGUE.requirements["loss-declaration"]
    assert loss.name_fr.startswith("Déclaration sur l'honneur")
    assert cites(loss.sources, "F21032")
    assert not cites(loss.sources, "mgs-93")
    student = checklist_for(
        "etudiant",
        "duplicate",
        planned_filing_date=dt.date(2025, 6, 1),
        today=dt.date(2025, 5, 1),
    )
    assert student.fee is not None
    assert student.fee.total == 75, "F21032: €75 for a student card, not €225"
    assert cites(CATALOGUE.fee_rules["reduced"]["duplicate"].sources, "F21032")


def test_e8_desk_titles_and_rld_ue_holders_get_no_silent_late_fee() -> None:
    expiry = dt.date(2026, 11, 27) + dt.timedelta(days=50)
    desk = checklist_for(
        "salarie",
        "renewal",
        current_card=CurrentCard(valid_until=expiry),
        route_choice="prefecture",
    )
    assert desk.fee is not None
    assert desk.fee.late_fee == 0
    assert desk.fee.late_fee_disputed == 180
    assert next(w for w in desk.warnings if w.code == "renewal-window").level == "warning"
    rld = checklist_for("rld-ue", "renewal", current_card=CurrentCard(valid_until=expiry))
    assert rld.fee is not None
    assert rld.fee.late_fee == 0
    assert rld.window is not None
    assert cites(rld.window.sources, "F17359")


def test_e9_fee_categories_by_path() -> None:
    on = {"planned_filing_date": dt.date(2026, 6, 1)}
    first = checklist_for("visiteur", "first-admission", **on).fee
    after = checklist_for("visiteur", "after-vls-ts", **on).fee
    change = checklist_for("visiteur", "change-of-status", **on).fee
    validation = checklist_for("etudiant", "vls-ts-validation", **on).fee
    assert first is not None
    assert after is not None
    assert change is not None
    assert validation is not None
    assert (first.total, first.total_max) == (350, 350)
    assert (after.total, after.total_max) == (250, 350)
    assert (change.total, change.total_max) == (250, 350)
    assert validation.total == 100, "L.436-1: the student card's first-issue tax in 2026"
    assert cites(
        CATALOGUE.fee_rules["reduced"]["vls-ts-validation"].sources, "LEGIARTI000042776300"
    )


def test_e10_the_ten_year_card_asks_for_the_evidence_of_its_ground() -> None:
    spouse = checklist_for(
        "resident-10y",
        "renewal",
        held="vpf-conjoint-francais",
        situation=Situation(resident_basis="spouse-of-french", married_abroad=True),
    )
    assert spouse.decision.path == "renewal", "R.423: « vaut demande de renouvellement »"
    assert {"life-together", "marriage-transcription", "spouse-french-nationality"} <= required(
        spouse
    )
    other = checklist_for(
        "resident-10y",
        "change-of-status",
        held="salarie",
        situation=Situation(resident_basis="other"),
    )
    assert {"stable-resources", "health-insurance", "ofii-cir"} <= required(other)
    assert "life-together" not in ids(other)
    unanswered = checklist_for("resident-10y", "change-of-status", held="salarie")
    assert {"life-together", "stable-resources"} <= provisional(unanswered)
    card = CATALOGUE.cards["resident-10y"]
    assert cites(card.sources, "LEGISCTA000042801134")


def test_e11_a_tcf_or_tef_older_than_two_years_is_flagged_but_not_a_diploma() -> None:
    dated = dt.date(2024, 6, 1)  # 30 months before the filing
    situation = Situation(first_multi_year_card=True)
    test_result = checklist_for(
        "salarie",
        "renewal",
        situation=situation,
        tracking={"language-certificate-a2": Tracking(status="gathered", document_date=dated)},
    )
    assert [w.code for w in item(test_result, "language-certificate-a2").warnings] == ["too-old"]
    diploma = checklist_for(
        "salarie",
        "renewal",
        situation=situation,
        tracking={
            "language-certificate-a2": Tracking(
                status="gathered", document_date=dated, variant="diploma"
            )
        },
    )
    assert item(diploma, "language-certificate-a2").done
    requirement = CATALOGUE.requirements["language-certificate-a2"]
    assert requirement.max_age is not None
    assert requirement.max_age.months == 24
    assert cites(requirement.sources, "F34501")


def test_e12_card_validity_by_path_drives_the_passport_warning() -> None:
    passport = {"passport_until": dt.date(2028, 6, 1)}  # 18 months after the filing
    first_year = checklist_for("vpf-parent-enfant-francais", "first-admission", **passport)
    renewal = checklist_for("vpf-parent-enfant-francais", "renewal", **passport)
    assert "passport" not in codes(first_year), "12 months: the passport outlasts the card"
    assert "passport" in codes(renewal), "24 months after the first year (L.411-4)"
    salarie = checklist_for("salarie", "renewal", passport_until=dt.date(2029, 6, 1))
    assert "passport" in codes(salarie), "the multi-year salarié card lasts up to 4 years"
    talent = CATALOGUE.cards["talent-salarie-qualifie"]
    assert "21 Aug 2025" in talent.summary
    assert "intra-group" in talent.summary
    assert cites(talent.sources, "LEGIARTI000042776769")


def test_e13_a_hosts_deed_or_tax_notice_is_not_too_old_after_three_months() -> None:
    dated = dt.date(2026, 3, 1)
    bill = checklist_for(
        "visiteur",
        "renewal",
        situation=Situation(housing="hosted"),
        tracking={"host-proof-of-address": Tracking(status="gathered", document_date=dated)},
    )
    assert not item(bill, "host-proof-of-address").done, "unknown kind: the strictest limit"
    deed = checklist_for(
        "visiteur",
        "renewal",
        situation=Situation(housing="hosted"),
        tracking={
            "host-proof-of-address": Tracking(
                status="gathered", document_date=dated, variant="deed-or-tax-notice"
            )
        },
    )
    assert item(deed, "host-proof-of-address").done
    assert cites(CATALOGUE.requirements["host-proof-of-address"].sources, "F33052")


def test_e14_the_anef_button_without_a_visa_is_shown_as_single_source() -> None:
    checklist = checklist_for(
        "vpf-conjoint-francais", "first-admission", situation=Situation(no_long_stay_visa=True)
    )
    route = checklist.route
    assert route is not None
    assert route.anef_button == "Je demande un premier titre sans numéro étranger, sans visa"
    assert "one press article" in (route.anef_button_caveat or "")
    assert route.sources
    assert all(is_official(s.url) for s in route.sources), "the press is not cited"
    with_visa = checklist_for("vpf-conjoint-francais", "first-admission").route
    assert with_visa is not None
    assert with_visa.anef_button_caveat is None


def test_e12_a_first_salarie_card_lasts_a_year() -> None:
    member = person("salarie", "first-admission", passport_until=dt.date(2027, 6, 1))
    checklist = build_checklist(household_of(member), "ana", dt.date(2026, 11, 27))
    assert checklist is not None
    assert "passport" in codes(checklist), "12 months from the filing: after 01/06/2027"
    later = person("salarie", "first-admission", passport_until=dt.date(2028, 6, 1))
    checklist = build_checklist(household_of(later), "ana", dt.date(2026, 11, 27))
    assert checklist is not None
    assert "passport" not in codes(checklist)
