"""The whole command line: the options every command takes, then each group's commands."""

from __future__ import annotations

import argparse

from carte_prep import __version__
from carte_prep.cli import after_filing, households, info, items, members, outputs, settings
from carte_prep.cli import args as types
from carte_prep.cli.args import Parser
from carte_prep.i18n import LANGUAGES


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="carte-prep",
        description="Prepare a French residence card application: the right checklist for "
        "each person, tracked, with a printable dossier. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"carte-prep {__version__}")
    parser.add_argument(
        "--data-dir",
        type=types.folder,
        metavar="DIR",
        help="where households are kept (default: your user data folder, or $CARTE_PREP_DATA_DIR)",
    )
    parser.add_argument(
        "--today",
        type=types.date,
        metavar="YYYY-MM-DD",
        help="judge dates as if today were this day (for planning ahead)",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="the language to speak: fr or en (default: the 'language' setting, else $LANG)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="work on a temporary copy of the example households (nothing is kept)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for group in (outputs, items, households, members, after_filing, info, settings):
        group.register(commands)
    return parser
