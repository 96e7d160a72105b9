"""The command line speaks as the app does: dates as typed on French papers, fields named
as the person typed them, one way to give a date, and nothing given that is dropped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from support import PROFILES
from test_cli import run

INTERNAL = ("valid_until", "issued_on", "received_on", "sent_on", "(top level)", "birth_date")


@pytest.fixture
def thompson(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(PROFILES / "thompson-family.json", data)
    return data


def _log(data: Path, member_id: str) -> dict[str, object]:
    household = json.loads((data / "thompson-family.json").read_text(encoding="utf-8"))
    member = next(m for m in household["members"] if m["id"] == member_id)
    log: dict[str, object] = member["application"]["after_filing"]
    return log


@pytest.mark.parametrize(
    ("args", "flag", "words"),
    [
        (
            ("receipt", "recepisse", "--until", "2027-01-01", "--issued", "2027-02-01"),
            "--until",
            "the end date is before the day it was issued (01/02/2027)",
        ),
        (
            ("request", "--received", "2027-02-01", "--deadline", "2027-01-01", "--what", "x"),
            "--deadline",
            "the deadline is before the day the request came (01/02/2027)",
        ),
    ],
)
def test_dates_out_of_order_are_refused_naming_the_flag(
    thompson: Path, args: tuple[str, ...], flag: str, words: str
) -> None:
    result = run(thompson, "log", "thompson-family", "david", *args)
    assert result.returncode == 1
    assert f"thompson-family/david: {flag}: {words}" in result.stderr
    assert not any(name in result.stderr for name in INTERNAL)


def test_a_sent_date_before_the_letter_names_the_date_typed(thompson: Path) -> None:
    request = ("request", "--received", "2026-11-20", "--deadline", "2026-12-20", "--what", "x")
    assert run(thompson, "log", "thompson-family", "david", *request).returncode == 0
    result = run(thompson, "log", "thompson-family", "david", "sent", "1", "2026-11-01")
    assert result.returncode == 1
    assert "DATE: the day sent is before the day the request came (20/11/2026)" in result.stderr
    assert not any(name in result.stderr for name in INTERNAL)


def test_dates_are_read_as_in_the_app_and_every_date_action_takes_either_style(
    thompson: Path,
) -> None:
    log = ("log", "thompson-family", "david")
    assert run(thompson, *log, "filed", "--date", "20/11/2026").returncode == 0
    assert _log(thompson, "david")["filed_on"] == "2026-11-20"
    assert run(thompson, *log, "filed", "21/11/2026").returncode == 0
    assert _log(thompson, "david")["filed_on"] == "2026-11-21"
    assert run(thompson, *log, "receipt", "recepisse", "--until", "20/02/2027").returncode == 0
    assert run(thompson, *log, "card-ready", "--date", "2027-01-10").returncode == 0
    assert _log(thompson, "david")["card_ready_on"] == "2027-01-10"
    missing = run(thompson, *log, "filed")
    assert missing.returncode == 1
    assert "'carte-prep log thompson-family david filed DATE'" in missing.stderr
    bad = run(thompson, *log, "filed", "31/02/2027")
    assert "is not a date; write it as dd/mm/yyyy or YYYY-MM-DD" in bad.stderr
    assert "(see 'carte-prep log HOUSEHOLD MEMBER filed --help')" in bad.stderr


def test_a_missing_member_field_is_named_by_its_flag(thompson: Path) -> None:
    result = run(
        thompson, "add-member", "thompson-family", "tom", "--given-names", "Tom", "--no-card"
    )
    assert result.returncode == 1
    assert "tom: --birth-date: is required but missing" in result.stderr
    fact = ("edit-member", "thompson-family", "david", "--fact", "schooled_in_france=maybe")
    assert (
        "david: --fact schooled_in_france: should be true or false" in run(thompson, *fact).stderr
    )
    amount = ("log", "thompson-family", "david", "timbre", "1234567890123456", "0")
    assert "AMOUNT: should be more than 0" in run(thompson, *amount).stderr


def test_new_makes_the_first_members_id_from_the_given_names(tmp_path: Path) -> None:
    made = run(
        tmp_path,
        *("new", "smith", "--name", "Smith", "--given-names", "John William"),
        *("--surname", "Smith", "--birth-date", "02/03/1970", "--nationality", "GB"),
        *("--card", "wa-10y", "--holds", "card"),
    )
    assert made.returncode == 0, made.stderr
    assert "added john to smith" in made.stdout
    saved = json.loads((tmp_path / "smith.json").read_text(encoding="utf-8"))
    assert [(m["id"], m["birth_date"]) for m in saved["members"]] == [("john", "1970-03-02")]


def test_new_refuses_member_flags_without_names_rather_than_drop_them(tmp_path: Path) -> None:
    result = run(tmp_path, "new", "smith", "--name", "Smith", "--birth-date", "1970-03-02")
    assert result.returncode == 1
    assert "--birth-date describe a first member: add --given-names" in result.stderr
    assert not (tmp_path / "smith.json").exists()


def test_demo_says_a_change_is_thrown_away(tmp_path: Path) -> None:
    marked = run(
        tmp_path, "--demo", "mark", "thompson-family", "david", "passport", "--status", "todo"
    )
    assert marked.returncode == 0
    assert "this change is thrown away when the command ends" in marked.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ("address", "thompson-family", "--street", "", "--postcode", "123", "--town", "X"),
            "address: --street: is empty; fill it in; --postcode: '123' is not a French post code",
        ),
        (
            ("mark", "thompson-family", "david", "passport", "--note", "x" * 10_001),
            "passport: --note: is 10001 characters long",
        ),
        (
            ("ephoto", "thompson-family", "david", "short"),
            "thompson-family/david: CODE: should be the code of about 22 letters and digits",
        ),
    ],
)
def test_every_refusal_names_what_was_typed(
    thompson: Path, args: tuple[str, ...], words: str
) -> None:
    result = run(thompson, *args)
    assert result.returncode != 0
    assert words in result.stderr
    assert not any(f" {name}:" in result.stderr for name in ("street", "notes", "code"))


def test_mark_reads_the_status_in_the_apps_words(thompson: Path) -> None:
    marked = run(thompson, "mark", "thompson-family", "david", "passport", "--status", "handed in")
    assert marked.returncode == 0, marked.stderr
    household = json.loads((thompson / "thompson-family.json").read_text(encoding="utf-8"))
    david = next(m for m in household["members"] if m["id"] == "david")
    assert david["tracking"]["passport"]["status"] == "handed-in"


def test_a_mistyped_card_id_is_named_with_the_ids_it_is_close_to(thompson: Path) -> None:
    result = run(
        thompson,
        *("add-member", "thompson-family", "tom", "--given-names", "Tom", "--card", "wa10"),
    )
    assert result.returncode != 0
    assert "--card: 'wa10' is not a known card type; did you mean 'wa-10y'?" in result.stderr


def test_an_unknown_option_points_to_the_help_of_the_command_it_was_given_to(
    thompson: Path,
) -> None:
    mark = run(thompson, "mark", "thompson-family", "david", "passport", "--fact", "x")
    assert "unrecognized arguments: --fact x (see 'carte-prep mark --help')" in mark.stderr
    log = ("log", "thompson-family", "david", "filed", "20/11/2026", "--bogus")
    assert "(see 'carte-prep log HOUSEHOLD MEMBER filed --help')" in run(thompson, *log).stderr
