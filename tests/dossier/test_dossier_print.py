"""Print quality of a large household, read back from the PDF: glyphs, bidi, pages, tags.

One render for the module: eight members with long notes and names in Chinese, Arabic
mixed with Latin, Devanagari, Ethiopic and Vietnamese (``stress_support``).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pdf_support import (
    blank_fractions,
    drawn_characters,
    notdef_glyphs,
    pdf_text,
    squeeze,
    text_runs,
)
from pypdf import PdfReader
from stress_support import LONG_NOTE, eight_members

from carte_prep.dossier import glyph_warnings, render_pdf
from support import TODAY

pytestmark = pytest.mark.pdf

MOST_BLANK = 0.6


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> Path:
    household = eight_members()
    assert glyph_warnings(household) == []  # this machine has a font for every script
    return render_pdf(household, tmp_path_factory.mktemp("stress") / "eight.pdf", today=TODAY)


def test_every_script_of_the_names_prints_with_a_real_glyph(stress: Path) -> None:
    assert notdef_glyphs(stress) == 0
    reader = PdfReader(stress)
    fonts = set()
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    drawn = drawn_characters(stress)
    for script, name in (("CJK", "王小明"), ("Devanagari", "अर्जुनशर्मा"), ("Ethiopic", "አበበበቀለ")):
        by_script = set().union(*(chars for font, chars in drawn.items() if script in font))
        assert _letters(name) <= by_script, (script, sorted(fonts))


def _letters(name: str) -> set[str]:
    """The letters of a name that get a glyph of their own.

    A consonant joined to another by a virama (U+094D) is drawn as part of a conjunct,
    whose one glyph stands for the whole cluster.
    """
    virama = "\u094d"
    return {
        c
        for i, c in enumerate(name)
        if unicodedata.category(c).startswith("L")
        and virama not in name[max(i - 1, 0) : i] + name[i + 1 : i + 2]
    }


def test_a_list_of_arabic_and_latin_names_keeps_each_person_together(stress: Path) -> None:
    reader = PdfReader(stress)
    page = next(
        i for i, p in enumerate(reader.pages) if "Pièces communes au foyer" in p.extract_text()
    )
    runs = text_runs(stress, page)
    line_y = next(
        y for text, _, y in runs if ("Nadia" in text and "Al-Rashid" in text) or "Nadia" in text
    )
    line = sorted((x, text) for text, x, y in runs if abs(y - line_y) < 1)
    visual = "".join(text for _, text in line)
    first, comma, second = visual.partition(",")
    assert comma, visual
    assert "Samir" in first, visual
    assert "Nadia" in second, visual
    samir_arabic = ("سمير", "ريمس")  # as written, or in the order the glyphs are drawn
    nadia_arabic = ("نادية", "ةيدان")
    assert any(word in first for word in samir_arabic), visual
    assert any(word in second for word in nadia_arabic), visual


def test_the_eight_member_dossier_takes_under_25_pages(stress: Path) -> None:
    """Cover, four bordereaux, the household grid, the index and eight checklists."""
    assert len(PdfReader(stress).pages) < 25


def test_no_page_of_the_eight_member_dossier_is_mostly_blank(stress: Path) -> None:
    blank = blank_fractions(stress)
    worst = max(range(len(blank)), key=blank.__getitem__)
    assert blank[worst] <= MOST_BLANK, f"page {worst + 1} is {blank[worst]:.0%} blank"


def test_the_eight_member_packing_list_is_one_grid_and_each_how_to_prints_once(
    stress: Path,
) -> None:
    text = squeeze(pdf_text(stress))
    assert text.count(squeeze("Packing list · the household")) == 1
    assert squeeze("Packing list · Margaret") not in text
    # the same how-to for the passport, missing for several people, printed once
    assert text.count(squeeze("How to get it:")) > 8
    assert text.count(squeeze("Ask the civil registry of your place of birth")) == 1


BODY_BOTTOM, BODY_TOP = 60, 780
"""Points from the foot of an A4 page: the footer is below, the running header above."""
HEADINGS = (
    "Still missing · Pièces manquantes",
    "Pièces à fournir",
    "Pièces à téléverser",
    "Household documents · Pièces communes au foyer",
    "Each of these documents serves several people",
)


def test_no_page_of_the_eight_member_dossier_ends_with_a_heading(stress: Path) -> None:
    """The lowest line of each page body (between running header and footer) is no heading."""
    for index in range(len(PdfReader(stress).pages)):
        body = [run for run in text_runs(stress, index) if BODY_BOTTOM < run[2] < BODY_TOP]
        lowest = min(y for _, _, y in body)
        line = " ".join(
            " ".join(
                t for t, _, y in sorted(body, key=lambda r: r[1]) if abs(y - lowest) < 1
            ).split()
        )
        assert not line.startswith(HEADINGS), f"page {index + 1} ends with {line!r}"


def test_long_notes_print_shortened_with_a_marker_and_the_cover_says_how_to_get_them(
    stress: Path,
) -> None:
    text = squeeze(pdf_text(stress))
    shortened = squeeze(LONG_NOTE[:200])
    assert shortened in text
    assert squeeze(LONG_NOTE.strip()) not in text  # never whole by default
    marker = squeeze("…[Note shortened: --notes full prints it whole]")
    assert text.count(marker) == text.count(squeeze(LONG_NOTE[:120])) > 8
    assert squeeze("print with carte-prep pdf --notes full") in text


def test_the_pdf_is_tagged_with_languages_and_clean_outline_labels(stress: Path) -> None:
    reader = PdfReader(stress)
    root: Any = reader.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"
    titles = [str(item.title) for item in reader.outline if not isinstance(item, list)]
    assert "Margaret Anne Thompson" in titles  # the name alone, nothing glued to it
    assert not any("pieces ready" in title for title in titles)
    assert "/StructTreeRoot" in root  # tagged
    assert root["/Lang"] == "en"


def test_every_place_a_name_prints_uses_the_same_script_aware_font_stack() -> None:
    """The page headers, the body and every name span list the same fonts, so a Chinese,
    Devanagari or Ethiopic name never falls back on a face without its glyphs."""
    import re

    from carte_prep.resources import templates_dir

    css = (templates_dir() / "dossier.css").read_text(encoding="utf-8")
    css = re.sub(r"@font-face\s*{[^}]*}", "", css)
    stacks = {" ".join(v.split()) for v in re.findall(r"font-family:\s*([^;]+);", css)}
    assert len(stacks) == 1, stacks
    (stack,) = stacks
    for family in ("Noto Sans CJK SC", "Noto Sans Devanagari", "Noto Sans Ethiopic"):
        assert family in stack
    assert re.search(r"(^|,)\s*bdi\s*[,{]", css, re.M)
