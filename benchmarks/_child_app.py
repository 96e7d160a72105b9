"""In-app child: the real carte-prep app, driven by a pilot, drawing real frames.

``python benchmarks/_child_app.py open DATA_DIR HOUSEHOLD_ID REPEATS``
    Times opening a household from the list: from the enter key until the first frame
    that shows its checklist screen with items; back with escape; best and median.

``python benchmarks/_child_app.py pdf DATA_DIR HOUSEHOLD_ID OUTPUT.pdf IDLE_SECONDS``
    Measures how the app answers while it renders a PDF: the household's dossier is asked
    for as with the ``x`` key (the path typed into the prompt, enter), and while it renders a
    thread sends a key (down, up, ...) every 20 ms. Recorded: when each key is handled (the
    app's message hook sees it dispatched) and when each frame is written. The same key
    stream is first sent for IDLE_SECONDS with no render: the baseline.

Runs in its own process so that WeasyPrint is imported cold, as on a first PDF. Prints one
JSON line.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _frames import FrameDriver
from common import TERMINAL, TODAY
from textual import events
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from carte_prep.core.storage import Store
from carte_prep.tui.app import CartePrepApp, make_app

KEY_INTERVAL = 0.020


async def until(pilot: Pilot[Any], predicate: Callable[[], bool], timeout: float = 120) -> None:
    """Let the app work until ``predicate`` holds."""
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app never reached the expected state")
        await pilot.pause(0.005)


def loaded(app: CartePrepApp) -> bool:
    tables = app.screen.query("#households")
    return bool(tables) and not tables.first(DataTable).loading


def driver(app: CartePrepApp) -> FrameDriver:
    frames = app._driver
    assert isinstance(frames, FrameDriver)
    return frames


async def select(app: CartePrepApp, pilot: Pilot[Any], household_id: str) -> None:
    table = app.screen.query_one("#households", DataTable)
    table.move_cursor(row=table.get_row_index(f"h:{household_id}"))
    await pilot.pause()


async def open_household(
    app: CartePrepApp, pilot: Pilot[Any], household_id: str, repeats: int
) -> dict[str, Any]:
    from carte_prep.tui.screens.checklist import ChecklistScreen

    def checklist_drawn(app: Any, data: str) -> bool:
        screen = app.screen
        return (
            isinstance(screen, ChecklistScreen)
            and screen.query_one("#items", DataTable).row_count > 0
        )

    times: list[float] = []
    for _ in range(repeats):
        await select(app, pilot, household_id)
        frames = driver(app)
        frames.seen, frames.watch = None, checklist_drawn
        start = time.perf_counter()
        await pilot.press("enter")
        await until(pilot, lambda: driver(app).seen is not None)
        assert frames.seen is not None
        times.append(frames.seen - start)
        frames.watch = None
        await pilot.press("escape")
        await until(pilot, lambda: loaded(app))
    return {"best": min(times), "median": statistics.median(times)}


class KeyStream:
    """Sends down/up keys from another thread at a steady rate; records sent and handled."""

    def __init__(self, app: CartePrepApp) -> None:
        self.app = app
        self.loop = asyncio.get_running_loop()
        self.sent: dict[int, tuple[float, events.Key]] = {}
        self.handled: list[tuple[float, float]] = []
        """(sent, handled) per key, in handling order."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._send, daemon=True)

    def hook(self, message: Message) -> None:
        """The app's message hook: the first dispatch of a sent key is when it is handled."""
        if isinstance(message, events.Key):
            entry = self.sent.pop(id(message), None)
            if entry is not None:
                self.handled.append((entry[0], time.perf_counter()))

    def _send(self) -> None:
        number = 0
        next_at = time.perf_counter()
        while not self._stop.is_set():
            key = events.Key("down" if number % 2 == 0 else "up", None)
            number += 1
            self.sent[id(key)] = (time.perf_counter(), key)
            self.loop.call_soon_threadsafe(self._post, key)
            next_at += KEY_INTERVAL
            self._stop.wait(max(0.0, next_at - time.perf_counter()))

    def _post(self, key: events.Key) -> None:
        """On the app's loop: deliver the key unless the stream was stopped meanwhile."""
        if not self._stop.is_set():
            self.app.post_message(key)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def gaps(stamps: list[float], start: float, end: float) -> list[tuple[float, float]]:
    """Every time without a stamp between ``start`` and ``end``: (length, when it ended
    in seconds after ``start``), longest first."""
    inside = sorted(t for t in stamps if start <= t <= end)
    points = [start, *inside, end]
    return sorted(((b - a, b - start) for a, b in itertools.pairwise(points)), reverse=True)


def window(stream: KeyStream, frames: list[float], start: float, end: float) -> dict[str, Any]:
    handled = [(s, h) for s, h in stream.handled if start <= h <= end]
    return {
        "seconds": end - start,
        "keys": len(handled),
        "frames": len([f for f in frames if start <= f <= end]),
        "key_gap": gaps([h for _, h in handled], start, end)[0][0],
        "frame_gap": gaps(frames, start, end)[0][0],
        "longest_frame_gaps": gaps(frames, start, end)[:5],
        "key_latency_max": max((h - s for s, h in handled), default=0.0),
        "key_latency_median": statistics.median([h - s for s, h in handled]) if handled else 0.0,
    }


async def pdf_while_typing(
    app: CartePrepApp,
    pilot: Pilot[Any],
    stream: KeyStream,
    household_id: str,
    output: Path,
    idle: float,
) -> dict[str, Any]:
    from carte_prep.tui.screens.pdf_dialog import PdfDialog

    await select(app, pilot, household_id)
    frames = driver(app).frames
    stream.start()
    idle_start = time.perf_counter()
    await asyncio.sleep(idle)
    baseline = window(stream, frames, idle_start, time.perf_counter())
    stream.stop()
    await pilot.pause(0.05)

    await select(app, pilot, household_id)
    await pilot.press("x")
    await until(pilot, lambda: isinstance(app.screen, PdfDialog))
    path = app.screen.query_one("#answer", Input)
    path.value = str(output)
    path.focus()
    await pilot.pause()
    stream = KeyStream(app)
    hooks.append(stream.hook)
    stream.start()
    start = time.perf_counter()
    await pilot.press("enter")

    def finished() -> bool:
        return any(
            n.severity == "error" or str(n.message).startswith("Written to")
            for n in app._notifications
        )

    await until(pilot, finished)
    end = time.perf_counter()
    stream.stop()
    await pilot.pause(0.05)
    messages = [str(n.message) for n in app._notifications]
    during = window(stream, frames, start, end)
    return {"idle": baseline, "render": during, "notes": messages, "written": output.exists()}


hooks: list[Callable[[Message], None]] = []


def message_hook(message: Message) -> None:
    for hook in hooks:
        hook(message)


async def main(argv: list[str]) -> dict[str, Any]:
    mode, folder, household_id = argv[0], Path(argv[1]), argv[2]
    app = make_app(Store(folder), today=lambda: TODAY)
    app.driver_class = FrameDriver
    async with app.run_test(
        headless=False, size=TERMINAL, notifications=True, message_hook=message_hook
    ) as pilot:
        await until(pilot, lambda: loaded(app))
        if mode == "open":
            return await open_household(app, pilot, household_id, int(argv[3]))
        stream = KeyStream(app)
        hooks.append(stream.hook)
        return await pdf_while_typing(
            app, pilot, stream, household_id, Path(argv[3]), float(argv[4])
        )


if __name__ == "__main__":
    outcome = asyncio.run(main(sys.argv[1:]))
    print(json.dumps(outcome))
