"""Responsiveness: the longest gap between frames or handled keys while a PDF renders.

The real app runs in a fresh process (``_child_app.py pdf``), headless at 100x30 but
drawing every frame in full (``_frames.FrameDriver``). The household's dossier is asked for
as the ``x`` key does it (the prompt answered with a path, enter), so the render runs in
the app's worker exactly as for a person, WeasyPrint imported cold. Meanwhile another
thread sends a down/up key every 20 ms. The figure is the longest time, between the enter
key and the "Written to" notice, with no frame written or no key handled (whichever is
longer). The baseline is the same key stream for a few seconds with no render, measured
first in the same process.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import BENCH, Row, child_env, copy_examples, ms, ratio, run_child

TARGET = 0.100


def run(quick: bool) -> list[Row]:
    household = "haddad-household"  # the longest example dossier
    idle = 2.0 if quick else 4.0
    with tempfile.TemporaryDirectory(prefix="carte-prep-bench-") as name:
        tmp = Path(name)
        folder = copy_examples(tmp / "data")
        output = tmp / "dossier.pdf"
        result = run_child(
            [str(BENCH / "_child_app.py"), "pdf", str(folder), household, str(output), str(idle)],
            child_env(),
        )
    if not result["written"]:
        raise RuntimeError(f"the app did not write the PDF: {result['notes']}")
    render, base = result["render"], result["idle"]
    worst = max(render["key_gap"], render["frame_gap"])
    base_worst = max(base["key_gap"], base["frame_gap"])
    return [
        Row(
            f"responsiveness: longest gap while {household} renders ({render['seconds']:.1f} s)",
            ms(worst),
            ms(base_worst),
            ratio(worst, base_worst),
            "<= 100 ms",
            worst <= TARGET,
        ),
        Row(
            "responsiveness:   longest gap between frames",
            ms(render["frame_gap"]),
            ms(base["frame_gap"]),
            ratio(render["frame_gap"], base["frame_gap"]),
        ),
        Row(
            "responsiveness:   longest gap between handled keys",
            ms(render["key_gap"]),
            ms(base["key_gap"]),
            ratio(render["key_gap"], base["key_gap"]),
        ),
        Row(
            "responsiveness:   slowest key (sent to handled)",
            ms(render["key_latency_max"]),
            ms(base["key_latency_max"]),
        ),
        Row(
            "responsiveness:   keys handled / frames drawn",
            f"{render['keys']} / {render['frames']}",
            f"{base['keys']} / {base['frames']}",
        ),
    ]


if __name__ == "__main__":
    from common import table

    print(table(run(quick=True)))
