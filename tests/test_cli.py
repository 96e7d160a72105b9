"""The command line end to end, as a person or a script would use it.

Most commands run in this process through ``main(argv)`` (a subprocess each would take
most of the suite's time); the entry point itself runs as a real process in the smoke
tests at the end.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from carte_prep.cli import main
from support import PROFILES

SRC = Path(__file__).resolve().parents[1] / "src"
TODAY = ("--today", "2026-11-27")


@contextmanager
def data_dir_set(data_dir: Path) -> Iterator[None]:
    saved = os.environ.get("CARTE_PREP_DATA_DIR")
    os.environ["CARTE_PREP_DATA_DIR"] = str(data_dir)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["CARTE_PREP_DATA_DIR"]
        else:
            os.environ["CARTE_PREP_DATA_DIR"] = saved


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``carte-prep --today 2026-11-27 ARGS`` on ``data_dir``, in this process."""
    out, err = io.StringIO(), io.StringIO()
    with data_dir_set(data_dir), redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([*TODAY, *args])
        except SystemExit as exc:  # argparse: --help, --version and its own errors
            code = exc.code if isinstance(exc.code, int) else 0
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def run_process(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The same through ``python -m carte_prep``, as a separate process."""
    env = {**os.environ, "CARTE_PREP_DATA_DIR": str(data_dir), "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-m", "carte_prep", *TODAY, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def snapshot(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("carte-prep: error: ")
    return lines[0]


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for profile in PROFILES.glob("*.json"):
        shutil.copy(profile, data / profile.name)
    return data


def test_version_and_help(tmp_path: Path) -> None:
    assert run(tmp_path, "--version").stdout.startswith("carte-prep ")
    assert "checklist" in run(tmp_path, "--help").stdout


def test_list_with_no_data_explains_how_to_start(tmp_path: Path) -> None:
    result = run(tmp_path / "none", "list")
    assert result.returncode == 0
    assert "carte-prep new" in result.stdout
    assert "--demo" in result.stdout
    assert not (tmp_path / "none").exists()


def test_list_shows_every_member_with_card_route_progress_and_deadline(examples: Path) -> None:
    result = run(examples, "list")
    assert result.returncode == 0, result.stderr
    assert "david" in result.stdout
    assert "wa-10y, renewal of the same card, via prefecture" in result.stdout
    assert "etudiant, renewal of the same card, via anef" in result.stdout
    data = json.loads(run(examples, "list", "--json").stdout)
    ids = {h["id"] for h in data["households"]}
    assert {"thompson-family", "nguyen-student", "haddad-household"} <= ids
    thompson = next(h for h in data["households"] if h["id"] == "thompson-family")
    david = thompson["members"][0]
    assert david["next_deadline"] == {
        "date": "2026-12-15",
        "time": "10:30",
        "what": "Prefecture appointment",
        "level": "warning",
    }


def test_checklist_text_and_json(examples: Path) -> None:
    text = run(examples, "checklist", "thompson-family", "david", "--sources").stdout
    assert "Passeport en cours de validité" in text
    assert "Valid passport" in text
    assert "TOO OLD" in text
    assert "Source: http" in text
    data = json.loads(run(examples, "checklist", "haddad-household", "--json").stdout)
    assert [m["member_id"] for m in data["members"]] == ["samir", "nadia"]
    for member in data["members"]:
        for section in member["sections"]:
            for item in section["items"]:
                assert item["requirement"]["sources"]
                assert item["requirement"]["how_to_get"]
    codes = {w["code"] for w in data["members"][0]["warnings"]}
    assert {"translation", "too-old"} <= codes


def test_mark_saves_and_reports_freshness(examples: Path) -> None:
    result = run(
        examples,
        "mark",
        "thompson-family",
        "david",
        "proof-of-address",
        "--date",
        "2026-11-20",
        "--note",
        "New EDF bill [/b]",
    )
    assert result.returncode == 0, result.stderr
    assert "fresh on your appointment" in result.stdout
    saved = json.loads((examples / "thompson-family.json").read_text(encoding="utf-8"))
    shared = saved["shared"][0]["tracking"]
    assert shared["document_date"] == "2026-11-20"
    assert shared["notes"] == "New EDF bill [/b]"
    listing = run(examples, "checklist", "thompson-family", "margaret").stdout
    assert "dated 20/11/2026: fresh" in listing


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("mark", "nowhere", "x", "passport", "--status", "gathered"), "no household 'nowhere'"),
        (("mark", "thompson-family", "zed", "passport", "--status", "gathered"), "no member 'zed'"),
        (("mark", "thompson-family", "david", "nope", "--status", "gathered"), "no checklist item"),
        (
            ("mark", "thompson-family", "david", "transcripts", "--status", "gathered"),
            "not on david's checklist",
        ),
        (("mark", "thompson-family", "david", "passport"), "nothing to change"),
        (
            ("mark", "thompson-family", "david", "passport", "--note", "a\u202eb"),
            "direction control",
        ),
        (
            ("mark", "thompson-family", "david", "passport", "--attach", "/no/such.pdf"),
            "no such file",
        ),
        (("checklist", "thompson-family", "ghost"), "no member 'ghost'"),
        (("new", "thompson-family", "--name", "Again"), "already exists"),
        (("new", "Bad Id", "--name", "X"), "lower-case letters"),
        (
            (
                "new",
                "solo",
                "--name",
                "Solo",
                "--member-id",
                "me",
                "--given-names",
                "Me",
                "--birth-date",
                "1990-01-01",
                "--nationality",
                "x",
                "--card",
                "gold",
                "--procedure",
                "first",
            ),
            "not a known card type",
        ),
        (
            ("edit-member", "thompson-family", "david", "--card", "wa-5y"),
            "no checklist for the Withdrawal Agreement 5-year card by this path (renewal",
        ),
        (("delete", "thompson-family"), "--yes"),
        (("share", "thompson-family", "passport", "david", "emily"), "personal"),
        (("export", "ghost"), "no household 'ghost'"),
    ],
)
def test_bad_input_gives_one_line_and_changes_nothing(
    examples: Path, args: tuple[str, ...], expected: str
) -> None:
    before = snapshot(examples)
    message = one_error_line(run(examples, *args))
    assert expected in message
    assert snapshot(examples) == before


@pytest.mark.parametrize(
    "args",
    [
        ("mark", "thompson-family", "david", "passport", "--status", "lost"),
        ("mark", "thompson-family", "david", "passport", "--date", "2026-02-30"),
        ("checklist",),
        ("frobnicate",),
    ],
)
def test_bad_arguments_exit_2_with_one_line(examples: Path, args: tuple[str, ...]) -> None:
    before = snapshot(examples)
    result = run(examples, *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(examples) == before


def test_new_add_and_edit_member_change_the_checklist(tmp_path: Path) -> None:
    data = tmp_path / "data"
    created = run(
        data,
        "new",
        "lopez",
        "--name",
        "Famille López",
        "--member-id",
        "sofia",
        "--given-names",
        "Sofía",
        "--surname",
        "López",
        "--birth-date",
        "1988-04-02",
        "--nationality",
        "Colombian",
        "--card",
        "visiteur",
        "--procedure",
        "renewal",
        "--departement",
        "13",
        "--card-expiry",
        "2027-02-01",
        "--housing",
        "hosted",
    )
    assert created.returncode == 0, created.stderr
    assert oct((data / "lopez.json").stat().st_mode & 0o777) == "0o600"
    text = run(data, "checklist", "lopez", "sofia").stdout
    assert "Attestation d'hébergement" in text
    assert "visiteur" not in text.split("Card:")[0]
    added = run(
        data,
        "add-member",
        "lopez",
        "mateo",
        "--given-names",
        "Mateo",
        "--birth-date",
        "2016-03-03",
        "--nationality",
        "Colombian",
        "--no-card",
    )
    assert added.returncode == 0, added.stderr
    assert "no card needed" in run(data, "list").stdout
    edited = run(
        data,
        "edit-member",
        "lopez",
        "sofia",
        "--card",
        "salarie",
        "--fact",
        "employment_change=new-employer",
    )
    assert edited.returncode == 0, edited.stderr
    after = run(data, "checklist", "lopez", "sofia").stdout
    assert "Autorisation de travail" in after
    assert "Justificatifs de ressources suffisantes" not in after


def test_share_then_stop_sharing(examples: Path) -> None:
    assert (
        run(
            examples, "share", "thompson-family", "proof-of-address", "david", "margaret", "emily"
        ).returncode
        == 0
    )
    saved = json.loads((examples / "thompson-family.json").read_text(encoding="utf-8"))
    assert saved["shared"][0]["members"] == ["david", "margaret", "emily"]
    assert run(examples, "share", "thompson-family", "proof-of-address").returncode == 0
    saved = json.loads((examples / "thompson-family.json").read_text(encoding="utf-8"))
    assert saved["shared"] == []


def test_export_import_round_trip(examples: Path, tmp_path: Path) -> None:
    original = (examples / "nguyen-student.json").read_text(encoding="utf-8")
    assert run(examples, "export", "nguyen-student").stdout == original
    out = tmp_path / "copy.json"
    assert run(examples, "export", "nguyen-student", "-o", str(out)).returncode == 0
    assert "already exists" in one_error_line(
        run(examples, "export", "nguyen-student", "-o", str(out))
    )
    other = tmp_path / "other"
    assert run(other, "import", str(out)).returncode == 0
    assert (other / "nguyen-student.json").read_text(encoding="utf-8") == original
    assert "already exists" in one_error_line(run(other, "import", str(out)))
    assert run(other, "import", str(out), "--replace").returncode == 0


def test_import_of_an_invalid_file_names_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    data = json.loads((PROFILES / "nguyen-student.json").read_text(encoding="utf-8"))
    data["members"][0]["birth_date"] = "2002-13-45"
    bad.write_text(json.dumps(data), encoding="utf-8")
    message = one_error_line(run(tmp_path / "data", "import", str(bad)))
    assert "members[0].birth_date" in message
    assert not (tmp_path / "data").exists()


def test_a_corrupt_file_is_reported_kept_and_others_still_load(examples: Path) -> None:
    corrupt = examples / "broken.json"
    corrupt.write_text('{"schema_version": 1, "id": "broken", "name": ', encoding="utf-8")
    before = corrupt.read_bytes()
    result = run(examples, "list")
    assert result.returncode == 1
    assert "broken.json" in result.stderr
    assert "not valid JSON" in result.stderr
    assert "thompson-family" in result.stdout
    assert corrupt.read_bytes() == before


def test_delete_with_confirmation(examples: Path) -> None:
    assert run(examples, "delete", "haddad-household", "--yes").returncode == 0
    assert not (examples / "haddad-household.json").exists()
    assert "haddad" not in run(examples, "list").stdout


def test_cards_schema_and_paths(tmp_path: Path) -> None:
    cards = run(tmp_path, "cards").stdout
    assert "wa-10y" in cards
    assert "talent-chercheur" in cards
    assert "Sources: http" in cards
    assert len(json.loads(run(tmp_path, "cards", "--json").stdout)) >= 14
    schema = json.loads(run(tmp_path, "schema").stdout)
    assert schema["title"] == "Household"
    card = schema["$defs"]["CurrentCard"]["properties"]["numero_etranger"]
    assert "10-digit AGDREF number" in card["description"]  # models of every module described
    paths = json.loads(run(tmp_path, "paths", "--json").stdout)
    assert paths["data"] == str(tmp_path)
    assert Path(paths["examples"], "thompson-family.json").is_file()


def test_agenda_text_and_json(examples: Path) -> None:
    text = run(examples, "agenda").stdout
    assert "15/12/2026 10:30  David James Thompson: Prefecture appointment" in text
    data = json.loads(run(examples, "agenda", "nguyen-student", "--json").stdout)
    dates = [event["date"] for event in data["events"]]
    assert dates == sorted(dates)
    assert {e["member_id"] for e in data["events"]} == {"linh"}


def test_ics_file_is_written_privately_and_parses(examples: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    out = tmp_path / "thompson.ics"
    result = run(examples, "ics", "thompson-family", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert any("Prefecture appointment" in str(e["SUMMARY"]) for e in events)
    assert "already exists" in one_error_line(
        run(examples, "ics", "thompson-family", "-o", str(out))
    )


def test_after_filing_log(examples: Path) -> None:
    base = ("log", "thompson-family", "david")
    assert run(examples, *base, "filed", "2026-12-15").returncode == 0
    assert run(examples, *base, "receipt", "recepisse", "--until", "2027-03-15").returncode == 0
    assert (
        run(
            examples,
            *base,
            "request",
            "--received",
            "2027-01-05",
            "--deadline",
            "2027-02-04",
            "--what",
            "Bank statements",
        ).returncode
        == 0
    )
    assert run(examples, *base, "sent", "1", "--date", "2027-01-10").returncode == 0
    assert run(examples, *base, "timbre", "1234 5678 9012 3456", "25").returncode == 0
    shown = run(examples, *base).stdout
    assert "recepisse, valid until 15/03/2027" in shown
    assert "sent 10/01/2027" in shown
    saved = json.loads((examples / "thompson-family.json").read_text(encoding="utf-8"))
    log = saved["members"][0]["application"]["after_filing"]
    assert log["timbre"]["number"] == "1234567890123456"
    before = snapshot(examples)
    assert "no request 5" in one_error_line(
        run(examples, *base, "sent", "5", "--date", "2027-01-10")
    )
    assert "16-digit" in one_error_line(run(examples, *base, "timbre", "123", "25"))
    assert snapshot(examples) == before


def test_restore_lists_and_brings_back_a_previous_version(examples: Path) -> None:
    path = examples / "nguyen-student.json"
    original = path.read_bytes()
    assert "no previous versions" in run(examples, "restore", "nguyen-student").stdout
    for status in ("requested", "gathered"):
        assert (
            run(
                examples, "mark", "nguyen-student", "linh", "student-resources", "--status", status
            ).returncode
            == 0
        )
    listing = run(examples, "restore", "nguyen-student").stdout
    assert "  1  replaced on" in listing
    assert "  2  replaced on" in listing
    assert "no version 9" in one_error_line(run(examples, "restore", "nguyen-student", "9"))
    assert run(examples, "restore", "nguyen-student", "2").returncode == 0
    assert path.read_bytes() == original


def test_numero_hint_by_issue_date(tmp_path: Path) -> None:
    recent = run(tmp_path, "numero", "--issued", "2022-01-21").stdout
    assert "above the signature" in recent
    assert "vertically" not in recent
    assert "vertically" in run(tmp_path, "numero").stdout


def test_remove_member_needs_confirmation(examples: Path) -> None:
    before = snapshot(examples)
    assert "--yes" in one_error_line(run(examples, "remove-member", "thompson-family", "emily"))
    assert snapshot(examples) == before
    assert run(examples, "remove-member", "thompson-family", "emily", "--yes").returncode == 0
    assert "emily" not in run(examples, "list").stdout


def test_demo_commands_work_on_a_copy_of_the_examples(tmp_path: Path) -> None:
    before = snapshot(PROFILES)
    data = json.loads(run(tmp_path, "--demo", "checklist", "thompson-family", "--json").stdout)
    assert [m["member_id"] for m in data["members"]] == ["david", "margaret", "emily"]
    marked = run(
        tmp_path, "--demo", "mark", "thompson-family", "david", "passport", "--status", "todo"
    )
    assert marked.returncode == 0
    assert snapshot(PROFILES) == before
    assert not tmp_path.joinpath("thompson-family.json").exists()


def test_list_warns_about_files_other_users_can_read(examples: Path) -> None:
    (examples / "nguyen-student.json").chmod(0o644)
    result = run(examples, "list")
    assert result.returncode == 0
    assert "chmod 600" in result.stderr
    assert "nguyen-student.json" in result.stderr


def test_attachments_are_added_not_replaced(examples: Path, tmp_path: Path) -> None:
    scans = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for scan in scans:
        scan.write_bytes(b"%PDF-1.4 " + scan.name.encode())
    base = ("mark", "nguyen-student", "linh", "passport", "--attach")
    assert run(examples, *base, str(scans[0])).returncode == 0
    assert run(examples, *base, str(scans[1]), str(scans[0])).returncode == 0
    saved = json.loads((examples / "nguyen-student.json").read_text(encoding="utf-8"))
    attached = saved["members"][0]["tracking"]["passport"]["attachments"]
    assert [(examples / a).read_bytes() for a in attached] == [s.read_bytes() for s in scans]
    assert all(a.startswith("attachments/nguyen-student/") for a in attached)


@pytest.mark.parametrize(
    "args",
    [
        ("--today", "9999-12-31", "list"),
        ("pdf", "nguyen-student", "-o", "x.pdf", "--timeout", "nan"),
        ("pdf", "nguyen-student", "-o", "x.pdf", "--timeout", "0"),
    ],
)
def test_implausible_numbers_are_refused(examples: Path, args: tuple[str, ...]) -> None:
    result = run(examples, *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_restoring_a_version_that_does_not_exist_is_an_error(examples: Path) -> None:
    assert "no previous versions" in one_error_line(run(examples, "restore", "nguyen-student", "1"))


# -- the entry point as a real process ---------------------------------------------------


def test_the_entry_point_runs_commands(examples: Path) -> None:
    assert run_process(examples, "--version").stdout.startswith("carte-prep ")
    listing = run_process(examples, "list")
    assert listing.returncode == 0, listing.stderr
    assert "wa-10y, renewal of the same card, via prefecture" in listing.stdout
    marked = run_process(
        examples, "mark", "thompson-family", "david", "passport", "--status", "todo"
    )
    assert marked.returncode == 0, marked.stderr
    assert run_process(examples, "undo", "thompson-family").returncode == 0
    exported = run_process(examples, "export", "nguyen-student")
    assert exported.stdout == (examples / "nguyen-student.json").read_text(encoding="utf-8")


def test_the_entry_point_reports_mistakes_in_one_line(examples: Path) -> None:
    before = snapshot(examples)
    assert "no household 'ghost'" in one_error_line(run_process(examples, "checklist", "ghost"))
    bad = run_process(examples, "mark", "thompson-family", "david", "passport", "--status", "lost")
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1
    assert snapshot(examples) == before


def test_a_new_member_without_a_chosen_card_is_refused_and_nothing_is_saved(
    examples: Path,
) -> None:
    """As in the app, no card is given by default: the command asks for one (or --no-card)."""
    before = (examples / "thompson-family.json").read_bytes()
    added = run(
        examples,
        "add-member",
        "thompson-family",
        "tom",
        "--given-names",
        "Tom",
        "--birth-date",
        "1990-02-01",
        "--nationality",
        "GB",
    )
    assert added.returncode != 0
    assert "give --card" in added.stderr
    assert "--no-card" in added.stderr
    assert (examples / "thompson-family.json").read_bytes() == before


def test_the_quick_top_level_help_is_the_full_parsers_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--help`` is printed without building the commands' options, word for word the same."""
    from carte_prep.cli import build_parser
    from carte_prep.cli.parser import top_level_help

    assert main(["--help"]) == 0
    assert capsys.readouterr().out == build_parser().format_help() == top_level_help()


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_the_quick_paths_answer_is_the_full_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], json_flag: list[str]
) -> None:
    """``paths`` answered before the parser is built says what the full command says."""
    from carte_prep.cli import paths as paths_module

    argv = ["--data-dir", str(tmp_path / "data"), "paths", *json_flag]
    assert main(argv) == 0
    quick = capsys.readouterr().out
    assert paths_module.quick_paths(argv)
    assert capsys.readouterr().out == quick
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths_module, "quick_paths", lambda argv: False)
        assert main(argv) == 0
    assert capsys.readouterr().out == quick
    assert str(tmp_path / "data") in quick


def test_a_note_of_several_lines_stays_under_its_label(examples: Path) -> None:
    note = "Ann: ask EDF for a new bill\nBob: the lease is in the blue folder"
    marked = run(examples, "mark", "thompson-family", "david", "passport", "--note", note)
    assert marked.returncode == 0, marked.stderr
    text = run(examples, "checklist", "thompson-family", "david").stdout.splitlines()
    first = next(i for i, line in enumerate(text) if line.endswith("Ann: ask EDF for a new bill"))
    second = text[first + 1]
    assert second.strip() == "Bob: the lease is in the blue folder"
    assert second.index("Bob") == text[first].index("Ann")


def test_a_filing_date_after_today_is_questioned_as_soon_as_it_is_logged(examples: Path) -> None:
    """Review 7: ``log … filed 2031-01-01`` said only "saved"; the typo showed up later."""
    logged = run(examples, "log", "thompson-family", "david", "filed", "2031-01-01")
    assert logged.returncode == 0, logged.stderr
    assert "filed saved" in logged.stdout
    assert "The filing date 01/01/2031 is after today: probably a typo" in logged.stdout
    fine = run(examples, "log", "thompson-family", "david", "filed", "2026-11-20")
    assert "after today" not in fine.stdout


def test_mark_names_an_unknown_item_before_asking_what_to_change(examples: Path) -> None:
    """The second walk: ``mark … nope`` answered "nothing to change"."""
    result = run(examples, "mark", "thompson-family", "david", "nope")
    assert result.returncode != 0
    assert "no checklist item 'nope'" in result.stderr
    assert "nothing to change" not in result.stderr


def test_a_route_the_card_does_not_let_one_choose_is_said_to_change_nothing(
    examples: Path,
) -> None:
    """The second walk: ``edit-member … --route anef`` for a WA card said only "updated"."""
    chosen = run(examples, "edit-member", "thompson-family", "david", "--route", "anef")
    assert chosen.returncode == 0, chosen.stderr
    assert "--route changes nothing here" in chosen.stdout
    same = run(examples, "edit-member", "thompson-family", "david", "--route", "prefecture")
    assert "--route" not in same.stdout


def test_an_appointment_time_without_its_day_is_refused(examples: Path) -> None:
    """The second walk: ``--appointment-time 10:30`` alone made an appointment with no day."""
    before = (examples / "nguyen-student.json").read_bytes()
    alone = run(examples, "edit-member", "nguyen-student", "linh", "--appointment-time", "10:30")
    assert alone.returncode != 0
    assert "--appointment-time needs the day too" in alone.stderr
    assert (examples / "nguyen-student.json").read_bytes() == before
