"""``python -m carte_prep.tui [--demo] [--data-dir DIR]``: the app without the full CLI."""

from __future__ import annotations

import argparse
from pathlib import Path

from carte_prep.tui import run


def main(argv: list[str] | None = None) -> int:
    """Parse the two options and run the app."""
    parser = argparse.ArgumentParser(prog="python -m carte_prep.tui")
    parser.add_argument("--demo", action="store_true", help="work on a copy of the examples")
    parser.add_argument("--data-dir", type=Path, help="folder of household files")
    args = parser.parse_args(argv)
    return run(args.data_dir, demo=args.demo)


raise SystemExit(main())
