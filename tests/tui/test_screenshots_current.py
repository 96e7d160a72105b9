"""The README's screenshots are the app as it is: regenerating them changes nothing.

Runs the project's own script (scripts/make_screenshots.py) into a temporary folder and
compares each picture with the committed one, so a visible change to the app that was not
followed by ``python scripts/make_screenshots.py`` fails here instead of leaving the README
showing screens that no longer exist.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_screenshots", ROOT / "scripts" / "make_screenshots.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "fr"])
def test_committed_screenshots_match_what_the_script_draws(language: str, tmp_path: Path) -> None:
    script = _script()
    committed = script.FOLDERS[language]
    written = script.write_language(language, tmp_path)
    assert {p.name for p in written} == {p.name for p in committed.glob("*.svg")}, (
        f"{committed} and the script's list of screens differ"
    )
    stale = [p.name for p in written if p.read_bytes() != (committed / p.name).read_bytes()]
    assert stale == [], f"stale screenshots {stale}: run python scripts/make_screenshots.py"
