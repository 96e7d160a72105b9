"""Write SVG screenshots of the main screens, in English into screenshots/ and in French
into screenshots/fr/, from the example households.

Drives the real app headless (``run_test`` + ``save_screenshot``) on a temporary copy of
profiles/, at a fixed size and with "today" frozen, so the pictures only change when the
app does. Run: ``PYTHONPATH=src python scripts/make_screenshots.py``. Each language is
drawn in its own process: the app's key labels are translated when its modules are
imported, after the language is chosen, as ``carte-prep`` itself does.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

if TYPE_CHECKING:
    from carte_prep.tui.app import CartePrepApp

TODAY = dt.date(2026, 11, 27)
SIZE = (120, 36)
OUT = Path(__file__).resolve().parents[1] / "screenshots"
FOLDERS = {"en": OUT, "fr": OUT / "fr"}
"""Where each language's screenshots go."""

Steps = Callable[["CartePrepApp", Pilot[Any]], Awaitable[None]]


async def _until(pilot: Pilot[Any], predicate: Callable[[], bool]) -> None:
    for _ in range(500):
        if predicate():
            return
        await pilot.pause()
    raise RuntimeError("the app did not reach the screen to capture")


async def _list_drawn(app: CartePrepApp, pilot: Pilot[Any]) -> DataTable[Any]:
    """The households table once its rows are drawn (the session may be loaded first)."""
    table = app.screen.query_one("#households", DataTable)
    await _until(pilot, lambda: table.row_count > 0 and not table.loading)
    return table


async def _open(app: CartePrepApp, pilot: Pilot[Any], household: str, member: str) -> None:
    table = await _list_drawn(app, pilot)
    table.move_cursor(row=table.get_row_index(f"m:{household}:{member}"))
    await pilot.press("enter")
    await _until(pilot, lambda: bool(app.screen.query("#items")))


async def households(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    table = await _list_drawn(app, pilot)
    table.move_cursor(row=table.get_row_index("h:thompson-family"))


async def checklist(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await _open(app, pilot, "thompson-family", "david")
    table = app.screen.query_one("#items", DataTable)
    table.move_cursor(row=table.get_row_index("i:proof-of-address"))


async def missing(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await _open(app, pilot, "haddad-household", "samir")
    await pilot.press("2")


async def profile(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await _open(app, pilot, "thompson-family", "margaret")
    await pilot.press("e")
    await _until(pilot, lambda: bool(app.screen.query("#steps")))
    await pilot.press("pagedown")  # steps are built when first shown: wait for this one
    await _until(pilot, lambda: bool(app.screen.query("#pane-1 .field")))


async def photos(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await _open(app, pilot, "nguyen-student", "linh")
    await pilot.press("p")


async def household_documents(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    await _open(app, pilot, "thompson-family", "david")
    await pilot.press("h")


async def agenda(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    from carte_prep.tui.screens.agenda import AgendaScreen

    await pilot.press("g")
    await _until(pilot, lambda: bool(app.screen.query("#agenda")))
    screen = app.screen
    assert isinstance(screen, AgendaScreen)
    appointment = next(i for i, e in enumerate(screen.events) if e.kind == "appointment")
    screen.query_one("#agenda", DataTable).move_cursor(row=appointment)


SHOTS: dict[str, Steps] = {
    "households": households,
    "checklist": checklist,
    "missing-view": missing,
    "profile-editor": profile,
    "photos": photos,
    "household-documents": household_documents,
    "agenda": agenda,
}


async def capture(name: str, steps: Steps, data: Path, out: Path) -> Path:
    """One screenshot into ``out``, from a fresh app on a fresh copy of the examples."""
    from carte_prep.core.storage import Store
    from carte_prep.examples import copy_examples
    from carte_prep.tui.app import make_app

    folder = data / name
    copy_examples(folder)
    app = make_app(Store(folder), today=lambda: TODAY)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: bool(app.session.households))
        await steps(app, pilot)
        for widget in app.screen.query("Input, TextArea"):
            assert isinstance(widget, Input | TextArea)
            widget.cursor_blink = False
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(out))
    return out / f"{name}.svg"


async def write_all(out: Path = OUT) -> list[Path]:
    """Write every screenshot, in the language of this process, into ``out``."""
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="carte-prep-shots-") as data:
        return [await capture(name, steps, Path(data), out) for name, steps in SHOTS.items()]


def write_language(language: str, out: Path) -> list[Path]:
    """Write one language's screenshots from a new process; the files written."""
    done = subprocess.run(
        [sys.executable, __file__, "--lang", language, "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return [Path(line) for line in done.stdout.splitlines()]


def main() -> None:
    """With ``--lang``, that language into ``--out``; without, each language into its folder."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(FOLDERS))
    parser.add_argument("--out", type=Path)
    options = parser.parse_args()
    if options.lang is None:
        for language, folder in FOLDERS.items():
            for path in write_language(language, folder):
                print(path)
        return
    from carte_prep.i18n import set_language

    set_language(options.lang)
    for path in asyncio.run(write_all(options.out or FOLDERS[options.lang])):
        print(path)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
