"""The checklist engine against the catalogue: routing, items, dates, fees, warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from carte_prep.core.engine import (
    Checklist,
    build_checklist,
    household_checklists,
    household_progress,
    shareable_documents,
)
from carte_prep.core.model import (
    Appointment,
    CurrentCard,
    EPhoto,
    Household,
    SharedEvidence,
    Situation,
    Tracking,
)
from carte_prep.core.tracking import share_document, update_tracking
from rules_support import CATALOGUE, checklist_for, fee_of, ids, photos_of, required, route_of
from support import PROFILES, TODAY, household_of, person

EARLY_2025 = dt.date(2025, 5, 1)
"""A today before the 2025 filing days of the fee tests: a planned day must be ahead."""
CARD_PROCEDURES = [
    (card.id, procedure) for card in CATALOGUE.cards.values() for procedure in card.paths
]


@pytest.mark.parametrize(("card", "procedure"), CARD_PROCEDURES)
def test_every_card_and_procedure_gives_an_ordered_sourced_checklist(
    card: str, procedure: str
) -> None:
    checklist = checklist_for(card, procedure, departement="24")
    assert checklist.items, f"{card}/{procedure} has an empty checklist"
    section_orders = [s.section.order for s in checklist.sections]
    assert section_orders == sorted(section_orders)
    for section in checklist.sections:
        orders = [item.requirement.order for item in section.items]
        assert orders == sorted(orders)
    for item in checklist.items:
        req = item.requirement
        assert req.sources
        assert all(s.url.startswith("http") for s in req.sources)
        assert req.verified_on <= CATALOGUE.last_verified <= dt.date.today()
        assert req.name_fr
        assert req.name_en
        assert req.how_to_get
    protected_first = card in ("refugie-10y", "protection-subsidiaire", "apatride") and (
        procedure in ("first-admission", "change-of-status")
    )
    identity = "ofpra-civil-status" if protected_first else "passport"
    assert identity in ids(checklist), "OFPRA certifies the civil status of whom it protects"


def test_catalogue_covers_the_card_types_of_the_design() -> None:
    families = {card.family for card in CATALOGUE.cards.values()}
    assert {
        "Withdrawal Agreement (Brexit)",
        "Visitor",
        "Student",
        "Talent",
        "Long-term residence",
        "Private and family life",
        "Work",
    } <= families
    assert {
        "talent-salarie-qualifie",
        "talent-carte-bleue",
        "talent-chercheur",
        "talent-porteur-projet",
        "rld-ue",
        "resident-10y",
        "vpf-conjoint-francais",
        "vpf-parent-enfant-francais",
        "salarie",
        "travailleur-temporaire",
        "wa-5y",
        "wa-10y",
        "visiteur",
        "etudiant",
    } <= set(CATALOGUE.cards)
    assert "vls-ts-validation" in CATALOGUE.cards["etudiant"].paths
    for card in CATALOGUE.cards.values():
        if card.not_covered_yet is None:
            assert "duplicate" in card.paths
            assert "change-of-situation" in card.paths


@pytest.mark.parametrize(("card", "procedure"), CARD_PROCEDURES)
def test_withdrawal_agreement_cards_always_go_to_the_prefecture(card: str, procedure: str) -> None:
    checklist = checklist_for(card, procedure)
    if CATALOGUE.cards[card].withdrawal_agreement:
        assert route_of(checklist).route == "prefecture"
        assert not route_of(checklist).choosable
        assert route_of(checklist).anef_button is None


@pytest.mark.parametrize(
    ("card", "procedure", "route"),
    [
        ("visiteur", "renewal", "anef"),
        ("etudiant", "vls-ts-validation", "anef"),
        ("talent-chercheur", "first-admission", "anef"),
        ("rld-ue", "change-of-status", "anef"),
        ("resident-10y", "renewal", "anef"),
        ("wa-10y", "renewal", "prefecture"),
        ("wa-5y", "first-admission", "prefecture"),
    ],
)
def test_routing_by_card(card: str, procedure: str, route: str) -> None:
    decision = route_of(checklist_for(card, procedure))
    assert decision.route == route
    if route == "anef" and procedure not in ("duplicate", "vls-ts-validation"):
        assert decision.anef_button


def test_varying_route_uses_default_until_chosen_and_says_why() -> None:
    assumed = checklist_for("salarie", "renewal")
    assert route_of(assumed).choosable
    assert route_of(assumed).decided_by == "default"
    why = route_of(assumed).why
    assert why
    assert "département" in why
    assert any(w.code == "route-choice" for w in assumed.warnings)
    chosen = checklist_for("salarie", "renewal", route_choice="prefecture")
    assert route_of(chosen).route == "prefecture"
    assert route_of(chosen).decided_by == "person"
    assert "paper-photos" in ids(chosen)
    assert "ephoto-code" not in ids(chosen)
    assert not any(w.code == "route-choice" for w in chosen.warnings)


def test_route_choice_is_ignored_where_the_rule_is_fixed() -> None:
    checklist = checklist_for("wa-10y", "renewal", route_choice="anef")
    assert route_of(checklist).route == "prefecture"


def test_prefecture_named_from_departement() -> None:
    assert "Périgueux" in route_of(checklist_for("wa-10y", "renewal", departement="24")).where
    assert (
        "Préfecture de police"
        in route_of(checklist_for("wa-10y", "renewal", departement="75")).where
    )


def test_withdrawal_agreement_renewal_is_free_and_has_no_contrat() -> None:
    checklist = checklist_for("wa-10y", "renewal", departement="24")
    assert fee_of(checklist).total == 0
    assert fee_of(checklist).total_max == 0
    assert "contrat-engagement" not in ids(checklist)
    assert "timbre-fiscal" not in ids(checklist)
    assert {"passport", "current-residence-document", "proof-of-address", "paper-photos"} <= ids(
        checklist
    )
    assert not any(item.requirement.section == "situation" for item in checklist.items), (
        "no proof of income for the WA 10-year card"
    )


def test_other_first_applications_and_renewals_carry_the_contrat() -> None:
    first = {"resident-10y": "change-of-status"}  # a first 10-year card follows other cards
    for card in ("visiteur", "etudiant", "salarie", "resident-10y"):
        for procedure in (first.get(card, "first-admission"), "renewal"):
            assert "contrat-engagement" in ids(checklist_for(card, procedure))
    assert "contrat-engagement" not in ids(checklist_for("visiteur", "duplicate"))


def test_first_multi_year_card_filed_in_2026_needs_a2_and_civic_exam() -> None:
    situation = Situation(first_multi_year_card=True)
    in_2026 = checklist_for("salarie", "renewal", situation=situation)
    assert {"language-certificate-a2", "civic-exam-csp", "ofii-cir"} <= ids(in_2026)
    in_2025 = checklist_for(
        "salarie",
        "renewal",
        situation=situation,
        planned_filing_date=dt.date(2025, 12, 15),
        today=dt.date(2025, 12, 1),
    )
    assert "language-certificate-a2" not in ids(in_2025)
    assert "ofii-cir" in ids(in_2025)
    plain_renewal = checklist_for("salarie", "renewal")
    assert "civic-exam-csp" not in required(plain_renewal), "only 'probably needed' if unanswered"


def test_civic_exam_exempts_people_aged_65() -> None:
    older = checklist_for(
        "resident-10y", "change-of-status", birth_date=dt.date(1960, 1, 1), departement="24"
    )
    younger = checklist_for("resident-10y", "change-of-status", birth_date=dt.date(1990, 1, 1))
    assert "civic-exam-cr" not in ids(older)
    assert {"civic-exam-cr", "language-certificate-b1"} <= ids(younger)


def test_talent_and_student_cards_are_not_subject_to_civic_exam() -> None:
    situation = Situation(first_multi_year_card=True)
    for card in ("talent-salarie-qualifie", "etudiant", "visiteur"):
        assert "civic-exam-csp" not in ids(checklist_for(card, "renewal", situation=situation))


def test_hosted_housing_brings_in_the_hebergement_triple() -> None:
    hosted = checklist_for("visiteur", "renewal", situation=Situation(housing="hosted"))
    assert {"hebergement-attestation", "host-id", "host-proof-of-address"} <= ids(hosted)
    assert "proof-of-address" not in ids(hosted)
    own = checklist_for("visiteur", "renewal")
    assert "proof-of-address" in ids(own)
    assert "host-id" not in ids(own)


def test_hotel_and_student_residence_have_their_own_proofs() -> None:
    assert "hotel-certificate" in ids(
        checklist_for("etudiant", "renewal", situation=Situation(housing="hotel"))
    )
    assert "student-residence-certificate" in ids(
        checklist_for("etudiant", "renewal", situation=Situation(housing="student-residence"))
    )


def _with_address_date(document_date: dt.date, appointment: dt.date) -> Checklist:
    return checklist_for(
        "wa-10y",
        "renewal",
        appointment=Appointment(date=appointment),
        tracking={"proof-of-address": Tracking(status="gathered", document_date=document_date)},
    )


def test_proof_of_address_dated_100_days_before_the_appointment_is_flagged() -> None:
    appointment = dt.date(2027, 1, 20)
    checklist = _with_address_date(appointment - dt.timedelta(days=100), appointment)
    item = next(i for i in checklist.items if i.requirement.id == "proof-of-address")
    assert item.freshness is not None
    assert not item.freshness.ok
    assert item.freshness.judged_on == appointment
    assert [w.code for w in item.warnings] == ["too-old"]
    assert item.warnings[0].level == "danger"


def test_freshness_is_judged_on_the_appointment_not_today() -> None:
    appointment = dt.date(2027, 1, 20)
    fresh_today = _with_address_date(TODAY - dt.timedelta(days=60), appointment)
    item = next(i for i in fresh_today.items if i.requirement.id == "proof-of-address")
    assert item.freshness is not None
    assert not item.freshness.ok
    recent = _with_address_date(dt.date(2026, 11, 1), appointment)
    item = next(i for i in recent.items if i.requirement.id == "proof-of-address")
    assert item.freshness is not None
    assert item.freshness.ok
    assert item.freshness.fresh_until == dt.date(2027, 1, 31)


def test_three_months_boundary() -> None:
    appointment = dt.date(2027, 1, 20)
    last_fresh = _with_address_date(dt.date(2026, 10, 21), appointment)
    too_old = _with_address_date(dt.date(2026, 10, 20), appointment)
    assert next(i for i in last_fresh.items if i.freshness).freshness.ok  # type: ignore[union-attr]
    assert not next(i for i in too_old.items if i.freshness).freshness.ok  # type: ignore[union-attr]


def test_foreign_civil_documents_need_a_translation_until_marked() -> None:
    abroad = Situation(civil_documents_abroad=True)
    checklist = checklist_for("visiteur", "first-admission", situation=abroad)
    item = next(i for i in checklist.items if i.requirement.id == "birth-certificate")
    assert item.needs_translation
    assert [w.code for w in item.warnings] == ["translation"]
    translated = checklist_for(
        "visiteur",
        "first-admission",
        situation=abroad,
        tracking={"birth-certificate": Tracking(translated=True)},
    )
    item = next(i for i in translated.items if i.requirement.id == "birth-certificate")
    assert item.needs_translation
    assert not item.warnings
    french = checklist_for(
        "visiteur",
        "first-admission",
        situation=abroad,
        tracking={"birth-certificate": Tracking(foreign_language=False)},
    )
    item = next(i for i in french.items if i.requirement.id == "birth-certificate")
    assert not item.needs_translation


@pytest.mark.parametrize(
    ("days_before_expiry", "level", "late"),
    [
        (121, "info", False),
        (120, "info", False),
        (90, "info", False),
        (61, "warning", False),
        (60, "warning", False),
        (59, "danger", True),
    ],
)
def test_anef_renewal_window_edges(days_before_expiry: int, level: str, late: bool) -> None:
    expiry = TODAY + dt.timedelta(days=days_before_expiry)
    checklist = checklist_for("visiteur", "renewal", current_card=CurrentCard(valid_until=expiry))
    window = checklist.window
    assert window is not None
    assert window.opens == expiry - dt.timedelta(days=120)
    assert window.deadline == expiry - dt.timedelta(days=60)
    warning = next(w for w in checklist.warnings if w.code == "renewal-window")
    assert warning.level == level
    assert ("not yet open" in warning.message) == (days_before_expiry > 120)
    assert (fee_of(checklist).late_fee == 180) is late


def test_expired_card_and_late_limit() -> None:
    expired = checklist_for(
        "visiteur", "renewal", current_card=CurrentCard(valid_until=TODAY - dt.timedelta(days=10))
    )
    message = next(w for w in expired.warnings if w.code == "renewal-window").message
    assert "expired" in message
    assert "€180" in message
    assert "no longer" not in message
    long_ago = checklist_for(
        "visiteur", "renewal", current_card=CurrentCard(valid_until=TODAY - dt.timedelta(days=200))
    )
    assert (
        "no longer be accepted"
        in next(w for w in long_ago.warnings if w.code == "renewal-window").message
    )


def test_planned_filing_after_the_deadline_is_warned_and_costs_the_late_fee() -> None:
    expiry = TODAY + dt.timedelta(days=100)
    checklist = checklist_for(
        "etudiant",
        "renewal",
        current_card=CurrentCard(valid_until=expiry),
        planned_filing_date=expiry - dt.timedelta(days=30),
    )
    assert any("after" in w.message for w in checklist.warnings if w.code == "renewal-window")
    assert fee_of(checklist).late_fee == 180


def test_withdrawal_agreement_window_opens_two_months_before() -> None:
    expiry = TODAY + dt.timedelta(days=90)
    checklist = checklist_for("wa-10y", "renewal", current_card=CurrentCard(valid_until=expiry))
    assert checklist.window is not None
    assert checklist.window.opens == expiry - dt.timedelta(days=60)
    assert checklist.window.late_fee == "none"
    assert fee_of(checklist).total_max == 0


def test_passport_expiring_before_the_card_is_warned() -> None:
    soon = checklist_for("resident-10y", "renewal", passport_until=dt.date(2029, 1, 1))
    assert [w.level for w in soon.warnings if w.code == "passport"] == ["warning"]
    expired = checklist_for("resident-10y", "renewal", passport_until=dt.date(2026, 1, 1))
    assert [w.level for w in expired.warnings if w.code == "passport"] == ["danger"]
    assert [w.message for w in expired.warnings if w.code == "passport"] == [
        "Your passport expired on 01/01/2026: renew it before you file (or bring a consular "
        "attestation)."
    ]
    fine = checklist_for("visiteur", "renewal", passport_until=dt.date(2030, 1, 1))
    assert not [w for w in fine.warnings if w.code == "passport"]


def test_fees_follow_the_schedule_in_force_on_the_filing_day() -> None:
    before = checklist_for(
        "visiteur", "first-admission", planned_filing_date=dt.date(2025, 6, 1), today=EARLY_2025
    )
    assert fee_of(before).total == 225
    after = checklist_for("visiteur", "first-admission", planned_filing_date=dt.date(2026, 6, 1))
    assert fee_of(after).total == 350
    assert fee_of(after).caveat
    renewal = checklist_for("visiteur", "renewal", planned_filing_date=dt.date(2026, 6, 1))
    assert (fee_of(renewal).total, fee_of(renewal).total_max) == (250, 350)
    student = checklist_for(
        "etudiant", "renewal", planned_filing_date=dt.date(2025, 6, 1), today=EARLY_2025
    )
    assert fee_of(student).total == 75
    change = checklist_for("visiteur", "change-of-situation")
    assert fee_of(change).total_max == 0
    assert "timbre-fiscal" not in ids(change)
    new_card = checklist_for(
        "visiteur", "change-of-situation", situation=Situation(wants_new_card=True)
    )
    assert fee_of(new_card).total == 50
    assert "timbre-fiscal" in ids(new_card)


@pytest.mark.parametrize(("card", "procedure"), CARD_PROCEDURES)
@pytest.mark.parametrize("wants_new_card", [True, False])
def test_the_photo_plan_is_the_photo_item_of_the_checklist(
    card: str, procedure: str, wants_new_card: bool
) -> None:
    """The plan follows the catalogue's photo items, so the two can never disagree."""
    checklist = checklist_for(
        card, procedure, departement="24", situation=Situation(wants_new_card=wants_new_card)
    )
    listed = ids(checklist)
    expected = (
        "ephoto" if "ephoto-code" in listed else "paper" if "paper-photos" in listed else "none"
    )
    assert photos_of(checklist).kind == expected
    assert (photos_of(checklist).count == 0) is (expected == "none")


def test_no_photos_for_the_visa_validation_or_a_change_that_keeps_the_card() -> None:
    assert photos_of(checklist_for("etudiant", "vls-ts-validation")).kind == "none"
    keeps = checklist_for(
        "salarie", "change-of-situation", situation=Situation(wants_new_card=False)
    )
    assert photos_of(keeps).kind == "none"
    new_card = checklist_for(
        "salarie", "change-of-situation", situation=Situation(wants_new_card=True)
    )
    assert photos_of(new_card).kind != "none"


def test_photos_follow_the_route_and_departement() -> None:
    paper = checklist_for("wa-10y", "renewal", departement="24")
    assert photos_of(paper).kind == "paper"
    assert photos_of(paper).count == 3
    item = next(i for i in paper.items if i.requirement.id == "paper-photos")
    assert item.quantity == 3
    rennes = checklist_for("wa-10y", "renewal", departement="35")
    assert photos_of(rennes).count == 2
    online = checklist_for(
        "etudiant",
        "renewal",
        ephoto=EPhoto(code="AB12 CD34 EF56 GH78 IJ90 KL", purchased_on=dt.date(2026, 11, 26)),
        planned_filing_date=dt.date(2026, 11, 27),
    )
    assert photos_of(online).kind == "ephoto"
    assert photos_of(online).ephoto_expires_on == dt.date(2027, 5, 26)
    assert photos_of(online).ephoto_active_after == dt.date(2026, 11, 29)
    assert any(w.code == "ephoto" and w.level == "info" for w in online.warnings)
    stale = checklist_for(
        "etudiant",
        "renewal",
        ephoto=EPhoto(code="AB12CD34EF56GH78IJ90KL", purchased_on=dt.date(2026, 3, 1)),
        planned_filing_date=dt.date(2026, 12, 5),
    )
    assert any(w.code == "ephoto" and w.level == "danger" for w in stale.warnings)


def test_duplicate_lists_the_declaration_or_police_report() -> None:
    lost = checklist_for("visiteur", "duplicate")
    assert "loss-declaration" in ids(lost)
    assert "theft-report" not in ids(lost)
    stolen = checklist_for("visiteur", "duplicate", situation=Situation(loss_or_theft="theft"))
    assert "theft-report" in ids(stolen)
    near = checklist_for(
        "visiteur", "duplicate", current_card=CurrentCard(valid_until=TODAY + dt.timedelta(days=40))
    )
    assert any(w.code == "duplicate-near-expiry" for w in near.warnings)


def test_work_card_renewal_depends_on_the_employment_change() -> None:
    same = checklist_for("salarie", "renewal")
    assert {"employer-certificate", "payslips"} <= ids(same)
    new = checklist_for("salarie", "renewal", situation=Situation(employment_change="new-employer"))
    assert {"work-authorisation", "payslips"} <= ids(new)
    lost = checklist_for("salarie", "renewal", situation=Situation(employment_change="job-lost"))
    assert "job-loss-documents" in ids(lost)
    assert "payslips" not in ids(lost)


def test_married_applicants_get_family_documents_and_polygamy_statement() -> None:
    situation = Situation(marital_status="married", nationality_allows_polygamy=True)
    checklist = checklist_for("visiteur", "renewal", situation=situation)
    assert {"marriage-certificate", "spouse-id", "non-polygamy"} <= ids(checklist)
    spouse = checklist_for(
        "vpf-conjoint-francais",
        "first-admission",
        situation=Situation(marital_status="married", spouse_is_french=True, married_abroad=True),
    )
    assert {"marriage-transcription", "spouse-french-nationality", "life-together"} <= ids(spouse)
    assert "spouse-id" not in ids(spouse)


def test_numero_etranger_with_nine_digits_is_a_warning() -> None:
    checklist = checklist_for(
        "visiteur", "renewal", current_card=CurrentCard(numero_etranger="123 456 789")
    )
    assert any(w.code == "numero-etranger" for w in checklist.warnings)


def test_shared_document_counts_once_for_every_member_it_serves() -> None:
    household = household_of(
        person("wa-10y", "renewal", member_id="one"),
        person("wa-10y", "renewal", member_id="two"),
    )
    household = share_document(household, "proof-of-address", ["one", "two"])
    household = update_tracking(
        household, "two", "proof-of-address", status="gathered", document_date=TODAY
    )
    for member_id in ("one", "two"):
        checklist = build_checklist(household, member_id, TODAY)
        assert checklist is not None
        item = next(i for i in checklist.items if i.requirement.id == "proof-of-address")
        assert item.done
        assert item.shared_with == ["one", "two"]
    assert household.members[0].tracking == {}
    stopped = share_document(household, "proof-of-address", [])
    checklist = build_checklist(stopped, "one", TODAY)
    assert checklist is not None
    own = next(i for i in checklist.items if i.requirement.id == "proof-of-address")
    assert own.done, "a member who stops sharing keeps the document's tracking"
    assert own.shared_with == []


def test_progress_ignores_not_applicable_items() -> None:
    base = checklist_for("wa-10y", "renewal")
    marked = checklist_for(
        "wa-10y",
        "renewal",
        tracking={
            "passport": Tracking(status="gathered"),
            "paper-photos": Tracking(status="not-applicable"),
        },
    )
    assert marked.progress.total == base.progress.total - 1
    assert marked.progress.done == 1
    assert household_progress([base, marked]).total == base.progress.total * 2 - 1


def test_member_without_application_needs_no_checklist() -> None:
    household = Household.model_validate(
        {
            "id": "h",
            "name": "H",
            "members": [
                {"id": "kid", "given_names": "Kid", "birth_date": "2015-01-01", "nationality": "BR"}
            ],
        }
    )
    assert build_checklist(household, "kid", TODAY) is None


def test_engine_is_deterministic() -> None:
    household = household_of(
        person("visiteur", "first-admission"),
        shared=[SharedEvidence(requirement="proof-of-address", members=["ana"])],
    )
    first = build_checklist(household, "ana", TODAY)
    second = build_checklist(household, "ana", TODAY)
    assert first == second


def test_numero_etranger_position_by_card_model() -> None:
    assert CATALOGUE.generation_for(None) is None
    assert CATALOGUE.generation_for(dt.date(2015, 5, 1)).id == "2011"  # type: ignore[union-attr]
    assert CATALOGUE.generation_for(dt.date(2020, 8, 10)).id == "2020"  # type: ignore[union-attr]
    assert CATALOGUE.generation_for(dt.date(2020, 8, 9)).id == "2011"  # type: ignore[union-attr]
    assert CATALOGUE.generation_for(dt.date(1999, 1, 1)) is None


def test_spouse_of_a_french_national_always_gets_the_marriage_and_nationality_proofs() -> None:
    checklist = checklist_for("vpf-conjoint-francais", "first-admission")
    assert {"marriage-certificate", "spouse-french-nationality", "life-together"} <= ids(checklist)
    assert "spouse-id" not in ids(checklist)


def test_first_card_without_a_long_stay_visa_pays_part_of_the_regularisation_fee_at_filing() -> (
    None
):
    without_visa = checklist_for(
        "vpf-parent-enfant-francais", "first-admission", situation=Situation(no_long_stay_visa=True)
    )
    assert "timbre-regularisation" in ids(without_visa)
    assert fee_of(without_visa).regularisation == 300
    assert fee_of(without_visa).regularisation_at_filing == 100
    assert fee_of(without_visa).total == 350 + 300
    assert "€100 is paid when you file" in fee_of(without_visa).when_paid
    with_visa = checklist_for("vpf-parent-enfant-francais", "first-admission")
    assert "timbre-regularisation" not in ids(with_visa)
    assert fee_of(with_visa).regularisation == 0
    for card, path in (("wa-5y", "first-admission"), ("vpf-parent-enfant-francais", "renewal")):
        other = checklist_for(card, path, situation=Situation(no_long_stay_visa=True))
        assert fee_of(other).regularisation == 0, "L.436-4: a first card, and not a free one"


def test_a_visa_validation_is_paid_online_and_a_card_when_it_is_handed_over() -> None:
    assert fee_of(checklist_for("etudiant", "vls-ts-validation")).when_paid == (
        "paid online during the validation"
    )
    assert "timbre fiscal when the card is handed over" in (
        fee_of(checklist_for("salarie", "renewal")).when_paid
    )


def test_vls_ts_validation_exists_for_every_card_that_starts_with_a_long_stay_visa() -> None:
    for card in ("visiteur", "salarie", "vpf-conjoint-francais", "talent-chercheur"):
        checklist = checklist_for(card, "vls-ts-validation")
        assert "vls-ts-visa" in ids(checklist)
        assert checklist.fee is not None
        assert checklist.fee.total == 300, "L.436-1: the tax of the card it replaces, in 2026"
        before = checklist_for(
            card, "vls-ts-validation", planned_filing_date=dt.date(2025, 6, 1), today=EARLY_2025
        )
        assert before.fee is not None
        assert before.fee.total == 200


def test_any_document_marked_foreign_needs_a_translation() -> None:
    checklist = checklist_for(
        "visiteur",
        "renewal",
        tracking={"visitor-resources": Tracking(status="gathered", foreign_language=True)},
    )
    item = next(i for i in checklist.items if i.requirement.id == "visitor-resources")
    assert item.needs_translation
    assert not item.done
    assert [w.code for w in item.warnings] == ["translation"]


def test_a_gathered_document_that_is_too_old_is_not_ready() -> None:
    stale = _with_address_date(dt.date(2026, 9, 1), dt.date(2027, 1, 20))
    item = next(i for i in stale.items if i.requirement.id == "proof-of-address")
    assert item.tracking.status == "gathered"
    assert not item.done
    assert stale.progress.done == 0


def test_unanswered_first_multi_year_question_is_flagged_with_the_items_it_adds() -> None:
    unanswered = checklist_for("salarie", "renewal")
    warning = next(w for w in unanswered.warnings if w.code == "first-multi-year")
    assert "Proof of French at level A2" in warning.message
    answered = checklist_for("salarie", "renewal", situation=Situation(first_multi_year_card=True))
    assert not any(w.code == "first-multi-year" for w in answered.warnings)
    assert not any(
        w.code == "first-multi-year" for w in checklist_for("etudiant", "renewal").warnings
    )


def test_a_filing_date_before_the_window_opens_is_warned() -> None:
    expiry = dt.date(2027, 6, 1)
    checklist = checklist_for(
        "visiteur",
        "renewal",
        current_card=CurrentCard(valid_until=expiry),
        planned_filing_date=dt.date(2026, 12, 1),
    )
    assert any("before the window opens" in w.message for w in checklist.warnings)


def test_anef_button_for_a_first_card_without_a_visa() -> None:
    with_visa = checklist_for("vpf-parent-enfant-francais", "first-admission")
    assert with_visa.route is not None
    assert with_visa.route.anef_button == "Je demande ou renouvelle un titre de séjour"
    without = checklist_for(
        "vpf-parent-enfant-francais",
        "first-admission",
        situation=Situation(no_long_stay_visa=True),
    )
    assert without.route is not None
    assert without.route.anef_button == (
        "Je demande un premier titre sans numéro étranger, sans visa"
    )


def test_a_member_who_stops_sharing_keeps_a_copy_of_the_document() -> None:
    household = household_of(
        person("wa-10y", "renewal", member_id="one"),
        person("wa-10y", "renewal", member_id="two"),
    )
    household = share_document(household, "proof-of-address", ["one", "two"])
    household = update_tracking(
        household, "one", "proof-of-address", status="gathered", notes="EDF bill"
    )
    only_one = share_document(household, "proof-of-address", ["one"])
    assert only_one.members[1].tracking["proof-of-address"].notes == "EDF bill"
    nobody = share_document(household, "proof-of-address", [])
    for member in nobody.members:
        assert member.tracking["proof-of-address"].status == "gathered"


def test_first_multi_year_answered_no_stops_the_reminder() -> None:
    answered_no = checklist_for(
        "salarie", "renewal", situation=Situation(first_multi_year_card=False)
    )
    assert not any(w.code == "first-multi-year" for w in answered_no.warnings)
    assert "language-certificate-a2" not in ids(answered_no)


def test_shareable_documents_name_who_lists_each_one() -> None:
    household = Household.model_validate_json(
        (PROFILES / "thompson-family.json").read_text(encoding="utf-8")
    )
    documents = shareable_documents(household_checklists(household, TODAY))
    by_id = {requirement.id: members for requirement, members in documents}
    assert by_id["proof-of-address"] == {"david", "margaret"}
    assert "passport" not in by_id, "a passport is each person's own"
    assert all(requirement.shareable for requirement, _ in documents)
    orders = [(r.order, r.id) for r, _ in documents]
    assert orders == sorted(orders)
