"""Households on disk: one pretty-printed JSON file each, written so nothing is ever lost.

The files hold passport numbers and family details, and people edit them by hand, sync them
between machines and open two windows at once. So the store:

* writes atomically (temp file in the same folder, fsync, ``os.replace``, fsync of the
  folder), so a crash or power cut leaves the old or the new version, never half of one;
* keeps the file 0600 and the folders 0700 whatever the umask, because the data is personal;
* copies the previous version to ``backups/<id>/`` before each replace and keeps the last
  :data:`BACKUPS_KEPT`, so a bad edit can be undone;
* never writes over a file it has not read, or one that changed since it was read (another
  window, a sync tool, a hand edit): it remembers the sha256 of what it read and compares
  under an exclusive lock right before replacing;
* reports a broken file (bad JSON, invalid field, a key written twice, newer schema,
  sync-conflict copy) with the file name and the field or line, leaves it byte-identical,
  and still loads the others;
* upgrades a file from an older schema in memory (:mod:`carte_prep.core.migrations`) and
  leaves it untouched until the first save, which first keeps the original bytes as
  ``backups/<id>/original-schema-<N>.json`` (never rotated away).

Every failure is a :class:`~carte_prep.core.errors.CartePrepError` with a one-line message
that says what is wrong, where, and what to do.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from carte_prep.core import migrations
from carte_prep.core.errors import (
    CartePrepError,
    InvalidInputError,
    NotFoundError,
    explain_validation,
)
from carte_prep.core.model import Household, Slug

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

BACKUPS_KEPT = 5
"""Previous versions kept per household; older ones are deleted after a successful save."""
STALE_TEMP_SECONDS = 60.0
"""A temp file older than this was left by a crash: no save takes that long."""
LOCK_TIMEOUT_SECONDS = 10.0
"""How long a save waits for another process holding the same household's lock."""
MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files are refused unread: no household comes close, and reading one would stall."""

_DIR_MODE = 0o700
_FILE_MODE = 0o600
_BACKUPS_DIR = "backups"
_BACKUP_STAMP = "%Y%m%dT%H%M%S.%fZ"
_BACKUP_NAME = re.compile(r"^\d{8}T\d{6}\.\d{6}Z\.json$")
_TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.tmp-[0-9a-f]{16}$")
_CONFLICT_NAMES = (
    re.compile(r"^(?P<base>.+?)\.sync-conflict-"),  # Syncthing
    re.compile(r"^(?P<base>.+?) \([^)]*conflicted copy[^)]*\)"),  # Dropbox
    re.compile(r"^(?P<base>.+?)\.conflict"),  # Nextcloud, ownCloud, others
)
_O_EXTRA = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_LOCK_BUSY = frozenset(
    {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EAGAIN)}
)
"""Errors meaning "someone else holds the lock" (flock; msvcrt.locking says EDEADLOCK)."""
_SLUG_ADAPTER: TypeAdapter[str] = TypeAdapter(Slug)
_ERRNO_HINTS = {
    errno.ENOSPC: "; free some disk space and save again",
    errno.EDQUOT: "; your disk quota is full: free some space and save again",
    errno.EROFS: "; the disk is read-only: choose a writable data folder",
    errno.EACCES: "; check that you own the data folder and can write to it",
    errno.EPERM: "; check that you own the data folder and can write to it",
    errno.EIO: "; the disk may be failing: copy your data somewhere safe",
}


class CorruptFileError(CartePrepError):
    """A household file exists but cannot be used as it is; it was left untouched.

    ``reason`` says what is wrong (JSON position, field path, newer schema) without the
    path, so a UI can show the two separately; the message has both.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ConflictError(CartePrepError):
    """Saving would overwrite changes this store has not seen; the file was left untouched."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class StorageError(CartePrepError):
    """The operating system refused a write (full disk, read-only, permissions, lock held).

    Before the final rename the file on disk is unchanged and no temp file is left, so the
    caller can keep the edits in memory, tell the user, and let them save again.
    """

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class FileProblem:
    """A file in the data folder that was not loaded, and why (shown as "needs repair")."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class LoadReport:
    """Everything found in the data folder: one bad file never hides the good ones."""

    households: list[Household] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)


@dataclass(frozen=True)
class Backup:
    """One saved previous version of a household; ``timestamp`` is when it was replaced."""

    path: Path
    timestamp: dt.datetime


class _Unusable(Exception):
    """Internal: the bytes of a file cannot become a Household; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Store:
    """The folder of household files, and the rules for reading and writing it safely.

    A Store remembers the hash of what it last read or wrote for each household; keep one
    Store per window or command so that its saves are checked against what it showed.
    """

    def __init__(self, root: Path, *, backup_every: float = 0.0) -> None:
        """``backup_every`` (seconds): saves closer together than this share one backup.

        The app saves as a person types; without this, five keystrokes would push every
        real previous version out of the five backups kept. The version from before the
        burst of changes is the one kept.
        """
        self.root = root
        self.backup_every = backup_every
        self._last_backup: dict[str, float] = {}
        self._hashes: dict[str, str] = {}
        self._upgraded: dict[str, int] = {}
        """Households read from an older schema: id -> the version of the file on disk."""

    # -- paths ----------------------------------------------------------------------------

    def path_for(self, household_id: str) -> Path:
        """The file of a household; the id is checked so it can never escape the folder."""
        _check_id(household_id)
        return self.root / f"{household_id}.json"

    def _backup_dir(self, household_id: str) -> Path:
        _check_id(household_id)
        return self.root / _BACKUPS_DIR / household_id

    # -- reading --------------------------------------------------------------------------

    def load_all(self) -> LoadReport:
        """Load every household, reporting the files that could not be loaded.

        Crash leftovers (old temp files, which hold personal data) are removed first. Bad
        files, newer-schema files and sync-conflict copies are reported and never changed.
        A missing folder is simply empty: it is created on the first save.
        """
        try:
            names = sorted(os.listdir(self.root))
        except FileNotFoundError:
            return LoadReport()
        except OSError as exc:
            return LoadReport(problems=[FileProblem(self.root, f"cannot read: {_why(exc)}")])
        self._remove_stale_temps()
        households: list[Household] = []
        problems: list[FileProblem] = []
        for name in names:
            if name.startswith("."):
                continue
            path = self.root / name
            owner = _conflict_owner(name)
            if owner is not None:
                problems.append(FileProblem(path, _conflict_reason(owner)))
                continue
            if not name.endswith(".json"):
                continue
            try:
                data = _read_bytes(path)
                household, version = _decode_versioned(data)
                if household.id != name.removesuffix(".json"):
                    raise _Unusable(
                        f"holds household '{household.id}' but is named '{name}'; "
                        f"rename it to '{household.id}.json' or fix its id"
                    )
            except FileNotFoundError:
                continue  # removed while we were listing: nothing to report
            except _Unusable as exc:
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
            data = _read_bytes(path)
        except FileNotFoundError:
            raise NotFoundError(
                f"no household '{household_id}'; run 'carte-prep list' to see them"
            ) from None
        except _Unusable as exc:
            raise CorruptFileError(path, exc.reason) from None
        try:
            household, version = _decode_versioned(data)
        except _Unusable as exc:
            raise CorruptFileError(path, exc.reason) from None
        if household.id != household_id:
            raise CorruptFileError(
                path,
                f"holds household '{household.id}' but is named '{path.name}'; "
                f"rename it to '{household.id}.json' or fix its id",
            )
        self._remember(household_id, data, version)
        return household

    def reload(self, household_id: str) -> Household:
        """Read the household again, accepting what is on disk now as the base for saves."""
        return self.load(household_id)

    def upgraded_from(self, household_id: str) -> int | None:
        """The older schema version of the file as read, until it is saved in the new one.

        None when the file is current (or was not read). A UI can say "this file will be
        upgraded when you save; the original is kept in the backups folder".
        """
        return self._upgraded.get(household_id)

    def _remember(self, household_id: str, data: bytes, version: int) -> None:
        """The base for the next save: the hash of what was read, and its schema version."""
        self._hashes[household_id] = _sha256(data)
        if version < migrations.CURRENT_VERSION:
            self._upgraded[household_id] = version
        else:
            self._upgraded.pop(household_id, None)

    def export_text(self, household_id: str) -> str:
        """The file exactly as stored, for sharing or copying elsewhere."""
        path = self.path_for(household_id)
        try:
            data = _read_bytes(path)
            return _utf8(data)
        except FileNotFoundError:
            raise NotFoundError(
                f"no household '{household_id}'; run 'carte-prep list' to see them"
            ) from None
        except _Unusable as exc:
            raise CorruptFileError(path, exc.reason) from None

    # -- writing --------------------------------------------------------------------------

    def save(self, household: Household) -> None:
        """Write the household atomically, backing up the previous version.

        Refuses (``ConflictError``) when the file changed since this store read it, or
        exists but was never read here. Saving an unchanged household writes nothing. A
        file deleted by someone else meanwhile is written again: nothing is overwritten.
        """
        self._write(household, must_be_new=False)

    def create(self, household: Household) -> None:
        """Write a new household; refuses an id that is already taken."""
        self._write(household, must_be_new=True)

    def delete(self, household_id: str) -> list[Path]:
        """Remove the household's file, its backups and any temp files it left behind.

        Sync-conflict copies are not removed: they may hold the only copy of some edits.
        They are returned, so the person can be told where copies of the data remain.
        """
        path = self.path_for(household_id)
        backups = self._backup_dir(household_id)
        if not path.exists() and not backups.exists():
            raise NotFoundError(f"no household '{household_id}'; run 'carte-prep list' to see them")
        try:
            with self._locked(household_id, path):
                if backups.exists():
                    shutil.rmtree(backups)
                for name in os.listdir(self.root):
                    match = _TEMP_NAME.match(name)
                    if match and match["target"] == path.name:
                        with contextlib.suppress(FileNotFoundError):
                            os.unlink(self.root / name)
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
                _fsync_dir(self.root)
        except OSError as exc:
            raise StorageError(
                f"could not delete {_where(path, exc)}: {_why(exc)}{_hint(exc)}", path
            ) from exc
        self._hashes.pop(household_id, None)
        self._upgraded.pop(household_id, None)
        return self.conflict_copies(household_id)

    def conflict_copies(self, household_id: str) -> list[Path]:
        """Copies of this household made by a file-sync tool after a conflict (never loaded)."""
        _check_id(household_id)
        try:
            names = sorted(os.listdir(self.root))
        except OSError:
            return []
        return [self.root / n for n in names if _conflict_owner(n) == household_id]

    def permission_warnings(self) -> list[str]:
        """Folders and files in the data folder that other users of the computer can open.

        carte-prep creates everything private (folders 0700, files 0600), but a folder
        made by hand, a copy or an unpacked archive can be looser. Nothing is changed here;
        each line says what to run to fix it. Symbolic links are not followed.
        """
        if sys.platform == "win32":  # pragma: no cover - ACLs, not modes, on Windows
            return []
        if not self.root.is_dir():
            return []  # a missing or unusable data folder is reported elsewhere
        warnings: list[str] = []
        try:
            root_info = os.lstat(self.root)
        except OSError:
            return []
        pending = [(self.root, root_info)]
        while pending:
            path, info = pending.pop()
            mode = stat.S_IMODE(info.st_mode)
            is_dir = stat.S_ISDIR(info.st_mode)
            if mode & 0o077 and (is_dir or stat.S_ISREG(info.st_mode)):
                private = 0o700 if is_dir else 0o600
                warnings.append(
                    f"{path} can be opened by other users of this computer "
                    f"(mode {mode:04o}); run 'chmod {private:o} {path}' to make it private"
                )
            if not is_dir:
                continue
            with contextlib.suppress(OSError):
                for entry in os.scandir(path):
                    with contextlib.suppress(OSError):
                        pending.append((Path(entry.path), entry.stat(follow_symlinks=False)))
        return sorted(warnings)

    # -- backups --------------------------------------------------------------------------

    def backups(self, household_id: str) -> list[Backup]:
        """Previous versions of a household, newest first."""
        folder = self._backup_dir(household_id)
        try:
            return _list_backups(folder)
        except OSError as exc:
            raise StorageError(f"cannot read {folder}: {_why(exc)}", folder) from exc

    def restore(self, household_id: str, backup: Backup) -> Household:
        """Make a backup the current version; the version it replaces is backed up first.

        If this store has not read the current file, it is taken as it is, even when it is
        broken: restoring a backup is how a broken file gets repaired, and its bytes are
        kept as a backup. If the store did read it and it changed since, this refuses.
        """
        folder = self._backup_dir(household_id)
        if backup.path.parent != folder:
            raise InvalidInputError(
                f"{backup.path} is not a backup of '{household_id}'; "
                "choose one from the list of its backups"
            )
        try:
            household = _decode(_read_bytes(backup.path))
        except FileNotFoundError:
            raise NotFoundError(
                f"the backup {backup.path} no longer exists; list the backups again"
            ) from None
        except _Unusable as exc:
            raise CorruptFileError(backup.path, exc.reason) from None
        if household.id != household_id:
            raise InvalidInputError(
                f"{backup.path} holds household '{household.id}', not '{household_id}'"
            )
        if household_id not in self._hashes:
            self._adopt_current(household_id)
        self.save(household)
        return household

    # -- import ---------------------------------------------------------------------------

    def import_file(self, path: Path, *, replace: bool = False) -> Household:
        """Add a household from a JSON file made by carte-prep (an export or a copy).

        With ``replace`` an existing household of the same id is overwritten, whatever its
        state on disk, after its current version is backed up.
        """
        try:
            household = _decode(_read_bytes(path, in_data_folder=False))
        except FileNotFoundError:
            raise NotFoundError(f"{path}: no such file; check the path") from None
        except _Unusable as exc:
            raise InvalidInputError(f"{path}: {exc.reason}") from None
        if replace:
            self._adopt_current(household.id)
            self.save(household)
        else:
            self._write(
                household,
                must_be_new=True,
                exists_hint="import it with --replace to overwrite it (the current version "
                "is kept as a backup) or change the id in the file",
            )
        return household

    # -- internals ------------------------------------------------------------------------

    def _adopt_current(self, household_id: str) -> None:
        """Take the file on disk as the base for the next save, even if it is broken."""
        path = self.path_for(household_id)
        try:
            self.load(household_id)
        except NotFoundError:
            self._hashes.pop(household_id, None)
        except CorruptFileError:
            self._upgraded.pop(household_id, None)
            with contextlib.suppress(OSError):
                self._hashes[household_id] = _sha256(path.read_bytes())

    def _write(
        self,
        household: Household,
        *,
        must_be_new: bool,
        exists_hint: str = "choose another id",
    ) -> None:
        household_id = household.id
        path = self.path_for(household_id)
        data = _serialize(household)
        try:
            with self._locked(household_id, path):
                current = _read_current(path)
                if current is not None and must_be_new:
                    raise InvalidInputError(
                        f"a household with id '{household_id}' already exists; {exists_hint}"
                    )
                if current is not None:
                    self._check_unchanged(household_id, path, current)
                if current == data:
                    return  # nothing changed: do not churn the backups
                self._replace(household_id, path, data, current)
        except OSError as exc:
            raise StorageError(
                f"could not save {_where(path, exc)}: {_why(exc)}{_hint(exc)}; "
                "the file on disk was not changed",
                path,
            ) from exc

    def _check_unchanged(self, household_id: str, path: Path, current: bytes) -> None:
        known = self._hashes.get(household_id)
        if known is None:
            raise ConflictError(
                f"'{household_id}' already exists on disk but was not opened here; "
                "reload it before saving",
                path,
            )
        if _sha256(current) != known:
            raise ConflictError(
                f"'{household_id}' was changed on disk by another program since it was "
                "opened; reload it before saving",
                path,
            )

    def _replace(self, household_id: str, path: Path, data: bytes, previous: bytes | None) -> None:
        """Temp file, fsync, backup of ``previous``, rename over the target, fsync folder."""
        temp = _write_temp(path.parent, path.name, data)
        backup: Path | None = None
        original: Path | None = None
        try:
            if previous is not None:
                upgraded_from = self._upgraded.get(household_id)
                if upgraded_from is not None:
                    original = self._keep_original(household_id, previous, upgraded_from)
                now = time.monotonic()
                last = self._last_backup.get(household_id)
                if last is None or now - last >= self.backup_every:
                    backup = self._write_backup(household_id, previous)
                    self._last_backup[household_id] = now
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            for written in (backup, original):
                if written is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(written)
            raise
        self._hashes[household_id] = _sha256(data)
        self._upgraded.pop(household_id, None)
        try:
            _fsync_dir(path.parent)
        except OSError as exc:
            raise StorageError(
                f"{path} was saved, but the folder could not be flushed to disk "
                f"({_why(exc)}); save again to be sure it survives a power cut",
                path,
            ) from exc
        with contextlib.suppress(OSError):
            for old in _list_backups(self._backup_dir(household_id))[BACKUPS_KEPT:]:
                os.unlink(old.path)

    def _keep_original(self, household_id: str, previous: bytes, version: int) -> Path | None:
        """Before the first write in a newer schema, keep the file as it was, for good.

        Rotated backups disappear after a few saves; this copy stays (until the household
        is deleted) so an upgrade can always be undone by hand. Returns the new file, or
        None if a copy of that version was already kept.
        """
        folder = self._backup_dir(household_id)
        target = folder / f"original-schema-{version}.json"
        if target.exists():
            return None
        _ensure_dir(self.root / _BACKUPS_DIR)
        _ensure_dir(folder)
        temp = _write_temp(folder, target.name, previous)
        try:
            os.replace(temp, target)
            _fsync_dir(folder)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            with contextlib.suppress(OSError):
                os.unlink(target)
            raise
        return target

    def _write_backup(self, household_id: str, previous: bytes) -> Path:
        _ensure_dir(self.root / _BACKUPS_DIR)
        folder = self._backup_dir(household_id)
        _ensure_dir(folder)
        stamp = dt.datetime.now(dt.UTC)
        existing = _list_backups(folder)
        if existing and existing[0].timestamp >= stamp:
            # Same microsecond or the clock went back: keep names in save order.
            stamp = existing[0].timestamp + dt.timedelta(microseconds=1)
        target = folder / f"{stamp.strftime(_BACKUP_STAMP)}.json"
        _replace(_write_temp(folder, target.name, previous), target)
        try:
            _fsync_dir(folder)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(target)  # the save fails: leave the backups as they were
            raise
        return target

    @contextlib.contextmanager
    def _locked(self, household_id: str, path: Path) -> Iterator[None]:
        """Hold the household's lock file so two processes never interleave a save."""
        fd = self._acquire(household_id, LOCK_TIMEOUT_SECONDS)
        if fd is None:
            raise StorageError(
                f"could not save {path}: another carte-prep window kept it locked for "
                f"{LOCK_TIMEOUT_SECONDS:.0f} s; try again",
                path,
            )
        try:
            yield
        finally:
            _unlock(fd)

    def _acquire(self, household_id: str, timeout: float) -> int | None:
        """Lock ``.<id>.lock`` (a separate file: the data file's inode changes on replace)."""
        _ensure_dir(self.root)
        lock_path = self.root / f".{household_id}.lock"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | _O_EXTRA, _FILE_MODE)
        deadline = time.monotonic() + timeout
        while True:
            try:
                _try_lock(fd)
                return fd
            except OSError as exc:
                if exc.errno not in _LOCK_BUSY:
                    os.close(fd)
                    raise
            if time.monotonic() >= deadline:
                os.close(fd)
                return None
            time.sleep(0.005)

    def _remove_stale_temps(self) -> None:
        """Delete temp files left by a crash: they hold personal data and are never loaded.

        Best effort: a failure here must not stop the households from loading.
        """
        folders = [self.root]
        with contextlib.suppress(OSError):
            backups = self.root / _BACKUPS_DIR
            folders += [p for p in backups.iterdir() if p.is_dir() and not p.is_symlink()]
        now = time.time()
        for folder in folders:
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    match = _TEMP_NAME.match(entry.name)
                    if not match or not entry.is_file(follow_symlinks=False):
                        continue
                    if now - entry.stat(follow_symlinks=False).st_mtime < STALE_TEMP_SECONDS:
                        continue  # maybe a save in progress in another process
                    owner = (
                        match["target"].removesuffix(".json")
                        if folder == self.root
                        else folder.name
                    )
                    self._remove_if_unlocked(owner, Path(entry.path))

    def _remove_if_unlocked(self, owner: str, path: Path) -> None:
        if not _is_id(owner):
            with contextlib.suppress(OSError):
                os.unlink(path)
            return
        with contextlib.suppress(OSError):
            fd = self._acquire(owner, 0)
            if fd is None:
                return  # a save of this household is running right now
            try:
                os.unlink(path)
            finally:
                _unlock(fd)


# -- module helpers ---------------------------------------------------------------------


def _check_id(household_id: str) -> None:
    try:
        _SLUG_ADAPTER.validate_python(household_id)
    except ValidationError as exc:
        message = str(exc.errors(include_url=False)[0]["msg"]).removeprefix("Value error, ")
        raise InvalidInputError(message) from None


def _is_id(value: str) -> bool:
    try:
        _check_id(value)
    except InvalidInputError:
        return False
    return True


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _serialize(household: Household) -> bytes:
    """Deterministic bytes; checked to load back so we never write a file we cannot read.

    A model built with ``model_copy(update=...)`` or ``model_construct`` skips validation;
    this catches it before anything touches the disk.
    """
    try:
        text = household.model_dump_json(indent=2) + "\n"
    except ValueError:  # PydanticSerializationError: text that cannot be UTF-8
        raise InvalidInputError(_unencodable(household)) from None
    try:
        Household.model_validate_json(text)
    except ValidationError as exc:
        raise InvalidInputError(explain_validation(exc, where=household.id)) from None
    return text.encode("utf-8")


def _unencodable(household: Household) -> str:
    """Say which field holds text that cannot be written as UTF-8 (a lone surrogate).

    Python turns bytes that are not UTF-8 in a command-line argument or a file name into
    lone surrogates (U+DC80-U+DCFF); they are not characters and no file can hold them.
    """
    found = _find_surrogate(household.model_dump(), "")
    where, char = found if found else ("(unknown field)", "")
    code = f"U+{ord(char):04X}, " if char else ""
    return (
        f"{household.id}: {where or '(top level)'}: contains {code}which is not a character "
        "(often a byte that is not UTF-8, from a terminal or a file name); retype the text"
    )


def _find_surrogate(value: object, path: str) -> tuple[str, str] | None:
    """The first field path (in the style of error messages) holding a lone surrogate."""
    if isinstance(value, str):
        bad = next((c for c in value if 0xD800 <= ord(c) <= 0xDFFF), None)
        return (path, bad) if bad is not None else None
    if isinstance(value, dict):
        for key, item in value.items():
            shown = str(key).encode("utf-8", "backslashreplace").decode("utf-8")
            where = f"{path}.{shown}" if path else shown
            found = _find_surrogate(key, where) or _find_surrogate(item, where)
            if found:
                return found
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = _find_surrogate(item, f"{path}[{index}]")
            if found:
                return found
    return None


def _read_bytes(path: Path, *, in_data_folder: bool = True) -> bytes:
    """Read a file that should be a household; raise ``_Unusable`` with a plain reason.

    The size and type are checked before opening, so a FIFO or a device never blocks.
    """
    fix = (
        "move it out of the data folder"
        if in_data_folder
        else "give the path of a household file exported by carte-prep"
    )
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _Unusable(f"is not a regular file; {fix}")
        if info.st_size > MAX_FILE_BYTES:
            raise _Unusable(f"is too large ({info.st_size} bytes) to be a household file; {fix}")
        with open(path, "rb") as handle:
            data = handle.read(info.st_size + 1)  # +1: notice a file that grew meanwhile
        if len(data) > MAX_FILE_BYTES:
            raise _Unusable(f"is too large to be a household file; {fix}")
        return data
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise _Unusable(f"cannot read: {_why(exc)}") from None


def _read_current(path: Path) -> bytes | None:
    """The target's bytes right before a replace (None if absent); OSError propagates."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Unusable(
            f"is not UTF-8 text (bad byte at position {exc.start}); save it again as UTF-8"
        ) from None


def _decode(data: bytes) -> Household:
    """Bytes to a Household, or ``_Unusable`` saying where and what is wrong."""
    return _decode_versioned(data)[0]


def _decode_versioned(data: bytes) -> tuple[Household, int]:
    """Bytes to a Household and the schema version the bytes had, or ``_Unusable``.

    The JSON is parsed first so the schema version can be checked before validation: a
    file from a newer carte-prep is reported as such, not as a list of unknown fields that
    the user might "fix", and a file from an older one is upgraded in memory
    (:mod:`carte_prep.core.migrations`). A key written twice in one object is refused:
    JSON readers keep only the last one, which would silently drop the other on save.
    """
    text = _utf8(data)
    try:
        peek = json.loads(text, object_pairs_hook=_unique_keys)
    except _Unusable:
        raise
    except json.JSONDecodeError as exc:
        raise _Unusable(
            f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise _Unusable(f"not valid JSON: {exc}") from None
    version = migrations.CURRENT_VERSION
    if isinstance(peek, dict):
        try:
            upgraded, version = migrations.upgrade(peek)
        except migrations.SchemaVersionError as exc:
            raise _Unusable(exc.reason) from None
        if upgraded is not peek:
            # Validate the upgraded data exactly as a file is validated: in JSON mode.
            try:
                return Household.model_validate_json(json.dumps(upgraded)), version
            except ValidationError as exc:
                raise _Unusable(
                    f"after upgrading from schema {version}: {explain_validation(exc)}"
                ) from None
    try:
        return Household.model_validate_json(text), version
    except ValidationError as exc:
        raise _Unusable(explain_validation(exc)) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for json.loads: a key twice in one object is an error."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Unusable(
                f"the key {key!r} appears twice in the same object; keep only one of them "
                "(the file was not changed)"
            )
        result[key] = value
    return result


def _conflict_owner(name: str) -> str | None:
    """The household a sync tool's conflict copy belongs to, or None for other names."""
    for pattern in _CONFLICT_NAMES:
        match = pattern.match(name)
        if match:
            return match["base"].removesuffix(".json")
    return None


def _conflict_reason(owner: str) -> str:
    return (
        f"is a copy of household '{owner}' made by a file-sync tool after a conflict; "
        f"it was not loaded and was left untouched: compare it with '{owner}.json', "
        "keep the one you want and delete the other"
    )


def _list_backups(folder: Path) -> list[Backup]:
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        if not _BACKUP_NAME.match(name):
            continue
        try:
            stamp = dt.datetime.strptime(name.removesuffix(".json"), _BACKUP_STAMP)
        except ValueError:
            continue
        found.append(Backup(folder / name, stamp.replace(tzinfo=dt.UTC)))
    found.sort(key=lambda b: b.timestamp, reverse=True)
    return found


def _ensure_dir(path: Path) -> None:
    """Create a private folder; an existing folder's mode is the user's choice."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file where a folder should be: say so
        raise NotADirectoryError(
            errno.ENOTDIR, os.strerror(errno.ENOTDIR), exc.filename or str(path.parent)
        ) from None
    try:
        path.mkdir(mode=_DIR_MODE)
    except FileExistsError:
        if not path.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "is not a folder", str(path)) from None
        return
    os.chmod(path, _DIR_MODE)  # mkdir's mode is filtered by the umask


def _write_temp(folder: Path, target_name: str, data: bytes) -> Path:
    """Write ``data`` to a new 0600 temp file beside the target and fsync it.

    ``O_EXCL`` with a random name means an attacker's symlink is never followed; on failure
    the temp file is removed and the error propagates.
    """
    temp = folder / f".{target_name}.tmp-{secrets.token_hex(8)}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_EXTRA, _FILE_MODE)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            _fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def _replace(temp: Path, target: Path) -> None:
    """Rename a finished temp file over its target; on failure, leave no temp file."""
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _fsync(fd: int) -> None:
    """Push a file to the disk; on macOS plain fsync stops at the drive cache."""
    if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass  # not supported by this file system: fall back to fsync
    os.fsync(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable: without this a power cut can undo it (POSIX only)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise  # some file systems cannot fsync a folder; that is not an error
    finally:
        os.close(fd)


def _try_lock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    """Release and close; the kernel also releases a flock when the process dies.

    Errors are ignored: closing the descriptor releases the lock anyway, and by now the
    save has either happened or been reported, so an error here must not be reported as a
    failed save (which would tell the person the file was not changed when it was).
    """
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _hint(exc: OSError) -> str:
    return _ERRNO_HINTS.get(exc.errno or 0, "")


def _where(path: Path, exc: OSError) -> str:
    """The household file, plus the file the OS complained about when it is another one."""
    if exc.filename and str(exc.filename) != str(path):
        return f"{path} (at {exc.filename})"
    return str(path)


def write_private_file(path: Path, data: bytes) -> None:
    """Write an export (household file, calendar) atomically and readable only by the user.

    Used for files the person names themselves, outside the data folder: nothing is
    locked or backed up, but a failure never leaves half a file behind.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        _replace(_write_temp(folder, path.name, data), path)
        _fsync_dir(folder)
    except OSError as exc:
        raise StorageError(
            f"cannot write {_where(path, exc)}: {_why(exc)}{_hint(exc)}", path
        ) from None
