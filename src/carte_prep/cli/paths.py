"""``carte-prep paths``: where the data, its index, the examples and the templates are.

People run it to find their files, and scripts run it to find them too, so it answers
before the command line's parser (28 commands' options) is built: :func:`quick_paths`
reads the few arguments it allows itself and leaves anything else to the full parser,
which gives the same answer the slower way.
"""

from __future__ import annotations

import sys
from pathlib import Path

TYPE_CHECKING = False  # not typing's: importing typing costs more than this command's work
if TYPE_CHECKING:
    from collections.abc import Sequence


def print_paths(data_dir: Path, index_file: Path | None, *, as_json: bool) -> None:
    from carte_prep.core.paths import settings_path
    from carte_prep.i18n import _
    from carte_prep.resources import profiles_dir, templates_dir

    paths = {
        "data": str(data_dir),
        "index": str(index_file) if index_file else _("(none: a temporary copy)"),
        "examples": str(profiles_dir()),
        "templates": str(templates_dir()),
        "settings": str(settings_path()),
    }
    if as_json:
        import json  # only here: it imports re, which plain ``paths`` need not load

        print(json.dumps(paths, ensure_ascii=False, indent=2))
    else:
        for name, path in paths.items():
            print(f"{name:<10} {path}")


def quick_paths(argv: Sequence[str]) -> bool:
    """Answer ``[--data-dir DIR] paths [--json]`` at once; False for anything else."""
    rest = list(argv)
    data_dir: Path | None = None
    if rest[:1] == ["--data-dir"] and len(rest) > 1:
        value, rest = rest[1], rest[2:]
    elif rest[:1] and rest[0].startswith("--data-dir="):
        value, rest = rest[0].removeprefix("--data-dir="), rest[1:]
    else:
        value = None
    if value is not None:
        if not value.strip() or value.startswith("-"):
            return False  # the parser says what is wrong with it
        data_dir = Path(value).expanduser()
    if rest not in (["paths"], ["paths", "--json"]):
        return False
    from carte_prep.core.paths import index_path, resolve_data_dir
    from carte_prep.resources import profiles_dir, templates_dir

    try:
        profiles_dir(), templates_dir()
    except FileNotFoundError:
        return False  # a broken install: the full command says so in the chosen language
    folder = resolve_data_dir(data_dir)
    print_paths(folder, index_path(folder), as_json=rest[-1] == "--json")
    sys.stdout.flush()
    return True
