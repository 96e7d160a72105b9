"""What the app prints when it stops on an unexpected error: where, never what.

A traceback's local variables and an exception's message can quote a household (names,
passport numbers), so the report names only the exception type and the code location:
enough for a bug report, nothing personal. The app's ``_fatal_error`` prints it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from carte_prep.i18n import N_, _

CRASH_MESSAGE = N_(
    "carte-prep stopped because of an unexpected error ({where}).\n"
    "Every change you made was saved when you made it, so your data is safe.\n"
    "Please report this message (it holds no personal data) and start carte-prep again."
)


def crash_report() -> str:
    """The message for the exception being handled."""
    return _(CRASH_MESSAGE).format(where=_location())


def _location() -> str:
    """``TypeError at carte_prep/tui/app.py:123`` for the exception being handled."""
    kind, _value, trace = sys.exc_info()
    if kind is None:
        return _("unknown error")
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    if trace is None:
        return kind.__name__
    code = trace.tb_frame.f_code
    path = Path(code.co_filename)
    return f"{kind.__name__} in {code.co_name} at {path.parent.name}/{path.name}:{trace.tb_lineno}"
