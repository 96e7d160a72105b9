"""The December 2026 attack review, storage part (D1, D5-D14), kept as tests.

Each test replays one attack of the review and checks the promise it broke. Figures
(races tried, hostile files tried, kills survived) are in the parametrisations below, so
they stay measured. Process kills are forked children that end with ``os._exit`` at the
chosen system call; blocking reads are bounded by a thread join or a subprocess timeout.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import carte_prep
from carte_prep.cli import main
from carte_prep.core.storage import (
    Backup,
    ConflictError,
    CorruptFileError,
    NewerFileError,
    StorageError,
    Store,
    backups,
    safe_io,
)
from carte_prep.core.storage.backups import KEEP_ALL_HOURS
from support import PROFILES, TODAY

HOUSEHOLD = "thompson-family"
SRC = str(Path(carte_prep.__file__).resolve().parents[1])


def cli(*args: str) -> tuple[int, str, str]:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--today", TODAY.isoformat(), *args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    for name in ("thompson-family.json", "nguyen-student.json"):
        shutil.copy(PROFILES / name, folder / name)
        os.chmod(folder / name, 0o600)
    monkeypatch.setenv("CARTE_PREP_DATA_DIR", str(folder))
    return folder


def edited_by_another_program(path: Path, marker: str) -> bytes:
    """Replace the file atomically with an edited copy, as a sync tool or an editor does."""
    raw = json.loads(path.read_bytes())
    raw["name"] = marker
    data = (json.dumps(raw, indent=2, ensure_ascii=False) + "\n").encode()
    side = path.with_name(path.name + ".editor")
    side.write_bytes(data)
    os.replace(side, path)
    return data


# -- D1: another program writes during the save -----------------------------------------


def test_a_write_while_the_backup_is_made_is_refused_and_kept(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window of the review (4-5 ms of fsyncs): the other write lands and stays."""
    path = data / f"{HOUSEHOLD}.json"
    real = backups.write_backup
    theirs: list[bytes] = []

    def slow_disk(*args: Any) -> Path | None:
        written = real(*args)
        theirs.append(edited_by_another_program(path, "EDITED BY ANOTHER PROGRAM"))
        return written

    monkeypatch.setattr(backups, "write_backup", slow_disk)
    code, _, err = cli("mark", HOUSEHOLD, "david", "passport", "--note", "from carte-prep")
    assert code == 1
    assert "changed on disk by another program" in err
    assert path.read_bytes() == theirs[0], "the other program's version is the file"
    assert not any(b"from carte-prep" in p.read_bytes() for p in data.rglob("*.json"))


@pytest.mark.parametrize("round_number", range(10))
def test_a_write_in_the_instant_before_the_rename_is_never_lost(
    data: Path, monkeypatch: pytest.MonkeyPatch, round_number: int
) -> None:
    """The write comes after the last check, right before the rename (10 races)."""
    path = data / f"{HOUSEHOLD}.json"
    real = safe_io.verify_unchanged
    theirs: list[bytes] = []

    def in_the_gap(target: Path, expected: str | None) -> None:
        real(target, expected)
        if target == path:
            theirs.append(edited_by_another_program(path, f"EDITED {round_number}"))

    monkeypatch.setattr(safe_io, "verify_unchanged", in_the_gap)
    code, _, err = cli("mark", HOUSEHOLD, "david", "passport", "--note", "from carte-prep")
    assert code == 1, "never 'saved' with exit 0 over another program's write"
    assert "the other version is kept as" in err
    copies = Store(data).conflict_copies(HOUSEHOLD)
    assert [c.read_bytes() for c in copies] == theirs
    assert b"from carte-prep" in path.read_bytes()
    problems = Store(data).load_all().problems
    assert [p.path for p in problems] == copies, "the copy is shown, never loaded"


def test_a_file_created_in_the_gap_of_a_first_save_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "data")
    household = Store(PROFILES).load(HOUSEHOLD)
    path = store.path_for(HOUSEHOLD)
    real = safe_io.verify_unchanged

    def in_the_gap(target: Path, expected: str | None) -> None:
        real(target, expected)
        target.write_bytes(b"theirs")

    monkeypatch.setattr(safe_io, "verify_unchanged", in_the_gap)
    with pytest.raises(ConflictError):
        store.create(household)
    assert path.read_bytes() == b"theirs"
    assert [p.name for p in path.parent.iterdir() if ".tmp-" in p.name] == []


# -- D5: FIFOs and devices in place of a household file ---------------------------------


def _bounded(call: Callable[[], object], fifo: Path | None) -> BaseException | None:
    """Run ``call`` in a thread for at most 10 s; a FIFO left blocking is released after."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            call()
            outcome.append(None)
        except BaseException as exc:  # reported to the test below
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive() and fifo is not None:
        with open(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK), "wb"):
            pass
        thread.join(10)
    assert outcome, "blocked"
    return outcome[0]


@pytest.mark.parametrize("operation", ["import-replace", "restore", "create", "save"])
def test_a_fifo_named_like_a_household_is_refused_at_once(tmp_path: Path, operation: str) -> None:
    store = Store(tmp_path / "data")
    household = Store(PROFILES).load(HOUSEHOLD)
    store.create(household)
    store.save(household.model_copy(update={"name": "Version 2"}))
    backup = store.backups(HOUSEHOLD)[0]
    path = store.path_for(HOUSEHOLD)
    path.unlink()
    os.mkfifo(path)
    fresh = Store(store.root)
    calls: dict[str, Callable[[], object]] = {
        "import-replace": lambda: fresh.import_file(PROFILES / f"{HOUSEHOLD}.json", replace=True),
        "restore": lambda: fresh.restore(HOUSEHOLD, backup),
        "create": lambda: fresh.create(household),
        "save": lambda: store.save(household),
    }
    error = _bounded(calls[operation], path)
    assert isinstance(error, StorageError | CorruptFileError), error
    assert "regular file" in str(error)
    assert stat.S_ISFIFO(os.lstat(path).st_mode), "left as it was"


@pytest.mark.parametrize("command", [("new", "zero", "--name", "Z"), ("restore", "zero", "1")])
def test_a_link_to_dev_zero_is_refused_without_reading_it(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    data = tmp_path / "data"
    (data / "backups" / "zero").mkdir(parents=True)
    household = Store(PROFILES).load(HOUSEHOLD).model_copy(update={"id": "zero"})
    backup = data / "backups" / "zero" / "20260101T000000.000000Z.json"
    backup.write_text(household.model_dump_json())
    (data / "zero.json").symlink_to("/dev/zero")

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    done = subprocess.run(
        [sys.executable, "-m", "carte_prep", "--data-dir", str(data), *command],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": SRC},
        preexec_fn=limit_memory,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "symbolic link" in done.stderr
    assert os.readlink(data / "zero.json") == "/dev/zero"


# -- D6: crashes between the backup and the rename ----------------------------------------


def _killed_at_rename(store: Store, name: str) -> None:
    """Save in a forked child that dies at the final rename, as under SIGKILL."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns

        def die(*args: Any) -> None:
            os._exit(9)

        safe_io.install = die  # type: ignore[assignment]
        try:
            store.save(store.load(HOUSEHOLD).model_copy(update={"name": name}))
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 9


def test_crashed_saves_never_push_real_versions_out_of_the_backups(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.create(Store(PROFILES).load(HOUSEHOLD))
    for number in range(1, 6):
        store.save(store.load(HOUSEHOLD).model_copy(update={"name": f"Version {number}"}))
    before = [b.path.read_bytes() for b in store.backups(HOUSEHOLD)]
    for attempt in range(5):
        _killed_at_rename(Store(store.root), f"Crashed {attempt}")
    fresh = Store(store.root)
    fresh.save(fresh.load(HOUSEHOLD).model_copy(update={"name": "After the crashes"}))
    after = [b.path.read_bytes() for b in fresh.backups(HOUSEHOLD)]
    assert len(after) == len(set(after)), "no version twice"
    assert after[1:] == before, "every real earlier version is still there"


def test_five_commands_in_a_row_keep_the_whole_day(data: Path) -> None:
    original = (data / f"{HOUSEHOLD}.json").read_bytes()
    for number in range(7):
        code, _, err = cli("rename", HOUSEHOLD, "--name", f"Name {number}")
        assert code == 0, err
    kept = [b.path.read_bytes() for b in Store(data).backups(HOUSEHOLD)]
    assert len(kept) == 7
    assert kept[-1] == original, "the version from before the first command is still there"


def test_older_backups_thin_out_to_one_a_day() -> None:
    now = dt.datetime(2026, 12, 2, 12, tzinfo=dt.UTC)

    def backup(hours_ago: float) -> Backup:
        stamp = now - dt.timedelta(hours=hours_ago)
        return Backup(Path(f"{stamp:%Y%m%dT%H%M%S}.json"), stamp)

    recent = [backup(h) for h in (0.1, 1, 5, KEEP_ALL_HOURS - 1)]
    older = [backup(h) for h in (30, 31, 32, 55, 56)]
    ancient = [backup(24 * 40)]
    dropped = backups.to_drop([*recent, *older, *ancient], now)
    kept = {b.path for b in [*recent, *older, *ancient]} - {b.path for b in dropped}
    assert {b.path for b in recent} <= kept
    assert len(kept & {b.path for b in older}) == 2, "one per day"
    assert ancient[0].path not in kept


def test_restore_lists_what_each_version_would_undo(data: Path) -> None:
    for args in [
        ("mark", HOUSEHOLD, "david", "passport", "--status", "requested"),
        ("mark", HOUSEHOLD, "david", "passport", "--note", "in the blue folder"),
        ("rename", HOUSEHOLD, "--name", "The Thompsons"),
    ]:
        assert cli(*args)[0] == 0
    code, out, _ = cli("restore", HOUSEHOLD)
    assert code == 0
    lines = [line for line in out.splitlines() if "replaced on" in line]
    assert "undoes: household name" in lines[0]
    assert "David" in lines[1]
    assert "note" in lines[1]
    assert "1 status" in lines[2]


# -- D7: a newer carte-prep's file ------------------------------------------------------


@pytest.mark.parametrize("command", ["restore", "import-replace"])
def test_a_newer_versions_file_is_never_replaced(data: Path, command: str) -> None:
    path = data / f"{HOUSEHOLD}.json"
    assert cli("rename", HOUSEHOLD, "--name", "One change")[0] == 0
    raw = json.loads(path.read_bytes())
    raw["schema_version"] = 99
    raw["written_by_v99"] = True
    path.write_text(json.dumps(raw))
    before = path.read_bytes()
    args = (
        ("restore", HOUSEHOLD, "1")
        if command == "restore"
        else ("import", str(PROFILES / f"{HOUSEHOLD}.json"), "--replace")
    )
    code, _, err = cli(*args)
    assert code == 1
    assert "newer version of carte-prep (schema 99)" in err
    assert len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_the_store_says_which_file_is_newer(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.create(Store(PROFILES).load(HOUSEHOLD))
    path = store.path_for(HOUSEHOLD)
    path.write_text('{"schema_version": 7, "id": "thompson-family"}')
    with pytest.raises(NewerFileError) as caught:
        Store(tmp_path).import_file(PROFILES / f"{HOUSEHOLD}.json", replace=True)
    assert caught.value.path == path


# -- D8: killed exports -----------------------------------------------------------------


def _killed_at_final_rename(args: tuple[str, ...], target: Path) -> None:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        real = os.replace

        def die(source: Any, destination: Any) -> None:
            if Path(destination) == target:
                os._exit(9)
            real(source, destination)

        os.replace = die  # type: ignore[assignment]
        try:
            cli(*args)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 9


def _age(folder: Path) -> None:
    for path in folder.rglob("*"):
        os.utime(path, (0, 0), follow_symlinks=False)


@pytest.mark.parametrize(
    "command",
    [
        ("export", HOUSEHOLD, "-o"),
        ("ics", HOUSEHOLD, "-o"),
        pytest.param(("pdf", HOUSEHOLD, "-o"), marks=pytest.mark.pdf),
    ],
    ids=["export", "ics", "pdf"],
)
def test_a_killed_export_leaves_nothing_after_the_next_start(
    data: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "file"
    _killed_at_final_rename((*command, str(target)), target)
    assert [p.name for p in out.iterdir() if ".tmp-" in p.name], "the kill left its copy"
    _age(out)
    _age(data)
    assert cli("agenda")[0] == 0  # any next start
    assert list(out.iterdir()) == []
    assert not (data / ".pending-exports").exists() or not any(
        (data / ".pending-exports").iterdir()
    )


# -- D9, D10, D11: permissions and traces -----------------------------------------------


def test_permission_warnings_also_through_a_symlinked_data_folder(tmp_path: Path) -> None:
    real = tmp_path / "realdata"
    real.mkdir()
    shutil.copy(PROFILES / "nguyen-student.json", real)
    os.chmod(real, 0o755)
    os.chmod(real / "nguyen-student.json", 0o644)
    link = tmp_path / "linkdata"
    link.symlink_to(real)
    through_link = Store(link).permission_warnings()
    assert len(through_link) == len(Store(real).permission_warnings()) == 2


@pytest.fixture
def open_umask() -> Iterator[None]:
    before = os.umask(0)
    yield
    os.umask(before)


@pytest.mark.usefixtures("open_umask")
def test_parents_made_for_the_data_folder_are_private_under_umask_000(tmp_path: Path) -> None:
    data = tmp_path / "p1" / "p2" / "data"
    code, _, err = cli("--data-dir", str(data), "new", "h", "--name", "H")
    assert code == 0, err
    for folder in (tmp_path / "p1", tmp_path / "p1" / "p2", data):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_delete_removes_the_lock_file_too(data: Path) -> None:
    assert cli("rename", HOUSEHOLD, "--name", "x")[0] == 0
    assert (data / f".{HOUSEHOLD}.lock").exists()
    assert cli("delete", HOUSEHOLD, "--yes")[0] == 0
    assert not any(HOUSEHOLD in p.name for p in data.rglob("*"))


def test_a_save_waiting_on_a_deleted_lock_takes_the_new_one(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.create(Store(PROFILES).load(HOUSEHOLD))
    lock = tmp_path / f".{HOUSEHOLD}.lock"
    held = safe_io.acquire(lock, 0)
    assert held is not None
    lock.unlink()  # as delete does, while another process waits on the old file
    safe_io.unlock(held)
    fd = safe_io.acquire(lock, 1)
    assert fd is not None
    assert os.fstat(fd).st_ino == os.stat(lock).st_ino
    safe_io.unlock(fd)


# -- D12, D13, D14: export checks, bounds, escaped ids -----------------------------------


@pytest.mark.parametrize("kind", ["corrupt", "link-to-passwd", "link-to-household"])
def test_export_refuses_what_it_could_not_import_again(
    data: Path, tmp_path: Path, kind: str
) -> None:
    path = data / f"{HOUSEHOLD}.json"
    if kind == "corrupt":
        path.write_bytes(path.read_bytes()[:-40])
    else:
        aside = tmp_path / "aside.json"
        shutil.move(path, aside)
        path.symlink_to("/etc/passwd" if kind == "link-to-passwd" else aside)
    target = tmp_path / "backup.json"
    code, out, err = cli("export", HOUSEHOLD, "-o", str(target))
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err
    assert "root:" not in out + err
    assert not target.exists()


def test_export_of_a_newer_file_gives_its_bytes(data: Path) -> None:
    path = data / f"{HOUSEHOLD}.json"
    raw = json.loads(path.read_bytes())
    raw["schema_version"] = 99
    path.write_text(json.dumps(raw))
    code, out, _ = cli("export", HOUSEHOLD)
    assert code == 0
    assert out == path.read_text()


@pytest.mark.parametrize("value", ["2200000", "1e308", "inf", "0", "-1", "nan"])
def test_timeout_out_of_bounds_is_one_line(data: Path, tmp_path: Path, value: str) -> None:
    code, _, err = cli("pdf", HOUSEHOLD, "-o", str(tmp_path / "t.pdf"), "--timeout", value)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not (tmp_path / "t.pdf").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("new", "bad\nid\x1b[31m", "--name", "x"),
        ("checklist", "bad\x1b]0;pwned\x07id"),
        ("mark", HOUSEHOLD, "da\nvid", "passport", "--status", "gathered"),
        ("pdf", "x\ny", "-o", "/nonexistent\x1b[2J/x.pdf"),
    ],
)
def test_control_characters_typed_in_ids_are_escaped(data: Path, args: tuple[str, ...]) -> None:
    code, _, err = cli(*args)
    assert code != 0
    assert len(err.strip().splitlines()) == 1, err
    assert "\x1b" not in err
    assert "\x07" not in err


def test_the_apps_pdf_copy_of_a_killed_render_is_removed_at_the_next_start(
    tmp_path: Path,
) -> None:
    """The app renders to a hidden file beside the target, then renames it: killed between."""
    from carte_prep.core.storage import journalled, temp_beside

    data, out = tmp_path / "data", tmp_path / "out"
    out.mkdir()
    part = temp_beside(out / "dossier.pdf")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        with journalled(data, part):
            part.write_bytes(b"%PDF- passport 533412907")
            os._exit(9)
    os.waitpid(pid, 0)
    assert part.exists()
    _age(out)
    _age(data)
    Store(data).clean_leftovers()
    assert list(out.iterdir()) == []
