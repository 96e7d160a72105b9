"""The legal path from what is held and asked, its reason in words, and what is not covered."""

from __future__ import annotations

import pytest

from carte_prep.core.model import Application, CurrentCard, Situation
from carte_prep.core.procedure import decide_procedure, likely_appointment_kind
from rules_support import CATALOGUE, checklist_for


def decide(card: str, held: CurrentCard | None = None, **fields: object) -> str:
    return decide_procedure(Application(card_type=card, current_card=held, **fields)).path


@pytest.mark.parametrize(
    ("card", "held", "path"),
    [
        ("visiteur", None, "first-admission"),
        ("visiteur", CurrentCard(kind="vls-ts", card_type="visiteur"), "after-vls-ts"),
        ("visiteur", CurrentCard(kind="vls-ts"), "after-vls-ts"),
        ("salarie", CurrentCard(kind="vls-ts", card_type="etudiant"), "change-of-status"),
        ("salarie", CurrentCard(kind="card", card_type="etudiant"), "change-of-status"),
        ("etudiant", CurrentCard(kind="card", card_type="etudiant"), "renewal"),
        ("etudiant", CurrentCard(kind="card"), "renewal"),
        ("wa-10y", CurrentCard(kind="card", card_type="wa-5y"), "renewal"),
        ("resident-10y", CurrentCard(card_type="vpf-conjoint-francais"), "renewal"),
        ("resident-10y", CurrentCard(card_type="salarie"), "change-of-status"),
        ("vpf-conjoint-francais", CurrentCard(card_type="visiteur"), "change-of-status"),
    ],
)
def test_the_path_follows_from_what_is_held_and_asked(
    card: str, held: CurrentCard | None, path: str
) -> None:
    assert decide(card, held) == path


@pytest.mark.parametrize("request_", ["duplicate", "change-of-situation", "vls-ts-validation"])
def test_other_requests_are_their_own_path(request_: str) -> None:
    assert decide("etudiant", CurrentCard(card_type="etudiant"), request=request_) == request_


def test_the_why_speaks_of_what_the_person_said() -> None:
    decision = decide_procedure(
        Application(card_type="visiteur", current_card=CurrentCard(kind="vls-ts"))
    )
    assert decision.label == "first card after a long-stay visa (VLS-TS)"
    assert "You hold a VLS-TS for the visitor card" in decision.why
    assert "R.431-5" in decision.why
    assert decision.assumptions, "the visa's type was not said: the assumption is shown"
    change = decide_procedure(
        Application(card_type="salarie", current_card=CurrentCard(card_type="etudiant"))
    )
    assert "You hold the student card and ask for a different card" in change.why
    assert "change of status" in change.why
    assert change.assumptions == ()


def test_a_first_admission_without_a_visa_says_so() -> None:
    decision = decide_procedure(
        Application(
            card_type="vpf-parent-enfant-francais", situation=Situation(no_long_stay_visa=True)
        )
    )
    assert decision.covered
    assert "droit de visa de régularisation" in decision.why


def test_a_card_no_longer_in_the_catalogue_is_not_covered_and_points_to_service_public() -> None:
    decision = decide_procedure(Application(card_type="gold-card"))
    assert not decision.covered
    assert "not in carte-prep's catalogue" in (decision.reason or "")
    assert decision.read_instead is not None
    assert decision.read_instead.url.startswith("https://www.service-public.gouv.fr/")


def test_a_not_covered_checklist_has_no_items_and_says_what_to_read() -> None:
    checklist = checklist_for("rld-ue", "first-admission")
    assert not checklist.covered
    assert checklist.items == []
    assert checklist.route is None
    assert checklist.fee is None
    assert checklist.decision.read_instead is not None
    assert checklist.decision.read_instead.url.endswith("/F17359")
    assert "5 years of legal residence" in (checklist.decision.reason or "")


def test_every_card_names_its_official_page() -> None:
    for card in CATALOGUE.cards.values():
        assert card.official_page.url.startswith(
            ("https://www.service-public.gouv.fr/", "https://immigration.interieur.gouv.fr/")
        ), card.id


def test_a_new_appointment_is_a_first_application_only_for_a_first_admission() -> None:
    first = Application(card_type="visiteur")
    renewal = Application(card_type="visiteur", current_card=CurrentCard(card_type="visiteur"))
    assert likely_appointment_kind(first) == "first-application"
    assert likely_appointment_kind(renewal) == "renewal"
    assert likely_appointment_kind(None) == "first-application"
