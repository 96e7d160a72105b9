"""PDF export in a worker, lazy imports, and crashes that never print personal data."""

from __future__ import annotations

import importlib
import subprocess
import sys
import types
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, Label, Select
from tui_helpers import drive, examples_in, notified, open_household, until

from carte_prep.core import CartePrepError, Household
from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens.dialogs import ConfirmDialog
from carte_prep.tui.screens.pdf_dialog import PdfDialog

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _fake_dossier(monkeypatch: pytest.MonkeyPatch, fail: bool = False) -> list[dict[str, object]]:
    """Install a stand-in ``carte_prep.dossier`` that records its calls."""
    calls: list[dict[str, object]] = []

    def render_pdf(household: Household, output: Path, **options: object) -> Path:
        calls.append({"household": household.id, "output": output, **options})
        if fail:
            raise CartePrepError("the template [x] is missing")
        output.write_bytes(b"%PDF-1.7 fake")
        return output

    importlib.import_module("carte_prep.dossier.renderer")  # the warm renderer stays real

    module = types.ModuleType("carte_prep.dossier")
    module.render_pdf = render_pdf  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "carte_prep.dossier", module)
    return calls


@pytest.mark.parametrize("fail", [False, True])
def test_pdf_is_rendered_in_a_worker_and_the_result_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: bool
) -> None:
    """x asks where to write; the worker renders; the path or the error is notified."""
    folder = examples_in(tmp_path / "data")
    calls = _fake_dossier(monkeypatch, fail=fail)
    target = tmp_path / "out.pdf"

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, PdfDialog))
        path = app.screen.query_one("#answer", Input).value
        assert path.endswith("carte-prep-thompson-family-margaret.pdf")
        app.screen.query_one("#answer", Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: notified(app, "Rendering"))
        expected = "template [x] is missing" if fail else f"Written to {target}"
        await until(pilot, lambda: notified(app, expected))

    drive(folder, scenario)
    assert calls[0]["member_id"] == "margaret"
    assert calls[0]["today"].isoformat() == "2026-11-27"  # type: ignore[attr-defined]
    assert (calls[0]["show_ids"], calls[0]["with_attachments"], calls[0]["notes"]) == (
        False,
        False,
        "short",
    ), "the CLI's defaults"
    assert target.exists() is not fail


def test_the_pdf_dialog_offers_what_carte_prep_pdf_offers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 20: identifiers, attachments and notes are chosen in the dialog, as with
    --show-ids, --with-attachments and --notes, and reach the dossier."""
    folder = examples_in(tmp_path / "data")
    calls = _fake_dossier(monkeypatch)
    target = tmp_path / "out.pdf"

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, PdfDialog))
        dialog = app.screen
        assert "Margaret Anne Thompson" in str(dialog.query_one(".dialog-text", Label).render())
        dialog.query_one("#answer", Input).value = str(target)
        dialog.query_one("#pdf-with_attachments", Checkbox).value = True
        dialog.query_one("#pdf-notes", Select).value = "full"
        await pilot.pause()
        dialog.query_one("#answer", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: notified(app, f"Written to {target}"))

    drive(folder, scenario)
    assert [(c["show_ids"], c["with_attachments"], c["notes"]) for c in calls] == [
        (False, True, "full")
    ]


@pytest.mark.parametrize("replace", [False, True])
def test_an_existing_file_is_replaced_only_when_the_person_agrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    folder = examples_in(tmp_path / "data")
    calls = _fake_dossier(monkeypatch)
    target = tmp_path / "out.pdf"
    target.write_bytes(b"the dossier printed last week")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, PdfDialog))
        app.screen.query_one("#answer", Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y" if replace else "n")
        if replace:
            await until(pilot, lambda: notified(app, f"Written to {target}"))
        else:
            await until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))

    drive(folder, scenario)
    assert bool(calls) is replace
    assert (target.read_bytes() == b"the dossier printed last week") is not replace


@pytest.mark.pdf
def test_real_pdf_of_a_one_member_household_is_written(tmp_path: Path) -> None:
    """The real renderer (WeasyPrint, a few seconds) runs in the worker and writes the file."""
    folder = examples_in(tmp_path / "data")
    target = tmp_path / "linh.pdf"

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        table = app.screen.query_one("#households", DataTable)
        table.move_cursor(row=table.get_row_index("h:nguyen-student"))
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, PdfDialog))
        app.screen.query_one("#answer", Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: notified(app, "Rendering"))
        await app.workers.wait_for_complete()
        await until(pilot, lambda: notified(app, f"Written to {target}"))

    drive(folder, scenario)
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_mode & 0o077 == 0


def test_starting_the_app_does_not_import_weasyprint(tmp_path: Path) -> None:
    """The PDF engine is imported only when a PDF is asked for."""
    script = (
        "import asyncio, sys\n"
        "import datetime\n"
        "from pathlib import Path\n"
        "from carte_prep.core.storage import Store\n"
        "from carte_prep.tui.app import make_app\n"
        f"app = make_app(Store(Path({str(tmp_path)!r})))\n"
        "async def main():\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print('weasyprint' in sys.modules, 'carte_prep.dossier' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": SRC, "PATH": ""},
        check=True,
    )
    assert result.stdout.split() == ["False", "False"]


def test_a_crash_prints_no_personal_data(tmp_path: Path) -> None:
    """The crash report has no traceback locals and no exception message, only where."""
    examples_in(tmp_path)
    script = (  # a file, not -c: Textual finds app.tcss through the class's source file
        "import datetime\n"
        "from pathlib import Path\n"
        "from carte_prep.core.storage import Store\n"
        "from carte_prep.tui.app import CartePrepApp\n"
        "class Broken(CartePrepApp):\n"
        "    def on_ready(self):\n"
        "        household = self.session.store.load('thompson-family')\n"
        "        passport = household.members[0].passport.number\n"
        "        raise RuntimeError('boom ' + passport)\n"
        f"app = Broken(Store(Path({str(tmp_path)!r})), datetime.date.today)\n"
        "app.run(headless=True)\n"
        "raise SystemExit(app.return_code)\n"
    )
    crash = tmp_path / "crash.py"
    crash.write_text(script, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(crash)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": SRC, "PATH": "", "COLUMNS": "200"},
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "unexpected error (RuntimeError in on_ready" in output
    assert "533412907" not in output
    assert "Thompson" not in output
