"""``carte-prep list --json`` through the households index, at 100, 1,000 and 10,000 households.

For each size, generated households (1 to 4 members, cards and paths cycling through the
catalogue) are written into a temporary data folder with its own cache folder. The first
``list`` of a day computes every line (it validates every file and builds every checklist)
and writes the index; the figure that matters is every later ``list`` of that day, which
reads the unchanged files' lines from the index. Its baseline is a process that only reads
and parses the index file. Targets (issue 17): under 1 s and within 1.5x of reading the
index at 10,000 households, under 150 MB. The first listing is shown too, with no target,
at 100 and 1,000 only (at 10,000 it takes minutes on a 2-core machine).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, TODAY, Row, child_env, generate_households, mb, median, ms, ratio, secs

SIZES = (100, 1_000, 10_000)
COLD_SIZES = (100, 1_000)
LIST = (
    "import sys\n"
    "from carte_prep.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
    "print(peak, file=sys.stderr)\n"
    "sys.exit(code)\n"
)
READ_INDEX = (
    "import json, pathlib, sys\n"
    "for path in pathlib.Path(sys.argv[1]).rglob('*.json'):\n"
    "    json.loads(path.read_bytes())\n"
)


def _run(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time of ``python ARGS`` and, for a list, its peak resident memory in kB."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - start
    last = done.stderr.strip().splitlines()[-1:] if done.stderr.strip() else []
    return elapsed, int(last[0]) if last and last[0].isdigit() else 0


def _one_size(size: int, tmp: Path, rounds: int) -> tuple[list[Row], float]:
    folder, cache = tmp / f"h{size}", tmp / f"cache{size}"
    generate_households(folder, size)
    for path in folder.iterdir():
        path.chmod(0o600)
    folder.chmod(0o700)
    env = child_env(XDG_CACHE_HOME=str(cache))
    command = [
        "-c",
        LIST,
        "--data-dir",
        str(folder),
        "--today",
        TODAY.isoformat(),
        "list",
        "--json",
    ]
    cold, _ = _run(command, env)
    warm, base, peaks = [], [], []
    for _ in range(rounds):
        elapsed, peak = _run(command, env)
        warm.append(elapsed)
        peaks.append(peak)
        base.append(_run(["-c", READ_INDEX, str(cache)], env)[0])
    t_warm, t_base, peak = median(warm), median(base), max(peaks)
    judged = size == SIZES[-1]
    rows = [
        Row(
            f"listing: list --json, {size:,} households, index current",
            ms(t_warm),
            ms(t_base),
            ratio(t_warm, t_base),
            "< 1 s and <= 1.5x" if judged else "",
            (t_warm < 1.0 and t_warm <= 1.5 * t_base) if judged else None,
        ),
        Row(
            f"listing:   its peak memory, {size:,} households",
            mb(peak),
            target="< 150 MB" if judged else "",
            met=peak < 150 * 1024 if judged else None,
        ),
    ]
    if size in COLD_SIZES:
        rows.append(Row(f"listing:   first list of the day, {size:,} households", secs(cold)))
    return rows, t_warm


def run(quick: bool) -> list[Row]:
    rounds = 3 if quick else 7
    rows: list[Row] = []
    times: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="carte-prep-bench-") as name:
        for size in SIZES:
            found, times[size] = _one_size(size, Path(name), rounds)
            rows += found
    slope = ", ".join(
        f"{b:,} vs {a:,}: {times[b] / times[a]:.1f}x" for a, b in itertools.pairwise(SIZES)
    )
    rows.append(Row(f"listing: growth with the index current ({slope} for 10x more)", ""))
    return rows


if __name__ == "__main__":
    from common import table

    print(table(run(quick=True)))
