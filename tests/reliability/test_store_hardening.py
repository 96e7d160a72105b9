"""Storage goals not covered in tests/core/test_store.py: S7 permissions across the CLI and
looser modes reported, S10 corrupt files from a corpus of mutations, S11 no silent field
loss (unknown and repeated keys), S14 sync-conflict copies through the CLI, surrogates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from carte_prep.cli import main
from carte_prep.core.errors import CartePrepError, InvalidInputError, explain_validation
from carte_prep.core.model import Household, Member
from carte_prep.core.storage import ConflictError, CorruptFileError, Store
from support import PROFILES

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "schema-1" / "golden-v1.json"


def invoke(data: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--data-dir", str(data), "--today", "2026-11-27", *args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    original = os.umask(0o022)
    os.umask(original)
    yield os.umask  # type: ignore[misc]
    os.umask(original)


# -- S7: permissions ----------------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o000, 0o002, 0o022, 0o077])
def test_everything_the_cli_writes_is_private_whatever_the_umask(
    tmp_path: Path, umask: Callable[[int], None], mask: int
) -> None:
    umask(mask)
    data, out = tmp_path / "deep" / "data", tmp_path / "out"
    out.mkdir()
    shutil.copy(PROFILES / "thompson-family.json", tmp_path / "in.json")
    for args in [
        ("import", str(tmp_path / "in.json")),
        ("mark", "thompson-family", "david", "passport", "--status", "gathered"),
        ("mark", "thompson-family", "david", "passport", "--status", "handed-in"),
        ("new", "solo", "--name", "Solo"),
        ("export", "thompson-family", "-o", str(out / "export.json")),
        ("ics", "thompson-family", "-o", str(out / "agenda.ics")),
        ("restore", "thompson-family", "1"),
    ]:
        code, _, err = invoke(data, *args)
        assert code == 0, (args, err)
    for path in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert Store(data).permission_warnings() == []


def test_looser_modes_are_reported_with_the_fix(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data)
    store.create(Household(id="martin", name="Martin"))
    store.save(Household(id="martin", name="Martin 2"))
    assert store.permission_warnings() == []

    backup = store.backups("martin")[0].path
    os.chmod(data, 0o755)
    os.chmod(data / "martin.json", 0o644)
    os.chmod(backup.parent, 0o750)
    os.chmod(backup, 0o640)
    outside = tmp_path / "outside.json"
    outside.write_text("{}", encoding="utf-8")
    os.chmod(outside, 0o666)
    (data / "link.json").symlink_to(outside)  # links are not followed
    before = {p: stat.S_IMODE(p.lstat().st_mode) for p in [data, *data.rglob("*")]}

    warnings = store.permission_warnings()
    assert warnings == sorted(
        [
            f"{data} can be opened by other users of this computer (mode 0755); "
            f"run 'chmod 700 {data}' to make it private",
            f"{data / 'martin.json'} can be opened by other users of this computer "
            f"(mode 0644); run 'chmod 600 {data / 'martin.json'}' to make it private",
            f"{backup.parent} can be opened by other users of this computer (mode 0750); "
            f"run 'chmod 700 {backup.parent}' to make it private",
            f"{backup} can be opened by other users of this computer (mode 0640); "
            f"run 'chmod 600 {backup}' to make it private",
        ]
    )
    assert {p: stat.S_IMODE(p.lstat().st_mode) for p in before} == before, "nothing changed"
    assert Store(tmp_path / "missing").permission_warnings() == []


# -- S10: corrupt files, from mutations of a valid one -------------------------------------


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    data = bytearray(GOLDEN.read_bytes())
    kind = draw(st.sampled_from(["truncate", "flip", "delete", "insert", "replace-token"]))
    at = draw(st.integers(0, len(data) - 1))
    if kind == "truncate":
        return bytes(data[:at])
    if kind == "flip":
        data[at] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    if kind == "delete":
        return bytes(data[:at] + data[at + draw(st.integers(1, 40)) :])
    if kind == "insert":
        return bytes(data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:])
    text = data.decode("utf-8")
    token = draw(st.sampled_from(['"', ":", ",", "{", "}", "[", "]", "true", "null", "1", '"2']))
    target = draw(st.sampled_from(['"', ":", ",", "{", "}", "[", "]", "true", "false", "null"]))
    return text.replace(target, token, 1).encode("utf-8")


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=mutations())
def test_a_damaged_file_is_loaded_or_reported_never_raised_never_written(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    data = tmp_path_factory.mktemp("mutated")
    shutil.copy(PROFILES / "nguyen-student.json", data / "nguyen-student.json")
    path = data / "golden-v1.json"
    path.write_bytes(content)
    before = sha(path)
    store = Store(data)
    report = store.load_all()
    assert [h.id for h in report.households if h.id != "golden-v1"] == ["nguyen-student"]
    loaded = [h for h in report.households if h.id == "golden-v1"]
    if loaded:
        assert report.problems == []
        store.load("golden-v1")
    else:
        (problem,) = report.problems
        assert problem.path == path
        assert problem.reason
        assert "\n" not in problem.reason
        with pytest.raises(CorruptFileError):
            store.load("golden-v1")
        with pytest.raises(ConflictError):
            store.save(Household(id="golden-v1", name="Overwrite"))
    assert sha(path) == before
    assert sorted(p.name for p in data.iterdir()) == sorted(
        ["nguyen-student.json", "golden-v1.json", *([".golden-v1.lock"] if not loaded else [])]
    )


# -- S11: no silent field loss --------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("top", "x_future: is not a known field"),
        ("member", "members[0].x_future: is not a known field"),
        ("tracking", "members[0].tracking.passport.x_future: is not a known field"),
    ],
)
def test_an_unknown_key_is_reported_and_the_file_never_rewritten(
    tmp_path: Path, where: str, reason: str
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    raw = json.loads(GOLDEN.read_text(encoding="utf-8"))
    target = {
        "top": raw,
        "member": raw["members"][0],
        "tracking": raw["members"][0]["tracking"]["passport"],
    }[where]
    target["x_future"] = {"kept": [1, 2, 3]}
    path = data / "golden-v1.json"
    path.write_text(json.dumps(raw, indent=2, ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()

    (problem,) = Store(data).load_all().problems
    assert reason in problem.reason
    for args in [
        ("mark", "golden-v1", "amina", "passport", "--status", "todo"),
        ("edit-member", "golden-v1", "amina", "--surname", "X"),
        ("share", "golden-v1", "proof-of-address", "amina"),
        ("log", "golden-v1", "amina", "filed", "2027-01-01"),
    ]:
        code, _, err = invoke(data, *args)
        assert code == 1
        assert reason in err
    assert path.read_bytes() == before

    # Replacing it on purpose (import --replace) keeps its bytes as a backup.
    shutil.copy(GOLDEN, tmp_path / "clean.json")
    code, _, err = invoke(data, "import", str(tmp_path / "clean.json"), "--replace")
    assert code == 0, err
    assert Store(data).backups("golden-v1")[0].path.read_bytes() == before


def test_a_key_written_twice_is_reported_not_silently_dropped(tmp_path: Path) -> None:
    """JSON readers keep the last of two equal keys: a save would lose the first value."""
    data = tmp_path / "data"
    data.mkdir()
    text = GOLDEN.read_text(encoding="utf-8").replace(
        '"nationality": "algérienne",', '"nationality": "algérienne",\n"nationality": "française",'
    )
    path = data / "golden-v1.json"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    (problem,) = Store(data).load_all().problems
    assert problem.reason == (
        "the key 'nationality' appears twice in the same object; keep only one of them "
        "(the file was not changed)"
    )
    assert invoke(data, "mark", "golden-v1", "amina", "passport", "--status", "todo")[0] == 1
    assert path.read_bytes() == before


# -- S14: sync-conflict copies through the CLI ------------------------------------------


def test_sync_conflict_copies_are_shown_by_the_cli_and_never_loaded(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(PROFILES / "nguyen-student.json", data / "nguyen-student.json")
    conflict = data / "nguyen-student.sync-conflict-20270101-101010-ABCDEFG.json"
    shutil.copy(PROFILES / "nguyen-student.json", conflict)
    before = conflict.read_bytes()

    code, out, err = invoke(data, "list", "--json")
    listing = json.loads(out)
    assert code == 1
    assert [h["id"] for h in listing["households"]] == ["nguyen-student"]
    assert [p["file"] for p in listing["problems"]] == [str(conflict)]
    assert "file-sync tool" in listing["problems"][0]["reason"]
    code, out, err = invoke(data, "agenda")
    assert code == 1
    assert f"cannot open {conflict}" in err
    assert invoke(data, "mark", "nguyen-student", "linh", "passport", "--status", "todo")[0] == 0
    assert conflict.read_bytes() == before


# -- text that no file can hold ------------------------------------------------------------


def test_lone_surrogates_are_refused_by_the_model_naming_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        Household(id="x", name="Andr\udce9")
    message = explain_validation(caught.value)
    assert message.startswith("name: ")
    assert "not valid text" in message


def test_lone_surrogates_that_bypassed_validation_are_refused_by_the_store(
    tmp_path: Path,
) -> None:
    member = Member(id="a", given_names="A", birth_date=dt.date(1990, 1, 1), nationality="GB")
    unvalidated = Household(id="x", name="X", members=[member]).model_copy(
        update={"name": "Andr\udce9"}
    )
    store = Store(tmp_path / "data")
    with pytest.raises(InvalidInputError) as caught:
        store.create(unvalidated)
    assert str(caught.value).startswith("x: name:")
    assert isinstance(caught.value, CartePrepError)
    assert not (tmp_path / "data" / "x.json").exists()
