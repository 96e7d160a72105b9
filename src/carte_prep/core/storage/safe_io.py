"""The system calls of the store: bounded reads, private atomic writes, locks, messages.

Reads open with ``O_NOFOLLOW | O_NONBLOCK`` and check the opened descriptor with
``fstat``: a FIFO, a device or a link put where a household file should be is refused
at once, and no read is longer than :data:`MAX_FILE_BYTES`. Writes go to a 0600 temp
file (``O_EXCL``, random name) that is fsynced, then renamed into place.

The final rename is where another program (a sync tool, an editor) can slip in a write
of its own. :func:`install` closes that gap: it compares the target with what was read
right before renaming, and on Linux it swaps the two files atomically
(``renameat2(RENAME_EXCHANGE)``), so whatever was displaced can be checked afterwards and
kept when it was not the expected version.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import hashlib
import os
import secrets
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

from carte_prep.core.storage.paths import FILE_MODE
from carte_prep.i18n import N_, _

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files are refused unread: no household comes close, and reading one would stall."""
STALE_TEMP_SECONDS = 60.0
"""A temp file older than this was left by a crash: no save takes that long."""

O_EXTRA = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
LOCK_BUSY = frozenset(
    {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EAGAIN)}
)
"""Errors meaning "someone else holds the lock" (flock; msvcrt.locking says EDEADLOCK)."""
_ERRNO_HINTS = {
    errno.ENOSPC: N_("; free some disk space and save again"),
    errno.EDQUOT: N_("; your disk quota is full: free some space and save again"),
    errno.EROFS: N_("; the disk is read-only: choose a writable data folder"),
    errno.EACCES: N_("; check that you own the data folder and can write to it"),
    errno.EPERM: N_("; check that you own the data folder and can write to it"),
    errno.EIO: N_("; the disk may be failing: copy your data somewhere safe"),
}
"""What to do about a failed write, by the error's number (in English; shown through ``_``)."""
_AT_FDCWD = -100
_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2


class NotRegularFile(Exception):
    """Internal: the path is not a plain file (link, FIFO, device, folder) or is too big."""

    def __init__(self, reason: str, *, too_large: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.too_large = too_large


class Displaced(Exception):
    """Internal: the target changed between the check and the rename.

    ``kept`` is where the other program's version now is (None when nothing was renamed:
    the target is still the other program's version and this write was dropped).
    """

    def __init__(self, kept: Path | None) -> None:
        super().__init__(str(kept))
        self.kept = kept


class Unverified(Exception):
    """Internal: the new file is in place, but the displaced one could not be checked."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_regular(path: Path, *, follow: bool = False, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, never blocking and never reading more than ``limit``.

    ``follow`` allows a symbolic link as the last part of the path (a file the person
    names, outside the data folder). FileNotFoundError propagates; the other refusals
    raise :class:`NotRegularFile` with a reason, and OSError propagates for the caller.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegularFile(_("is a symbolic link, not a file")) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(_("is not a regular file"))
        if info.st_size > limit:
            raise NotRegularFile(
                _("is too large ({size} bytes)").format(size=info.st_size), too_large=True
            )
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise NotRegularFile(_("is too large (it grew while being read)"), too_large=True)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_current(path: Path) -> bytes | None:
    """The target's bytes right before a replace (None if absent).

    A link, FIFO or device there raises OSError (it cannot be a household file, and it
    must never block the save or fill the memory).
    """
    try:
        return read_regular(path)
    except FileNotFoundError:
        return None
    except NotRegularFile as exc:
        raise OSError(
            errno.EINVAL,
            _("it {reason}; move it out of the data folder").format(reason=exc.reason),
        ) from None


def write_temp(folder: Path, target_name: str, data: bytes) -> Path:
    """Write ``data`` to a new 0600 temp file beside the target and fsync it.

    ``O_EXCL`` with a random name means an attacker's symlink is never followed; on failure
    the temp file is removed and the error propagates.
    """
    temp = folder / f".{target_name}.tmp-{secrets.token_hex(8)}"
    write_named_temp(temp, data)
    return temp


def replace(temp: Path, target: Path) -> None:
    """Rename a finished temp file over its target; on failure, leave no temp file."""
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _renameat2(source: Path, target: Path, flags: int) -> bool:
    """Linux ``renameat2``; False when this system or file system cannot do it."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = call(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code == errno.EEXIST:
        raise FileExistsError(code, os.strerror(code), str(target))
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(target))


def exchange(source: Path, target: Path) -> bool:
    """Swap two files atomically; False when the system cannot (the caller renames)."""
    return _renameat2(source, target, _RENAME_EXCHANGE)


def create_only(source: Path, target: Path) -> bool:
    """Rename unless the target exists (FileExistsError); False when not supported."""
    return _renameat2(source, target, _RENAME_NOREPLACE)


def verify_unchanged(target: Path, expected: str | None) -> None:
    """Raise :class:`Displaced` (nothing renamed) if the target is not what was read.

    A separate function so a test can write in the gap that follows it on purpose.
    """
    current = read_current(target)
    if (None if current is None else sha256(current)) != expected:
        raise Displaced(None)


def install(
    temp: Path, target: Path, expected: str | None, conflict_name: Callable[[], str]
) -> None:
    """Put ``temp`` in place of ``target``, which should still hold the ``expected`` hash.

    Checked immediately before the rename; then, where the system allows it, the rename is
    an atomic exchange, and the displaced file is checked again: if another program wrote
    in between, its version is kept under ``conflict_name()`` and :class:`Displaced` says
    where. Without an exchange the remaining window is the time of one ``rename``.
    """
    try:
        verify_unchanged(target, expected)
        if expected is None:
            if not create_only(temp, target):
                os.replace(temp, target)
            return
        if not exchange(temp, target):
            os.replace(temp, target)
            return
    except FileExistsError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise Displaced(None) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    # ``temp`` now holds what was displaced from ``target``.
    kept = target.parent / conflict_name()
    try:
        displaced: bytes | None = read_regular(temp)
    except NotRegularFile:
        displaced = None
    except OSError as exc:
        _keep_aside(temp, kept)
        raise Unverified(
            _(
                "the version it replaced could not be read back to check it ({why}); "
                "it is kept as {kept}: delete it if it holds nothing new"
            ).format(why=why(exc), kept=kept)
        ) from None
    if displaced is not None and sha256(displaced) == expected:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return
    _keep_aside(temp, kept)
    raise Displaced(kept)


def _keep_aside(displaced: Path, kept: Path) -> None:
    """Give the displaced file its conflict name; never delete it, whatever fails."""
    try:
        os.replace(displaced, kept)
    except OSError as exc:
        raise Unverified(
            _(
                "another program may have written it at the same moment; that version could "
                "not be renamed to {kept} ({why}) and is in {displaced}: copy it elsewhere now"
            ).format(kept=kept, why=why(exc), displaced=displaced)
        ) from None


def conflict_stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def fsync(fd: int) -> None:
    """Push a file to the disk; on macOS plain fsync stops at the drive cache."""
    if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass  # not supported by this file system: fall back to fsync
    os.fsync(fd)


def fsync_dir(folder: Path) -> None:
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


def try_lock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def unlock(fd: int) -> None:
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


def acquire(lock_path: Path, timeout: float) -> int | None:
    """Lock ``lock_path`` (a separate file: the data file's inode changes on replace).

    After locking, the descriptor must still be the file at ``lock_path``: ``delete``
    removes the lock file, and a lock on a removed file protects nothing.
    """
    deadline = time.monotonic() + timeout
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | O_EXTRA, FILE_MODE)
        try:
            try_lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno not in LOCK_BUSY:
                raise
        else:
            if _same_file(fd, lock_path):
                return fd
            unlock(fd)
            continue
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.005)


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    held = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


def why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def hint(exc: OSError) -> str:
    found = _ERRNO_HINTS.get(exc.errno or 0)
    return _(found) if found else ""


def explain(path: Path, exc: OSError) -> str:
    """``FILE: reason; what to do`` for a failed system call on ``path``."""
    return f"{where(path, exc)}: {why(exc)}{hint(exc)}"


def where(path: Path, exc: OSError) -> str:
    """The household file, plus the file the OS complained about when it is another one."""
    if exc.filename and str(exc.filename) != str(path):
        return _("{path} (at {file})").format(path=path, file=exc.filename)
    return str(path)


def write_named_temp(temp: Path, data: bytes) -> None:
    """Write and fsync a new 0600 file (never following a link); removed on failure."""
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_EXTRA, FILE_MODE)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
