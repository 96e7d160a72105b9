"""Keep the cyclic garbage collector out of start-up and of reading the data folder.

Start-up and a bulk load only make objects that stay alive (modules, the catalogue, the
households), so every collection then is wasted work: measured, it was a tenth of the
app's start and a quarter of listing 10,000 households, and full collections rescan the
whole growing heap. So the collector is held off while the folder loads and turned back
on once the list is drawn from the validated files. When the app was started by
:func:`carte_prep.tui.run`, what is alive then is also frozen (``gc.freeze``): later
collections never rescan it.
"""

from __future__ import annotations

import gc

_state = {"held": False, "freeze": False}


def start_up() -> None:
    """Hold the collector from the very start; freeze what is alive when it resumes."""
    _state["freeze"] = True
    hold()


def hold() -> None:
    """No collection until :func:`resume` (a no-op if the collector is already off)."""
    if gc.isenabled():
        gc.disable()
        _state["held"] = True


def resume() -> None:
    """Turn the collector back on, if :func:`hold` turned it off."""
    if not _state["held"]:
        return
    if _state["freeze"]:
        gc.freeze()
    gc.enable()
    _state["held"] = False
