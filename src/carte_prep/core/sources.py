"""The digest of the catalogue's TOML files, computed with the standard library only.

The households index is stamped with it (a line made for another catalogue is never
reused), and the app reads the index before pydantic is imported: so the digest cannot
live in :mod:`carte_prep.core.catalogue`, whose package imports pydantic and the models.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def sources_digest() -> str:
    """A SHA-256 of every catalogue TOML file, names and contents, in name order.

    The folder is found beside this module (importlib.resources costs more than the
    digest); importlib.resources is asked only for a package that is not a plain folder.
    """
    digest = hashlib.sha256()
    folder = Path(__file__).with_name("catalogue")
    if not folder.is_dir():
        from importlib.resources import files

        folder = files("carte_prep.core").joinpath("catalogue")  # type: ignore[assignment]
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()
