"""The command line asks the two questions (what you ask for, what you hold) and shows why.

Run in process (``cli.main``) on a copy of the examples: the subprocess tests of
``test_cli.py`` already cover the entry point itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import cli

NEW_MEMBER = ("--given-names", "Omar", "--birth-date", "1999-04-02", "--nationality", "Tunisia")


def member(folder: Path, household: str, member_id: str) -> dict[str, object]:
    saved = json.loads((folder / f"{household}.json").read_text(encoding="utf-8"))
    found: dict[str, object] = next(m for m in saved["members"] if m["id"] == member_id)
    return found


def test_a_student_becoming_an_employee_is_a_change_of_status_with_its_reason(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(
        capsys,
        "add-member",
        "nguyen-student",
        "omar",
        *NEW_MEMBER,
        "--card",
        "salarie",
        "--holds",
        "vls-ts",
        "--held-card",
        "etudiant",
        "--card-expiry",
        "2027-03-01",
    )
    assert code == 0, err
    saved = member(data, "nguyen-student", "omar")
    assert saved["nationality"] == "TN"
    application = saved["application"]
    assert isinstance(application, dict)
    assert application["current_card"]["kind"] == "vls-ts"
    code, out, _ = cli(capsys, "checklist", "nguyen-student", "omar")
    assert code == 0
    assert "Procedure: change of status (a different card)" in out
    assert "Why: You hold a VLS-TS for the student card and ask for a different card" in out
    assert "Window:    file by 31/12/2026 (your visa ends 01/03/2027)" in out
    assert "Tunisian nationals" in out


def test_the_old_procedure_flag_is_read_with_a_note(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(
        capsys,
        "add-member",
        "nguyen-student",
        "omar",
        *NEW_MEMBER,
        "--card",
        "etudiant",
        "--procedure",
        "renewal",
    )
    assert code == 0
    assert "--procedure is replaced by --request and --holds" in err
    application = member(data, "nguyen-student", "omar")["application"]
    assert isinstance(application, dict)
    assert application["current_card"]["card_type"] == "etudiant"


def test_a_path_the_card_does_not_allow_is_refused_at_entry_with_the_page_to_read(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (data / "nguyen-student.json").read_bytes()
    code, _, err = cli(
        capsys,
        "add-member",
        "nguyen-student",
        "omar",
        *NEW_MEMBER,
        "--card",
        "rld-ue",
        "--holds",
        "nothing",
    )
    assert code != 0
    (line,) = err.strip().splitlines()
    assert "5 years of legal residence" in line
    assert "service-public.gouv.fr/particuliers/vosdroits/F17359" in line
    assert (data / "nguyen-student.json").read_bytes() == before


def test_an_unknown_nationality_is_one_clear_line(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "edit-member", "nguyen-student", "linh", "--nationality", "Atlantis")
    assert code != 0
    assert "--nationality: 'Atlantis' is not a nationality" in err


def test_checklist_sources_explains_the_confidence_marks(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "checklist", "haddad-household", "samir", "--sources")
    assert code == 0
    assert "How sure each rule is" in out
    assert "C2: two independent sources agree" in out
    assert "Confidence C3 (three or more independent sources agree), verified 01/12/2026" in out
    assert "Source: https://www.service-public.gouv.fr/particuliers/vosdroits/F302" in out


def test_the_kind_of_document_decides_its_age_limit(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(
        capsys,
        "mark",
        "haddad-household",
        "samir",
        "host-proof-of-address",
        "--variant",
        "deed-or-tax-notice",
    )
    assert code == 0
    assert "TOO OLD" not in out
    _, text, _ = cli(capsys, "checklist", "haddad-household", "samir")
    assert "a property deed, lease or tax notice: does not go out of date" in text
    code, _, err = cli(
        capsys, "mark", "haddad-household", "samir", "host-proof-of-address", "--variant", "lease"
    )
    assert code != 0
    assert "choose one of: bill (a bill or rent receipt); deed-or-tax-notice" in err


def test_cards_lists_the_paths_each_card_allows_and_refuses(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "cards")
    assert code == 0
    assert "- first card after a long-stay visa (VLS-TS): anef" in out
    assert "- first admission to stay (first card): not possible." in out
    liens = out.split("vpf-liens-personnels:")[1].split("\n\n")[0]
    assert "- not covered yet: carte-prep has no checklist for this card" in liens
    assert "Read: https://www.service-public.gouv.fr/particuliers/vosdroits/F31039" in liens


def test_a_six_year_old_spouse_applying_for_an_adult_card_is_refused_unless_confirmed(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 8: the CLI used to accept it silently; it asks for --yes, and saves nothing."""
    before = (data / "nguyen-student.json").read_bytes()
    child = ("--given-names", "Lea", "--birth-date", "2020-06-01", "--nationality", "France")
    flags = (*child, "--relationship", "spouse", "--card", "wa-5y", "--holds", "nothing")
    code, _, err = cli(capsys, "add-member", "nguyen-student", "lea", *flags)
    assert code == 1
    assert "Lea is 6, and is saved as a spouse. Is that right?" in err
    assert "a child under 18 needs no residence card" in err
    assert "“child”. (To change it: --relationship.)" in err
    assert "anyway? (To change it: --card.)" in err
    assert "(or in a PACS). (To change it: --marital-status.)" in err
    assert "step" not in err  # the app's steps mean nothing on the command line
    assert "run again with --yes if this is right" in err
    assert len(err.strip().splitlines()) == 1
    assert (data / "nguyen-student.json").read_bytes() == before
    code, _, err = cli(capsys, "add-member", "nguyen-student", "lea", *flags, "--yes")
    assert code == 0, err
    assert member(data, "nguyen-student", "lea")["relationship"] == "spouse"


def test_list_due_shows_only_members_with_a_date_this_week_or_overdue(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """For a volunteer with many households: ``list --due 7d`` and ``--due overdue``."""
    code, out, _ = cli(capsys, "--today", "2026-12-01", "list", "--due", "7d")
    assert code == 0
    assert "yacine" in out
    assert "linh" in out
    assert "thompson-family" not in out  # next date 15/12/2026
    assert "claire" not in out  # in a listed household, but nothing due
    code, out, _ = cli(capsys, "--today", "2026-12-16", "list", "--due", "overdue")
    assert code == 0
    assert "fatima" in out
    assert "samir" in out
    assert "thompson-family" not in out
    assert "yacine" not in out
    code, out, _ = cli(capsys, "--today", "2026-12-01", "list", "--due", "overdue")
    assert out.strip() == "No household overdue (of 5)."
    code, _, err = cli(capsys, "list", "--due", "soon")
    assert code == 1
    assert err.strip() == (
        "carte-prep: error: --due 'soon': give a number of days or weeks (7d, 2w) or 'overdue'"
    )


def test_list_find_matches_member_card_and_prefecture_without_accents(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for words, expected in (
        ("nguyen", "nguyen-student"),
        ("perigueux", "thompson-family"),
        ("visitor marseille", "haddad-household"),
    ):
        code, out, _ = cli(capsys, "list", "--find", words, "--json")
        assert code == 0
        assert [h["id"] for h in json.loads(out)["households"]] == [expected]


def test_list_sort_by_date_puts_the_soonest_first(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "list", "--sort", "date")
    assert code == 0
    heads = [line.split()[0] for line in out.splitlines() if not line.startswith(" ")]
    assert heads == [
        "haddad-household",
        "benali-household",
        "nguyen-student",
        "selvaraj-household",
        "thompson-family",
    ]  # the soonest next date first; the same date by name
