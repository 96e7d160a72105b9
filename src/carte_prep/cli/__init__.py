"""The command line: every subcommand is a thin layer over carte_prep.core (and dossier).

A command that changes a household reads its arguments into an edit
(:mod:`carte_prep.core.edits`), gives it to the session, and prints one line. Errors the
user can fix are printed as one line on stderr with a non-zero exit status; nothing is
written to disk unless the whole command succeeded.

Modules: ``parser`` (the options), ``args`` (value types), ``context`` (the session of
one run), ``render`` and ``checklist_text`` (what is printed), ``member_fields`` (the
member flags, declared once), and one module per group of commands.
"""

from __future__ import annotations

import gc
import sys

from carte_prep import __version__

TYPE_CHECKING = False  # not typing's: importing typing costs more than --version's work
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """Every command's options (imported here so that ``--version`` does not build them)."""
    from carte_prep.cli.parser import build_parser as build

    return build()


def _asks_for_version(argv: Sequence[str]) -> bool:
    """``--version`` among the options before the command: answered before anything is loaded."""
    for arg in argv:
        if arg == "--version":
            return True
        if arg == "--" or not arg.startswith("-"):
            return False
    return False


def _language_flag(argv: Sequence[str]) -> str | None:
    """``--lang`` among the options before the command: the help is built in that language."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg == "--" or not arg.startswith("-"):
            return None
    return None


def _run_app(args: argparse.Namespace) -> int:
    from carte_prep.tui import run  # the only place the CLI loads textual

    return run(args.data_dir, demo=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if _asks_for_version(argv):
        print(f"carte-prep {__version__}")
        return 0
    from carte_prep.cli.paths import quick_paths

    if quick_paths(argv):  # no sentence to translate: before the language is chosen
        return 0
    from carte_prep.i18n import chosen_language, set_language

    set_language(chosen_language(_language_flag(argv)))  # the help, too, is in that language
    if argv in (["--help"], ["-h"]):
        from carte_prep.cli.parser import top_level_help

        sys.stdout.write(top_level_help())
        return 0
    # A command builds many small objects and ends: collecting cycles only costs time.
    # The objects made while importing are frozen out of every later collection.
    gc.disable()
    try:
        from carte_prep.cli.quick_list import quick_list

        if quick_list(argv):
            return 0
        return _dispatch(argv)
    finally:
        gc.enable()


def _dispatch(argv: Sequence[str]) -> int:
    import contextlib
    import os

    from carte_prep.cli.context import EXIT_USER_ERROR, Context, UsageError
    from carte_prep.core.errors import CartePrepError
    from carte_prep.core.text import printable
    from carte_prep.i18n import _

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            if args.today is not None:
                raise UsageError(_("--today works with a command (e.g. 'checklist'), not the app"))
            return _run_app(args)
        with contextlib.ExitStack() as stack:
            return int(args.handler(Context(args, stack), args))
    except CartePrepError as exc:
        print(
            _("carte-prep: error: {message}").format(message=printable(str(exc))), file=sys.stderr
        )
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        message = printable(f"{exc.strerror or exc}{where}")
        print(_("carte-prep: error: {message}").format(message=message), file=sys.stderr)
        return EXIT_USER_ERROR
