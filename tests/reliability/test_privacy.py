"""Privacy: no network (P1), no identifiers in error output (P2) or outside the data folder
(P3), masked in list views, calendars and the default PDF (P4), gone after delete (P5).

The canaries are a passport number and a numéro étranger that appear nowhere else: if one
shows up in a file or an output, it came from the household.
"""

from __future__ import annotations

import ast
import io
import json
import os
import shutil
import socket
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

import carte_prep
from carte_prep.cli import main
from carte_prep.core.storage import Store
from support import PROFILES

SRC = Path(carte_prep.__file__).resolve().parent
PASSPORT = "ZX9CANARY7"
NUMERO = "4815162342"
CANARIES = (PASSPORT.encode(), NUMERO.encode())
NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "http.client",
    "http.server",
    "urllib.request",
    "urllib3",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "xmlrpc",
    "xmlrpc.client",
    "socketserver",
    "websockets",
}
HTTP_CLIENTS = {"http.client", "urllib.request", "ssl", "urllib3", "requests", "httpx", "aiohttp"}

CANARY_FAMILY = (
    "new",
    "canary-family",
    "--name",
    "Famille Canari",
    "--member-id",
    "ana",
    "--given-names",
    "Ana",
    "--surname",
    "Souza",
    "--birth-date",
    "1990-05-17",
    "--nationality",
    "brésilienne",
    "--passport-number",
    PASSPORT,
    "--passport-expiry",
    "2027-02-01",
    "--card",
    "visiteur",
    "--procedure",
    "renewal",
    "--card-expiry",
    "2027-03-01",
    "--numero-etranger",
    NUMERO,
    "--appointment",
    "2027-01-20",
)


def has_canary(data: bytes | str) -> bool:
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    return any(canary in raw for canary in CANARIES)


def files_with_canary(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        readable = path.is_file() and not path.is_symlink()
        if readable and path.stat().st_size < 50 * 1024 * 1024 and has_canary(path.read_bytes()):
            found.append(path)
    return found


# -- P1: no network ---------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def _network_imports(path: Path) -> list[str]:
    return sorted(
        name
        for name in _imports(path)
        if name in NETWORK_MODULES or name.split(".")[0] in NETWORK_MODULES - {"http", "xmlrpc"}
    )


SOURCES = sorted(SRC.rglob("*.py"))


def _source_params() -> list[Any]:
    params = []
    for path in SOURCES:
        params.append(pytest.param(path, id=path.relative_to(SRC).as_posix()))
    return params


def test_the_source_scan_finds_network_imports(tmp_path: Path) -> None:
    assert len(SOURCES) > 20
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import socket\nfrom urllib.request import urlopen\nfrom http import client\n"
        "import importlib\nimportlib.import_module('httpx')\n",
        encoding="utf-8",
    )
    assert _network_imports(sample) == ["http", "http.client", "httpx", "socket", "urllib.request"]


@pytest.mark.parametrize("path", _source_params())
def test_no_module_imports_a_network_library(path: Path) -> None:
    assert _network_imports(path) == []


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way to reach another machine raises, and is recorded even if caught."""
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args)[:200])
        raise OSError("network access attempted by carte-prep")

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse)
    return attempts


def invoke(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def test_every_command_works_with_the_network_cut(tmp_path: Path, no_network: list[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for profile in PROFILES.glob("*.json"):
        shutil.copy(profile, data / profile.name)
    base = ("--data-dir", str(data), "--today", "2026-11-27")
    commands = [
        ("list",),
        ("list", "--json"),
        ("checklist", "thompson-family"),
        ("checklist", "thompson-family", "--json", "--sources"),
        ("agenda",),
        ("agenda", "--json"),
        ("ics", "thompson-family", "-o", str(tmp_path / "t.ics")),
        ("export", "thompson-family"),
        ("export", "thompson-family", "-o", str(tmp_path / "t.json")),
        ("mark", "thompson-family", "david", "passport", "--status", "gathered"),
        ("log", "thompson-family", "david"),
        ("restore", "thompson-family"),
        ("cards",),
        ("schema",),
        ("paths",),
        ("new", "offline", "--name", "Offline"),
        ("import", str(PROFILES / "nguyen-student.json"), "--replace"),
    ]
    for command in commands:
        code, out, err = invoke(*base, *command)
        assert code == 0, (command, err)
        assert out
    assert no_network == []


# -- P2, P3, P4: a whole session in a separate process ------------------------------------

SESSION = r"""
import contextlib, io, json, socket, sys

attempts = []


def refuse(*args, **kwargs):
    attempts.append(repr(args)[:200])
    raise OSError("network access attempted by carte-prep")


for name in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(socket.socket, name, refuse)
for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
    setattr(socket, name, refuse)

from carte_prep import cli

HTTP_CLIENTS = set(json.loads(sys.argv[3]))
runs = []
for args in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(args)
        except SystemExit as exc:
            code = exc.code
    runs.append({"args": args, "code": code, "out": out.getvalue(), "err": err.getvalue()})
    runs[-1]["http_clients_loaded"] = sorted(m for m in HTTP_CLIENTS if m in sys.modules)
with open(sys.argv[2], "w", encoding="utf-8") as handle:
    json.dump({"runs": runs, "attempts": attempts}, handle)


def broken(*args, **kwargs):
    raise RuntimeError("an unexpected failure in the engine")


from carte_prep.cli import outputs

outputs.build_checklist = broken  # a bug while the canary household is loaded
cli.main(json.loads(sys.argv[1])[0][:4] + ["checklist", "canary-family"])
"""


@pytest.mark.pdf
def test_a_session_leaves_no_identifier_outside_the_data_folder(tmp_path: Path) -> None:
    data, out, home, temp, cwd, scans = (
        tmp_path / n for n in ("data", "out", "home", "tmp", "cwd", "scans")
    )
    for folder in (out, home, temp, cwd, scans):
        folder.mkdir()
    from PIL import Image

    Image.new("RGB", (64, 48), "white").save(scans / "passport.jpg", "JPEG")
    (out / "report.json").touch()
    base = ["--data-dir", str(data), "--today", "2026-11-27"]
    ok = [
        list(CANARY_FAMILY),
        ["list"],
        ["list", "--json"],
        ["checklist", "canary-family"],
        ["checklist", "canary-family", "--json", "--sources"],
        ["agenda"],
        ["agenda", "--json"],
        ["mark", "canary-family", "ana", "passport", "--status", "gathered", "--note", "copie"],
        ["mark", "canary-family", "ana", "passport", "--attach", str(scans / "passport.jpg")],
        ["log", "canary-family", "ana", "filed", "2027-01-20"],
        ["log", "canary-family", "ana"],
        ["restore", "canary-family"],
        ["ics", "canary-family", "-o", str(out / "canari.ics")],
        ["export", "canary-family", "-o", str(out / "canari.json")],
        ["pdf", "canary-family", "-o", str(out / "canari.pdf"), "--with-attachments"],
    ]
    failing = [
        ["mark", "canary-family", "ana", "passport", "--note", "a\u202eb"],
        ["edit-member", "canary-family", "ana", "--passport-number", PASSPORT + "-!!"],
        ["edit-member", "canary-family", "ana", "--numero-etranger", NUMERO + "99"],
        ["edit-member", "canary-family", "ana", "--card-expiry", "2027-02-30"],
        ["import", str(out / "canari.json")],
        ["checklist", "canary-family", "nobody"],
        ["pdf", "canary-family", "-o", str(out / "canari.pdf")],
    ]
    commands = [base + c for c in ok + failing]
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC.parent),
        "PYTHONDONTWRITEBYTECODE": "1",
        "TMPDIR": str(temp),
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    env.pop("CARTE_PREP_DATA_DIR", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            SESSION,
            json.dumps(commands),
            str(out / "report.json"),
            json.dumps(sorted(HTTP_CLIENTS)),
        ],
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    (out / "report.json").unlink()
    runs = report["runs"]

    # P1: no attempt to reach the network, and no HTTP client loaded before the PDF step.
    assert report["attempts"] == []
    first_pdf = next(i for i, run in enumerate(runs) if run["args"][len(base)] == "pdf")
    for run in runs[:first_pdf]:  # WeasyPrint itself imports urllib.request
        assert run["http_clients_loaded"] == [], run["args"]

    for run in runs[: len(ok)]:
        assert run["code"] == 0, (run["args"], run["err"])
    for run in runs[len(ok) :]:
        assert run["code"] != 0, run["args"]
        assert len(run["err"].strip().splitlines()) == 1, run["err"]

    # P2: no identifier in any error, nor in the traceback of an unexpected failure.
    for run in runs:
        assert not has_canary(run["err"]), run
    stderr = result.stderr.decode("utf-8", "replace")
    assert "RuntimeError: an unexpected failure in the engine" in stderr
    assert not has_canary(result.stderr)

    # P4: lists, checklists, the agenda, the calendar file and the default PDF are masked.
    for run in runs[1 : len(ok)]:
        assert not has_canary(run["out"]), run["args"]
    assert not has_canary((out / "canari.ics").read_bytes())
    from pypdf import PdfReader

    pdf_text = "".join(page.extract_text() for page in PdfReader(out / "canari.pdf").pages)
    assert "Souza" in pdf_text
    assert not has_canary(pdf_text)
    assert has_canary((out / "canari.json").read_bytes()), "the full export keeps them"

    # P3: nothing in the temp folder or the current folder; no identifier in the home folder.
    assert sorted(temp.rglob("*")) == []
    assert sorted(cwd.rglob("*")) == []
    assert files_with_canary(home) == []
    assert sorted(p.name for p in out.iterdir()) == ["canari.ics", "canari.json", "canari.pdf"]
    for path in [*out.iterdir(), *data.rglob("*")]:
        if path.is_file() and not path.name.endswith(".lock"):
            assert oct(path.stat().st_mode & 0o777) == "0o600", path


# -- P5: delete --------------------------------------------------------------------------


def test_delete_leaves_no_identifier_in_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    base = ("--data-dir", str(data), "--today", "2026-11-27")
    assert invoke(*base, *CANARY_FAMILY)[0] == 0
    for status in ("requested", "gathered", "handed-in", "todo", "requested", "gathered"):
        code, _, err = invoke(*base, "mark", "canary-family", "ana", "passport", "--status", status)
        assert code == 0, err
    assert invoke(*base, "new", "other", "--name", "Other")[0] == 0
    # A crash leftover holding the data, as test_crash produces.
    orphan = data / ".canary-family.json.tmp-0123456789abcdef"
    orphan.write_bytes((data / "canary-family.json").read_bytes())
    assert len(files_with_canary(data)) >= 6  # the file, 5 backups, the leftover

    code, _, err = invoke(*base, "delete", "canary-family", "--yes")
    assert code == 0, err
    assert files_with_canary(data) == []
    assert invoke(*base, "list")[1].startswith("other")


def test_delete_returns_the_sync_copies_it_did_not_remove(tmp_path: Path) -> None:
    """Sync-conflict copies may hold the only copy of some edits, so they stay; the store
    returns them so the CLI and the app can say where the data still is."""
    data = tmp_path / "data"
    base = ("--data-dir", str(data), "--today", "2026-11-27")
    assert invoke(*base, *CANARY_FAMILY)[0] == 0
    conflict = data / "canary-family.sync-conflict-20270101-101010-ABCDEFG.json"
    conflict.write_bytes((data / "canary-family.json").read_bytes())
    store = Store(data)
    assert store.conflict_copies("canary-family") == [conflict]
    assert store.delete("canary-family") == [conflict]
    assert files_with_canary(data) == [conflict]
