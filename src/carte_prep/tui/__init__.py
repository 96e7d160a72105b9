"""The full-screen app (Textual). The only package of carte-prep that imports textual.

``run`` is what the command line calls: on the user's data folder, or with ``demo`` on a
temporary copy of the example households (profiles/ itself is never written to).
"""

from __future__ import annotations

import gc
from pathlib import Path


def run(data_dir: Path | None = None, *, demo: bool = False) -> int:
    """Run the app until the person quits; returns the process exit status.

    The app gets the data folder as a path: its store (and pydantic) is made once the
    households list is drawn, and the worker that reads the folder removes what a killed
    save or export left behind.
    """
    from carte_prep.tui import collector

    collector.start_up()
    from carte_prep.core.paths import raw_settings, resolve_data_dir
    from carte_prep.tui.app import make_app
    from carte_prep.tui.settings_actions import restart

    gc.freeze()  # the modules just imported live as long as the process

    own = resolve_data_dir(data_dir)
    theme = str(raw_settings().get("theme", ""))
    if demo:
        from carte_prep.core.storage import Store
        from carte_prep.examples import temporary_examples

        examples = temporary_examples()
        app = make_app(Store(Path(examples.name)), examples=examples, own=own, theme=theme)
    else:
        app = make_app(own, theme=theme)
    try:
        app.run()
    finally:
        app.close_renderer()
        app.close_examples()
    if app.restart_requested:
        restart()
    return app.return_code or 0
