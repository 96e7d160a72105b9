"""A failing disk at any step of a save (S4): the file stays byte-identical, the user is told.

``tests/core/test_store.py`` fails five named steps. Here every operating-system call a save
makes is failed in turn (the k-th call, for every k), with each errno a full, read-only,
quota-limited, forbidden or failing disk gives. Whatever call fails, the outcome is one of:

* the save is refused with a StorageError that names the file and the OS reason, and the
  household file, its backups and the folder are exactly as before (no temp file left);
* the file was replaced, then flushing the folder failed: the error says it was saved;
* the failing call did not matter (cleaning old backups): the save succeeded.

And after any of them, the same save works once the disk is fine again.
"""

from __future__ import annotations

import builtins
import datetime as dt
import errno
import fcntl
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from carte_prep.core import storage as store_module
from carte_prep.core.errors import CartePrepError
from carte_prep.core.model import Household, Member
from carte_prep.core.storage import StorageError, Store, safe_io

ERRNOS = [errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO]
OS_CALLS = [
    "open",
    "write",
    "close",
    "fsync",
    "replace",
    "unlink",
    "listdir",
    "scandir",
    "stat",
    "lstat",
    "chmod",
    "mkdir",
]


class Faults:
    """Counts the OS calls of one operation and fails the one at ``fail_at``."""

    def __init__(self, fail_at: int | None = None, code: int = errno.EIO) -> None:
        self.fail_at = fail_at
        self.code = code
        self.calls: list[str] = []

    def install(self, patch: pytest.MonkeyPatch) -> None:
        for name in OS_CALLS:
            patch.setattr(os, name, self._wrap(name, getattr(os, name)))
        wrapped_open = self._wrap("builtin-open", builtins.open)
        patch.setattr(store_module, "open", wrapped_open, raising=False)
        patch.setattr(fcntl, "flock", self._wrap("flock", fcntl.flock))
        patch.setattr(safe_io, "exchange", self._wrap("exchange", safe_io.exchange))
        patch.setattr(safe_io, "create_only", self._wrap("create_only", safe_io.create_only))

    def _wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            index = len(self.calls)
            self.calls.append(name)
            if index == self.fail_at:
                if name == "close":
                    real(*args, **kwargs)  # on Linux the descriptor is gone even if close fails
                target = args[0] if args and isinstance(args[0], str | Path) else None
                raise OSError(self.code, os.strerror(self.code), *([str(target)] if target else []))
            return real(*args, **kwargs)

        return call


def household(name: str) -> Household:
    return Household(
        id="martin",
        name=name,
        members=[
            Member(
                id="amina", given_names="Amina", birth_date=dt.date(1990, 5, 17), nationality="dz"
            )
        ],
    )


def state(root: Path) -> dict[str, bytes]:
    """Every file under the folder with its bytes (lock files are empty and may appear)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def prepare(root: Path, scenario: str) -> tuple[Store, Callable[[], object], Household]:
    """A store in a known state, and the operation to fail, with what it writes."""
    store = Store(root)
    if scenario == "create":
        wanted = household("Created")
        return store, lambda: store.create(wanted), wanted
    store.create(household("Version 1"))
    store.save(household("Version 2"))
    store.save(household("Version 3"))
    if scenario == "save":
        wanted = household("Version 4")
        return store, lambda: store.save(wanted), wanted
    backup = store.backups("martin")[1]  # version 1
    return store, lambda: store.restore("martin", backup), household("Version 1")


def serialized(value: Household) -> bytes:
    return (value.model_dump_json(indent=2) + "\n").encode()


@pytest.mark.parametrize("scenario", ["save", "create", "restore"])
@pytest.mark.parametrize("code", ERRNOS, ids=[errno.errorcode[c] for c in ERRNOS])
def test_any_failing_call_leaves_the_file_intact_and_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scenario: str, code: int
) -> None:
    # Durability is tested elsewhere (test_store's fsync order, test_crash); here a real
    # fsync would only make hundreds of saves slow. It is still counted and failed.
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    counting = Faults()
    store, operation, wanted = prepare(tmp_path / "count", scenario)
    with monkeypatch.context() as patch:
        counting.install(patch)
        operation()
    total = len(counting.calls)
    assert total > 10, counting.calls
    assert {"open", "write", "fsync"} <= set(counting.calls)
    assert {"replace", "exchange", "create_only"} & set(counting.calls)

    outcomes: dict[str, int] = {}
    for fail_at in range(total):
        root = tmp_path / f"run-{fail_at}"
        store, operation, wanted = prepare(root, scenario)
        path = store.path_for("martin")
        before = state(root)
        faults = Faults(fail_at, code)
        failed_call = counting.calls[fail_at]
        where = f"call {fail_at} ({failed_call}) failing with {errno.errorcode[code]}"
        with monkeypatch.context() as patch:
            faults.install(patch)
            try:
                operation()
            except StorageError as exc:
                message = str(exc)
            except CartePrepError as exc:  # reading the backup to restore failed
                if scenario != "restore":
                    raise AssertionError(f"{where}: {exc!r}") from exc
                message = f"{exc}; the file on disk was not changed"
            else:
                message = ""
        assert faults.calls[: fail_at + 1] == counting.calls[: fail_at + 1], where

        temps = [p for p in root.rglob("*") if ".tmp-" in p.name]
        if failed_call == "unlink" and temps and not message:
            # Removing the version swapped out by the final rename failed: what is left is
            # that previous version, which the next start removes as a crash leftover.
            assert [t.read_bytes() for t in temps] == [before["martin.json"]], where
            for temp in temps:
                os.utime(temp, (0, 0))
            Store(root).clean_leftovers()
            temps = [p for p in root.rglob("*") if ".tmp-" in p.name]
        assert temps == [], f"{where}: temp files left: {temps}"
        if not message:
            outcome = "succeeded"
            assert path.read_bytes() == serialized(wanted), where
        elif "was saved, but" in message:
            outcome = "saved, flush failed"
            assert path.read_bytes() == serialized(wanted), where
        else:
            outcome = "refused"
            assert "the file on disk was not changed" in message, f"{where}: {message}"
            assert state(root) == before, f"{where}: the folder changed"
            assert os.strerror(code) in message, f"{where}: {message}"
            assert str(root) in message, f"{where}: the message names no file: {message}"
        assert "\n" not in message
        outcomes[outcome] = outcomes.get(outcome, 0) + 1

        # The store is still consistent: once the disk is fine, the same change saves.
        if outcome == "refused":
            operation()
            assert path.read_bytes() == serialized(wanted), where
        assert Store(root).load("martin") == wanted

    assert outcomes.get("refused", 0) >= total // 2, outcomes
    print(scenario, errno.errorcode[code], total, "calls:", outcomes)


def test_failing_to_release_the_lock_is_not_reported_as_a_failed_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save happened; an error while unlocking must not say the file was not changed."""
    store = Store(tmp_path)
    store.create(household("Version 1"))
    real_flock = fcntl.flock

    def flock(fd: int, operation: int) -> None:
        if operation == fcntl.LOCK_UN:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_flock(fd, operation)

    with monkeypatch.context() as patch:
        patch.setattr(fcntl, "flock", flock)
        store.save(household("Version 2"))
    assert Store(tmp_path).load("martin").name == "Version 2"
    store.save(household("Version 3"))  # the lock was released when its file was closed


@pytest.mark.parametrize("code", [errno.EACCES, errno.EIO])
def test_an_unreadable_data_folder_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    store = Store(tmp_path)
    store.create(household("Version 1"))
    real_listdir = os.listdir

    def listdir(path: Any = ".") -> list[str]:
        if Path(path) == tmp_path:
            raise OSError(code, os.strerror(code), str(path))
        return real_listdir(path)

    with monkeypatch.context() as patch:
        patch.setattr(os, "listdir", listdir)
        report = Store(tmp_path).load_all()
    assert report.households == []
    assert [str(p) for p in report.problems] == [f"{tmp_path}: cannot read: {os.strerror(code)}"]
