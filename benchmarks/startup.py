"""Start-up: process start until the households screen is drawn, against a bare Textual app.

Each run is a fresh process (``_child_startup.py``) drawing through ``_frames.FrameDriver``
in a 100x30 headless terminal. The time is from just before the parent starts the process
until the frame that shows the first household's name (so it includes the interpreter, the
imports, reading the data folder, the checklists and drawing). App and baseline runs
alternate so both see the same noise; the medians are compared. The baseline is a Textual
app with the same widgets, columns, keys and rows, and no carte-prep code.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from common import (
    BENCH,
    TODAY,
    Row,
    child_env,
    copy_examples,
    median,
    ms,
    ratio,
    run_child,
    write_json,
)

CHILD = str(BENCH / "_child_startup.py")


def table_rows(folder: Path) -> tuple[list[list[str]], str]:
    """The households screen's rows for ``folder`` as plain text, and a marker to wait for.

    The marker is the start of the first household's name (ASCII only): it is drawn only
    once the list is shown.
    """
    from carte_prep.core.storage import Store
    from carte_prep.core.summary import summarise
    from carte_prep.tui.format import bar

    report = Store(folder).load_all()
    rows: list[list[str]] = []
    for household in report.households:
        s = summarise(household, TODAY)
        count = len(s.members)
        rows.append(
            [
                s.name,
                bar(s.progress.done, s.progress.total, width=5).plain,
                _when(s.deadline),
                f"⚠ {s.warnings}" if s.warnings else "–",
                "",
                "",
                f"{count} member{'' if count == 1 else 's'}",
            ]
        )
        for m in s.members:
            rows.append(
                [
                    "  " + m.name,
                    bar(m.progress.done, m.progress.total, width=5).plain if m.progress else "",
                    _when(m.deadline),
                    f"⚠ {m.warnings}" if m.warnings else "–",
                    m.route,
                    m.procedure,
                    m.card,
                ]
            )
    first = report.households[0].name
    marker = ""
    for char in first[:10]:
        if not char.isascii():
            break
        marker += char
    return rows, marker


def _when(deadline: object) -> str:
    """A deadline's date as the list shows it (whatever the summary's deadline type is)."""
    day = getattr(deadline, "date", None) or getattr(deadline, "day", None)
    return day.strftime("%d/%m/%Y") if day is not None else ""


PARTS = {
    "bare + import pydantic": "import pydantic",
    "bare + import carte_prep.core, load catalogue": (
        "import carte_prep.core; carte_prep.core.load_catalogue()"
    ),
    "bare + every module the app imports": (
        "import carte_prep.cli, carte_prep.tui.app, carte_prep.tui.screens.households;"
        " carte_prep.core.load_catalogue()"
    ),
}
"""Baseline variants that first do part of what the app does: where the extra time goes."""


def one_start(
    kind: str, argument: Path, marker: str, linger: float = 0, code: str = ""
) -> dict[str, Any]:
    """Start one child; its times become seconds since the parent started it."""
    env = child_env(
        TEXTUAL_DRIVER="_frames:FrameDriver",
        BENCH_MARKER=marker,
        BENCH_LINGER=str(linger),
    )
    started = time.perf_counter()
    result: dict[str, Any] = run_child([CHILD, kind, str(argument), *([code] if code else [])], env)
    result["elapsed"] = result["drawn"] - started
    result["first"] = result["first_frame"] - started
    return result


Starts = list[dict[str, Any]]


def compare(
    folder: Path, rounds: int, tmp: Path, parts: bool = False
) -> tuple[Starts, Starts, dict[str, Starts]]:
    """``rounds`` alternating app and baseline starts on ``folder`` (after one warm-up each),
    and with ``parts`` the baseline variants of :data:`PARTS` in the same rounds."""
    rows, marker = table_rows(folder)
    rows_file = write_json(tmp / f"rows-{folder.name}.json", rows)
    one_start("app", folder, marker)  # warm-up: compiled bytecode, page cache
    one_start("bare", rows_file, marker)
    apps: Starts = []
    bares: Starts = []
    split: dict[str, Starts] = {name: [] for name in PARTS} if parts else {}
    for number in range(rounds):
        order = ["app", "bare", *split]
        if number % 2:
            order.reverse()
        for kind in order:
            if kind == "app":
                apps.append(one_start("app", folder, marker))
            elif kind == "bare":
                bares.append(one_start("bare", rows_file, marker))
            else:
                split[kind].append(one_start("bare", rows_file, marker, code=PARTS[kind]))
    return apps, bares, split


def run(quick: bool) -> list[Row]:
    rounds = 3 if quick else 9
    with tempfile.TemporaryDirectory(prefix="carte-prep-bench-") as name:
        tmp = Path(name)
        folder = copy_examples(tmp / "examples")
        apps, bares, split = compare(folder, rounds, tmp, parts=True)
        lingered = one_start("app", folder, table_rows(folder)[1], linger=1.0)
    app_time = median([r["elapsed"] for r in apps])
    bare_time = median([r["elapsed"] for r in bares])
    app_first = median([r["first"] for r in apps])
    bare_first = median([r["first"] for r in bares])
    imported = any(r["weasyprint"] for r in [*apps, lingered])
    parts = [
        Row(f"start-up:   {name}", ms(t), ms(bare_time), ratio(t, bare_time))
        for name, starts in split.items()
        for t in [median([r["elapsed"] for r in starts])]
    ]
    return [
        Row(
            f"start-up: households drawn (examples, median of {rounds})",
            ms(app_time),
            ms(bare_time),
            ratio(app_time, bare_time),
            "<= 1.3x bare Textual",
            app_time / bare_time <= 1.3,
        ),
        *parts,
        Row(
            "start-up: first frame of any kind",
            ms(app_first),
            ms(bare_first),
            ratio(app_first, bare_first),
        ),
        Row(
            "start-up: weasyprint imported (at draw, and 1 s after)",
            "yes" if imported else "no",
            target="not imported",
            met=not imported,
        ),
        Row(
            "start-up: modules loaded / peak RSS at draw",
            f"{apps[-1]['modules']} / {apps[-1]['maxrss_kb'] / 1024:.0f} MB",
            f"{bares[-1]['modules']} / {bares[-1]['maxrss_kb'] / 1024:.0f} MB",
        ),
    ]


if __name__ == "__main__":
    from common import table

    print(table(run(quick=True)))
