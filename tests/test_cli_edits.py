"""Changes from the command line: each one is an edit, one line of output, and undoable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from carte_prep.cli.member_fields import FIELDS
from carte_prep.core.model import Household, Member
from support import cli

H, M = "thompson-family", "david"


def saved(folder: Path, household: str = H) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((folder / f"{household}.json").read_text("utf-8"))
    return loaded


def test_every_member_flag_names_a_place_in_the_member() -> None:
    properties = Member.model_json_schema()
    definitions = properties["$defs"]
    for field in FIELDS:
        schema: dict[str, Any] = properties
        for part in field.path:
            assert part in schema["properties"], field.flag
            node = schema["properties"][part]
            refs = [node, *node.get("anyOf", [])]
            ref = next((r["$ref"] for r in refs if "$ref" in r), None)
            schema = definitions[ref.rsplit("/", 1)[-1]] if ref else node


def test_undo_and_redo_a_change_between_runs(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = (data / f"{H}.json").read_bytes()
    assert cli(capsys, "mark", H, M, "passport", "--status", "todo", "--note", "blue")[0] == 0
    changed = (data / f"{H}.json").read_bytes()
    code, out, _ = cli(capsys, "undo", H)
    assert code == 0
    assert out == f"{H}: undone: status, note (David James, Valid passport)\n"
    assert (data / f"{H}.json").read_bytes() == original
    code, out, _ = cli(capsys, "redo", H)
    assert (code, out) == (0, f"{H}: redone: status, note (David James, Valid passport)\n")
    assert (data / f"{H}.json").read_bytes() == changed
    code, _, err = cli(capsys, "redo", H)
    assert code == 1
    assert err == f"carte-prep: error: nothing to redo in {H}: nothing was undone since\n"


def test_undo_brings_a_removed_member_back(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = saved(data)
    assert cli(capsys, "remove-member", H, "margaret", "--yes")[0] == 0
    assert cli(capsys, "undo", H)[0] == 0
    assert saved(data) == before


def test_nothing_to_undo_is_said_in_one_line(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "undo", H)
    assert (code, out) == (1, "")
    assert err.startswith(f"carte-prep: error: nothing to undo in {H}")
    assert len(err.splitlines()) == 1


def test_undo_refuses_after_a_restore(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for status in ("todo", "requested"):
        assert cli(capsys, "mark", H, M, "passport", "--status", status)[0] == 0
    assert cli(capsys, "restore", H, "1")[0] == 0
    restored = (data / f"{H}.json").read_bytes()
    code, _, err = cli(capsys, "undo", H)
    assert code == 1
    assert "was changed since" in err
    assert (data / f"{H}.json").read_bytes() == restored


def test_deleting_a_household_removes_its_undo_history(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "rename", H, "--name", "Thompsons")[0] == 0
    assert (data / "history" / f"{H}.json").is_file()
    assert cli(capsys, "delete", H, "--yes")[0] == 0
    assert not (data / "history" / f"{H}.json").exists()


def test_rename(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "rename", H, "--name", "Les Thompson")
    assert (code, out) == (0, f"{H} is now named 'Les Thompson'\n")
    assert saved(data)["name"] == "Les Thompson"
    code, _, err = cli(capsys, "rename", H, "--name", " ")
    assert code == 1
    assert "name: is empty" in err


def test_new_without_an_id_makes_one_from_the_name(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "new", "--name", "Famille Léger, Lyon")
    assert code == 0
    assert out.startswith("created famille-leger-lyon in ")
    assert cli(capsys, "new", "--name", "Famille Léger, Lyon")[1].startswith(
        "created famille-leger-lyon-2 in "
    )


def test_ephoto_code_is_saved_and_removed(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ("ephoto", "nguyen-student", "linh")
    code, out, _ = cli(capsys, *base, "zk4m 9t2r qx7p b8wn 3fhd ab", "--bought", "2026-11-20")
    assert (code, out) == (0, "nguyen-student/linh: e-photo code saved\n")
    application = saved(data, "nguyen-student")["members"][0]["application"]
    assert application["ephoto"] == {"code": "ZK4M9T2RQX7PB8WN3FHDAB", "purchased_on": "2026-11-20"}
    code, _, err = cli(capsys, *base, "short")
    assert code == 1
    assert "about 22 letters and digits" in err
    assert cli(capsys, *base)[0] == 1
    assert cli(capsys, *base, "--clear")[0] == 0
    assert saved(data, "nguyen-student")["members"][0]["application"]["ephoto"] is None


def test_log_entries_can_be_removed(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ("log", H, M)
    assert cli(capsys, *base, "receipt", "recepisse", "--until", "2027-03-15")[0] == 0
    assert cli(capsys, *base, "receipt", "prolongation", "--until", "2027-06-15")[0] == 0
    assert "Receipt 2:   prolongation" in cli(capsys, *base)[1]
    assert cli(capsys, *base, "remove-receipt", "1")[0] == 0
    receipts = saved(data)["members"][0]["application"]["after_filing"]["receipts"]
    assert [r["kind"] for r in receipts] == ["prolongation"]
    code, _, err = cli(capsys, *base, "remove-request", "1")
    assert code == 1
    assert "there is no request 1" in err


def test_a_scan_can_be_detached(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"%PDF-1.4")
    base = ("mark", "nguyen-student", "linh", "passport")
    assert cli(capsys, *base, "--attach", str(scan))[0] == 0
    assert cli(capsys, *base, "--detach", str(scan))[0] == 0
    tracking = saved(data, "nguyen-student")["members"][0]["tracking"]["passport"]
    assert tracking["attachments"] == []
    code, _, err = cli(capsys, *base, "--detach", str(scan))
    assert code == 1
    assert "is not attached to 'passport'" in err


def test_a_wrong_variant_names_the_flag(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "mark", H, "emily", "host-proof-of-address", "--variant", "lease")
    assert code == 1
    assert err.startswith(
        "carte-prep: error: --variant 'lease' is not a kind of document for "
        "'host-proof-of-address'; choose one of: bill ("
    )


def test_the_household_address_and_a_members_own(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    street = ("--street", "2 rue Neuve", "--postcode", "24 000", "--town", "Périgueux")
    assert cli(capsys, "address", H, *street)[0] == 0
    own = ("--street", "5 quai Nord", "--postcode", "33000", "--town", "Bordeaux")
    assert cli(capsys, "address", H, "emily", *own)[0] == 0
    file = saved(data)
    assert file["address"] == {"street": "2 rue Neuve", "postcode": "24000", "town": "Périgueux"}
    emily = next(m for m in file["members"] if m["id"] == "emily")
    assert emily["address"]["town"] == "Bordeaux"
    code, out, _ = cli(capsys, "address", H, "emily", "--clear")
    assert code == 0
    assert "household's address" in out
    household = Household.model_validate(saved(data))
    assert household.address_of("emily") == household.address


def test_a_bad_post_code_changes_nothing(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (data / f"{H}.json").read_bytes()
    code, _, err = cli(
        capsys, "address", H, "--street", "1 rue", "--postcode", "123", "--town", "X"
    )
    assert code != 0
    assert "5 digits" in err
    assert (data / f"{H}.json").read_bytes() == before


def test_phone_and_email_are_member_flags(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    contact = ("--phone", "+33 6 12 34 56 78", "--email", "d@example.org")
    assert cli(capsys, "edit-member", H, M, *contact)[0] == 0
    david = next(m for m in saved(data)["members"] if m["id"] == M)
    assert (david["phone"], david["email"]) == ("+33 6 12 34 56 78", "d@example.org")
    code, _, err = cli(capsys, "edit-member", H, M, "--email", "not-an-address")
    assert code != 0
    assert "e-mail" in err
