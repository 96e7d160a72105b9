"""Run the carte-prep benchmarks and print one table: figure, value, baseline, ratio, target.

    python benchmarks/run.py            # full: about 4 minutes on a 2-core machine
    python benchmarks/run.py --quick    # fewer repetitions, smaller PDF: under 2 minutes
    python benchmarks/run.py --only startup,pdf

From the repository root. The checkout's src/ is measured (put first on the path of this
process and of every child), whether or not carte-prep is also installed. Each figure has
a baseline measured in the same run; see benchmarks/README.md for what each one is.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
import time
from importlib.metadata import PackageNotFoundError, version

from common import SRC, Row, table

BENCHMARKS = ("startup", "commands", "checklist", "scale", "listing", "responsiveness", "pdf")


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (< 2 min)")
    parser.add_argument(
        "--only", default=",".join(BENCHMARKS), help=f"comma-separated: {', '.join(BENCHMARKS)}"
    )
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(chosen) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    sys.path.insert(0, str(SRC))

    import os

    print(
        f"carte-prep benchmarks ({'quick' if args.quick else 'full'}): "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"textual {_version('textual')}, weasyprint {_version('weasyprint')}, "
        f"pydantic {_version('pydantic')}",
        flush=True,
    )
    rows: list[Row] = []
    started = time.perf_counter()
    for name in chosen:
        began = time.perf_counter()
        print(f"  running {name}...", file=sys.stderr, flush=True)
        module = importlib.import_module(name)
        rows += module.run(quick=args.quick)
        print(f"  {name}: {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    print(table(rows))
    judged = [row for row in rows if row.met is not None]
    met = sum(1 for row in judged if row.met)
    print(
        f"\n{met} of {len(judged)} targets met; "
        f"total {time.perf_counter() - started:.0f} s. Ratios compare with the baseline "
        "measured in this run; absolute times depend on the machine."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
