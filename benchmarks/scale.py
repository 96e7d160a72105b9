"""Scale: list 1,000 households (core, ``carte-prep list --json``, the app), their memory,
and open a household of 10 members.

1,000 valid households of 1 to 4 members (seeded, cards and procedures cycling through the
whole catalogue) are generated into a temporary folder with the real model. "Listing" is
what both the ``list`` command and the households screen do: load every file and build each
member's checklist summary.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from common import (
    BENCH,
    ROOT,
    TODAY,
    Row,
    best_of,
    child_env,
    copy_examples,
    generate_households,
    household_json,
    make_household,
    mb,
    median,
    ms,
    ratio,
    run_child,
    write_json,
)
from startup import one_start, table_rows

HOUSEHOLDS = 1000
LIST_TARGET = 1.0
MEMORY_TARGET_KB = 150 * 1024
CLI = "import sys; from carte_prep.cli import main; sys.exit(main(sys.argv[1:]))"
JSON_ONLY = (
    "import json, pathlib, sys\n"
    "files = sorted(pathlib.Path(sys.argv[1]).glob('*.json'))\n"
    "docs = [json.loads(p.read_bytes()) for p in files]\n"
    "json.dump([d['name'] for d in docs], sys.stdout)\n"
)


def wall(args: list[str]) -> float:
    """Wall time of ``python ARGS`` from start to exit (output read and dropped)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args], env=child_env(), cwd=ROOT, capture_output=True, check=True
    )
    return time.perf_counter() - start


def core_rows(folder: Path, rounds: int) -> list[Row]:
    from carte_prep.core.storage import Store
    from carte_prep.core.summary import summarise

    def load() -> Any:
        return Store(folder).load_all()

    def listing() -> None:
        report = load()
        for household in report.households:
            summarise(household, TODAY)

    def json_only() -> None:
        for path in sorted(folder.glob("*.json")):
            json.loads(path.read_bytes())

    load()  # warm the page cache
    members = sum(len(h.members) for h in load().households)
    t_list = best_of(rounds, listing)
    t_load = best_of(rounds, load)
    t_json = best_of(rounds, json_only)
    return [
        Row(
            f"scale: core list {HOUSEHOLDS} households ({members} members)",
            ms(t_list),
            ms(t_json),
            ratio(t_list, t_json),
            "< 1 s",
            t_list < LIST_TARGET,
        ),
        Row(
            "scale:   of which Store.load_all (vs json.loads)",
            ms(t_load),
            ms(t_json),
            ratio(t_load, t_json),
        ),
        Row("scale:   of which summaries (checklists)", ms(t_list - t_load)),
    ]


def cli_rows(folder: Path, rounds: int) -> list[Row]:
    command = ["-c", CLI, "--data-dir", str(folder), "--today", TODAY.isoformat(), "list", "--json"]
    baseline = ["-c", JSON_ONLY, str(folder)]
    wall(command)  # warm-up
    cli, base, bare = [], [], []
    for _ in range(rounds):
        cli.append(wall(command))
        base.append(wall(baseline))
        bare.append(wall(["-c", "pass"]))
    t_cli, t_base = median(cli), median(base)
    return [
        Row(
            f"scale: 'carte-prep list --json', {HOUSEHOLDS} households",
            ms(t_cli),
            ms(t_base),
            ratio(t_cli, t_base),
            "< 1 s",
            t_cli < LIST_TARGET,
        ),
        Row("scale:   baseline: python -c pass", ms(median(bare))),
    ]


def app_rows(folder: Path, examples: Path, rounds: int, tmp: Path) -> list[Row]:
    rows, marker = table_rows(folder)
    rows_file = write_json(tmp / "rows-1000.json", rows)
    ex_marker = table_rows(examples)[1]
    one_start("app", folder, marker)  # warm-up
    big, bare, small = [], [], []
    for _ in range(rounds):
        big.append(one_start("app", folder, marker))
        bare.append(one_start("bare", rows_file, marker))
        small.append(one_start("app", examples, ex_marker))
    t_big = median([r["elapsed"] for r in big])
    t_bare = median([r["elapsed"] for r in bare])
    t_small = median([r["elapsed"] for r in small])
    rss = max(r["maxrss_kb"] for r in big)
    bare_rss = max(r["maxrss_kb"] for r in bare)
    return [
        Row(
            f"scale: app start to list drawn, {HOUSEHOLDS} households ({len(rows)} rows)",
            ms(t_big),
            ms(t_bare),
            ratio(t_big, t_bare),
        ),
        Row(
            f"scale:   app listing time (minus its start with the examples, {ms(t_small)})",
            ms(t_big - t_small),
            target="< 1 s",
            met=t_big - t_small < LIST_TARGET,
        ),
        Row(
            f"scale: app peak RSS with {HOUSEHOLDS} households listed",
            mb(rss),
            mb(bare_rss),
            ratio(rss, bare_rss),
            "< 150 MB",
            rss < MEMORY_TARGET_KB,
        ),
    ]


def memory_rows(folder: Path) -> list[Row]:
    child = str(BENCH / "_child_scale.py")
    listed = run_child([child, "list", str(folder)], child_env())
    base = run_child([child, "baseline", str(folder)], child_env())
    assert listed["households"] == HOUSEHOLDS
    return [
        Row(
            f"scale: peak RSS, process that lists {HOUSEHOLDS} households (no UI)",
            mb(listed["maxrss_kb"]),
            mb(base["maxrss_kb"]),
            ratio(listed["maxrss_kb"], base["maxrss_kb"]),
            "< 150 MB",
            listed["maxrss_kb"] < MEMORY_TARGET_KB,
        )
    ]


def open_rows(folder: Path, rounds: int) -> list[Row]:
    from carte_prep.core import household_checklists
    from carte_prep.core.engine import build_checklist
    from carte_prep.core.storage import Store

    def open_core() -> None:
        household = Store(folder).load("ten-members")
        build_checklist(household, household.members[0].id, TODAY)
        household_checklists(household, TODAY)

    def open_one() -> None:
        household = Store(folder).load("nguyen-student")
        build_checklist(household, household.members[0].id, TODAY)
        household_checklists(household, TODAY)

    t_ten = best_of(rounds * 5, open_core)
    t_one = best_of(rounds * 5, open_one)
    tracemalloc.start()
    open_core()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    child = str(BENCH / "_child_app.py")
    repeats = str(3 if rounds == 1 else 7)
    app_ten = run_child([child, "open", str(folder), "ten-members", repeats], child_env())
    app_one = run_child([child, "open", str(folder), "nguyen-student", repeats], child_env())
    return [
        Row(
            "scale: open 10-member household, core (load + checklists)",
            ms(t_ten),
            ms(t_one),
            ratio(t_ten, t_one) + " of 1 member",
        ),
        Row("scale:   its peak allocation (tracemalloc)", f"{peak / 2**20:.1f} MB"),
        Row(
            "scale: open 10-member household in the app (enter to drawn)",
            ms(app_ten["median"]),
            ms(app_one["median"]),
            ratio(app_ten["median"], app_one["median"]) + " of 1 member",
        ),
    ]


def run(quick: bool) -> list[Row]:
    rounds = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="carte-prep-bench-") as name:
        tmp = Path(name)
        folder = tmp / "households"
        generate_households(folder, HOUSEHOLDS)
        examples = copy_examples(tmp / "examples")
        ten = copy_examples(tmp / "ten")
        import random

        family = make_household(random.Random(3), "ten-members", "Big family of ten", 10)
        (ten / "ten-members.json").write_text(household_json(family), "utf-8")
        result = core_rows(folder, rounds)
        result += cli_rows(folder, rounds)
        result += app_rows(folder, examples, rounds, tmp)
        result += memory_rows(folder)
        result += open_rows(ten, rounds)
    return result


if __name__ == "__main__":
    from common import table

    print(table(run(quick=True)))
