"""Crash leftovers: temp files that hold personal data and are never loaded.

Removed at each start (best effort: a failure here must not stop the households from
loading), but never while a save of the same household may still be writing them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path

from carte_prep.core.storage.attachments import remove_folder
from carte_prep.core.storage.exports import remove_journalled_temps
from carte_prep.core.storage.paths import ATTACHMENTS_DIR, BACKUPS_DIR, TEMP_NAME, is_id, lock_path
from carte_prep.core.storage.safe_io import STALE_TEMP_SECONDS, acquire, fsync_dir, unlock


def remove_leftovers(root: Path) -> None:
    """Delete old temp files in the data folder, its backups and scans, and exports' ones."""
    remove_journalled_temps(root)
    folders = [root]
    for kept in (BACKUPS_DIR, ATTACHMENTS_DIR):
        with contextlib.suppress(OSError):
            folders += [p for p in (root / kept).iterdir() if p.is_dir() and not p.is_symlink()]
    now = time.time()
    for folder in folders:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                match = TEMP_NAME.match(entry.name)
                if not match or not entry.is_file(follow_symlinks=False):
                    continue
                if now - entry.stat(follow_symlinks=False).st_mtime < STALE_TEMP_SECONDS:
                    continue  # maybe a save in progress in another process
                owner = match["target"].removesuffix(".json") if folder == root else folder.name
                _remove_if_unlocked(root, owner, Path(entry.path))


def _remove_if_unlocked(root: Path, owner: str, path: Path) -> None:
    if not is_id(owner):
        with contextlib.suppress(OSError):
            os.unlink(path)
        return
    with contextlib.suppress(OSError):
        fd = acquire(lock_path(root, owner), 0)
        if fd is None:
            return  # a save of this household is running right now
        try:
            os.unlink(path)
        finally:
            unlock(fd)


def delete_household(root: Path, household_id: str) -> None:
    """Remove a household's file, backups, scans, temp files and lock (the caller holds it).

    The lock file goes too: its name is the household id, often a family name. A process
    waiting on it notices that the file it locked is gone and locks the new one.
    """
    path = root / f"{household_id}.json"
    backups = root / BACKUPS_DIR / household_id
    if backups.exists():
        shutil.rmtree(backups)
    for name in os.listdir(root):
        match = TEMP_NAME.match(name)
        if match and match["target"] == path.name:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(root / name)
    remove_folder(root, household_id)
    for leftover in (path, lock_path(root, household_id)):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(leftover)
    fsync_dir(root)
