"""Reading arguments: the one-line error style, value types, and how a command is declared.

Argparse is kept: its messages ("invalid choice", "invalid int value") are what scripts
and people already see, it costs nothing at start-up, and every error stays one line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carte_prep.core.text import printable
from carte_prep.i18n import _

if TYPE_CHECKING:
    from carte_prep.cli.context import Context

Handler = Callable[["Context", argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line, like every other carte-prep error."""

    def error(self, message: str) -> Any:  # argparse's signature returns NoReturn
        line = _("carte-prep: error: {message} (see '{command} --help')")
        self.exit(2, line.format(message=printable(message), command=self.prog) + "\n")


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
    parser.set_defaults(handler=handler)
    return parser


def folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError(_("the folder is empty; give a path, e.g. ~/carte-prep"))
    return Path(text).expanduser()


def date(text: str) -> dt.date:
    from carte_prep.core.model import plausible_day

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-15").format(
                text=repr(text)
            )
        ) from None
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
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a time; write it as HH:MM").format(text=repr(text))
        ) from None


def add_date(
    parser: argparse.ArgumentParser, flag: str, *, required: bool = False, help: str | None = None
) -> None:
    """An option that takes a date written YYYY-MM-DD."""
    parser.add_argument(flag, type=date, metavar="YYYY-MM-DD", required=required, help=help)
