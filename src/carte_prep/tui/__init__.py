"""The full-screen app (Textual). The only package of carte-prep that imports textual.

``run`` is what the command line calls: on the user's data folder, or with ``demo`` on a
temporary copy of the example households (profiles/ itself is never written to).
"""

from __future__ import annotations

import sys
from pathlib import Path

from carte_prep.core.paths import resolve_data_dir
from carte_prep.core.storage import Store
from carte_prep.i18n import _

APP_BACKUP_EVERY = 60.0
"""The app saves as you type: changes within a minute share one backup."""


def run(data_dir: Path | None = None, *, demo: bool = False) -> int:
    """Run the app until the person quits; returns the process exit status."""
    from carte_prep.core.settings import read_settings
    from carte_prep.core.text import printable
    from carte_prep.examples import temporary_examples
    from carte_prep.tui.app import make_app
    from carte_prep.tui.settings_actions import restart

    settings, problem = read_settings()
    if problem is not None:
        print(
            printable(_("carte-prep: warning: {problem}").format(problem=problem)), file=sys.stderr
        )
    days = settings.backup_days
    own = Store(resolve_data_dir(data_dir), backup_every=APP_BACKUP_EVERY, backup_days=days)
    if demo:
        examples = temporary_examples()
        store = Store(Path(examples.name), backup_days=days)
        app = make_app(store, examples=examples, own=own, settings=settings)
    else:
        own.clean_leftovers()  # what a killed save or export left behind
        app = make_app(own, settings=settings)
    try:
        app.run()
    finally:
        app.close_renderer()
        app.close_examples()
    if app.restart_requested:
        restart()
    return app.return_code or 0
