"""Start-up: process start until the households screen is drawn, against a bare Textual app.

Each run is a fresh process (``_child_startup.py``) drawing through ``_frames.FrameDriver``
in a 100x30 headless terminal. The time is from just before the parent starts the process
until the frame that shows the first household's name (so it includes the interpreter, the
imports, reading the data folder, the checklists and drawing). App and baseline runs
alternate so both see the same noise; the medians are compared. The baseline is a Textual
app with the same widgets, columns, keys and rows, and no carte-prep code.

The app reads the households index (in a cache folder of this run) to draw its first
screen; the data files are dated a minute back, as a person's files are when they start the
app, so that the index can vouch for them by their size and time. The first (warm-up)
start writes the index.

At 10,000 households (generated, ~25,000 rows) both the app and the baseline add their rows
a few hundred per refresh (the app's :data:`~carte_prep.tui.screens.households.CHUNK`), so
the figure is when the list is first shown, for both, with the same number of rows to come.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from common import (
    BENCH,
    Row,
    child_env,
    copy_examples,
    generate_households,
    median,
    ms,
    ratio,
    run_child,
    write_json,
)

MANY = 10_000

CHILD = str(BENCH / "_child_startup.py")


def _ascii_start(name: str) -> str:
    """The start of a name up to its first non-ASCII character (at most 10): the marker."""
    marker = ""
    for char in name[:10]:
        if not char.isascii():
            break
        marker += char
    return marker


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
    kind: str,
    argument: Path,
    marker: str,
    linger: float = 0,
    code: str = "",
    chunk: int = 0,
) -> dict[str, Any]:
    """Start one child; its times become seconds since the parent started it.

    Its cache folder (where the app keeps the households index) is beside its data.
    """
    env = child_env(
        TEXTUAL_DRIVER="_frames:FrameDriver",
        BENCH_MARKER=marker,
        BENCH_LINGER=str(linger),
        BENCH_CHUNK=str(chunk),
        XDG_CACHE_HOME=str(argument.parent / "cache"),
    )
    started = time.perf_counter()
    result: dict[str, Any] = run_child([CHILD, kind, str(argument), *([code] if code else [])], env)
    result["elapsed"] = result["drawn"] - started
    result["first"] = result["first_frame"] - started
    return result


Starts = list[dict[str, Any]]


def age(folder: Path, seconds: float = 60.0) -> None:
    """Date the data files back, as files are that were not saved in the last moment."""
    past = time.time() - seconds
    for path in folder.glob("*.json"):
        os.utime(path, (past, past))


def compare(
    folder: Path,
    rounds: int,
    tmp: Path,
    parts: bool = False,
    table: tuple[list[list[str]], str] | None = None,
    chunk: int = 0,
) -> tuple[Starts, Starts, dict[str, Starts]]:
    """``rounds`` alternating app and baseline starts on ``folder`` (after one warm-up each),
    and with ``parts`` the baseline variants of :data:`PARTS` in the same rounds."""
    age(folder)
    rows, marker = table or table_rows(folder)
    rows_file = write_json(tmp / f"rows-{folder.parent.name}.json", rows)
    one_start("app", folder, marker)  # warm-up: compiled bytecode, page cache, the index
    one_start("bare", rows_file, marker, chunk=chunk)
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
                bares.append(one_start("bare", rows_file, marker, chunk=chunk))
            else:
                split[kind].append(one_start("bare", rows_file, marker, code=PARTS[kind]))
    return apps, bares, split


def table_rows(folder: Path) -> tuple[list[list[str]], str]:
    """The households screen's rows for ``folder`` as plain text, and a marker to wait for.

    They are the list's lines, in its order, written to the index of the run's cache
    folder for the real today, as the app's first start of the day does (one validation
    of every file); the app is started without ``--today``. The
    marker is the start of the first household's name (ASCII only): it is drawn only once
    the list is shown.
    """
    from carte_prep.core.listing import list_households
    from carte_prep.core.paths import index_path
    from carte_prep.core.storage import Store
    from carte_prep.tui.format import bar

    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder.parent / "cache")
    try:
        listing = list_households(Store(folder), dt.date.today(), index_path(folder))
    finally:
        if before is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = before
    rows: list[list[str]] = []
    for row in listing.rows:
        count = len(row["members"])
        rows.append(
            [
                row["name"],
                bar(row["done"], row["total"], width=5).plain,
                _day(row),
                f"⚠ {row['warnings']}" if row["warnings"] else "–",
                "",
                "",
                f"{count} member{'' if count == 1 else 's'}",
            ]
        )
        for m in row["members"]:
            rows.append(
                [
                    "  " + m["name"],
                    bar(m["done"], m["total"], width=5).plain,
                    _day(m),
                    f"⚠ {m['warnings']}" if m["warnings"] else "–",
                    m["route"] or "",
                    m["procedure_label"] or "",
                    m["card_short"] or "",
                ]
            )
    return rows, _ascii_start(listing.rows[0]["name"])


def _day(row: Any) -> str:
    deadline = row["next_deadline"]
    return "" if deadline is None else deadline["date"]


def many(rounds: int, tmp: Path) -> list[Row]:
    """The app on 10,000 households against the bare app with the same rows and chunks."""
    from carte_prep.tui.screens.households import CHUNK

    folder = tmp / "many" / "data"
    generate_households(folder, MANY)
    folder.chmod(0o700)
    for path in folder.iterdir():
        path.chmod(0o600)
    age(folder)
    table = table_rows(folder)
    apps, bares, _ = compare(folder, rounds, tmp, table=table, chunk=CHUNK)
    app_time = median([r["elapsed"] for r in apps])
    bare_time = median([r["elapsed"] for r in bares])
    return [
        Row(
            f"start-up: {MANY:,} households drawn ({len(table[0]):,} rows, median of {rounds})",
            ms(app_time),
            ms(bare_time),
            ratio(app_time, bare_time),
            "< 1 s and <= 1.2x bare",
            app_time < 1.0 and app_time / bare_time <= 1.2,
        ),
        Row(
            f"start-up:   peak RSS at draw, {MANY:,} households",
            f"{apps[-1]['maxrss_kb'] / 1024:.0f} MB",
            f"{bares[-1]['maxrss_kb'] / 1024:.0f} MB",
        ),
    ]


def run(quick: bool) -> list[Row]:
    rounds = 3 if quick else 9
    with tempfile.TemporaryDirectory(prefix="carte-prep-bench-") as name:
        tmp = Path(name)
        folder = copy_examples(tmp / "examples" / "data")
        apps, bares, split = compare(folder, rounds, tmp, parts=True)
        lingered = one_start("app", folder, table_rows(folder)[1], linger=1.0)
        crowd = many(3 if quick else 5, tmp)
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
            "<= 1.2x bare Textual",
            app_time / bare_time <= 1.2,
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
        *crowd,
    ]


if __name__ == "__main__":
    from common import table

    print(table(run(quick=True)))
