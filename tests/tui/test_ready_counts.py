"""A document ticked but too old does not count as ready, and every screen says so (review 10).

The rule is the core's (``ChecklistItem.done`` and ``Progress.too_old``); the app's progress
line, the CLI's checklist and the view's tab all say it in the same words.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Tabs
from tui_helpers import drive, examples_in, open_household

from carte_prep.cli import main
from carte_prep.core import household_checklists
from carte_prep.core.storage import Store
from carte_prep.tui.app import CartePrepApp
from support import TODAY

THOMPSON, MARGARET = "thompson-family", "margaret"
"""Margaret's shared proof of address is ticked but dated too long before her filing day."""


def _label(app: CartePrepApp) -> str:
    return str(app.screen.query_one("#member-progress-label").render())


def test_the_core_counts_a_ticked_but_old_document_apart(tmp_path: Path) -> None:
    household = Store(examples_in(tmp_path / "data")).load(THOMPSON)
    margaret = next(c for c in household_checklists(household, TODAY) if c.member_id == MARGARET)
    old = [i for i in margaret.items if i.too_old]
    assert [i.requirement.id for i in old] == ["proof-of-address"]
    assert not old[0].done
    assert margaret.progress.too_old == 1


def test_the_progress_line_says_why_a_ticked_document_is_not_ready(tmp_path: Path) -> None:
    folder = examples_in(tmp_path / "data")
    seen: list[str] = []

    async def look(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, THOMPSON, MARGARET)
        seen.append(_label(app))
        seen.append(str(app.screen.query_one("#views", Tabs).query_one("#view-missing").render()))

    drive(folder, look)
    assert seen[0] == "Margaret Anne 1/4 ready (1 gathered but too old)"
    assert seen[1] == "2 Missing or too old"


def test_the_cli_checklist_says_the_same_as_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARTE_PREP_DATA_DIR", str(examples_in(tmp_path / "data")))
    out = io.StringIO()
    with redirect_stdout(out):
        main(["--today", TODAY.isoformat(), "checklist", THOMPSON, MARGARET])
    assert "Progress:  1/4 ready (1 gathered but too old), 25%" in out.getvalue()


def test_french_says_it_too(tmp_path: Path, french: None) -> None:
    from carte_prep.present import progress_text

    household = Store(examples_in(tmp_path / "data")).load(THOMPSON)
    margaret = next(c for c in household_checklists(household, TODAY) if c.member_id == MARGARET)
    assert progress_text(margaret.progress) == "1/4 prêtes (1 réunie mais trop ancienne)"
