"""Households on disk: one pretty-printed JSON file each, written so nothing is ever lost.

The files hold passport numbers and family details, and people edit them by hand, sync them
between machines and open two windows at once. So the store:

* writes atomically (temp file in the same folder, fsync, rename, fsync of the folder), so
  a crash or power cut leaves the old or the new version, never half of one;
* keeps the files 0600 and the folders it creates 0700 whatever the umask;
* copies the previous version to ``backups/<id>/`` before each replace, keeps every
  version of the last day and one a day before that (:mod:`.backups`);
* never writes over a file it has not read, or one that changed since it was read (another
  window, a sync tool, a hand edit), checked under an exclusive lock and again at the
  rename itself (:func:`.safe_io.install`);
* opens only regular files, never more than 20 MB, never blocking (:mod:`.safe_io`);
* reports a broken file (bad JSON, invalid field, a key written twice, newer schema,
  conflict copy) with the file name and the field or line, leaves it byte-identical,
  and still loads the others (:mod:`.codec`);
* upgrades a file from an older schema in memory and keeps the original bytes as
  ``backups/<id>/original-schema-<N>.json`` at the first save;
* copies attached scans into ``attachments/<id>/`` (:mod:`.attachments`) and carries
  them in and out with the household (:mod:`.archive`).

Every failure is a :class:`~carte_prep.core.errors.CartePrepError` with a one-line message
that says what is wrong, where, and what to do.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "KEEP_ALL_HOURS": "backups",
    "KEEP_DAILY_DAYS": "backups",
    "journalled": "exports",
    "temp_beside": "exports",
    "write_private_file": "exports",
    "Backup": "reports",
    "ConflictError": "reports",
    "CorruptFileError": "reports",
    "FileProblem": "reports",
    "LoadReport": "reports",
    "NewerFileError": "reports",
    "StorageError": "reports",
    "MAX_FILE_BYTES": "safe_io",
    "STALE_TEMP_SECONDS": "safe_io",
    "LOCK_TIMEOUT_SECONDS": "store",
    "Store": "store",
}
"""Where each name lives: imported on first use (PEP 562), so that importing one light
part (the paths, the safe writes) never imports pydantic and the model with the store."""

__all__ = [
    "KEEP_ALL_HOURS",
    "KEEP_DAILY_DAYS",
    "LOCK_TIMEOUT_SECONDS",
    "MAX_FILE_BYTES",
    "STALE_TEMP_SECONDS",
    "Backup",
    "ConflictError",
    "CorruptFileError",
    "FileProblem",
    "LoadReport",
    "NewerFileError",
    "StorageError",
    "Store",
    "journalled",
    "temp_beside",
    "write_private_file",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from carte_prep.core.storage.backups import KEEP_ALL_HOURS, KEEP_DAILY_DAYS
    from carte_prep.core.storage.exports import journalled, temp_beside, write_private_file
    from carte_prep.core.storage.reports import (
        Backup,
        ConflictError,
        CorruptFileError,
        FileProblem,
        LoadReport,
        NewerFileError,
        StorageError,
    )
    from carte_prep.core.storage.safe_io import MAX_FILE_BYTES, STALE_TEMP_SECONDS
    from carte_prep.core.storage.store import LOCK_TIMEOUT_SECONDS, Store
