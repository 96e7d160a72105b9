"""The digest of the catalogue's TOML files, computed with the standard library only.

The households index is stamped with it (a line made for another catalogue is never
reused), and the app reads the index before pydantic is imported: so the digest cannot
live in :mod:`carte_prep.core.catalogue`, whose package imports pydantic and the models.
"""

from __future__ import annotations

import hashlib
from importlib.resources import files


def sources_digest() -> str:
    """A SHA-256 of every catalogue TOML file, names and contents, in name order."""
    digest = hashlib.sha256()
    folder = files("carte_prep.core").joinpath("catalogue")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()
