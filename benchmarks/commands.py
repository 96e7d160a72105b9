"""Light commands: ``--version``, ``--help`` and ``paths`` against ``python -c pass``.

Each command is a fresh process of the console script's code (``cli.main``), alternated
with the interpreter doing nothing, so both see the same noise. Target (issue 17): within
1.5x of ``python -c pass``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time

from common import ROOT, Row, child_env, median, ms, ratio

CLI = "import sys; from carte_prep.cli import main; sys.exit(main(sys.argv[1:]))"
TARGET = 1.5
COMMANDS = (["--version"], ["--help"], ["paths"])


def _wall(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - start


def run(quick: bool) -> list[Row]:
    rounds = 7 if quick else 21
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="carte-prep-bench-") as tmp:
        env = child_env(XDG_CACHE_HOME=tmp, CARTE_PREP_DATA_DIR=f"{tmp}/data")
        for argv in COMMANDS:
            _wall(["-c", CLI, *argv], env)  # warm the file cache
            command, bare = [], []
            for _ in range(rounds):
                command.append(_wall(["-c", CLI, *argv], env))
                bare.append(_wall(["-c", "pass"], env))
            t_command, t_bare = median(command), median(bare)
            rows.append(
                Row(
                    f"commands: carte-prep {' '.join(argv)}",
                    ms(t_command),
                    ms(t_bare),
                    ratio(t_command, t_bare),
                    f"<= {TARGET:g}x python -c pass",
                    t_command <= TARGET * t_bare,
                )
            )
    return rows


if __name__ == "__main__":
    from common import table

    print(table(run(quick=True)))
