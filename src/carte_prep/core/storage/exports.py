"""Files the person asks for outside the data folder: household exports, calendars, PDFs.

They are written atomically and private (0600), like the households. A process killed
between writing the temp file and renaming it would leave a complete hidden copy beside
the target, out of reach of the data folder's cleanup; so the temp file's path is noted
in the data folder first (``.pending-exports/``), and the next start removes it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from carte_prep.core.storage.paths import EXPORTS_JOURNAL_DIR, FILE_MODE, TEMP_NAME, ensure_dir
from carte_prep.core.storage.reports import StorageError
from carte_prep.core.storage.safe_io import (
    O_EXTRA,
    STALE_TEMP_SECONDS,
    NotRegularFile,
    fsync_dir,
    hint,
    read_regular,
    replace,
    where,
    why,
    write_named_temp,
)
from carte_prep.i18n import _


def remove_journalled_temps(data_root: Path) -> None:
    """Remove the temp files of exports that were killed before their rename.

    Each export outside the data folder notes the path of its temp file in
    ``.pending-exports/`` first; a note older than :data:`STALE_TEMP_SECONDS` belongs to a
    process that is gone. Only files named like carte-prep's temp files are removed.
    """
    journal = data_root / EXPORTS_JOURNAL_DIR
    try:
        entries = list(os.scandir(journal))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        with contextlib.suppress(OSError, NotRegularFile, UnicodeDecodeError):
            if now - entry.stat(follow_symlinks=False).st_mtime < STALE_TEMP_SECONDS:
                continue
            temp = Path(read_regular(Path(entry.path), limit=4096).decode("utf-8"))
            if TEMP_NAME.match(temp.name) and temp.is_file() and not temp.is_symlink():
                os.unlink(temp)
            os.unlink(entry.path)


def temp_beside(path: Path) -> Path:
    """A fresh hidden temp name beside ``path``, in the form the cleanup recognises."""
    folder = path.parent if str(path.parent) else Path(".")
    return folder / f".{path.name}.tmp-{secrets.token_hex(8)}"


@contextlib.contextmanager
def journalled(data_root: Path | None, temp: Path) -> Iterator[None]:
    """Note ``temp`` in the data folder while the block runs (no note without a root).

    If the process is killed inside the block, the next start of carte-prep finds the
    note and removes ``temp``, a complete copy of personal data beside a file the person
    named. The note goes when the block ends, whatever happened.
    """
    if data_root is None:
        yield
        return
    journal = data_root / EXPORTS_JOURNAL_DIR
    ensure_dir(journal)
    note = journal / temp.name.rsplit("-", 1)[-1]
    fd = os.open(note, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_EXTRA, FILE_MODE)
    try:
        os.write(fd, os.fsencode(os.path.abspath(temp)))
    finally:
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(note)
        with contextlib.suppress(OSError):
            os.rmdir(journal)  # only when empty: another export may be running


def write_private_file(path: Path, data: bytes, *, data_root: Path | None = None) -> None:
    """Write an export (household file, calendar, PDF) atomically, readable only by the user.

    Used for files the person names themselves, outside the data folder: nothing is
    locked or backed up, but a failure never leaves half a file behind. With ``data_root``
    the temp file is noted in the data folder first (:func:`journalled`).
    """
    folder = path.parent if str(path.parent) else Path(".")
    temp = temp_beside(path)
    try:
        with journalled(data_root, temp):
            write_named_temp(temp, data)
            replace(temp, path)
            fsync_dir(folder)
    except OSError as exc:
        raise StorageError(
            _("cannot write {path}: {why}{hint}").format(
                path=where(path, exc), why=why(exc), hint=hint(exc)
            ),
            path,
        ) from None
