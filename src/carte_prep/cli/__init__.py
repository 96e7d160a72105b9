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

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from carte_prep.cli.context import EXIT_USER_ERROR, Context, UsageError
from carte_prep.cli.parser import build_parser
from carte_prep.core.errors import CartePrepError
from carte_prep.core.text import printable

__all__ = ["build_parser", "main"]


def _run_app(args: argparse.Namespace) -> int:
    from carte_prep.tui import run  # the only place the CLI loads textual

    return run(args.data_dir, demo=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            if args.today is not None:
                raise UsageError("--today works with a command (e.g. 'checklist'), not the app")
            return _run_app(args)
        with contextlib.ExitStack() as stack:
            return int(args.handler(Context(args, stack), args))
    except CartePrepError as exc:
        print(f"carte-prep: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"carte-prep: error: {printable(f'{exc.strerror or exc}{where}')}", file=sys.stderr)
        return EXIT_USER_ERROR
