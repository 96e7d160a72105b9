"""``carte-prep list --json`` answered from the households index alone, when it is current.

At thousands of households the command's own work is reading the index; importing the
parser's 28 commands, pydantic and the model would cost more than that. So, before the
parser is built, :func:`quick_list` reads the few arguments it allows itself and prints
the index's lines if every file is one the index vouches for by its size and time
(:meth:`carte_prep.core.index.HouseholdsIndex.unchanged`). Anything else (a new, changed,
gone or too recent file, a conflict copy, a file from an older schema, a leftover temp
file to clean, another day, a settings file to check) is left to the full command, which
gives the same answer the slower way and brings the index up to date.

Only the standard library and the index's modules are imported here.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from pathlib import Path

TYPE_CHECKING = False  # not typing's: importing typing costs more than this command's work
if TYPE_CHECKING:
    from collections.abc import Sequence


def _arguments(argv: Sequence[str]) -> tuple[Path | None, dt.date | None] | None:
    """``--data-dir`` and ``--today`` of ``[--data-dir DIR] [--today DAY] list --json``,
    or None when the command line is anything else."""
    from carte_prep.i18n import LANGUAGES

    rest = list(argv)
    values: dict[str, str] = {}
    while rest and rest[0] != "list":
        option, equals, value = rest[0].partition("=")
        if option not in ("--data-dir", "--today", "--lang") or option in values:
            return None
        if not equals:
            if len(rest) < 2:
                return None
            value, rest = rest[1], rest[1:]
        rest = rest[1:]
        if not value.strip() or value.startswith("-"):
            return None  # the parser says what is wrong with it
        values[option] = value
    if rest != ["list", "--json"] or values.get("--lang", "en") not in LANGUAGES:
        return None
    try:
        today = dt.date.fromisoformat(values["--today"]) if "--today" in values else None
    except ValueError:
        return None
    data_dir = values.get("--data-dir")
    return (Path(data_dir).expanduser() if data_dir else None), today


def _settings_need_checking() -> bool:
    """Whether the settings file holds anything but a language: the full command reads and
    checks it (a warning about it is printed by every command)."""
    from carte_prep.core.paths import raw_settings, settings_path
    from carte_prep.i18n import LANGUAGES

    if not os.path.lexists(settings_path()):
        return False
    settings = raw_settings()
    return not settings or set(settings) != {"language"} or settings["language"] not in LANGUAGES


def _current_lines(
    folder: Path, index_file: Path, today: dt.date
) -> tuple[list[str], list[str]] | None:
    """Every household's line (JSON text, in list order) and the permission warnings, or
    None unless the index vouches for every file in the folder."""
    from carte_prep import __version__
    from carte_prep.core.index import stamp_for, vouched_rows
    from carte_prep.core.sources import sources_digest
    from carte_prep.core.storage.paths import conflict_owner, scan_folder

    found = scan_folder(folder)
    if found.leftovers:
        return None
    households = {}
    for name, status in found.top.items():
        if name.startswith("."):
            continue
        if conflict_owner(name) is not None:
            return None  # reported by the full listing
        if name.endswith(".json"):
            if not stat.S_ISREG(status.st_mode):
                return None
            households[name] = status
    stamp = stamp_for(today, __version__, sources_digest())
    rows = vouched_rows(index_file, stamp, households) if households else None
    return None if rows is None else (rows, found.warnings)


def quick_list(argv: Sequence[str]) -> bool:
    """Answer ``list --json`` from a current index at once; False to leave it to the parser."""
    arguments = _arguments(argv)
    if arguments is None or _settings_need_checking():
        return False
    from carte_prep.core.paths import index_path, resolve_data_dir

    folder = resolve_data_dir(arguments[0])
    current = _current_lines(folder, index_path(folder), arguments[1] or dt.date.today())
    if current is None:
        return False
    from carte_prep.cli.render import print_rows_json
    from carte_prep.core.text import printable
    from carte_prep.i18n import _

    rows, warnings = current
    print_rows_json("households", rows, {"problems": []})
    for warning in warnings:
        print(
            printable(_("carte-prep: warning: {problem}").format(problem=warning)), file=sys.stderr
        )
    sys.stdout.flush()
    return True
