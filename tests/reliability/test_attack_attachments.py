"""Attachments under attack: hostile imported paths (review observation, issue item 11) and
the copies kept in the data folder, carried by export and import (issue 13, storage).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from carte_prep.cli import main
from carte_prep.core.scans import ScanProblem, scan_kind
from carte_prep.core.storage import Store
from support import PROFILES, TODAY

H, M = "nguyen-student", "linh"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"JFIF scan of a passport"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--today", TODAY.isoformat(), *args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(PROFILES / f"{H}.json", folder)
    monkeypatch.setenv("CARTE_PREP_DATA_DIR", str(folder))
    return folder


def attachments_of(data: Path) -> list[str]:
    raw = json.loads((data / f"{H}.json").read_text())
    entries: list[str] = raw["members"][0]["tracking"].get("passport", {}).get("attachments", [])
    return entries


# -- checked when attached ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("passport.jpg", b"<html><img src=file:///etc/passwd></html>"),
        ("passport.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("passport.pdf", b""),
    ],
)
def test_a_file_that_is_not_a_scan_is_refused_when_attached(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes
) -> None:
    before = (data / f"{H}.json").read_bytes()
    scan = tmp_path / name
    scan.write_bytes(content)
    code, _, err = cli(capsys, "mark", H, M, "passport", "--attach", str(scan))
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "not a JPEG, PNG or PDF file" in err
    assert (data / f"{H}.json").read_bytes() == before
    assert not (data / "attachments").exists() or not any((data / "attachments").rglob("*.*"))


def test_a_fifo_named_like_a_scan_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "scan.jpg"
    os.mkfifo(fifo)
    with pytest.raises(ScanProblem, match="not a regular file"):
        scan_kind(fifo)


def test_an_attached_scan_is_copied_in_and_survives_the_original_moving(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = tmp_path / "Passport scan.jpg"
    scan.write_bytes(JPEG)
    assert cli(capsys, "mark", H, M, "passport", "--attach", str(scan))[0] == 0
    scan.rename(tmp_path / "moved.jpg")
    [entry] = attachments_of(data)
    assert entry.startswith(f"attachments/{H}/")
    kept = data / entry
    assert kept.read_bytes() == JPEG
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    store = Store(data)
    [path] = store.for_dossier(store.load(H)).members[0].tracking["passport"].attachments
    assert Path(path) == kept
    assert cli(capsys, "mark", H, M, "passport", "--detach", str(tmp_path / "moved.jpg"))[0] == 0
    assert attachments_of(data) == []


def test_old_absolute_references_still_resolve(data: Path, tmp_path: Path) -> None:
    scan = tmp_path / "old.png"
    scan.write_bytes(PNG)
    raw = json.loads((data / f"{H}.json").read_text())
    raw["members"][0]["tracking"]["passport"] = {"attachments": [str(scan)]}
    (data / f"{H}.json").write_text(json.dumps(raw))
    store = Store(data)
    household = store.for_dossier(store.load(H))
    assert household.members[0].tracking["passport"].attachments == [str(scan)]


def test_delete_removes_the_kept_scans(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = tmp_path / "a.png"
    scan.write_bytes(PNG)
    assert cli(capsys, "mark", H, M, "passport", "--attach", str(scan))[0] == 0
    assert cli(capsys, "delete", H, "--yes")[0] == 0
    assert not (data / "attachments" / H).exists()


# -- carried by export and import ---------------------------------------------------------


def test_a_zip_export_carries_the_scans_to_another_data_folder(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = tmp_path / "a.png"
    scan.write_bytes(PNG)
    assert cli(capsys, "mark", H, M, "passport", "--attach", str(scan))[0] == 0
    out = tmp_path / "backup.zip"
    assert cli(capsys, "export", H, "-o", str(out))[0] == 0
    other = tmp_path / "other"
    code, _, err = cli(capsys, "--data-dir", str(other), "import", str(out))
    assert code == 0, err
    assert err == ""
    [entry] = attachments_of(other)
    assert (other / entry).read_bytes() == PNG
    assert json.loads((other / f"{H}.json").read_text()) == json.loads(
        (data / f"{H}.json").read_text()
    )


def test_plain_json_import_still_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(
        capsys, "--data-dir", str(tmp_path / "d"), "import", str(PROFILES / f"{H}.json")
    )
    assert code == 0
    assert "imported" in out


HOSTILE_PATHS = [
    "/etc/shadow",
    "/proc/self/environ",
    "../../../../etc/passwd",
    "/dev/zero",
    "~root/.bash_history",
    f"attachments/{H}/../../../etc/passwd",
    "attachments/other-household/x.png",
]


def test_imported_paths_to_local_files_are_left_out_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads((PROFILES / f"{H}.json").read_text())
    raw["members"][0]["tracking"]["passport"] = {"attachments": HOSTILE_PATHS}
    hostile = tmp_path / "received.json"
    hostile.write_text(json.dumps(raw))
    data = tmp_path / "data"
    code, _, err = cli(capsys, "--data-dir", str(data), "import", str(hostile))
    assert code == 0
    assert len(err.strip().splitlines()) == len(HOSTILE_PATHS), err
    assert attachments_of(data) == []
    assert not list(data.rglob("*passwd*"))


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _household_naming(*entries: str) -> bytes:
    raw = json.loads((PROFILES / f"{H}.json").read_text())
    raw["members"][0]["tracking"]["passport"] = {"attachments": list(entries)}
    return json.dumps(raw).encode()


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({"a.json": b"{}", "b.json": b"{}"}, "exactly one household file"),
        ({"x/y.json": b"{}"}, "exactly one household file"),
        (
            {
                f"{H}.json": _household_naming(f"attachments/{H}/p.jpg"),
                f"attachments/{H}/p.jpg": b"<html>",
            },
            "not a JPEG, PNG or PDF",
        ),
        ({f"{H}.json": b"not json"}, "not valid JSON"),
    ],
    ids=["two-households", "nested", "html-as-jpg", "broken-json"],
)
def test_hostile_zips_are_refused_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], members: dict[str, bytes], expected: str
) -> None:
    received = tmp_path / "received.zip"
    received.write_bytes(_zip(members))
    data = tmp_path / "data"
    code, _, err = cli(capsys, "--data-dir", str(data), "import", str(received))
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err
    assert expected in err
    assert not (data / f"{H}.json").exists()


def test_a_zip_never_writes_outside_the_households_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    escaping = f"attachments/{H}/../../../escaped.png"
    received = tmp_path / "received.zip"
    received.write_bytes(
        _zip({f"{H}.json": _household_naming(escaping), escaping: PNG, "/abs.png": PNG})
    )
    data = tmp_path / "data"
    code, _, err = cli(capsys, "--data-dir", str(data), "import", str(received))
    assert code == 0
    assert "left out" in err
    assert not list(tmp_path.rglob("escaped.png"))
    assert attachments_of(data) == []


def test_a_member_bigger_than_it_claims_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = f"attachments/{H}/big.png"
    received = tmp_path / "received.zip"
    received.write_bytes(
        _zip({f"{H}.json": _household_naming(entry), entry: PNG + b"\0" * (26 * 1024 * 1024)})
    )
    code, _, err = cli(capsys, "--data-dir", str(tmp_path / "data"), "import", str(received))
    assert code == 1
    assert "too large" in err


def test_a_copy_killed_half_way_is_removed_at_the_next_start(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data / "attachments" / H
    folder.mkdir(parents=True)
    leftover = folder / ".0123456789abcdef-scan.png.tmp-0123456789abcdef"
    leftover.write_bytes(PNG)
    os.utime(leftover, (0, 0))
    assert cli(capsys, "list")[0] == 0
    assert not leftover.exists()
