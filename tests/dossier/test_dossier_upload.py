"""The ANEF upload set: one valid file per slot, under the limit, without EXIF, atomic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdf_support import load_profile
from PIL import Image
from pypdf import PdfReader, PdfWriter

from carte_prep.core.catalogue import load_catalogue
from carte_prep.core.model import Household, Tracking
from carte_prep.dossier import DossierError
from carte_prep.dossier.upload import make_upload_set
from support import TODAY, cli


def _noisy_photo(path: Path, size: tuple[int, int]) -> None:
    """A photo that compresses badly (like a real scan), with EXIF that must not leak."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0131] = "SecretApp 1.0"
    Image.effect_noise(size, 90).convert("RGB").save(path, quality=97, exif=exif)


def _attached(tmp_path: Path) -> Household:
    passport = tmp_path / "passport.jpg"
    _noisy_photo(passport, (1500, 2000))
    page = tmp_path / "birth-page-2.png"
    _noisy_photo(page.with_suffix(".jpg"), (1200, 1600))
    Image.open(page.with_suffix(".jpg")).save(page)
    pdf = tmp_path / "birth-page-1.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(pdf)
    household = load_profile("nguyen-student")
    linh = household.member("linh")
    tracking = dict(linh.tracking)
    tracking["passport"] = tracking["passport"].model_copy(update={"attachments": [str(passport)]})
    tracking["birth-certificate"] = Tracking(status="gathered", attachments=[str(pdf), str(page)])
    linh = linh.model_copy(update={"tracking": tracking})
    return household.model_copy(update={"members": [linh]})


def test_each_slot_is_one_valid_file_under_the_limit(tmp_path: Path) -> None:
    household = _attached(tmp_path)
    made = make_upload_set(household, "linh", tmp_path / "anef", today=TODAY)
    limit = load_catalogue().uploads.max_file_bytes
    files = {slot.requirement_id: made.folder / slot.file for slot in made.slots if slot.file}
    assert set(files) == {"passport", "birth-certificate"}
    assert files["passport"].name == "01-passport.jpg"
    assert files["birth-certificate"].name == "02-birth-certificate.pdf"
    for path in files.values():
        assert path.stat().st_size <= limit
        assert path.stat().st_mode & 0o777 == 0o600
    with Image.open(files["passport"]) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert b"PhoneMaker" not in files["passport"].read_bytes()
    merged = PdfReader(files["birth-certificate"])
    assert len(merged.pages) == 2  # the PDF's page, then the image, in list order
    assert b"SecretApp" not in files["birth-certificate"].read_bytes()
    missing = [slot for slot in made.slots if not slot.file]
    assert missing
    assert all(slot.problem == "no scan attached yet" for slot in missing)


def test_a_folder_that_holds_files_is_kept_unless_forced(tmp_path: Path) -> None:
    household = _attached(tmp_path)
    folder = tmp_path / "anef"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(DossierError, match="not empty"):
        make_upload_set(household, "linh", folder, today=TODAY)
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]
    make_upload_set(household, "linh", folder, today=TODAY, force=True)
    assert sorted(p.name for p in folder.iterdir()) == [
        "01-passport.jpg",
        "02-birth-certificate.pdf",
    ]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".anef")] == []


def test_a_member_who_files_at_the_desk_has_no_upload_set(tmp_path: Path) -> None:
    with pytest.raises(DossierError, match="prefecture desk"):
        make_upload_set(load_profile("thompson-family"), "david", tmp_path / "x", today=TODAY)
    assert not (tmp_path / "x").exists()


def test_an_unreadable_scan_is_a_line_and_no_file(tmp_path: Path) -> None:
    household = _attached(tmp_path)
    (tmp_path / "passport.jpg").write_bytes(b"\xff\xd8 not really")
    made = make_upload_set(household, "linh", tmp_path / "anef", today=TODAY)
    passport = next(s for s in made.slots if s.requirement_id == "passport")
    assert passport.file == ""
    assert "not a JPEG, PNG or PDF" in passport.problem


def test_the_command_line_says_why_in_one_line(
    data: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = cli(capsys, "upload-set", "thompson-family", "david", "-o", str(tmp_path / "x"))
    assert code != 0
    assert err.count("\n") == 1
    assert "prefecture desk" in err
    code, _, err = cli(
        capsys, "pdf", "haddad-household", "-o", str(tmp_path / "b.pdf"), "--only", "bordereau"
    )
    assert code != 0
    assert "upload-set" in err
    assert not (tmp_path / "b.pdf").exists()


def test_the_command_finds_the_kept_scans_from_any_folder(
    data: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dossier walk: scans kept in the data folder were "not found" unless the command
    ran from inside it (their references are relative to the data folder)."""
    scan = tmp_path / "passport.jpg"
    _noisy_photo(scan, (600, 800))
    code, _, err = cli(capsys, "mark", "nguyen-student", "linh", "passport", "--attach", str(scan))
    assert code == 0, err
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    out_dir = tmp_path / "set"
    asked = ("upload-set", "nguyen-student", "linh", "-o", str(out_dir), "--json")
    code, out, err = cli(capsys, *asked)
    assert code == 0, err
    passport = next(s for s in json.loads(out)["slots"] if s["file"] and "passport" in s["file"])
    assert not passport["problem"]
    with Image.open(out_dir / passport["file"]) as image:
        assert image.format == "JPEG"
