"""Where the bundled example households and print templates are.

In an installed wheel they sit inside the package (hatch force-include); in a source
checkout they are the top-level profiles/ and templates/ folders. Either way callers get
a real directory path: these two folders are looked at first (so that ``carte-prep paths``
need not import importlib.resources), then importlib.resources for a zipped package.
"""

from __future__ import annotations

from pathlib import Path

from carte_prep.i18n import _


def _bundled(name: str) -> Path:
    beside = Path(__file__).with_name(name)  # an installed wheel: a folder in the package
    if beside.is_dir():
        return beside
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    from importlib.resources import as_file, files  # a zipped package: extracted

    packaged = files("carte_prep") / name
    if packaged.is_dir():
        with as_file(packaged) as path:
            return Path(path)
    raise FileNotFoundError(
        _("carte-prep is installed without its {folder}/ folder; reinstall it").format(folder=name)
    )


def profiles_dir() -> Path:
    """The example households shipped with carte-prep (never written to)."""
    return _bundled("profiles")


def templates_dir() -> Path:
    """The Jinja2 templates, print CSS and fonts of the PDF dossier."""
    return _bundled("templates")
