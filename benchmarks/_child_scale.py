"""Memory child: ``python benchmarks/_child_scale.py list|baseline DATA_DIR``.

``list`` does what the households screen does with a data folder (load every file, build
each member's summary) and prints the time it took and the process's peak resident memory
(``VmHWM``, see :func:`_rss.peak_rss_kb`: the high-water mark of the whole process:
interpreter, libraries, catalogue and data). ``baseline`` imports the same modules and loads
the catalogue but reads no household: the fixed cost the data adds to. One JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from _rss import peak_rss_kb
from common import TODAY

from carte_prep.core.catalogue import load_catalogue
from carte_prep.core.storage import Store
from carte_prep.core.summary import summarise


def main(mode: str, folder: Path) -> dict[str, float]:
    load_catalogue()
    start = time.perf_counter()
    count = 0
    if mode == "list":
        report = Store(folder).load_all()
        summaries = [summarise(h, TODAY) for h in report.households]
        count = len(summaries)
    return {
        "seconds": time.perf_counter() - start,
        "households": count,
        "maxrss_kb": peak_rss_kb(),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], Path(sys.argv[2]))))
