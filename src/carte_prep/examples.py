"""Temporary copies of the example households, for ``--demo`` and "open the examples".

The files in profiles/ ship with carte-prep and are never written to: the app works on
a copy in a temporary folder that disappears when the app ends.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from carte_prep.resources import profiles_dir


def copy_examples(target: Path) -> None:
    """Copy every example household file into ``target`` (created if missing)."""
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(profiles_dir().glob("*.json")):
        copy = target / source.name
        shutil.copyfile(source, copy)
        copy.chmod(0o600)  # like every household file: private to the user


def temporary_examples() -> tempfile.TemporaryDirectory[str]:
    """A new temporary folder holding the examples; it is removed when closed or collected."""
    folder = tempfile.TemporaryDirectory(prefix="carte-prep-demo-")
    copy_examples(Path(folder.name))
    return folder
