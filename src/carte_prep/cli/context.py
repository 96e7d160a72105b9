"""What every command works with: the data folder, its session, and the day called today."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from pathlib import Path

from carte_prep.core.edits import Edit
from carte_prep.core.errors import CartePrepError
from carte_prep.core.history import FileHistory
from carte_prep.core.model import Household
from carte_prep.core.paths import resolve_data_dir
from carte_prep.core.session import Session
from carte_prep.core.storage import Store
from carte_prep.core.text import printable
from carte_prep.examples import temporary_examples

EXIT_USER_ERROR = 1


class UsageError(CartePrepError):
    """Arguments that parse but do not make sense together."""


class Context:
    """The store and session of one command, and the day it should consider 'today'.

    The session keeps its undo history on disk, beside the data: each command is its own
    process, and ``carte-prep undo`` is the next one.
    """

    def __init__(self, args: argparse.Namespace, stack: contextlib.ExitStack) -> None:
        if args.demo:
            examples = stack.enter_context(temporary_examples())
            self.data_dir = Path(examples)
        else:
            self.data_dir = resolve_data_dir(args.data_dir)
        self.store = Store(self.data_dir)
        self.store.clean_leftovers()  # what a killed save or export left behind
        self.session = Session(self.store, FileHistory(self.data_dir))
        self.today: dt.date = args.today or dt.date.today()

    def household(self, household_id: str) -> Household:
        return self.session.get(household_id)

    def change(self, household_id: str, *edits: Edit) -> Household:
        """Apply edits as one change (one save, one undo step), saying what cannot be undone."""
        saved = self.session.apply(household_id, *edits)
        for note in self.session.notes:
            print(printable(f"carte-prep: warning: {note}"), file=sys.stderr)
        self.session.notes.clear()
        return saved
