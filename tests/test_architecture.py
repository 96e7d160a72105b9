"""The layering the design depends on: a headless core, heavy imports only when needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    return set(result.stdout.split())


def test_core_loads_neither_textual_nor_weasyprint() -> None:
    modules = loaded_after("import carte_prep.core; carte_prep.core.load_catalogue()")
    assert "carte_prep.core" in modules
    assert not {m for m in modules if m.split(".")[0] in {"textual", "weasyprint", "rich"}}


def test_cli_commands_do_not_load_the_app_or_the_renderer() -> None:
    modules = loaded_after(
        "from carte_prep.cli import build_parser; build_parser().parse_args(['list'])"
    )
    assert "carte_prep.cli" in modules
    assert not {m for m in modules if m.split(".")[0] in {"textual", "weasyprint"}}


def test_core_sources_never_import_ui_or_pdf_packages() -> None:
    core = SRC / "carte_prep" / "core"
    for path in core.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in (
            "import textual",
            "from textual",
            "import weasyprint",
            "from weasyprint",
            "carte_prep.tui",
            "carte_prep.dossier",
        ):
            assert banned not in text, f"{path.name} mentions {banned}"
