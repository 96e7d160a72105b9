"""The full-screen app (Textual). The only package of carte-prep that imports textual.

``run`` is what the command line calls: on the user's data folder, or with ``demo`` on a
temporary copy of the example households (profiles/ itself is never written to).
"""

from __future__ import annotations

from pathlib import Path

from carte_prep.core.paths import resolve_data_dir
from carte_prep.core.storage import Store

APP_BACKUP_EVERY = 60.0
"""The app saves as you type: changes within a minute share one backup."""


def run(data_dir: Path | None = None, *, demo: bool = False) -> int:
    """Run the app until the person quits; returns the process exit status."""
    from carte_prep.examples import temporary_examples
    from carte_prep.tui.app import make_app

    own = Store(resolve_data_dir(data_dir), backup_every=APP_BACKUP_EVERY)
    if demo:
        examples = temporary_examples()
        app = make_app(Store(Path(examples.name)), examples=examples, own=own)
    else:
        own.clean_leftovers()  # what a killed save or export left behind
        app = make_app(own)
    try:
        app.run()
    finally:
        app.close_renderer()
        app.close_examples()
    return app.return_code or 0
