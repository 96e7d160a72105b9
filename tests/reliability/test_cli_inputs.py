"""Wrong command lines: one clear line on stderr, a non-zero exit, no traceback, no change.

``tests/test_cli.py`` covers the common mistakes in a subprocess. This file goes through
the rest in-process (an uncaught exception fails the test just as a traceback would, and
200 subprocesses would take a minute): every date flag with bad dates, wrong number types,
empty strings, unknown ids for every command, unreadable files and folders (tests run as
root, so "unreadable" means a folder, a FIFO or a device where a file is expected), and a
data folder that is a file. Bytes that are not UTF-8 in argv need a real process and are
run as one.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from carte_prep.cli import main
from support import PROFILES

SRC = Path(__file__).resolve().parents[2] / "src"
H, M = "thompson-family", "david"
TODAY = ("--today", "2026-11-27")
MEMBER = ("--given-names", "Zoé", "--birth-date", "1990-01-01", "--nationality", "x")


@dataclass
class Result:
    code: int
    out: str
    err: str


def invoke(*args: str) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 1
    return Result(code, out.getvalue(), err.getvalue())


def snapshot(root: Path) -> dict[str, tuple[int, str]]:
    """Every path under the folder with its mode and content hash (lock files excepted)."""
    if not root.exists() and not root.is_symlink():
        return {}
    found: dict[str, tuple[int, str]] = {".": (root.lstat().st_mode, "")}
    if not root.is_dir():
        found["."] = (root.lstat().st_mode, hashlib.sha256(root.read_bytes()).hexdigest())
        return found
    for path in sorted(root.rglob("*")):
        if path.name.endswith(".lock"):
            continue
        info = path.lstat()
        digest = ""
        if stat.S_ISREG(info.st_mode):  # the 21 MB sparse file is compared by size and time
            digest = (
                hashlib.sha256(path.read_bytes()).hexdigest()
                if info.st_size < 1024 * 1024
                else f"{info.st_size}:{info.st_mtime_ns}"
            )
        found[str(path.relative_to(root))] = (info.st_mode, digest)
    return found


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A data folder with the example households, and odd files to point commands at."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    for profile in PROFILES.glob("*.json"):
        shutil.copy(profile, data / profile.name)
    os.mkfifo(data / "fifo-household.json", 0o600)
    (data / "folder-household.json").mkdir()
    odd = tmp_path / "odd"
    odd.mkdir()
    os.mkfifo(odd / "fifo.json")
    (odd / "folder.json").mkdir()
    (odd / "empty.json").write_bytes(b"")
    (odd / "latin1.json").write_bytes('{"id": "x", "name": "Andr\xe9"}'.encode("latin-1"))
    (odd / "array.json").write_text("[]", encoding="utf-8")
    newer = json.loads((PROFILES / "nguyen-student.json").read_text(encoding="utf-8"))
    newer["schema_version"] = 99
    (odd / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    (odd / "twice.json").write_text('{"id": "x", "name": "A", "name": "B"}', encoding="utf-8")
    with open(odd / "huge.json", "wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no real disk used
    (odd / "a-file").write_text("not a folder", encoding="utf-8")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return {"data": data, "odd": odd, "cwd": cwd, "tmp": tmp_path}


BAD_DATES = ["2026-02-30", "31/02/2026", "", "tomorrow", "2026-13-01", "2026-11-27T10:00"]
BAD_TIMES = ["25:00", "10h75", "", "noon"]

# (arguments, text expected in the error line); "{odd}" is replaced by the odd-files folder.
CASES: list[tuple[tuple[str, ...], str]] = [
    # files that cannot be imported
    (("import", "{odd}/folder.json"), "is not a regular file"),
    (("import", "{odd}/fifo.json"), "is not a regular file"),
    (("import", "/dev/null"), "is not a regular file"),
    (("import", "/dev/zero"), "is not a regular file"),
    (("import", "{odd}/empty.json"), "not valid JSON at line 1 column 1"),
    (("import", "{odd}/latin1.json"), "is not UTF-8 text"),
    (("import", "{odd}/array.json"), "(top level)"),
    (("import", "{odd}/newer.json"), "newer version of carte-prep (schema 99)"),
    (("import", "{odd}/twice.json"), "the key 'name' appears twice"),
    (("import", "{odd}/huge.json"), "too large"),
    (("import", "{odd}/a-file/x.json"), "Not a directory"),
    (("import", ""), "is not a regular file"),
    (("import", "{odd}/missing.json"), "no such file"),
    # data files that cannot be read
    (("checklist", "fifo-household"), "is not a regular file"),
    (("checklist", "folder-household"), "is not a regular file"),
    (("mark", "fifo-household", "m", "passport", "--status", "todo"), "is not a regular file"),
    (("agenda", "folder-household"), "is not a regular file"),
    (("export", "fifo-household"), "is not a regular file"),
    # unknown ids, for every command that takes one
    (("checklist", "ghost"), "no household 'ghost'"),
    (("agenda", "ghost"), "no household 'ghost'"),
    (("ics", "ghost", "-o", "out.ics"), "no household 'ghost'"),
    (("log", "ghost", "m"), "no household 'ghost'"),
    (("log", H, "ghost"), "no member 'ghost'"),
    (("pdf", "ghost", "-o", "out.pdf"), "no household 'ghost'"),
    (("pdf", H, "ghost", "-o", "out.pdf"), "no member 'ghost'"),
    (("restore", "ghost"), "no household 'ghost'"),
    (("delete", "ghost", "--yes"), "no household 'ghost'"),
    (("share", "ghost", "proof-of-address"), "no household 'ghost'"),
    (("share", H, "proof-of-address", "david", "ghost"), "no member 'ghost'"),
    (("add-member", "ghost", "zoe", *MEMBER, "--no-card"), "no household 'ghost'"),
    (("edit-member", "ghost", "david", "--surname", "X"), "no household 'ghost'"),
    (("edit-member", H, "ghost", "--surname", "X"), "no member 'ghost'"),
    (("add-member", H, "david", *MEMBER, "--no-card"), "already exists"),
    # empty strings
    (("checklist", ""), "is not a valid id"),
    (("mark", "", M, "passport", "--status", "todo"), "is not a valid id"),
    (("mark", H, M, "", "--status", "todo"), "no checklist item ''"),
    (("new", "", "--name", "X"), "is not a valid id"),
    (("new", "empty-name", "--name", ""), "name: is empty"),
    (("new", "blank-name", "--name", "   "), "name: is empty"),
    (("share", H, ""), "no checklist item ''"),
    (("edit-member", H, M, "--given-names", ""), "--given-names: is empty"),
    (("edit-member", H, M, "--passport-number", ""), "--passport-number: "),
    (("edit-member", H, M, "--numero-etranger", ""), "--numero-etranger: "),
    (("edit-member", H, M, "--card", ""), "is not a known card type"),
    (("edit-member", H, M, "--departement", ""), "is not a département code"),
    (("edit-member", H, M, "--fact", ""), "unknown fact ''"),
    (("edit-member", H, M, "--fact", "=true"), "unknown fact ''"),
    (("edit-member", H, M, "--fact", "civil_documents_abroad="), "civil_documents_abroad"),
    (
        (
            "log",
            H,
            M,
            "request",
            "--received",
            "2027-01-01",
            "--deadline",
            "2027-02-01",
            "--what",
            "a\x07b",
        ),
        "what",
    ),
    (("log", H, M, "timbre", "", "25"), "16-digit"),
    # wrong values and types
    (("restore", H, "abc"), "invalid int value"),
    (("restore", H, "1.5"), "invalid int value"),
    (("log", H, M, "sent", "abc", "--date", "2027-01-10"), "invalid int value"),
    (("log", H, M, "sent", "99999999999999999999", "--date", "2027-01-10"), "no request"),
    (("log", H, M, "timbre", "1234567890123456", "abc"), "invalid int value"),
    (("log", H, M, "timbre", "1234567890123456", "0"), "AMOUNT: "),
    (("log", H, M, "timbre", "1234567890123456", "-25"), "AMOUNT: "),
    (("log", H, M, "timbre", "1234567890123456", "10" * 30), "AMOUNT: "),
    (("log", H, M, "receipt", "visa", "--until", "2027-01-01"), "invalid choice"),
    (("edit-member", H, M, "--fact", "civil_documents_abroad=maybe"), "civil_documents_abroad"),
    (("edit-member", H, M, "--fact", "housing=castle"), "housing"),
    (("edit-member", H, M, "--passport-number", "AB-12/34"), "--passport-number: "),
    (("edit-member", H, M, "--numero-etranger", "12345"), "--numero-etranger: "),
    (("edit-member", H, M, "--surname", "x" * 201), "the limit is 200"),
    (("edit-member", H, M, "--birth-place", "a\u202eb"), "direction control"),
    (("edit-member", H, M, "--nationality", "a\x1bb"), "control character"),
    (("mark", H, M, "passport", "--note", "x" * 10_001), "the limit is 10000"),
    (("mark", H, M, "passport", "--attach", "{odd}/folder.json"), "cannot attach"),
    (("mark", H, M, "passport", "--attach", "{odd}/fifo.json"), "cannot attach"),
    (("mark", H, M, "passport", "--status", "done"), "invalid choice"),
    (("checklist", H, "--today", "x"), "unrecognized arguments"),
    # outputs that cannot be written
    (("export", H, "-o", "{odd}/no/such/folder/x.json"), "cannot write"),
    (("export", H, "-o", "{odd}/a-file/x.json"), "cannot write"),
    (("export", H, "-o", "{odd}/folder.json", "--force"), "cannot write"),
    (("ics", H, "-o", "{odd}/folder.json", "--force"), "cannot write"),
    (("ics", H, "-o", "{odd}/empty.json"), "already exists"),
    (("ics", H, "-o", "", "--force"), "cannot write"),
]


def _date_cases() -> list[tuple[tuple[str, ...], str]]:
    base_new = ("new", "n", "--name", "N", "--member-id", "a", *MEMBER, "--card", "visiteur")
    flags: list[tuple[str, ...]] = [
        ("--today", "{}", "checklist", H),
        (*base_new, "--procedure", "first", "--birth-date", "{}"),
        (*base_new, "--procedure", "first", "--passport-expiry", "{}"),
        (*base_new, "--procedure", "renewal", "--card-expiry", "{}"),
        (*base_new, "--procedure", "first", "--appointment", "{}"),
        (*base_new, "--procedure", "first", "--filing-date", "{}"),
        ("edit-member", H, M, "--card-expiry", "{}"),
        ("mark", H, M, "passport", "--date", "{}"),
        ("log", H, M, "filed", "{}"),
        ("log", H, M, "receipt", "recepisse", "--until", "{}"),
        ("log", H, M, "receipt", "recepisse", "--until", "2027-01-01", "--issued", "{}"),
        ("log", H, M, "request", "--received", "{}", "--deadline", "2027-01-01", "--what", "x"),
        ("log", H, M, "request", "--received", "2027-01-01", "--deadline", "{}", "--what", "x"),
        ("log", H, M, "sent", "1", "--date", "{}"),
        ("log", H, M, "card-ready", "{}"),
        ("log", H, M, "timbre", "1234567890123456", "25", "--date", "{}"),
        ("log", H, M, "collection", "{}"),
    ]
    cases = [
        (tuple(a.replace("{}", bad) for a in args), "is not a date")
        for args in flags
        for bad in BAD_DATES
    ]
    times: list[tuple[str, ...]] = [
        ("edit-member", H, M, "--appointment-time", "{}"),
        ("log", H, M, "collection", "2027-01-01", "--time", "{}"),
    ]
    cases += [
        (tuple(a.replace("{}", bad) for a in args), "is not a time")
        for args in times
        for bad in BAD_TIMES
    ]
    return cases


def _ids(cases: list[tuple[tuple[str, ...], str]]) -> list[str]:
    return [" ".join(a if a else "''" for a in args)[:80] for args, _ in cases]


def check_refused(place: dict[str, Path], args: tuple[str, ...], expected: str) -> None:
    args = tuple(a.replace("{odd}", str(place["odd"])) for a in args)
    watched = [place["data"], place["odd"], place["cwd"]]
    before = [snapshot(p) for p in watched]
    result = invoke("--data-dir", str(place["data"]), *TODAY, *args)
    lines = result.err.strip().splitlines()
    assert result.code != 0, result
    assert len(lines) == 1, result.err
    assert lines[0].startswith("carte-prep: "), lines[0]
    assert expected in lines[0], lines[0]
    assert "Traceback" not in result.err
    assert result.out == ""
    assert [snapshot(p) for p in watched] == before, "something was changed"


@pytest.mark.parametrize(("args", "expected"), CASES, ids=_ids(CASES))
def test_wrong_invocations_are_refused_cleanly(
    place: dict[str, Path], args: tuple[str, ...], expected: str
) -> None:
    check_refused(place, args, expected)


DATE_CASES = _date_cases()


@pytest.mark.parametrize(("args", "expected"), DATE_CASES, ids=_ids(DATE_CASES))
def test_bad_dates_and_times_in_every_flag(
    place: dict[str, Path], args: tuple[str, ...], expected: str
) -> None:
    check_refused(place, args, expected)


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("agenda",),
        ("checklist", H),
        ("mark", H, M, "passport", "--status", "gathered"),
        ("new", "fresh", "--name", "Fresh"),
        ("import", str(PROFILES / "nguyen-student.json")),
        ("restore", H),
        ("delete", H, "--yes"),
        ("export", H),
    ],
    ids=lambda a: a if isinstance(a, str) else None,
)
@pytest.mark.parametrize("where", ["a file", "below a file"])
def test_a_data_folder_that_is_a_file(
    place: dict[str, Path], args: tuple[str, ...], where: str
) -> None:
    data = place["odd"] / "a-file"
    if where == "below a file":
        data = data / "data"
    before = snapshot(place["odd"])
    result = invoke("--data-dir", str(data), *TODAY, *args)
    lines = result.err.strip().splitlines()
    assert result.code != 0, result
    assert len(lines) == 1, result.err
    assert lines[0].startswith("carte-prep: "), lines[0]
    assert "Not a directory" in lines[0] or "is not a folder" in lines[0], lines[0]
    if args != ("agenda",):  # agenda also says "No upcoming dates" (see the report)
        assert result.out == ""
    assert snapshot(place["odd"]) == before


def test_list_reports_each_unreadable_file_on_its_own_line(place: dict[str, Path]) -> None:
    before = snapshot(place["data"])
    result = invoke("--data-dir", str(place["data"]), *TODAY, "list")
    assert result.code == 1
    problems = [
        line for line in result.err.splitlines() if line.startswith("carte-prep: cannot open")
    ]
    assert len(problems) == 2
    assert all("is not a regular file" in line for line in problems)
    assert "thompson-family" in result.out, "the readable households are still listed"
    assert snapshot(place["data"]) == before


def run_bytes(data_dir: Path, *args: bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""}
    return subprocess.run(
        [sys.executable, "-m", "carte_prep", "--data-dir", str(data_dir), *TODAY, *args],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        (b"new", b"latin", b"--name", b"Andr\xe9"),
        (b"mark", H.encode(), M.encode(), b"passport", b"--note", b"caf\xe9"),
        (b"edit-member", H.encode(), M.encode(), b"--surname", b"\xff\xfe"),
        (b"checklist", b"\xff"),
    ],
    ids=["new-name", "mark-note", "edit-surname", "checklist-id"],
)
def test_arguments_that_are_not_utf8(place: dict[str, Path], args: tuple[bytes, ...]) -> None:
    """Python turns such bytes into lone surrogates; they must be refused, not crash a save."""
    before = snapshot(place["data"])
    result = run_bytes(place["data"], *args)
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert result.returncode == 1
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("carte-prep: error: ")
    assert snapshot(place["data"]) == before


def test_an_empty_data_dir_is_refused(place: dict[str, Path]) -> None:
    shutil.copy(PROFILES / "nguyen-student.json", place["cwd"] / "nguyen-student.json")
    before = snapshot(place["cwd"])
    result = invoke("--data-dir", "", *TODAY, "new", "stray", "--name", "Stray")
    assert snapshot(place["cwd"]) == before, "a household was written in the current folder"
    assert result.code != 0
