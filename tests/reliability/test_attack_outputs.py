"""The December 2026 attack review, outputs and app part (D2, D3, D4), kept as tests.

D2: a module planted in the folder carte-prep is started from must never run inside the
PDF renderer (the CLI and the app's path). D3: a hang-up or SIGTERM right after typing
keeps the note. D4: identifiers typed with spaces, dashes or dots are masked in every
output that leaves the data folder: the PDF dossier and the calendar file.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, TextArea

from carte_prep.cli import main
from carte_prep.core.model import Household
from carte_prep.core.redact import Redactor
from carte_prep.core.storage import Store
from carte_prep.dossier import render_html, render_pdf
from carte_prep.examples import copy_examples
from carte_prep.tui.app import CartePrepApp, make_app
from support import PROFILES, TODAY

HOUSEHOLD = "thompson-family"
FORMS = ("533 412 907", "533-412-907", "533.412.907", "53 34 12 907", "24 04 11 87 34")
"""David's passport and numéro étranger, as people type them (the review's examples)."""

PLANTED = """\
import os, sys
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "HIJACKED-" + os.path.basename(__file__)), "w") as out:
    out.write(repr(sys.argv))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
del sys.modules[__name__]
import importlib
sys.modules[__name__] = importlib.import_module(__name__)
"""


# -- D2: code planted in the current folder ---------------------------------------------


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    for name in ("mimetypes.py", "weasyprint.py", "PIL.py", "pydantic.py", "encodings.py"):
        (folder / name).write_text(PLANTED)
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.pdf
def test_the_cli_pdf_never_runs_a_module_from_the_current_folder(
    planted: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(PROFILES / f"{HOUSEHOLD}.json", data)
    out = tmp_path / "out.pdf"
    code = main(
        ["--data-dir", str(data), "--today", TODAY.isoformat(), "pdf", HOUSEHOLD, "-o", str(out)]
    )
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in planted.iterdir() if p.name.startswith("HIJACKED")] == []


@pytest.mark.pdf
def test_the_apps_pdf_path_never_runs_planted_code_even_through_pythonpath(
    planted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(planted))
    monkeypatch.setenv("PYTHONSTARTUP", str(planted / "mimetypes.py"))
    household = Household.model_validate_json((PROFILES / f"{HOUSEHOLD}.json").read_bytes())
    out = tmp_path / "app.pdf"
    render_pdf(household, out, today=TODAY, timeout=600, data_root=tmp_path / "data")
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in planted.iterdir() if p.name.startswith("HIJACKED")] == []


# -- D3: the terminal goes away while a note is typed ----------------------------------


async def until(pilot: Pilot[None], predicate: Callable[[], bool]) -> None:
    for _ in range(300):
        if predicate():
            return
        await pilot.pause()
    raise AssertionError("the app never reached the expected state")


async def open_notes(app: CartePrepApp, pilot: Pilot[None]) -> None:
    """Margaret's paper photos, with the cursor in the notes field."""
    from carte_prep.tui.screens.checklist import ChecklistScreen

    def loaded() -> bool:
        tables = app.screen.query("#households")
        return bool(tables) and not tables.first(DataTable).loading

    await until(pilot, loaded)
    table = app.screen.query_one("#households", DataTable)
    table.move_cursor(row=table.get_row_index(f"m:{HOUSEHOLD}:margaret"))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
    items = app.screen.query_one("#items", DataTable)
    items.move_cursor(row=items.get_row_index("i:paper-photos"))
    await pilot.pause()
    app.screen.query_one("#d-notes", TextArea).focus()


def new_app(tmp_path: Path) -> tuple[CartePrepApp, Path]:
    folder = tmp_path / "data"
    copy_examples(folder)
    return make_app(Store(folder), today=lambda: TODAY), folder


def saved_note(folder: Path) -> Any:
    raw = json.loads((folder / f"{HOUSEHOLD}.json").read_text())
    margaret = next(m for m in raw["members"] if m["id"] == "margaret")
    return margaret["tracking"].get("paper-photos", {}).get("notes", "")


class _NotHandled(Exception):
    pass


def _fallback(signum: int, frame: FrameType | None) -> None:
    raise _NotHandled(f"signal {signum} reached the default handler: the note is lost")


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_note_typed_just_before_a_hang_up_or_sigterm_is_saved(
    tmp_path: Path, signum: int
) -> None:
    app, folder = new_app(tmp_path)
    previous = signal.signal(signum, _fallback)

    async def scenario(pilot: Pilot[None]) -> None:
        await open_notes(app, pilot)
        await pilot.press(*"blue folder")
        os.kill(os.getpid(), signum)  # well within the notes' save delay
        await until(pilot, lambda: app.return_code is not None)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await scenario(pilot)

    try:
        asyncio.run(run())
    finally:
        signal.signal(signum, previous)
    assert app.return_code == 128 + signum
    assert saved_note(folder) == "blue folder"


def test_every_way_out_of_the_app_saves_the_note(tmp_path: Path) -> None:
    """The palette's quit and App.exit take the same path as ctrl+q."""
    app, folder = new_app(tmp_path)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_notes(app, pilot)
            await pilot.press(*"kept")
            app.exit()
            await pilot.pause()

    asyncio.run(run())
    assert saved_note(folder) == "kept"


# -- D4: formatted identifiers in every output ------------------------------------------


@pytest.mark.parametrize("form", FORMS)
def test_the_redactor_masks_an_identifier_however_it_is_typed(form: str) -> None:
    redactor = Redactor(["533412907", "2404118734"])
    masked = redactor.text(f"passport {form} (copy)")
    assert re.sub(r"\D", "", form) not in re.sub(r"\D", "", masked)
    assert masked.startswith("passport ")
    assert masked.endswith(" (copy)")
    assert Redactor(["533412907"], show=True).text(form) == form


def test_the_redactor_leaves_short_numbers_in_text_alone() -> None:
    redactor = Redactor(["AB1"])
    assert redactor.text("room AB1, floor 2") == "room AB1, floor 2"
    assert redactor.identifier("AB1") == "•••"


def _hostile(data: Path) -> Path:
    """David's file with his identifiers typed in every free-text field the review used."""
    raw = json.loads((PROFILES / f"{HOUSEHOLD}.json").read_text())
    david = next(m for m in raw["members"] if m["id"] == "david")
    david["birth_place"] = "Leeds 533412907"
    david.setdefault("tracking", {})["passport"] = {
        "status": "gathered",
        "notes": "passport 533 412 907 (533-412-907), numéro étranger 24 04 11 87 34",
    }
    application = david["application"]
    application["after_filing"] = {
        "filed_on": "2026-11-01",
        "requests": [
            {
                "received_on": "2026-11-20",
                "deadline": "2026-12-20",
                "what": "send a copy of passport 533.412.907 again",
            }
        ],
    }
    data.mkdir(exist_ok=True)
    path = data / f"{HOUSEHOLD}.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2))
    return path


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def test_the_dossier_masks_formatted_identifiers_in_notes_and_birth_place(
    tmp_path: Path,
) -> None:
    household = Household.model_validate_json(_hostile(tmp_path / "data").read_bytes())
    html = render_html(household, today=TODAY)
    text = re.sub(r"<[^>]+>", " ", html)
    for form in (*FORMS, "533412907", "2404118734"):
        assert form not in text, form
    assert "533412907" not in _digits(text)
    assert "2404118734" not in _digits(text)
    shown = render_html(household, today=TODAY, show_ids=True)
    assert "533 412 907" in shown, "--show-ids prints them as typed"


@pytest.mark.pdf
def test_the_masked_pdf_has_no_formatted_identifier(tmp_path: Path) -> None:
    from pypdf import PdfReader

    household = Household.model_validate_json(_hostile(tmp_path / "data").read_bytes())
    out = render_pdf(household, tmp_path / "masked.pdf", today=TODAY, timeout=600)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    for form in (*FORMS, "Leeds 533412907"):
        assert form not in text, form


def test_the_calendar_file_masks_identifiers_in_every_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _hostile(data)
    out = tmp_path / "dates.ics"
    code = main(
        ["--data-dir", str(data), "--today", TODAY.isoformat(), "ics", HOUSEHOLD, "-o", str(out)]
    )
    assert code == 0
    text = out.read_text().replace("\r\n ", "")  # unfold long lines
    assert "send a copy of passport" in text, "the request is in the calendar"
    for form in (*FORMS, "533412907", "2404118734"):
        assert form not in text, form


def test_every_identifier_of_the_file_is_known_to_the_redactor() -> None:
    raw = json.loads((PROFILES / f"{HOUSEHOLD}.json").read_text())
    application = next(m for m in raw["members"] if m["id"] == "david")["application"]
    application["after_filing"] = {"timbre": {"number": "1234 5678 9012 3456", "amount": 225}}
    household = Household.model_validate(raw)
    timbre = household.find_member("david").application.after_filing.timbre  # type: ignore[union-attr]
    assert timbre is not None
    redactor = Redactor.for_households([household])
    for value in ("533412907", "2404118734", timbre.number):
        assert value not in redactor.text(f"n° {value} noted")
        assert _digits(value) not in _digits(redactor.text(f"n° {value} noted"))
