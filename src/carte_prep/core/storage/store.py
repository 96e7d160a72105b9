"""The :class:`Store`: the folder of household files, read and written so nothing is lost."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from carte_prep.core import migrations
from carte_prep.core.errors import InvalidInputError
from carte_prep.core.model import Household
from carte_prep.core.storage import archive, attachments, paths, replacing, safe_io
from carte_prep.core.storage import backups as versions
from carte_prep.core.storage.cleanup import delete_household, remove_leftovers
from carte_prep.core.storage.codec import Unusable, decode_versioned, read_household_file, serialize
from carte_prep.core.storage.exports import write_private_file
from carte_prep.core.storage.reports import (
    Backup,
    ConflictError,
    CorruptFileError,
    FileProblem,
    LoadReport,
    StorageError,
    misnamed,
    not_found,
)
from carte_prep.i18n import _

LOCK_TIMEOUT_SECONDS = 10.0
"""How long a save waits for another process holding the same household's lock."""


class Store:
    """The folder of household files, and the rules for reading and writing it safely.

    A Store remembers the hash of what it last read or wrote for each household; keep one
    Store per window or command so that its saves are checked against what it showed.
    """

    def __init__(
        self, root: Path, *, backup_every: float = 0.0, backup_days: int = versions.KEEP_DAILY_DAYS
    ) -> None:
        """``backup_every`` (seconds): saves closer together than this share one backup.

        The app saves as a person types; without this, each keystroke would be a
        version. The version from before the burst of changes is the one kept.
        ``backup_days``: how many days one version a day is kept (the person's setting).
        """
        self.root = root
        self.backup_every = backup_every
        self.backup_days = backup_days
        self._last_backup: dict[str, float] = {}
        self._hashes: dict[str, str] = {}
        self._upgraded: dict[str, int] = {}
        """Households read from an older schema: id -> the version of the file on disk."""
        self.left_out: list[str] = []
        """Attachment entries the last import left out: they named files elsewhere."""

    # -- paths ----------------------------------------------------------------------------

    def path_for(self, household_id: str) -> Path:
        """The file of a household; the id is checked so it can never escape the folder."""
        paths.check_id(household_id)
        return self.root / f"{household_id}.json"

    def backup_dir(self, household_id: str) -> Path:
        paths.check_id(household_id)
        return self.root / paths.BACKUPS_DIR / household_id

    # -- reading --------------------------------------------------------------------------

    def load_all(self) -> LoadReport:
        """Load every household, reporting the files that could not be loaded.

        Crash leftovers (old temp files, which hold personal data) are removed first. Bad
        files, newer-schema files and conflict copies are reported and never changed.
        A missing folder is simply empty: it is created on the first save.
        """
        try:
            names = sorted(os.listdir(self.root))
        except FileNotFoundError:
            return LoadReport()
        except OSError as exc:
            reason = _("cannot read: {why}").format(why=safe_io.why(exc))
            return LoadReport(problems=[FileProblem(self.root, reason)])
        self.clean_leftovers()
        households: list[Household] = []
        problems: list[FileProblem] = []
        for name in names:
            if name.startswith("."):
                continue
            path = self.root / name
            owner = paths.conflict_owner(name)
            if owner is not None:
                problems.append(FileProblem(path, paths.conflict_reason(owner)))
                continue
            if not name.endswith(".json"):
                continue
            try:
                data = read_household_file(path)
                household, version = decode_versioned(data)
                if household.id != name.removesuffix(".json"):
                    raise Unusable(misnamed(household.id, name))
            except FileNotFoundError:
                continue  # removed while we were listing: nothing to report
            except Unusable as exc:
                problems.append(FileProblem(path, exc.reason))
                continue
            self._remember(household.id, data, version)
            households.append(household)
        households.sort(key=lambda h: (h.name.casefold(), h.name, h.id))
        return LoadReport(households=households, problems=problems)

    def load(self, household_id: str) -> Household:
        """Read and validate one household, and remember its hash for the next save."""
        path = self.path_for(household_id)
        try:
            data = read_household_file(path)
            household, version = decode_versioned(data)
        except FileNotFoundError:
            raise not_found(household_id) from None
        except Unusable as exc:
            raise CorruptFileError(path, exc.reason) from None
        if household.id != household_id:
            raise CorruptFileError(path, misnamed(household.id, path.name))
        self._remember(household_id, data, version)
        return household

    def reload(self, household_id: str) -> Household:
        """Read the household again, accepting what is on disk now as the base for saves."""
        return self.load(household_id)

    def upgraded_from(self, household_id: str) -> int | None:
        """The older schema version of the file as read, until it is saved in the new one."""
        return self._upgraded.get(household_id)

    def has_read(self, household_id: str) -> bool:
        return household_id in self._hashes

    def forget(self, household_id: str) -> None:
        self._hashes.pop(household_id, None)
        self._upgraded.pop(household_id, None)

    def take_as_base(self, household_id: str, data: bytes) -> None:
        """Accept ``data`` (what is on disk, even if broken) as the base of the next save."""
        self._upgraded.pop(household_id, None)
        self._hashes[household_id] = safe_io.sha256(data)

    def _remember(self, household_id: str, data: bytes, version: int) -> None:
        self._hashes[household_id] = safe_io.sha256(data)
        if version < migrations.CURRENT_VERSION:
            self._upgraded[household_id] = version
        else:
            self._upgraded.pop(household_id, None)

    def export_text(self, household_id: str) -> str:
        """The file as stored, checked first (see :func:`.replacing.export_text`)."""
        return replacing.export_text(self, household_id)

    def attach(self, household_id: str, source: Path) -> str:
        """Check a chosen scan and copy it in; the reference to store (EditError if not)."""
        return attachments.attach(self.root, household_id, source)

    def for_dossier(self, household: Household) -> Household:
        """The household with its attachments as paths the dossier may open."""
        return attachments.resolved(self.root, household)

    def export_archive(self, household_id: str) -> tuple[bytes, list[str]]:
        """A zip of the household file and its scans, and the entries it could not carry."""
        self.export_text(household_id)  # refuses a broken file, as a JSON export does
        return archive.export_archive(self.root, self.load(household_id))

    def write_export(self, path: Path, data: bytes) -> None:
        """Write a file the person asked for, noting its temp file for a later cleanup."""
        write_private_file(path, data, data_root=self.root)

    # -- writing --------------------------------------------------------------------------

    def save(self, household: Household) -> None:
        """Write the household atomically, backing up the previous version.

        Refuses (``ConflictError``) when the file changed since this store read it, or
        exists but was never read here, including a change made by another program in the
        instant before the rename. Saving an unchanged household writes nothing. A file
        deleted by someone else meanwhile is written again: nothing is overwritten.
        """
        self.write(household, must_be_new=False)

    def create(self, household: Household) -> None:
        """Write a new household; refuses an id that is already taken."""
        self.write(household, must_be_new=True)

    def delete(self, household_id: str) -> list[Path]:
        """Remove the household's file, backups, temp files and lock file.

        Conflict copies are not removed: they may hold the only copy of some edits.
        They are returned, so the person can be told safe_io.where copies of the data remain.
        """
        path = self.path_for(household_id)
        if not os.path.lexists(path) and not self.backup_dir(household_id).exists():
            raise not_found(household_id)
        try:
            with self._locked(household_id, path):
                delete_household(self.root, household_id)
        except OSError as exc:
            raise StorageError(
                _("could not delete {problem}").format(problem=safe_io.explain(path, exc)),
                path,
            ) from exc
        self.forget(household_id)
        return self.conflict_copies(household_id)

    def conflict_copies(self, household_id: str) -> list[Path]:
        """Copies of this household kept after a conflict (never loaded)."""
        paths.check_id(household_id)
        try:
            names = sorted(os.listdir(self.root))
        except OSError:
            return []
        return [self.root / n for n in names if paths.conflict_owner(n) == household_id]

    def permission_warnings(self) -> list[str]:
        """Folders and files in the data folder that other users of the computer can open."""
        return paths.permission_warnings(self.root)

    # -- backups --------------------------------------------------------------------------

    def backups(self, household_id: str) -> list[Backup]:
        """Previous versions of a household, newest first."""
        folder = self.backup_dir(household_id)
        try:
            return versions.list_backups(folder)
        except OSError as exc:
            raise StorageError(
                _("cannot read {folder}: {why}").format(folder=folder, why=safe_io.why(exc)),
                folder,
            ) from exc

    def changes(self, household_id: str) -> list[str]:
        """For each backup (same order), what the change made after it did."""
        later: bytes | None = None
        with contextlib.suppress(OSError):
            later = safe_io.read_current(self.path_for(household_id))
        return versions.describe_versions(self.backups(household_id), later)

    def restore(self, household_id: str, backup: Backup) -> Household:
        """Make a backup the current version (see :func:`.replacing.restore`)."""
        return replacing.restore(self, household_id, backup)

    def import_file(self, path: Path, *, replace: bool = False) -> Household:
        """Add a household from a file made by carte-prep (see :mod:`.replacing`)."""
        return replacing.import_file(self, path, replace=replace)

    def add(self, household: Household, *, replace: bool) -> Household:
        """Write an imported household, new or (with ``replace``) over the current one."""
        return replacing.add(self, household, replace=replace)

    def adopt_current(self, household_id: str) -> None:
        """Take the file on disk as the base for the next save (see :mod:`.replacing`)."""
        replacing.adopt_current(self, household_id)

    # -- internals ------------------------------------------------------------------------

    def write(
        self, household: Household, *, must_be_new: bool, exists_hint: str | None = None
    ) -> None:
        household_id = household.id
        path = self.path_for(household_id)
        data = serialize(household)
        try:
            with self._locked(household_id, path):
                current = safe_io.read_current(path)
                if current is not None and must_be_new:
                    raise InvalidInputError(
                        _("a household with id '{household}' already exists; {hint}").format(
                            household=household_id, hint=exists_hint or _("choose another id")
                        )
                    )
                if current is not None:
                    self._check_unchanged(household_id, path, current)
                if current == data:
                    return  # nothing changed: do not churn the backups
                self._replace(household_id, path, data, current)
        except OSError as exc:
            raise StorageError(
                _("could not save {problem}; the file on disk was not changed").format(
                    problem=safe_io.explain(path, exc)
                ),
                path,
            ) from exc

    def _check_unchanged(self, household_id: str, path: Path, current: bytes) -> None:
        known = self._hashes.get(household_id)
        if known is None:
            raise ConflictError(
                _(
                    "'{household}' already exists on disk but was not opened here; "
                    "reload it before saving"
                ).format(household=household_id),
                path,
            )
        if safe_io.sha256(current) != known:
            raise ConflictError(
                _(
                    "'{household}' was changed on disk by another program since it was "
                    "opened; reload it before saving"
                ).format(household=household_id),
                path,
            )

    def _replace(self, household_id: str, path: Path, data: bytes, previous: bytes | None) -> None:
        """Temp file, backup of ``previous``, checked rename over the target, fsync folder."""
        temp = safe_io.write_temp(path.parent, path.name, data)
        written: list[Path] = []
        try:
            if previous is not None:
                upgraded_from = self._upgraded.get(household_id)
                if upgraded_from is not None:
                    original = versions.keep_original(
                        self.root / paths.BACKUPS_DIR,
                        self.backup_dir(household_id),
                        previous,
                        upgraded_from,
                    )
                    written += [original] if original else []
                now = time.monotonic()
                last = self._last_backup.get(household_id)
                if last is None or now - last >= self.backup_every:
                    backup = versions.write_backup(
                        self.root / paths.BACKUPS_DIR, self.backup_dir(household_id), previous
                    )
                    written += [backup] if backup else []
                    self._last_backup[household_id] = now
            expected = None if previous is None else safe_io.sha256(previous)
            safe_io.install(
                temp,
                path,
                expected,
                lambda: f"{household_id}.conflict-{safe_io.conflict_stamp()}.json",
            )
        except safe_io.Unverified as unverified:
            self._hashes[household_id] = safe_io.sha256(data)
            raise StorageError(
                _("{path} was saved, but {problem}").format(path=path, problem=unverified), path
            ) from None
        except safe_io.Displaced as displaced:
            if displaced.kept is None:
                self._drop(temp, written)
            else:
                self.take_as_base(household_id, data)
            raise ConflictError.in_the_gap(household_id, path, displaced.kept) from None
        except BaseException:
            self._drop(temp, written)
            raise
        self._hashes[household_id] = safe_io.sha256(data)
        self._upgraded.pop(household_id, None)
        try:
            safe_io.fsync_dir(path.parent)
        except OSError as exc:
            raise StorageError(
                _(
                    "{path} was saved, but the folder could not be flushed to disk "
                    "({why}); save again to be sure it survives a power cut"
                ).format(path=path, why=safe_io.why(exc)),
                path,
            ) from exc
        versions.prune(self.backup_dir(household_id), self.backup_days)

    @staticmethod
    def _drop(temp: Path, written: list[Path]) -> None:
        for leftover in (temp, *written):
            with contextlib.suppress(OSError):
                os.unlink(leftover)

    def _lock_path(self, household_id: str) -> Path:
        return paths.lock_path(self.root, household_id)

    def clean_leftovers(self) -> None:
        """Delete temp files left by a crash or a killed export: they hold personal data."""
        remove_leftovers(self.root)

    @contextlib.contextmanager
    def _locked(self, household_id: str, path: Path) -> Iterator[None]:
        """Hold the household's lock file so two processes never interleave a save."""
        paths.ensure_dir(self.root)
        fd = safe_io.acquire(self._lock_path(household_id), LOCK_TIMEOUT_SECONDS)
        if fd is None:
            raise StorageError(
                _(
                    "could not save {path}: another carte-prep window kept it locked for "
                    "{seconds} s; try again"
                ).format(path=path, seconds=f"{LOCK_TIMEOUT_SECONDS:.0f}"),
                path,
            )
        try:
            yield
        finally:
            safe_io.unlock(fd)
