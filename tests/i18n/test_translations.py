"""Every sentence marked for translation has its French, and the compiled files are current."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_translations", ROOT / "scripts" / "make_translations.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_translations", module)
    spec.loader.exec_module(module)
    return module


def test_every_sentence_has_its_french_translation_and_the_files_are_compiled() -> None:
    problems = _script().run(check=True)
    assert not problems, (
        f"{len(problems)} translation problems; run 'python scripts/make_translations.py', "
        "fill the empty msgstr in the .po files it names, and run it again:\n"
        + "\n".join(problems[:40])
    )


def test_a_placeholder_left_out_of_a_translation_is_reported() -> None:
    from babel.messages.catalog import Message

    script = _script()
    wrong = Message("Saved {name} on {day}", "Enregistré le {day}")
    right = Message("Saved {name} on {day}", "{name} enregistré le {day}")
    assert list(script.problems_of(wrong, "x.po")) == [
        "x.po: placeholders differ in the translation of 'Saved {name} on {day}'"
    ]
    assert list(script.problems_of(right, "x.po")) == []
    assert list(script.problems_of(Message("Saved", ""), "x.po")) == [
        "x.po: no translation for 'Saved'"
    ]


def test_one_sentence_translated_two_ways_in_two_areas_is_reported() -> None:
    from babel.messages.catalog import Catalog

    script = _script()
    tui, dossier = Catalog(locale="fr", domain="tui"), Catalog(locale="fr", domain="dossier")
    tui.add("gathered", "réunie")
    dossier.add("gathered", "rassemblé")
    assert list(script.disagreements([tui, dossier])) == [
        "'gathered' is translated differently in tui.po and dossier.po"
    ]
    dossier["gathered"].string = "réunie"
    assert list(script.disagreements([tui, dossier])) == []
