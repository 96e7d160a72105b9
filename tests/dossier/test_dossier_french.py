"""The dossier in French: its own headings, verdicts and amounts in French, and ``lang``
attributes saying which parts are French, so the tagged PDF records the language.

The bordereau des pièces is for the clerk: French whatever the applicant reads.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po
from pdf_support import load_profile, pdf_text, squeeze
from pypdf import PdfReader

from carte_prep.dossier import render_html, render_pdf
from carte_prep.dossier.context import build_dossier
from carte_prep.i18n import set_language
from support import TODAY

DOSSIER_PO = Path(__file__).resolve().parents[2] / "src/carte_prep/locale/fr/po/dossier.po"


def _own_english_sentences() -> list[str]:
    """The dossier's English sentences of three words or more, without placeholders or tags."""
    with DOSSIER_PO.open("rb") as source:
        catalog = read_po(source, locale="fr")
    return [
        m.id
        for m in catalog
        if isinstance(m.id, str)
        and len(m.id.split()) >= 3
        and not re.search(r"[{}%<]", m.id)
        and m.string != m.id
    ]


def test_a_french_dossier_says_its_own_sentences_in_french(french: None) -> None:
    html = render_html(load_profile("thompson-family"), today=TODAY)
    assert '<html class="dossier" lang="fr">' in html
    for heading in ("Pièces manquantes", "Le jour du dépôt", "Pièces communes au foyer"):
        assert heading in html
    verdict = "Pas prêt\u00a0: 1 manquante, 1 trop ancienne\u00a0; à déposer du 21/11/2026"
    assert f"{verdict} au 20/01/2027" in html
    text = re.sub(r"<[^>]+>", " ", html)
    left = [s for s in _own_english_sentences() if re.search(re.escape(s) + r"(?![\w ])", text)]
    assert left == []
    assert "Still missing" not in html
    assert "Packing list" not in html


def test_a_french_dossier_names_people_nom_first(french: None) -> None:
    html = render_html(load_profile("thompson-family"), today=TODAY)
    assert 'data-bookmark="THOMPSON David James"><bdi>THOMPSON David James</bdi></h1>' in html
    assert "Pour\u00a0: <bdi>THOMPSON David James</bdi>, <bdi>THOMPSON Margaret Anne</bdi>" in html
    assert "<bdi>David James Thompson</bdi>" not in html


def test_the_french_packing_list_says_what_to_bring_in_french(french: None) -> None:
    d = build_dossier(
        load_profile("thompson-family"),
        member_id="david",
        today=TODAY,
        show_ids=False,
        with_attachments=False,
    )
    (packing,) = d.packing
    assert [piece.bring for piece in packing.pieces][:2] == ["1 original + 1 copie"] * 2


def test_a_french_dossier_writes_amounts_the_french_way(french: None) -> None:
    html = render_html(load_profile("nguyen-student"), today=TODAY)
    assert "100\u00a0€" in html
    assert "€100" not in html


def test_french_headings_are_not_doubled_in_french(french: None) -> None:
    html = render_html(load_profile("thompson-family"), today=TODAY)
    assert "Identité · Identité" not in html
    assert "Le jour du dépôt · Le jour du dépôt" not in html
    assert html.count(">Pièces manquantes</h1>") == 1  # one index, French alone


def test_an_english_dossier_tags_its_french_parts() -> None:
    html = render_html(load_profile("thompson-family"), today=TODAY)
    assert '<html class="dossier" lang="en">' in html
    assert 'Household documents · <span lang="fr">Pièces communes au foyer</span>' in html
    assert 'Still missing · <span lang="fr">Pièces manquantes</span>' in html
    assert '<p class="card-fr" lang="fr">' in html
    assert '<span class="piece-fr" lang="fr">Justificatif de domicile' in html
    assert re.search(r'<section class="bordereau[^"]*" id="bordereau-david" lang="fr">', html)


def test_the_bordereau_is_the_same_french_page_in_both_languages() -> None:
    household = load_profile("thompson-family")
    english = render_html(household, today=TODAY, only="bordereau")
    set_language("fr")
    french = render_html(household, today=TODAY, only="bordereau")
    assert french == english
    assert '<html class="dossier" lang="fr">' in french
    assert "Signature du demandeur" in french


def test_the_french_pdf_is_french_in_its_text_and_its_language(
    french: None, tmp_path: Path
) -> None:
    path = render_pdf(load_profile("nguyen-student"), tmp_path / "fr.pdf", today=TODAY)
    text = squeeze(pdf_text(path))
    for words in ("Le jour du dépôt", "Sur l’ANEF", "Pièces à téléverser", "Sommaire"):
        assert squeeze(words) in text, words
    assert squeeze("100\u00a0€") in text
    assert "€100" not in text
    assert "Stillmissing" not in text
    assert str(PdfReader(path).root_object["/Lang"]) == "fr"
