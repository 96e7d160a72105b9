"""What the dossier says, checked on the view-model and the HTML (fast: no PDF is made)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from pdf_support import load_profile

from carte_prep.core.errors import NotFoundError
from carte_prep.core.model import Member, Passport, SharedEvidence, Tracking
from carte_prep.core.redact import Redactor, mask
from carte_prep.dossier import _environment, render_html
from carte_prep.dossier.context import build_dossier
from carte_prep.resources import templates_dir
from support import TODAY, household_of, person

SRC = Path(__file__).resolve().parents[2] / "src"


def test_mask_keeps_the_length_and_the_last_three_characters() -> None:
    assert mask("2404118734") == "•••••••734"
    assert mask("AB") == "••"


def test_identifiers_typed_into_notes_or_file_names_are_masked_too() -> None:
    redactor = Redactor(["533412907", "2404118734"], show=False)
    assert redactor.text("scan_533412907.jpg") == "scan_••••••907.jpg"
    assert redactor.text("numéro 2404118734, passport 533412907") == (
        "numéro •••••••734, passport ••••••907"
    )
    assert Redactor(["533412907"], show=True).text("scan_533412907.jpg") == "scan_533412907.jpg"


def test_an_unknown_member_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="no member 'zoe'"):
        render_html(load_profile("thompson-family"), member_id="zoe", today=TODAY)


def test_a_member_without_an_application_is_on_the_cover_without_a_checklist() -> None:
    baby = Member(id="leo", given_names="Léo", birth_date=dt.date(2024, 3, 1), nationality=None)
    household = household_of(person("visiteur", "first-admission"), baby)
    dossier = build_dossier(
        household, member_id=None, today=TODAY, show_ids=False, with_attachments=False
    )
    assert [(e.name, e.part is None) for e in dossier.cover] == [
        ("Ana Silva", False),
        ("Léo", True),
    ]
    assert [p.name for p in dossier.parts] == ["Ana Silva"]
    assert "No card needed" in render_html(household, member_id="leo", today=TODAY)


def test_one_member_only() -> None:
    html = render_html(load_profile("thompson-family"), member_id="margaret", today=TODAY)
    assert "Margaret Anne Thompson" in html
    assert "Emily Rose Thompson" not in html
    assert "RDV-24-118734" not in html  # David's appointment


def test_a_shared_document_is_described_once_and_referenced_from_each_list() -> None:
    html = render_html(load_profile("thompson-family"), today=TODAY)
    household_part = html.split('id="household-documents"')[1].split('id="on-the-day"')[0]
    assert household_part.count("Justificatif de domicile de moins de 3 mois") == 1
    assert "<bdi>David James Thompson</bdi>, <bdi>Margaret Anne Thompson</bdi>" in household_part
    assert html.count('href="#shared-proof-of-address"') == 2  # David's and Margaret's rows


def test_a_shared_document_is_judged_on_the_latest_filing_day() -> None:
    fresh_for_one = Tracking(status="gathered", document_date=dt.date(2026, 9, 20))
    household = household_of(
        person(
            "visiteur", "first-admission", member_id="ana", planned_filing_date=dt.date(2026, 12, 1)
        ),
        person(
            "visiteur", "first-admission", member_id="bea", planned_filing_date=dt.date(2027, 1, 10)
        ),
        shared=[
            SharedEvidence(
                requirement="proof-of-address", members=["ana", "bea"], tracking=fresh_for_one
            )
        ],
    )
    (doc,) = build_dossier(
        household, member_id=None, today=TODAY, show_ids=False, with_attachments=False
    ).shared
    assert doc.fresh is False
    assert doc.freshness == "fresh only until 19/12/2026: too old on 10/01/2027"


def test_masked_identifiers_in_the_html() -> None:
    household = household_of(
        person("visiteur", "first-admission").model_copy(
            update={"passport": Passport(number="RL2281907")}
        )
    )
    assert "RL2281907" not in render_html(household, today=TODAY)
    assert "••••••907" in render_html(household, today=TODAY)
    assert "RL2281907" in render_html(household, today=TODAY, show_ids=True)


def test_templates_escape_everything_and_refuse_missing_fields() -> None:
    environment = _environment()
    assert environment.autoescape is True
    with pytest.raises(UndefinedError):
        environment.from_string("{{ nobody }}").render()
    for path in templates_dir().rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", ""), path.name
        assert "autoescape false" not in text, path.name


def test_importing_the_dossier_does_not_import_weasyprint() -> None:
    probe = "import sys, carte_prep.dossier; print('weasyprint' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    assert result.stdout.strip() == "False"


def test_the_cover_shows_each_members_next_date() -> None:
    dossier = build_dossier(
        load_profile("thompson-family"),
        member_id=None,
        today=TODAY,
        show_ids=False,
        with_attachments=False,
    )
    by_name = {entry.name: entry for entry in dossier.cover}
    assert by_name["David James Thompson"].next_date == "15/12/2026 10:30: Prefecture appointment"
    assert by_name["Emily Rose Thompson"].next_date.startswith("15/06/2027: ")


def test_the_dossier_says_the_path_and_why_and_explains_the_confidence_marks() -> None:
    dossier = build_dossier(
        load_profile("haddad-household"),
        member_id="samir",
        today=TODAY,
        show_ids=False,
        with_attachments=False,
    )
    (part,) = dossier.parts
    assert part.procedure == "first card after a long-stay visa (VLS-TS)"
    assert "You hold a VLS-TS for the visitor card" in part.procedure_why
    assert part.window.startswith("File from 03/10/2026 to 02/12/2026; the current visa expires")
    assert any(line.startswith("C3: three or more") for line in dossier.confidence_scale)
    html = render_html(load_profile("haddad-household"), member_id="samir", today=TODAY)
    assert "Sources and confidence" in html
    assert "You hold a VLS-TS for the visitor card" in html
    assert "Lebanon" in html, "the nationality is printed by name"


def test_a_request_that_is_not_covered_is_on_the_cover_with_what_to_read() -> None:
    household = household_of(person("rld-ue", "first-admission"))
    dossier = build_dossier(
        household, member_id=None, today=TODAY, show_ids=False, with_attachments=False
    )
    assert dossier.parts == ()
    (entry,) = dossier.cover
    assert entry.part is None
    assert "not covered here" in entry.not_covered
    assert "F17359" in entry.not_covered
    assert "not covered here" in render_html(household, today=TODAY)


def test_a_member_who_needs_no_card_gets_no_empty_contents() -> None:
    """Review 25: the dossier of a member who needs no card had an empty 'Contents'."""
    html = render_html(load_profile("benali-household"), member_id="claire", today=TODAY)
    assert "No card needed" in html
    assert "Sommaire" not in html
    assert "Sommaire" in render_html(
        load_profile("benali-household"), member_id="yacine", today=TODAY
    )
