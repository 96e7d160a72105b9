"""Scans for the annex: shrunk, stripped of metadata, and any bad file is a line, not a crash."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from pypdf import PdfWriter

from carte_prep.dossier.attachments import LONG_SIDE_PX, prepare_scan


def test_a_large_photo_is_turned_upright_shrunk_and_stripped_of_exif(tmp_path: Path) -> None:
    photo = tmp_path / "passport.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the phone was held sideways
    exif[0x010F] = "PhoneMaker"  # a camera make: metadata that must not travel
    Image.new("RGB", (4000, 3000), "white").save(photo, "JPEG", exif=exif)

    scan = prepare_scan(str(photo))

    assert scan.kind == "image"
    assert scan.data is not None
    assert scan.data_url.startswith("data:image/jpeg;base64,/9j/")
    with Image.open(io.BytesIO(scan.data)) as shrunk:
        assert shrunk.format == "JPEG"
        assert shrunk.size == (LONG_SIDE_PX * 3 // 4, LONG_SIDE_PX)  # rotated to portrait
        assert not shrunk.getexif()


def test_a_transparent_png_is_laid_on_white(tmp_path: Path) -> None:
    path = tmp_path / "stamp.png"
    Image.new("RGBA", (20, 10), (0, 0, 0, 0)).save(path)
    scan = prepare_scan(str(path))
    assert scan.data is not None
    with Image.open(io.BytesIO(scan.data)) as image:
        assert image.mode == "RGB"
        red, green, blue = image.convert("RGB").getpixel((5, 5))  # type: ignore[misc]
        assert min(red, green, blue) > 240


def test_files_that_cannot_be_shown_are_reported(tmp_path: Path) -> None:
    (tmp_path / "lease.pdf").write_bytes(b"%PDF-1.4\n%...\n")  # a header and nothing else
    (tmp_path / "notes.txt").write_text("not an image", encoding="utf-8")
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated")
    (tmp_path / "folder.png").mkdir()

    results = {
        name: prepare_scan(str(tmp_path / name))
        for name in ("lease.pdf", "notes.txt", "broken.jpg", "folder.png", "gone.jpg")
    }

    assert "damaged PDF" in results["lease.pdf"].message
    assert "not a JPEG, PNG or PDF" in results["notes.txt"].message
    assert "damaged" in results["broken.jpg"].message
    assert results["folder.png"].message == "not a file"
    assert "not found" in results["gone.jpg"].message
    assert all(r.data is None for r in results.values())
    assert all(r.kind != "image" for r in results.values())


def test_an_attached_pdf_is_kept_to_merge_with_its_page_count(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    path = tmp_path / "lease.pdf"
    writer.write(path)
    scan = prepare_scan(str(path))
    assert (scan.kind, scan.pages, scan.pdf_path) == ("separate", 2, path.resolve())
    assert scan.message == "its 2 pages follow this one"


def test_an_identity_scan_carries_the_watermark_in_its_pixels(tmp_path: Path) -> None:
    path = tmp_path / "passport.png"
    Image.new("RGB", (1000, 700), "white").save(path)
    plain = prepare_scan(str(path))
    marked = prepare_scan(str(path), watermark="copie - usage exclusif")
    assert plain.data is not None
    assert marked.data is not None
    with Image.open(io.BytesIO(plain.data)) as image:
        darkest, _ = image.convert("L").getextrema()
        assert isinstance(darkest, int)
        assert darkest > 240  # white all over
    with Image.open(io.BytesIO(marked.data)) as image:
        darkest, _ = image.convert("L").getextrema()
        assert isinstance(darkest, int)
        assert darkest < 200  # grey letters across it
