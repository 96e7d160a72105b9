"""A Textual driver that draws into nothing but times every frame (benchmark children only).

Textual's own headless driver skips the last step of a frame (turning the screen update
into terminal bytes). This driver says it is not headless, so each frame is produced in
full, exactly as for a real terminal, and the bytes are dropped. Chosen with
``TEXTUAL_DRIVER=_frames:FrameDriver`` (benchmarks/ on the child's path) or by setting
``app.driver_class``.

In a start-up child (``BENCH_MARKER`` set) the first frame whose bytes contain the marker
(the first household's name) is the moment the households screen is drawn: the driver
prints one JSON line with that time (``time.perf_counter``, which on Linux is the
system-wide monotonic clock, so the parent can subtract its own start time) and ends the
process at once.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from _rss import peak_rss_kb
from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver


class FrameDriver(HeadlessDriver):
    """Produces every frame like a terminal driver; records when each was written."""

    def __init__(self, app: App[Any], **options: Any) -> None:
        super().__init__(app, **options)
        self.frames: list[float] = []
        """perf_counter() of every frame written."""
        self.watch: Callable[[App[Any], str], bool] | None = None
        """Optional test on each frame; ``seen`` is the time of the first frame that passes."""
        self.seen: float | None = None
        self._marker = os.environ.get("BENCH_MARKER")
        self._linger = float(os.environ.get("BENCH_LINGER", "0"))
        self._first: float | None = None

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        now = time.perf_counter()
        self.frames.append(now)
        if self._first is None:
            self._first = now
        if self.watch is not None and self.seen is None and self.watch(self._app, data):
            self.seen = now
        if self._marker and self._marker in data:
            self._marker = None
            self._report(now)

    def _report(self, drawn: float) -> None:
        first = self._first or drawn

        def finish() -> None:
            if self._linger:
                time.sleep(self._linger)
            result = {
                "drawn": drawn,
                "first_frame": first,
                "frames": len(self.frames),
                "weasyprint": "weasyprint" in sys.modules,
                "dossier": "carte_prep.dossier" in sys.modules,
                "modules": len(sys.modules),
                "maxrss_kb": peak_rss_kb(),
            }
            os.write(1, (json.dumps(result) + "\n").encode())
            os._exit(0)

        if self._linger:
            threading.Thread(target=finish, daemon=True).start()
        else:
            finish()
