"""Moroccan and Tunisian nationals: CESEDA cards, with the bilateral provisions that change
a list (the optional contrat d'engagement, F38329) or a timing (the Tunisian spouse's
10-year card after 1 year, the Moroccan employee's after 3 years)."""

from __future__ import annotations

import datetime as dt

import pytest

from carte_prep.core.model import Situation
from rules_support import CATALOGUE, checklist_for, cites, codes, ids

F38329 = "F38329"
TN_PAGE = "L-accord-franco-tunisien"
MA_PAGE = "L-accord-franco-marocain"


@pytest.mark.parametrize(
    ("nationality", "card", "held", "basis", "optional"),
    [
        ("TN", "salarie", None, None, True),
        ("TN", "vpf-conjoint-francais", None, None, True),
        ("TN", "vpf-parent-enfant-francais", None, None, True),
        ("TN", "resident-10y", "vpf-conjoint-francais", "spouse-of-french", True),
        ("TN", "resident-10y", "salarie", "other", False),
        ("TN", "resident-10y", "salarie", None, False),
        ("TN", "visiteur", None, None, False),
        ("MA", "salarie", None, None, True),
        ("MA", "etudiant", None, None, False),
        ("MA", "vpf-conjoint-francais", None, None, False),
        ("BR", "salarie", None, None, False),
    ],
)
def test_the_contrat_dengagement_is_optional_only_where_f38329_says(
    nationality: str, card: str, held: str | None, basis: str | None, optional: bool
) -> None:
    checklist = checklist_for(
        card,
        "renewal",
        held=held,
        nationality=nationality,
        situation=Situation(resident_basis=basis),
    )
    chosen = ids(checklist)
    assert ("contrat-engagement-optional" in chosen) is optional
    assert ("contrat-engagement" in chosen) is not optional, "exactly one of the two"
    if optional:
        item = next(i for i in checklist.items if i.requirement.id == "contrat-engagement-optional")
        assert not item.counted
        assert cites(item.requirement.sources, F38329)


def test_a_tunisian_spouse_is_told_the_10_year_card_comes_after_one_year() -> None:
    renewal = checklist_for("vpf-conjoint-francais", "renewal", nationality="TN")
    assert "notice-tunisia-spouse-ten-years-after-one" in codes(renewal)
    assert "notice-tunisia-spouse-ten-years-after-one" not in codes(
        checklist_for("vpf-conjoint-francais", "renewal", nationality="MA")
    )
    resident = checklist_for(
        "resident-10y",
        "renewal",
        held="vpf-conjoint-francais",
        nationality="TN",
        situation=Situation(resident_basis="spouse-of-french"),
    )
    assert resident.decision.path == "renewal"
    assert "notice-tunisia-spouse-resident-card" in codes(resident)
    notice = next(n for n in CATALOGUE.notices if n.id == "tunisia-spouse-resident-card")
    assert cites(notice.sources, TN_PAGE)
    assert cites(notice.sources, "F2208")
    assert resident.route is not None
    assert resident.route.route == "anef"


def test_a_tunisians_first_resident_card_keeps_the_exam_with_the_conflict_shown() -> None:
    checklist = checklist_for(
        "resident-10y",
        "renewal",
        held="vpf-conjoint-francais",
        nationality="TN",
        situation=Situation(resident_basis="spouse-of-french"),
        planned_filing_date=dt.date(2026, 12, 10),
    )
    assert {"civic-exam-cr", "language-certificate-b1"} <= ids(checklist), "safe default"
    warning = next(w for w in checklist.warnings if w.code == "notice-tunisia-resident-integration")
    assert warning.level == "warning"
    notice = next(n for n in CATALOGUE.notices if n.id == "tunisia-resident-integration")
    assert notice.confidence == "Conflict"
    assert cites(notice.sources, "F39530")


def test_a_moroccan_employee_is_told_the_10_year_card_comes_after_three_years() -> None:
    salarie = checklist_for("salarie", "renewal", nationality="MA")
    assert "notice-morocco-salarie-ten-years-after-three" in codes(salarie)
    resident = checklist_for(
        "resident-10y",
        "change-of-status",
        held="salarie",
        nationality="MA",
        situation=Situation(resident_basis="other"),
    )
    assert "notice-morocco-salarie-ten-years-after-three" in codes(resident)
    assert "notice-morocco-salarie-ten-years-after-three" not in codes(
        checklist_for("salarie", "renewal", nationality="TN")
    )
    notice = next(n for n in CATALOGUE.notices if n.id == "morocco-salarie-ten-years-after-three")
    assert cites(notice.sources, MA_PAGE)


def test_moroccans_and_tunisians_keep_the_ceseda_cards() -> None:
    for nationality in ("MA", "TN"):
        checklist = checklist_for("salarie", "renewal", nationality=nationality)
        assert checklist.covered
        assert checklist.decision.regime == "ceseda"
        assert not checklist.decision.why.startswith("As an")
        assert not checklist_for("cra-salarie", "renewal", nationality=nationality).covered
