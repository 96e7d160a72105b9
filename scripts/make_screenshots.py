"""Write SVG screenshots of the main screens into screenshots/, from the example households.

Drives the real app headless (``run_test`` + ``save_screenshot``) on a temporary copy of
profiles/, at a fixed size and with "today" frozen, so the pictures only change when the
app does. Run: ``PYTHONPATH=src python scripts/make_screenshots.py``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from carte_prep.core.storage import Store
from carte_prep.examples import copy_examples
from carte_prep.tui.app import CartePrepApp, make_app
from carte_prep.tui.screens.agenda import AgendaScreen

TODAY = dt.date(2026, 11, 27)
SIZE = (120, 36)
OUT = Path(__file__).resolve().parents[1] / "screenshots"

Steps = Callable[[CartePrepApp, Pilot[Any]], Awaitable[None]]


async def _until(pilot: Pilot[Any], predicate: Callable[[], bool]) -> None:
    for _ in range(500):
        if predicate():
            return
        await pilot.pause()
    raise RuntimeError("the app did not reach the screen to capture")


async def _open(app: CartePrepApp, pilot: Pilot[Any], household: str, member: str) -> None:
    table = app.screen.query_one("#households", DataTable)
    table.move_cursor(row=table.get_row_index(f"m:{household}:{member}"))
    await pilot.press("enter")
    await _until(pilot, lambda: bool(app.screen.query("#items")))


async def households(app: CartePrepApp, pilot: Pilot[Any]) -> None:
    table = app.screen.query_one("#households", DataTable)
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
    """Write every screenshot into ``out`` (the README's folder unless told otherwise)."""
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="carte-prep-shots-") as data:
        return [await capture(name, steps, Path(data), out) for name, steps in SHOTS.items()]


async def main() -> None:
    """Write every screenshot; prints the files written."""
    for path in await write_all():
        print(path)


if __name__ == "__main__":
    asyncio.run(main())
