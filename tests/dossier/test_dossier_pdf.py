"""The printed dossier, read back from the PDF as a person (or pypdf) would see it.

Each example household is rendered once for the whole module; the other renders use small
households built for one property each.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import logging
import os
import socket
import stat
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pdf_support import between, blank_fractions, load_profile, pdf_text, placed_images, squeeze
from PIL import Image
from pypdf import PdfReader, PdfWriter

from carte_prep.core.engine import Checklist, build_checklist
from carte_prep.core.errors import CartePrepError
from carte_prep.core.model import Appointment, CurrentCard, Household, Member, Tracking
from carte_prep.dossier import DossierError, render_html, render_pdf
from carte_prep.i18n import format_money
from rules_support import fee_of
from support import PROFILES, TODAY, household_of, person

pytestmark = pytest.mark.pdf

EXAMPLES = sorted(path.stem for path in PROFILES.glob("*.json"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("examples")
    return {
        name: render_pdf(load_profile(name), folder / f"{name}.pdf", today=TODAY)
        for name in EXAMPLES
    }


def checklists(household: Household) -> list[Checklist]:
    lists = (build_checklist(household, m.id, TODAY) for m in household.members)
    return [c for c in lists if c is not None]


# ---------------------------------------------------------------- the examples


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_prints_names_pieces_fee_and_page_numbers(
    rendered: dict[str, Path], name: str
) -> None:
    household = load_profile(name)
    reader = PdfReader(rendered[name])
    text = squeeze(pdf_text(rendered[name]))
    pages = len(reader.pages)

    assert squeeze(f"page 1 / {pages}") in text
    assert squeeze(f"page {pages} / {pages}") in text
    for member in household.members:
        assert squeeze(member.display_name) in text
    for checklist in checklists(household):
        for item in checklist.items:
            printed = item.requirement.name_fr.replace("'", "\u2019")  # French apostrophe
            assert squeeze(printed) in text, item.requirement.id
        quote = fee_of(checklist)
        fee = "Nothing to pay" if quote.total_max == 0 else format_money(quote.total)
        assert squeeze(fee) in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_page_of_an_example_is_mostly_blank(rendered: dict[str, Path], name: str) -> None:
    blank = blank_fractions(rendered[name])
    worst = max(range(len(blank)), key=blank.__getitem__)
    assert blank[worst] <= 0.6, f"page {worst + 1} is {blank[worst]:.0%} blank"


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_is_private_and_its_metadata_names_nobody(
    rendered: dict[str, Path], name: str
) -> None:
    path = rendered[name]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    metadata = PdfReader(path).metadata
    assert metadata is not None
    assert metadata.title == "Dossier titre de séjour"
    assert metadata.author is None
    household = load_profile(name)
    everything = " ".join(str(value) for value in metadata.values())
    for member in household.members:
        assert member.surname is None or member.surname not in everything
        assert member.given_names not in everything


NGUYEN_IDENTIFIERS = [
    ("C4417329", "•••••329"),  # passport number
    ("6903256611", "•••••••611"),  # numéro étranger
    ("ZK4M9T2RQX7PB8WN3FHD", "•" * 17 + "FHD"),  # e-photo code
]


def test_identifiers_are_masked_by_default(rendered: dict[str, Path]) -> None:
    text = squeeze(pdf_text(rendered["nguyen-student"]))
    for full, masked in NGUYEN_IDENTIFIERS:
        assert full not in text
        assert masked in text


def test_identifiers_are_printed_in_full_when_asked(tmp_path: Path) -> None:
    path = render_pdf(
        load_profile("nguyen-student"), tmp_path / "full.pdf", today=TODAY, show_ids=True
    )
    text = squeeze(pdf_text(path))
    for full, masked in NGUYEN_IDENTIFIERS:
        assert full in text
        assert masked not in text


# ---------------------------------------------------------------- still missing


def test_still_missing_lists_exactly_the_missing_pieces(tmp_path: Path) -> None:
    member = person(
        "wa-10y",
        "renewal",
        nationality="GB",  # a non-British family member also proves the link to the Briton
        departement="24",
        current_card=CurrentCard(valid_until=dt.date(2027, 1, 20)),
        appointment=Appointment(date=dt.date(2026, 12, 15)),
        tracking={"passport": Tracking(status="gathered")},
    )
    household = household_of(member)
    (checklist,) = checklists(household)
    missing = [i.requirement.name_fr for i in checklist.items if not i.done]
    assert len(missing) == 3  # the premise of this test

    path = render_pdf(household, tmp_path / "d.pdf", today=TODAY)
    section = squeeze(between(pdf_text(path), "Still missing · Pièces manquantes", "Ana Silva"))

    for item in checklist.items:
        printed = squeeze(item.requirement.name_en.replace("'", "\u2019"))
        assert (printed in section) == (not item.done)
    assert section.count("page") == 3  # each line says where its how-to is


# ---------------------------------------------------------------- text safety


SCRIPTS = {
    "cyrillic": "Иван Петров",
    "greek": "Γιώργος Παπαδόπουλος",
    "arabic": "محمد علي",
    "french": "Françoise Élodie Lefèvre",
}


@pytest.fixture(scope="module")
def scripts_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    members = [
        Member(
            id=key,
            given_names=name,
            birth_date=dt.date(1980, 1, 1),
            nationality=None,
            nationality_as_written="—",
            application=person("visiteur", "first-admission").application,
        )
        for key, name in SCRIPTS.items()
    ]
    household = Household(id="scripts", name="Scripts", members=members)
    path = render_pdf(household, tmp_path_factory.mktemp("scripts") / "s.pdf", today=TODAY)
    return unicodedata.normalize("NFC", pdf_text(path))


@pytest.mark.parametrize("script", ["cyrillic", "greek", "french"])
def test_names_in_other_scripts_come_back_as_the_same_text(scripts_text: str, script: str) -> None:
    assert squeeze(SCRIPTS[script]) in squeeze(scripts_text)


def test_an_arabic_name_comes_back_with_its_letters(scripts_text: str) -> None:
    """What is checked: the PDF carries the right letters for each word of the name.

    Arabic is shaped into joined glyphs and laid out right to left; pypdf may give the
    words back in logical or in visual (reversed) order, and as presentation forms, so
    the text is NFKC-normalised and each word is accepted in either order. This does
    not prove the glyphs look right: the page images were checked by eye for that.
    """
    text = squeeze(unicodedata.normalize("NFKC", scripts_text))
    for word in SCRIPTS["arabic"].split():
        assert word in text or word[::-1] in text, word


def test_markup_and_template_syntax_in_a_name_are_printed_literally(tmp_path: Path) -> None:
    hostile = Member(
        id="mallory",
        given_names='<img src="file:///etc/passwd">',
        surname="{{ 7*7 }}",
        birth_date=dt.date(1980, 1, 1),
        nationality_as_written="<b>bold</b>",
        application=person("visiteur", "first-admission").application,
        tracking={"passport": Tracking(status="gathered", notes="{% raw %}</p><script>")},
    )
    household = household_of(hostile)

    html = render_html(household, today=TODAY)
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html

    path = render_pdf(household, tmp_path / "d.pdf", today=TODAY)  # the fetcher would refuse
    text = squeeze(pdf_text(path))
    assert squeeze('<img src="file:///etc/passwd"> {{ 7*7 }}') in text
    assert squeeze("<b>bold</b>") in text
    assert squeeze("{% raw %}</p><script>") in text
    assert "root:x:0" not in text


def test_rendering_is_self_contained(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """No connection is even tried, and WeasyPrint has nothing to warn about.

    A warning would mean a font, image or CSS rule silently missing from the dossier.
    The one about HarfBuzz-Subset concerns the system's libraries, not the dossier.
    """
    attempts: list[Any] = []

    class NoSocket(socket.socket):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            attempts.append(args)
            raise OSError("the network is off in this test")

    def no_connection(*args: Any, **kwargs: Any) -> socket.socket:
        attempts.append(args)
        raise OSError("the network is off in this test")

    monkeypatch.setattr(socket, "socket", NoSocket)
    monkeypatch.setattr(socket, "create_connection", no_connection)

    path = render_pdf(load_profile("nguyen-student"), tmp_path / "d.pdf", today=TODAY)

    assert path.stat().st_size > 0
    assert attempts == []
    warnings = [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("weasyprint") and r.levelno >= logging.WARNING
    ]
    assert [w for w in warnings if "HarfBuzz-Subset" not in w] == []


# ---------------------------------------------------------------- writing the file


def test_a_failed_render_leaves_neither_the_output_nor_a_temp_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import weasyprint.document

    def half_written(self: Any, *args: Any, **options: Any) -> None:
        raise RuntimeError("the disk was unplugged")

    monkeypatch.setattr(weasyprint.document.Document, "write_pdf", half_written)
    household = household_of(person("visiteur", "first-admission"))

    with pytest.raises(DossierError, match=r"could not be laid out \(RuntimeError\)"):
        render_pdf(household, tmp_path / "new.pdf", today=TODAY)
    assert list(tmp_path.iterdir()) == []

    existing = tmp_path / "old.pdf"
    existing.write_bytes(b"the previous dossier")
    with pytest.raises(DossierError):
        render_pdf(household, existing, today=TODAY)
    assert list(tmp_path.iterdir()) == [existing]
    assert existing.read_bytes() == b"the previous dossier"


def test_a_failed_write_keeps_the_previous_dossier(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    existing = tmp_path / "old.pdf"
    existing.write_bytes(b"the previous dossier")

    def no_space(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(CartePrepError, match="No space left"):
        render_pdf(household_of(person("visiteur", "first-admission")), existing, today=TODAY)
    assert list(tmp_path.iterdir()) == [existing]
    assert existing.read_bytes() == b"the previous dossier"


def test_an_output_folder_that_does_not_exist_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(DossierError, match="does not exist"):
        render_pdf(
            household_of(person("visiteur", "first-admission")),
            tmp_path / "no" / "d.pdf",
            today=TODAY,
        )


# ---------------------------------------------------------------- annex


def test_attached_scans_follow_as_an_annex(tmp_path: Path) -> None:
    scan = tmp_path / "passport-scan.png"
    Image.new("RGB", (2400, 1600), (200, 220, 255)).save(scan)
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(tmp_path / "lease.pdf")
    attachments = [str(scan), str(tmp_path / "moved-away.jpg"), str(tmp_path / "lease.pdf")]
    household = household_of(
        person(
            "visiteur",
            "first-admission",
            tracking={"passport": Tracking(status="gathered", attachments=attachments)},
        )
    )

    path = render_pdf(household, tmp_path / "d.pdf", today=TODAY, with_attachments=True)

    reader = PdfReader(path)
    images = placed_images(path)
    assert len(images) == 1
    page, image = images[0]
    assert "Annex: attached scans" in reader.pages[page].extract_text()
    separator = squeeze(reader.pages[-2].extract_text())
    assert squeeze("lease.pdf: its page follows this one") in separator
    merged = reader.pages[-1]  # the attached PDF's page, right behind its separator
    assert float(merged.mediabox.width) == 595
    assert "usage exclusif" in merged.extract_text()  # an identity document: watermarked
    assert squeeze("This copy includes scans of identity documents") in squeeze(
        reader.pages[0].extract_text()
    )
    with Image.open(io.BytesIO(image.get_data())) as embedded:  # the bytes in the PDF
        assert embedded.format == "JPEG"  # re-encoded, not the original PNG
        assert embedded.size == (1400, 933)  # scaled from 2400 × 1600
    annex = squeeze(between(pdf_text(path), "Annex: attached scans", "\x00"))
    assert squeeze("Ana Silva, piece 1: Passeport en cours de validité") in annex
    assert "passport-scan.png" in annex
    assert squeeze("Not included: moved-away.jpg: not found") in annex


def test_without_the_annex_no_scan_is_read(tmp_path: Path) -> None:
    scan = tmp_path / "scan.png"
    Image.new("RGB", (10, 10)).save(scan)
    household = household_of(
        person(
            "visiteur", "first-admission", tracking={"passport": Tracking(attachments=[str(scan)])}
        )
    )
    html = render_html(household, today=TODAY)
    assert "<img" not in html
    assert "Annex" not in html


def test_a_huge_household_is_stopped_cleanly_at_the_time_limit(tmp_path: Path) -> None:
    members = [
        person(
            "visiteur",
            "first-admission",
            member_id=f"m{n}",
            tracking={"passport": Tracking(notes="Long note. " * 900)},
        )
        for n in range(50)
    ]
    target = tmp_path / "huge.pdf"
    with pytest.raises(DossierError, match="was stopped"):
        render_pdf(household_of(*members), target, today=TODAY, timeout=1)
    assert list(tmp_path.iterdir()) == []


def test_a_dossier_laid_out_in_a_child_process_is_the_same_document(
    rendered: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "child.pdf"
    render_pdf(load_profile("nguyen-student"), target, today=TODAY, timeout=120)
    assert pdf_text(target) == pdf_text(rendered["nguyen-student"])
