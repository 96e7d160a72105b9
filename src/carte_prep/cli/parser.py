"""The whole command line: the options every command takes, then each group's commands."""

from __future__ import annotations

import argparse

from carte_prep import __version__
from carte_prep.cli import args as types
from carte_prep.cli.args import Parser
from carte_prep.i18n import LANGUAGES, _


def build_parser() -> argparse.ArgumentParser:
    from carte_prep.cli import after_filing, households, info, items, members, outputs, settings

    parser, commands = _top_level()
    for group in (outputs, items, households, members, after_filing, info, settings):
        group.register(commands)
    return parser


def top_level_help() -> str:
    """``carte-prep --help``: the options and the list of commands, whose own options are
    not built (:mod:`carte_prep.cli.commands`)."""
    from carte_prep.cli.commands import COMMANDS

    parser, commands = _top_level()
    for name, help_text in COMMANDS:
        commands.add_parser(name, help=_(help_text), description=_(help_text))
    return parser.format_help()


def _top_level() -> tuple[Parser, argparse._SubParsersAction[Parser]]:
    parser = Parser(
        prog="carte-prep",
        description=_(
            "Prepare a French residence card application: the right checklist for "
            "each person, tracked, with a printable dossier. With no command, opens the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"carte-prep {__version__}")
    parser.add_argument(
        "--data-dir",
        type=types.folder,
        metavar="DIR",
        help=_(
            "where households are kept (default: your user data folder, or $CARTE_PREP_DATA_DIR)"
        ),
    )
    parser.add_argument(
        "--today",
        type=types.date,
        metavar="YYYY-MM-DD",
        help=_("judge dates as if today were this day (for planning ahead)"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("the language to speak: fr or en (default: the 'language' setting, else $LANG)"),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("work on a temporary copy of the example households (nothing is kept)"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    return parser, commands
