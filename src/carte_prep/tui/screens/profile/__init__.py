"""The profile editor: add a member or change one, step by step (see :mod:`.screen`).

``widgets`` builds, reads and refills the fields of a step; ``texts`` holds the lines the
editor writes around them (the procedure, the numéro hint, the preview, the messages).
"""

from __future__ import annotations

from carte_prep.tui.screens.profile.screen import ProfileScreen

__all__ = ["ProfileScreen"]
