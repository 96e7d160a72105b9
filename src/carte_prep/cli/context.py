"""What every command works with: the data folder, its session, and the day called today."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from carte_prep.core.errors import CartePrepError
from carte_prep.core.text import printable
from carte_prep.i18n import _

if TYPE_CHECKING:
    from carte_prep.core.edits import Edit
    from carte_prep.core.model import Household
    from carte_prep.core.session import Session
    from carte_prep.core.settings import Settings
    from carte_prep.core.storage import Store

EXIT_USER_ERROR = 1


class UsageError(CartePrepError):
    """Arguments that parse but do not make sense together."""


class Context:
    """The store and session of one command, and the day it should consider 'today'.

    The session keeps its undo history on disk, beside the data: each command is its own
    process, and ``carte-prep undo`` is the next one.
    """

    def __init__(self, args: argparse.Namespace, stack: contextlib.ExitStack) -> None:
        from carte_prep.core.paths import index_path, resolve_data_dir
        from carte_prep.examples import temporary_examples

        if args.demo:
            examples = stack.enter_context(temporary_examples())
            self.data_dir = Path(examples)
            self.index_file: Path | None = None  # a throw-away copy needs no index
        else:
            self.data_dir = resolve_data_dir(args.data_dir)
            self.index_file = index_path(self.data_dir)
        self.demo: bool = args.demo
        self.today: dt.date = args.today or dt.date.today()

    @functools.cached_property
    def settings(self) -> Settings:
        """The person's settings file, read once; what is wrong with it is said once."""
        from carte_prep.core.settings import read_settings

        settings, problem = read_settings()
        if problem is not None:
            print(
                printable(_("carte-prep: warning: {problem}").format(problem=problem)),
                file=sys.stderr,
            )
        return settings

    def default_departement(self, args: argparse.Namespace) -> None:
        """A new application without ``--departement`` gets the one in the settings."""
        if getattr(args, "departement", None) is None and self.settings.departement:
            args.departement = self.settings.departement

    @functools.cached_property
    def store(self) -> Store:
        """Made when a command first needs it: ``paths`` or ``--help`` never load the model."""
        from carte_prep.core.storage import Store

        store = Store(self.data_dir, backup_days=self.settings.backup_days)
        store.clean_leftovers()  # what a killed save or export left behind
        return store

    @functools.cached_property
    def session(self) -> Session:
        from carte_prep.core.history import FileHistory
        from carte_prep.core.session import Session

        return Session(self.store, FileHistory(self.data_dir))

    def household(self, household_id: str) -> Household:
        return self.session.get(household_id)

    def change(self, household_id: str, *edits: Edit) -> Household:
        """Apply edits as one change (one save, one undo step), saying what cannot be undone."""
        saved = self.session.apply(household_id, *edits)
        for note in self.session.notes:
            print(
                printable(_("carte-prep: warning: {problem}").format(problem=note)), file=sys.stderr
            )
        self.session.notes.clear()
        self.say_if_thrown_away()
        return saved

    def say_if_thrown_away(self) -> None:
        """With --demo, say that the change just made is not kept: it went to a copy."""
        if self.demo:
            print(
                _(
                    "carte-prep: note: --demo works on a temporary copy of the examples; "
                    "this change is thrown away when the command ends"
                ),
                file=sys.stderr,
            )
