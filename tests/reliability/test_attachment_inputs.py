"""Attachments that are missing, unreadable, huge or not images/PDFs: reported, never a crash.

``tests/dossier/test_dossier_attachments.py`` covers a text file, a truncated JPEG, a folder
and a missing file. These are the nastier ones: a FIFO (opening it would block forever), a
device, a sparse 30 MB file, a decompression bomb, an SVG or a GIF named .png, a symlink
loop, an empty file. Each is checked alone, then all together through the dossier with the
annex (HTML only: the PDF layout adds nothing here and takes seconds).
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from carte_prep.core.model import Tracking
from carte_prep.dossier import render_html
from carte_prep.dossier.attachments import prepare_scan
from support import household_of, person


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims to be width × height: the decoder must refuse before allocating."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + struct.pack(">I", 0)
        + b"IEND"
        + struct.pack(">I", zlib.crc32(b"IEND"))
    )


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    files = {
        "fifo": tmp_path / "scan-fifo.jpg",
        "device": Path("/dev/zero"),
        "huge": tmp_path / "huge-scan.jpg",
        "bomb": tmp_path / "bomb.png",
        "svg": tmp_path / "drawing.png",
        "gif": tmp_path / "animation.png",
        "loop": tmp_path / "loop.jpg",
        "dangling": tmp_path / "dangling.jpg",
        "empty": tmp_path / "empty.jpg",
        "folder": tmp_path / "scans.jpg",
        "missing": tmp_path / "moved-away.jpg",
    }
    os.mkfifo(files["fifo"])
    with open(files["huge"], "wb") as handle:
        handle.write(b"\xff\xd8\xff\xe0")
        handle.truncate(30 * 1024 * 1024)  # sparse: no real disk used
    files["bomb"].write_bytes(_png_header(60_000, 60_000))
    files["svg"].write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
        encoding="utf-8",
    )
    Image.new("RGB", (4, 4), "red").save(files["gif"], "GIF")
    files["loop"].symlink_to(tmp_path / "loop.jpg")
    files["dangling"].symlink_to(tmp_path / "nowhere.jpg")
    files["empty"].write_bytes(b"")
    files["folder"].mkdir()
    return files


EXPECTED = {
    "fifo": "not a file",
    "device": "not a file",
    "huge": "too large",
    "bomb": "pixels",  # Pillow's own wording today; see the report
    "svg": "not a JPEG, PNG or PDF",
    "gif": "not a JPEG, PNG or PDF",
    "loop": "not found",
    "dangling": "not found",
    "empty": "not a JPEG, PNG or PDF",
    "folder": "not a file",
    "missing": "not found",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_attachment_is_reported(hostile: dict[str, Path], name: str) -> None:
    scan = prepare_scan(str(hostile[name]))
    assert scan.kind == "problem", scan
    assert EXPECTED[name] in scan.message, scan.message
    assert scan.data is None
    assert scan.name == hostile[name].name, "only the file name is shown, not its folders"


def test_the_dossier_lists_every_bad_attachment_and_still_renders(
    hostile: dict[str, Path], tmp_path: Path
) -> None:
    good = tmp_path / "passport.jpg"
    Image.new("RGB", (40, 30), "white").save(good, "JPEG")
    paths = [str(good), *(str(hostile[name]) for name in sorted(EXPECTED))]
    member = person(
        "visiteur",
        "renewal",
        tracking={"passport": Tracking(status="gathered", attachments=paths)},
    )
    html = render_html(household_of(member), today=dt.date(2026, 11, 27), with_attachments=True)
    for name in EXPECTED:
        assert hostile[name].name in html, name
    assert str(tmp_path) not in html, "folders of the person's disk are not printed"
