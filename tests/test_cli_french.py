"""The command line in French: help, errors, the checklist, and the stored-data messages.

English is the language of every other CLI test; these ask for French with ``--lang fr``
(in a separate process, as a person runs it) or the ``french`` fixture (in this process).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from carte_prep.cli import main
from carte_prep.core.errors import explain_validation
from carte_prep.core.model import Household
from carte_prep.core.storage.backups import describe_change
from carte_prep.i18n import language
from support import PROFILES

SRC = Path(__file__).resolve().parents[1] / "src"
TODAY = ("--today", "2026-11-27")


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for profile in PROFILES.glob("*.json"):
        shutil.copy(profile, data / profile.name)
    return data


def carte_prep(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m carte_prep ARGS`` in its own process, on ``data_dir``."""
    env = {**os.environ, "CARTE_PREP_DATA_DIR": str(data_dir), "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-m", "carte_prep", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_help_is_in_french(tmp_path: Path) -> None:
    shown = carte_prep(tmp_path, "--lang", "fr", "--help").stdout
    assert "Préparez une demande de titre de séjour en France" in shown
    assert "la liste de pièces adaptée à un foyer ou à un membre" in shown
    assert "la langue à utiliser : fr ou en" in shown
    assert "Prepare a French residence card application" not in shown
    assert "--data-dir DIR" in shown  # option names and metavars stay as they are


def test_a_command_help_is_in_french(tmp_path: Path) -> None:
    shown = carte_prep(tmp_path, "--lang", "fr", "pdf", "--help").stdout
    assert "imprimer les numéros en entier (masqués par défaut)" in shown
    assert "la langue du dossier : fr ou en" in shown


def test_errors_are_one_french_line(examples: Path) -> None:
    result = carte_prep(examples, "--lang", "fr", *TODAY, "checklist", "nobody")
    assert result.returncode == 1
    assert result.stderr == (
        "carte-prep : erreur : aucun foyer 'nobody' ; lancez 'carte-prep list' pour les voir\n"
    )
    bad_date = carte_prep(examples, "--lang", "fr", "--today", "2026-13-01", "list")
    assert bad_date.returncode == 2
    assert "n’est pas une date ; écrivez-la sous la forme jj/mm/aaaa ou AAAA-MM-JJ" in (
        bad_date.stderr
    )
    assert bad_date.stderr.startswith("carte-prep : erreur : ")


def test_checklist_headers_are_in_french(examples: Path) -> None:
    result = carte_prep(examples, "--lang", "fr", *TODAY, "checklist", "benali-household")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Benali family (Lille) — liste des pièces au 27/11/2026"
    for label in (
        "  Titre :    ",
        "  Démarche : ",
        "  Dépôt :    ",
        "  Jugé au :  ",
        "  Taxe :     ",
    ):
        assert any(line.startswith(label) for line in lines), label
    assert any(line.startswith("  Pièces :   ") and "prêtes" in line for line in lines)
    assert "Catalogue vérifié pour la dernière fois le " in result.stdout
    assert "Procedure:" not in result.stdout
    assert "Progress:" not in result.stdout


def test_the_same_checklist_stays_english_without_the_flag(examples: Path) -> None:
    result = carte_prep(examples, *TODAY, "checklist", "benali-household")
    assert result.stdout.splitlines()[0] == "Benali family (Lille) — checklist on 27/11/2026"
    assert "  Procedure: " in result.stdout


@pytest.mark.usefixtures("french")
def test_validation_messages_are_in_french() -> None:
    with pytest.raises(ValidationError) as caught:
        Household(id="Bad Id", name="Martin")
    assert explain_validation(caught.value, where="foyer") == (
        "foyer: id: 'Bad Id' n’est pas un identifiant valable ; utilisez de 1 à 64 lettres "
        "minuscules, chiffres et traits d’union, par exemple 'famille-martin'"
    )


def _household(statuses: dict[str, str], date: str | None) -> bytes:
    tracking: dict[str, Any] = {item: {"status": status} for item, status in statuses.items()}
    tracking["passport"]["document_date"] = date
    member = {"id": "emily", "given_names": "Emily", "tracking": tracking}
    return json.dumps({"id": "martin", "name": "Martin", "members": [member]}).encode()


@pytest.mark.usefixtures("french")
def test_what_a_backup_would_undo_is_counted_in_french() -> None:
    before = _household({"passport": "todo", "photo": "todo", "rent": "todo"}, None)
    after = _household({"passport": "gathered", "photo": "gathered", "rent": "requested"}, "x")
    assert describe_change(before, after) == "3 statuts, 1 date"


def test_pdf_lang_sets_the_language_before_the_dossier_is_laid_out(
    examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import carte_prep.dossier as dossier

    spoken: list[str] = []

    def render(_source: object, output: Path, **_options: object) -> Path:
        spoken.append(language())
        return output

    monkeypatch.setattr(dossier, "render_pdf", render)
    monkeypatch.setattr(dossier, "glyph_warnings", lambda *_: [])
    monkeypatch.setenv("CARTE_PREP_DATA_DIR", str(examples))
    for flags in ((), ("--lang", "fr")):
        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            code = main([*TODAY, "pdf", "benali-household", "-o", str(tmp_path / "d.pdf"), *flags])
        assert code == 0
    assert spoken == ["en", "fr"]
    assert out.getvalue() == f"{tmp_path / 'd.pdf'} écrit\n"


@pytest.mark.parametrize("args", [["--help"], ["settings", "--help"]])
def test_a_machine_set_to_french_gets_the_help_in_french(args: list[str], tmp_path: Path) -> None:
    """No flag and no setting: the locale decides, for the quick top-level help as well."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG="fr_FR.UTF-8", PYTHONPATH=str(SRC), CARTE_PREP_DATA_DIR=str(tmp_path))
    shown = subprocess.run(
        [sys.executable, "-m", "carte_prep", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    ).stdout
    assert shown.startswith("usage : carte-prep")
    assert "afficher" in shown or "affiche" in shown
