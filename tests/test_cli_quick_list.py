"""``list --json`` from a current index prints what the full command prints, and is never
taken when the index cannot vouch for every file."""

from __future__ import annotations

import io
import json
import os
import shutil
import time
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from carte_prep.cli import _dispatch, main
from carte_prep.cli.quick_list import quick_list
from support import PROFILES

TODAY = "2026-11-27"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The examples, written a while ago, listed once so that their index is current."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    for profile in PROFILES.glob("*.json"):
        shutil.copy(profile, folder / profile.name)
        (folder / profile.name).chmod(0o600)
    age(folder)
    assert printed(_dispatch, folder)[0] == 0
    return folder


def age(folder: Path, seconds: float = 10.0) -> None:
    past = time.time() - seconds
    for path in folder.iterdir():
        os.utime(path, (past, past))


def printed(
    command: Callable[[list[str]], object], folder: Path, today: str = TODAY
) -> tuple[object, str, str]:
    """What ``command(argv)`` returns and prints for ``--data-dir DIR --today DAY list --json``."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        result = command(["--data-dir", str(folder), "--today", today, "list", "--json"])
    return result, out.getvalue(), err.getvalue()


def test_a_current_index_is_printed_as_the_full_command_prints_it(data: Path) -> None:
    taken, quick, quick_err = printed(quick_list, data)
    assert taken is True
    assert (0, quick, quick_err) == printed(_dispatch, data)
    assert [row["id"] for row in json.loads(quick)["households"]]


def test_the_permission_warnings_are_the_full_commands(data: Path) -> None:
    (data / "nguyen-student.json").chmod(0o644)
    taken, quick, quick_err = printed(quick_list, data)
    assert taken is True
    assert "chmod 600" in quick_err
    assert (0, quick, quick_err) == printed(_dispatch, data)


def test_a_changed_household_is_listed_from_its_file(data: Path) -> None:
    path = data / "nguyen-student.json"
    saved = json.loads(path.read_text(encoding="utf-8"))
    saved["name"] = "Renamed elsewhere"
    path.write_text(json.dumps(saved, ensure_ascii=False, indent=2), encoding="utf-8")
    assert printed(quick_list, data)[0] is False
    code, out, _err = printed(main, data)
    assert code == 0
    assert "Renamed elsewhere" in [row["name"] for row in json.loads(out)["households"]]


def test_a_household_gone_or_added_is_left_to_the_full_command(data: Path) -> None:
    (data / "nguyen-student.json").unlink()
    assert printed(quick_list, data)[0] is False
    assert printed(main, data)[0] == 0  # the index forgets the line
    assert printed(quick_list, data)[0] is True
    shutil.copy(PROFILES / "nguyen-student.json", data / "nguyen-student.json")
    assert printed(quick_list, data)[0] is False


@pytest.mark.parametrize(
    "name",
    ["nguyen-student.sync-conflict-20261127-120000-ABCDEF.json", ".a.json.tmp-0123456789abcdef"],
)
def test_a_conflict_copy_or_a_leftover_is_left_to_the_full_command(data: Path, name: str) -> None:
    shutil.copy(data / "nguyen-student.json", data / name)
    age(data)
    assert printed(quick_list, data)[0] is False


def test_another_day_is_left_to_the_full_command(data: Path) -> None:
    assert printed(quick_list, data, today="2026-11-28")[0] is False


@pytest.mark.parametrize(
    ("settings", "taken"),
    [('language = "en"\n', True), ('departement = "75"\n', False), ("not toml", False)],
)
def test_a_settings_file_to_check_is_left_to_the_full_command(
    data: Path, settings: str, taken: bool
) -> None:
    Path(os.environ["CARTE_PREP_CONFIG_DIR"], "settings.toml").write_text(settings, "utf-8")
    assert printed(quick_list, data)[0] is taken


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "--json", "--sort", "date"],
        ["--lang", "de", "list", "--json"],
        ["--today", "soon", "list", "--json"],
        ["--data-dir", "", "list", "--json"],
        ["--demo", "list", "--json"],
    ],
)
def test_other_command_lines_are_left_to_the_parser(data: Path, argv: list[str]) -> None:
    with redirect_stdout(io.StringIO()) as out:
        assert quick_list(["--data-dir", str(data), *argv]) is False
    assert out.getvalue() == ""
