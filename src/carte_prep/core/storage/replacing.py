"""Replacing a household wholesale: restoring a backup, importing a file over it.

These are the operations that take the file on disk as it is, even when it is broken,
because they are how a broken file gets repaired; its bytes are kept as a backup. Two
kinds of file are never taken: one from a newer carte-prep (it would be lost once its
backup rotates away) and one that is not a regular file (it cannot be read safely).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from carte_prep.core.errors import InvalidInputError, NotFoundError
from carte_prep.core.model import Household
from carte_prep.core.storage import safe_io
from carte_prep.core.storage.archive import read_incoming
from carte_prep.core.storage.codec import (
    Unusable,
    decode,
    newer_version,
    read_household_file,
    utf8,
)
from carte_prep.core.storage.reports import Backup, CorruptFileError, NewerFileError
from carte_prep.core.storage.safe_io import NotRegularFile
from carte_prep.i18n import _

if TYPE_CHECKING:
    from carte_prep.core.storage.store import Store


def restore(store: Store, household_id: str, backup: Backup) -> Household:
    """Make a backup the current version; the version it replaces is backed up first.

    If this store has not read the current file, it is taken as it is, even when it is
    broken: restoring a backup is how a broken file gets repaired, and its bytes are
    kept as a backup. A file from a newer carte-prep is never replaced. If the store
    did read it and it changed since, this refuses.
    """
    folder = store.backup_dir(household_id)
    if backup.path.parent != folder:
        raise InvalidInputError(
            _(
                "{path} is not a backup of '{household}'; choose one from the list of its backups"
            ).format(path=backup.path, household=household_id)
        )
    try:
        household = decode(read_household_file(backup.path))
    except FileNotFoundError:
        raise NotFoundError(
            _("the backup {path} no longer exists; list the backups again").format(path=backup.path)
        ) from None
    except Unusable as exc:
        raise CorruptFileError(backup.path, exc.reason) from None
    if household.id != household_id:
        raise InvalidInputError(
            _("{path} holds household '{found}', not '{household}'").format(
                path=backup.path, found=household.id, household=household_id
            )
        )
    if not store.has_read(household_id):
        adopt_current(store, household_id)
    store.save(household)
    return household


# -- import ---------------------------------------------------------------------------


def import_file(store: Store, path: Path, *, replace: bool = False) -> Household:
    """Add a household from a file made by carte-prep (a JSON or zip export, or a copy).

    Attachment entries naming files outside the data folder are left out and listed in
    ``store.left_out``, for the caller to warn about (:mod:`.archive`).

    With ``replace`` an existing household of the same id is overwritten, whatever its
    state on disk, after its current version is backed up; except a file from a newer
    carte-prep, which is kept and the import refused.
    """
    try:
        incoming = read_incoming(path, store.root)
    except FileNotFoundError:
        raise NotFoundError(_("{path}: no such file; check the path").format(path=path)) from None
    store.left_out = incoming.left_out
    return add(store, incoming.household, replace=replace)


def add(store: Store, household: Household, *, replace: bool) -> Household:
    """Write an imported household, new or (with ``replace``) over the current one."""
    if replace:
        adopt_current(store, household.id)
        store.save(household)
    else:
        store.write(
            household,
            must_be_new=True,
            exists_hint=_(
                "import it with --replace to overwrite it (the current version "
                "is kept as a backup) or change the id in the file"
            ),
        )
    return household


def adopt_current(store: Store, household_id: str) -> None:
    """Take the file on disk as the base for the next save, even if it is broken.

    Not a file from a newer carte-prep (it would be lost once its backup rotates
    away), and not a FIFO, device or link (it cannot be read safely).
    """
    path = store.path_for(household_id)
    try:
        store.load(household_id)
    except NotFoundError:
        store.forget(household_id)
    except CorruptFileError as problem:
        try:
            data = safe_io.read_regular(path)
        except (OSError, NotRegularFile):
            raise problem from None
        version = newer_version(data)
        if version is not None:
            raise NewerFileError(
                _(
                    "{path} was written by a newer version of carte-prep (schema {version}) "
                    "and was kept as it is; update carte-prep, or move that file out of the "
                    "data folder first if you really want to replace it"
                ).format(path=path, version=version),
                path,
            ) from None
        store.take_as_base(household_id, data)


def export_text(store: Store, household_id: str) -> str:
    """The file exactly as stored, for a backup elsewhere; checked first.

    A broken file (or a link in its place) is refused: a "backup" that cannot be
    imported again is worse than none. A newer carte-prep's file is given as it is.
    """
    path = store.path_for(household_id)
    try:
        data = read_household_file(path)
        if newer_version(data) is None:
            decode(data)
        return utf8(data)
    except FileNotFoundError:
        raise NotFoundError(
            _("no household '{household}'; run 'carte-prep list' to see them").format(
                household=household_id
            )
        ) from None
    except Unusable as exc:
        raise CorruptFileError(
            path,
            _("{reason} (not exported: repair it or restore a backup first)").format(
                reason=exc.reason
            ),
        ) from None
