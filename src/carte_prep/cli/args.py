"""Reading arguments: the one-line error style, value types, and how a command is declared.

Argparse is kept: its messages ("invalid choice", "invalid int value") are what scripts
and people already see, it costs nothing at start-up, and every error stays one line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carte_prep.core.text import printable
from carte_prep.i18n import _

if TYPE_CHECKING:
    from carte_prep.cli.context import Context

Handler = Callable[["Context", argparse.Namespace], int]
DAY = "YYYY-MM-DD"
"""What ``--help`` calls a date; 15/01/2027, as in the app, is read too."""


class Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line, like every other carte-prep error."""

    def error(self, message: str) -> Any:  # argparse's signature returns NoReturn
        line = _("carte-prep: error: {message} (see '{command} --help')")
        self.exit(2, line.format(message=printable(message), command=self.prog) + "\n")

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        """As argparse's, but arguments left over are blamed on the command they were
        given to, whose ``--help`` the error points to (not the top level's)."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            words = gettext.gettext("unrecognized arguments: %s")  # argparse's own words
            getattr(parsed, "command_parser", self).error(words % " ".join(extras))
        return parsed


def add_command(
    commands: argparse._SubParsersAction[Parser], name: str, handler: Handler
) -> Parser:
    """A subcommand whose ``handler(context, args)`` runs it and returns the exit status.

    Its one-line help is the one ``carte-prep --help`` lists (:mod:`carte_prep.cli.commands`).
    """
    from carte_prep.cli.commands import COMMANDS
    from carte_prep.i18n import _

    help_text = _(dict(COMMANDS)[name])
    parser = commands.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler, command_parser=parser)
    return parser


def folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError(_("the folder is empty; give a path, e.g. ~/carte-prep"))
    return Path(text).expanduser()


def date(text: str) -> dt.date:
    """A date written as the app takes it (15/01/2027) or as ISO 8601 (2027-01-15)."""
    from carte_prep.core.dates import InputProblem, parse_date
    from carte_prep.core.model import plausible_day

    try:
        day = parse_date(text)
    except InputProblem:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date; write it as dd/mm/yyyy or YYYY-MM-DD, e.g. 15/01/2027").format(
                text=repr(text)
            )
        )
    try:
        return plausible_day(day)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


MAX_SECONDS = 24 * 3600.0
"""The longest wait a command accepts: a day is plenty, and the OS refuses much longer."""


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 < value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            _("{text} is not a number of seconds above 0 and at most {most} (a day)").format(
                text=repr(text), most=f"{MAX_SECONDS:g}"
            )
        )
    return value


def time(text: str) -> dt.time:
    """A time written 10:30, or 10h30 as the app takes it."""
    from carte_prep.core.dates import InputProblem, parse_time

    try:
        moment = parse_time(text)
    except InputProblem:
        moment = None
    if moment is None:
        raise argparse.ArgumentTypeError(
            _("{text} is not a time; write it as HH:MM").format(text=repr(text))
        )
    return moment


def add_date(
    parser: argparse.ArgumentParser, flag: str, *, required: bool = False, help: str | None = None
) -> None:
    """An option that takes a date (dd/mm/yyyy or YYYY-MM-DD)."""
    parser.add_argument(flag, type=date, metavar=DAY, required=required, help=help)
