"""Write the prebuilt catalogue (src/carte_prep/core/catalogue/catalogue.json) from its TOML files.

Run after editing any catalogue TOML file: ``python scripts/make_catalogue.py``. Until then
carte-prep reads the TOML files themselves (slower, same result), and
``tests/core/test_catalogue_prebuilt.py`` fails so that the JSON is never left behind.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from carte_prep.core import catalogue  # noqa: E402

FOLDER = SRC / "carte_prep/core/catalogue"


def write(name: str, text: str) -> None:
    """Replace one file atomically, so a crash never leaves half a catalogue."""
    fd, tmp = tempfile.mkstemp(dir=FOLDER, prefix=f".{name}.")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
    os.chmod(tmp, 0o644)  # a package file, read by everyone
    os.replace(tmp, FOLDER / name)


def main() -> None:
    catalogue.forget_loaded_catalogues()
    text = catalogue.prebuilt_json()
    catalogue.Catalogue.model_validate_json(text)  # never write a file that does not load
    write(catalogue.PREBUILT, text + "\n")
    write(catalogue.PREBUILT_SOURCES, catalogue.sources_digest() + "\n")
    print(f"wrote {catalogue.PREBUILT} ({len(text) // 1024} KiB) and {catalogue.PREBUILT_SOURCES}")


if __name__ == "__main__":
    main()
