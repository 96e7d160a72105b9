"""Behaviour of the household store: what reaches the disk, and what never does."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import carte_prep
from carte_prep.core import storage as store_module
from carte_prep.core.errors import InvalidInputError, NotFoundError
from carte_prep.core.model import Household, Member, Passport, SharedEvidence, Tracking
from carte_prep.core.paths import default_data_dir, resolve_data_dir
from carte_prep.core.storage import (
    ConflictError,
    CorruptFileError,
    FileProblem,
    StorageError,
    Store,
    safe_io,
)
from carte_prep.core.storage.backups import describe_change


def make_household(household_id: str = "martin", name: str = "Famille Martin") -> Household:
    """A household with no application, so the catalogue is not involved."""
    return Household(
        id=household_id,
        name=name,
        members=[
            Member(
                id="amina",
                given_names="Amina Nour",
                surname="Martin-Benali",
                birth_date=dt.date(1990, 5, 17),
                birth_place="Oran",
                nationality="algérienne",
                passport=Passport(number="ab 123 456", valid_until=dt.date(2031, 1, 2)),
                tracking={
                    "passport-copy": Tracking(
                        status="gathered",
                        document_date=dt.date(2025, 3, 1),
                        notes="copie couleur\npages 1-3",
                    )
                },
            ),
            Member(
                id="yuki",
                given_names="由紀",
                birth_date=dt.date(2015, 9, 30),
                nationality="japonaise",
                relationship="child",
            ),
        ],
        shared=[SharedEvidence(requirement="proof-of-address", members=["amina", "yuki"])],
    )


def renamed(household: Household, name: str) -> Household:
    """A validated copy with another name (assignment is validated by the model)."""
    copy = household.model_copy(deep=True)
    copy.name = name
    return copy


def all_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if ".tmp-" in p.name]


@pytest.fixture
def store(data_dir: Path) -> Store:
    return Store(data_dir)


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for one test and always restore it."""
    original = os.umask(0o022)
    os.umask(original)

    def set_umask(value: int) -> None:
        os.umask(value)

    yield set_umask
    os.umask(original)


# -- paths ------------------------------------------------------------------------------


def test_resolve_data_dir_prefers_explicit_then_env_then_default(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve_data_dir(tmp_path / "elsewhere") == tmp_path / "elsewhere"
    assert resolve_data_dir(None) == data_dir
    monkeypatch.setenv("CARTE_PREP_DATA_DIR", "")
    assert resolve_data_dir(None) == default_data_dir()
    monkeypatch.delenv("CARTE_PREP_DATA_DIR")
    assert resolve_data_dir(None) == default_data_dir()
    assert default_data_dir().name == "carte-prep"
    assert not data_dir.exists(), "resolving a path must not create it"


# -- round trip -------------------------------------------------------------------------


def test_round_trip_and_identical_bytes(store: Store) -> None:
    household = make_household()
    store.create(household)
    path = store.path_for("martin")
    first = path.read_bytes()
    assert first.endswith(b"}\n")
    assert first.decode("utf-8") == household.model_dump_json(indent=2) + "\n"
    assert "由紀".encode() in first, "non-ASCII text is stored as UTF-8, not escaped"

    loaded = Store(store.root).load("martin")
    assert loaded == household

    store.save(loaded)
    assert path.read_bytes() == first
    assert store.backups("martin") == [], "an unchanged save writes nothing"
    assert store.export_text("martin") == first.decode("utf-8")


def test_missing_folder_is_empty_and_not_created(store: Store) -> None:
    report = store.load_all()
    assert report.households == []
    assert report.problems == []
    assert not store.root.exists()
    with pytest.raises(NotFoundError, match="no household 'martin'; run 'carte-prep list'"):
        store.load("martin")


def test_load_all_sorts_by_name_then_id(store: Store) -> None:
    for household_id, name in [("b", "zoé"), ("c", "Alice"), ("a", "alice"), ("d", "Bruno")]:
        store.create(make_household(household_id, name))
    report = Store(store.root).load_all()
    assert [h.id for h in report.households] == ["c", "a", "d", "b"]
    assert report.problems == []


@pytest.mark.parametrize("bad_id", ["../etc/passwd", "Martin", "", "a/b", ".hidden"])
def test_ids_cannot_escape_the_folder(store: Store, bad_id: str) -> None:
    with pytest.raises(InvalidInputError, match="not a valid id"):
        store.load(bad_id)
    with pytest.raises(InvalidInputError):
        store.path_for(bad_id)


# -- permissions ------------------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o077])
def test_private_modes_whatever_the_umask(
    data_dir: Path, umask: Callable[[int], None], mask: int
) -> None:
    umask(mask)
    store = Store(data_dir)
    household = make_household()
    store.create(household)
    store.save(renamed(household, "Martin 2"))
    store.save(renamed(household, "Martin 3"))

    assert len(store.backups("martin")) == 2
    folders = [data_dir, *(p for p in data_dir.rglob("*") if p.is_dir())]
    assert len(folders) == 3  # root, backups, backups/martin
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    files = all_files(data_dir)
    assert {p.name for p in files} >= {"martin.json", ".martin.lock"}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


# -- atomic write and failures ----------------------------------------------------------

_STEPS = ["open-temp", "write", "fsync-temp", "backup", "replace"]


def _inject(monkeypatch: pytest.MonkeyPatch, step: str, code: int, target: Path) -> None:
    """Make one system call of the save fail with ``code``, as a full or read-only disk would."""
    failure = OSError(code, os.strerror(code))

    if step == "open-temp":
        real_open = os.open

        def fake_open(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
            if ".tmp-" in str(path):
                raise failure
            return real_open(path, flags, mode, **kw)

        monkeypatch.setattr(os, "open", fake_open)
    elif step == "write":

        def fake_write(fd: int, data: Any) -> int:
            raise failure

        monkeypatch.setattr(os, "write", fake_write)
    elif step == "fsync-temp":

        def fake_fsync(fd: int) -> None:
            raise failure

        monkeypatch.setattr(os, "fsync", fake_fsync)
    else:
        real_replace = os.replace

        def fake_replace(src: Any, dst: Any, **kw: Any) -> None:
            destination = Path(dst)
            if (step == "replace" and destination == target) or (
                step == "backup" and "backups" in destination.parts
            ):
                raise failure
            real_replace(src, dst, **kw)

        monkeypatch.setattr(os, "replace", fake_replace)
        monkeypatch.setattr(safe_io, "exchange", lambda source, target: False)  # a plain rename


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO])
@pytest.mark.parametrize("step", _STEPS)
def test_failed_save_leaves_disk_untouched(
    store: Store, monkeypatch: pytest.MonkeyPatch, step: str, code: int
) -> None:
    household = make_household()
    store.create(household)
    store.save(renamed(household, "Version 2"))
    path = store.path_for("martin")
    before = path.read_bytes()
    backups_before = store.backups("martin")

    with monkeypatch.context() as patch:
        _inject(patch, step, code, path)
        with pytest.raises(StorageError) as caught:
            store.save(renamed(household, "Version 3"))

    message = str(caught.value)
    assert str(path) in message
    assert os.strerror(code) in message
    assert path.read_bytes() == before
    assert temp_files(store.root) == []
    assert store.backups("martin") == backups_before
    # The store is still consistent: the same save works once the disk is fine again.
    store.save(renamed(household, "Version 3"))
    assert Store(store.root).load("martin").name == "Version 3"


def test_save_order_is_fsync_backup_replace_fsync_dir(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    household = make_household()
    store.create(household)
    path = store.path_for("martin")
    trace: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = "dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        trace.append(f"fsync-{kind}")
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        trace.append("replace-target" if Path(dst) == path else "replace-backup")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(safe_io, "exchange", lambda source, target: False)  # a plain rename
    store.save(renamed(household, "Version 2"))

    assert trace == [
        "fsync-file",  # new content on disk
        "fsync-file",  # backup copy on disk
        "replace-backup",
        "fsync-dir",
        "replace-target",
        "fsync-dir",
    ]


def test_failed_folder_fsync_after_replace_is_reported(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    household = make_household()
    store.create(household)
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode) and os.fstat(fd).st_ino == store.root.stat().st_ino:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(fd)

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", fsync)
        with pytest.raises(StorageError, match="was saved, but the folder could not be flushed"):
            store.save(renamed(household, "Version 2"))
    assert Store(store.root).load("martin").name == "Version 2"
    store.save(renamed(household, "Version 3"))  # the store knows what it wrote


# -- corrupt, newer and foreign files ---------------------------------------------------


def _valid_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(make_household("broken").model_dump_json())
    return data


def _truncated() -> bytes:
    return make_household("broken").model_dump_json(indent=2).encode()[:200]


def _wrong_type() -> bytes:
    data = _valid_json()
    data["members"][0]["birth_date"] = "yesterday"
    return json.dumps(data, indent=2).encode()


def _unknown_key() -> bytes:
    data = _valid_json()
    data["members"][1]["passprt"] = {"number": "X1"}
    return json.dumps(data, indent=2).encode()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (_truncated, ["not valid JSON at line"]),
        (_wrong_type, ["members[0].birth_date"]),
        (_unknown_key, ["members[1].passprt", "is not a known field"]),
        (lambda: b"\xff\xfe{}", ["is not UTF-8 text"]),
        (lambda: b"[1, 2]", ["(top level)"]),
    ],
    ids=["truncated", "wrong-type", "unknown-key", "not-utf8", "not-an-object"],
)
def test_corrupt_file_is_reported_and_left_alone(
    store: Store, content: Callable[[], bytes], expected: list[str]
) -> None:
    store.create(make_household("martin"))
    bad = store.root / "broken.json"
    bad.write_bytes(content())
    before = bad.read_bytes()

    fresh = Store(store.root)
    report = fresh.load_all()
    assert [h.id for h in report.households] == ["martin"]
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert problem.path == bad
    for text in expected:
        assert text in problem.reason
    assert "broken.json" in str(problem)

    with pytest.raises(CorruptFileError) as caught:
        fresh.load("broken")
    assert str(bad) in str(caught.value)
    assert caught.value.reason == problem.reason
    with pytest.raises(ConflictError):
        fresh.save(make_household("broken"))
    assert bad.read_bytes() == before
    assert temp_files(store.root) == []


def test_newer_schema_is_refused_and_left_alone(store: Store) -> None:
    data = _valid_json()
    data["schema_version"] = 3
    data["new_field_from_the_future"] = True
    store.root.mkdir()
    path = store.root / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()

    report = store.load_all()
    assert report.households == []
    assert report.problems == [
        FileProblem(
            path,
            "was written by a newer version of carte-prep (schema 3); update carte-prep to open it",
        )
    ]
    with pytest.raises(CorruptFileError, match="newer version of carte-prep"):
        store.load("broken")
    with pytest.raises(ConflictError):
        store.save(make_household("broken"))
    assert path.read_bytes() == before


def test_file_named_after_another_id_is_reported(store: Store) -> None:
    store.create(make_household("martin"))
    copy = store.root / "copie.json"
    copy.write_bytes(store.path_for("martin").read_bytes())
    report = Store(store.root).load_all()
    assert [h.id for h in report.households] == ["martin"]
    assert [p.path for p in report.problems] == [copy]
    assert "rename it to 'martin.json'" in report.problems[0].reason


@pytest.mark.parametrize(
    "name",
    [
        "martin.sync-conflict-20250102-101112-ABCDEFG.json",
        "martin (Amina's conflicted copy 2025-01-02).json",
        "martin.conflict.json",
    ],
)
def test_sync_conflict_copy_is_reported_not_loaded(store: Store, name: str) -> None:
    household = make_household("martin")
    store.create(household)
    conflict = store.root / name
    conflict.write_bytes(renamed(household, "Other device").model_dump_json().encode())
    before = conflict.read_bytes()

    report = Store(store.root).load_all()
    assert [h.name for h in report.households] == ["Famille Martin"]
    assert len(report.problems) == 1
    assert report.problems[0].path == conflict
    assert "household 'martin'" in report.problems[0].reason
    assert "left untouched" in report.problems[0].reason
    assert conflict.read_bytes() == before


def test_stale_temp_files_are_removed_fresh_ones_kept(store: Store) -> None:
    household = make_household("martin")
    store.create(household)
    store.save(renamed(household, "Version 2"))
    backup_dir = store.root / "backups" / "martin"
    old_main = store.root / ".martin.json.tmp-0123456789abcdef"
    old_backup = backup_dir / ".20250101T000000.000000Z.json.tmp-0123456789abcdef"
    fresh = store.root / ".martin.json.tmp-fedcba9876543210"
    for path in (old_main, old_backup, fresh):
        path.write_text('{"id": "martin", "name": "half written', encoding="utf-8")
    hour_ago = time.time() - 3600
    for path in (old_main, old_backup):
        os.utime(path, (hour_ago, hour_ago))

    report = Store(store.root).load_all()
    assert [h.id for h in report.households] == ["martin"]
    assert report.problems == []
    assert not old_main.exists()
    assert not old_backup.exists()
    assert fresh.exists(), "a young temp file may belong to a save in progress"


# -- conflicts and create ---------------------------------------------------------------


def test_second_instance_cannot_overwrite_first(store: Store) -> None:
    household = make_household()
    store.create(household)
    first, second = Store(store.root), Store(store.root)
    mine, theirs = first.load("martin"), second.load("martin")

    first.save(renamed(mine, "Saved by first"))
    written = store.path_for("martin").read_bytes()
    with pytest.raises(ConflictError, match="changed on disk by another program"):
        second.save(renamed(theirs, "Saved by second"))
    assert store.path_for("martin").read_bytes() == written

    reloaded = second.reload("martin")
    assert reloaded.name == "Saved by first"
    second.save(renamed(reloaded, "Saved by second"))
    assert Store(store.root).load("martin").name == "Saved by second"


def test_hand_edit_is_never_overwritten(store: Store) -> None:
    household = make_household()
    store.create(household)
    path = store.path_for("martin")
    edited = path.read_text(encoding="utf-8").replace("Famille Martin", "Edited by hand")
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(ConflictError):
        store.save(renamed(household, "From the app"))
    assert path.read_text(encoding="utf-8") == edited


def test_existing_file_never_read_is_not_overwritten(store: Store) -> None:
    Store(store.root).create(make_household())
    before = store.path_for("martin").read_bytes()
    with pytest.raises(ConflictError, match="not opened here"):
        Store(store.root).save(make_household(name="Blind overwrite"))
    assert store.path_for("martin").read_bytes() == before


def test_create_refuses_existing_id(store: Store) -> None:
    store.create(make_household())
    before = store.path_for("martin").read_bytes()
    with pytest.raises(InvalidInputError, match="id 'martin' already exists; choose another id"):
        Store(store.root).create(make_household(name="Someone else"))
    assert store.path_for("martin").read_bytes() == before


def test_saving_an_invalid_model_writes_nothing(store: Store) -> None:
    household = make_household()
    store.create(household)
    before = store.path_for("martin").read_bytes()
    broken = household.model_copy(update={"name": ""})  # model_copy skips validation
    with pytest.raises(InvalidInputError, match="name"):
        store.save(broken)
    assert store.path_for("martin").read_bytes() == before
    assert temp_files(store.root) == []


# -- backups, restore, delete -----------------------------------------------------------


def test_backups_keep_the_day_and_restore_gives_back_a_version_exactly(store: Store) -> None:
    household = make_household()
    store.create(household)
    versions = [store.path_for("martin").read_bytes()]
    for number in range(1, 8):
        store.save(renamed(household, f"Version {number}"))
        versions.append(store.path_for("martin").read_bytes())

    backups = store.backups("martin")
    assert len(backups) == 7, "every version of the last day is kept"
    stamps = [b.timestamp for b in backups]
    assert stamps == sorted(stamps, reverse=True)
    assert all(b.timestamp.tzinfo is dt.UTC for b in backups)
    # Newest first: the versions replaced by saves 7 to 1.
    assert [b.path.read_bytes() for b in backups] == versions[6::-1]
    for backup in backups:
        assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600

    restored = store.restore("martin", backups[2])  # version 4
    assert restored.name == "Version 4"
    assert store.path_for("martin").read_bytes() == versions[4]
    after = store.backups("martin")
    assert len(after) == 8
    assert after[0].path.read_bytes() == versions[7], "the replaced version is kept"
    assert Store(store.root).load("martin") == restored


def test_restore_repairs_a_broken_file_and_keeps_it(store: Store) -> None:
    household = make_household()
    store.create(household)
    store.save(renamed(household, "Good version"))
    path = store.path_for("martin")
    path.write_bytes(b'{"id": "martin", "name": ')  # damaged by hand

    fresh = Store(store.root)
    assert len(fresh.load_all().problems) == 1
    backup = fresh.backups("martin")[0]
    fresh.restore("martin", backup)
    assert fresh.load("martin") == household
    assert fresh.backups("martin")[0].path.read_bytes() == b'{"id": "martin", "name": '


def test_restore_refuses_a_foreign_backup(store: Store, tmp_path: Path) -> None:
    store.create(make_household())
    stray = tmp_path / "20250101T000000.000000Z.json"
    stray.write_bytes(store.path_for("martin").read_bytes())
    backup = store_module.Backup(stray, dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(InvalidInputError, match="not a backup of 'martin'"):
        store.restore("martin", backup)


def test_delete_removes_file_backups_and_personal_data(store: Store) -> None:
    household = make_household()
    store.create(household)
    store.save(renamed(household, "Version 2"))
    store.create(make_household("other", "Other family"))
    orphan = store.root / ".martin.json.tmp-0123456789abcdef"
    orphan.write_bytes(store.path_for("martin").read_bytes())

    store.delete("martin")
    assert not store.path_for("martin").exists()
    assert not (store.root / "backups" / "martin").exists()
    assert not orphan.exists()
    for path in all_files(store.root):
        assert b"Martin-Benali" not in path.read_bytes() or path.name == "other.json", path
    with pytest.raises(NotFoundError):
        store.load("martin")
    with pytest.raises(NotFoundError):
        store.delete("martin")
    assert [h.id for h in Store(store.root).load_all().households] == ["other"]


# -- export and import ------------------------------------------------------------------


def test_export_then_import_elsewhere(store: Store, tmp_path: Path) -> None:
    store.create(make_household())
    exported = tmp_path / "martin-export.json"
    exported.write_text(store.export_text("martin"), encoding="utf-8")

    other = Store(tmp_path / "other")
    imported = other.import_file(exported)
    assert imported == make_household()
    assert other.path_for("martin").read_bytes() == store.path_for("martin").read_bytes()


def test_import_refuses_existing_unless_replace(store: Store, tmp_path: Path) -> None:
    store.create(make_household())
    before = store.path_for("martin").read_bytes()
    incoming = tmp_path / "incoming.json"
    incoming.write_text(renamed(make_household(), "Imported").model_dump_json(), "utf-8")

    with pytest.raises(InvalidInputError, match="already exists"):
        Store(store.root).import_file(incoming)
    assert store.path_for("martin").read_bytes() == before

    fresh = Store(store.root)
    assert fresh.import_file(incoming, replace=True).name == "Imported"
    assert fresh.load("martin").name == "Imported"
    assert fresh.backups("martin")[0].path.read_bytes() == before


def test_import_reports_invalid_file_with_path_and_field(store: Store, tmp_path: Path) -> None:
    incoming = tmp_path / "incoming.json"
    incoming.write_bytes(_wrong_type())
    with pytest.raises(InvalidInputError) as caught:
        store.import_file(incoming)
    assert str(caught.value).startswith(f"{incoming}: members[0].birth_date:")
    assert not store.root.exists()
    with pytest.raises(NotFoundError):
        store.import_file(tmp_path / "missing.json")


# -- two processes ----------------------------------------------------------------------

_WORKER = """
import sys
from pathlib import Path
from carte_prep.core.storage import ConflictError, Store

store = Store(Path(sys.argv[1]))
saved = conflicts = 0
for _ in range(int(sys.argv[2])):
    household = store.load("shared")
    household.name = f"count {int(household.name.split()[1]) + 1}"
    try:
        store.save(household)
    except ConflictError:
        conflicts += 1
    else:
        saved += 1
print(saved, conflicts)
"""


def test_two_processes_never_lose_or_tear_a_save(store: Store) -> None:
    store.create(make_household("shared", "count 0"))
    src = str(Path(carte_prep.__file__).resolve().parents[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])),
    }
    rounds = 40
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(store.root), str(rounds)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    reader = Store(store.root)
    reads = 0
    while any(w.poll() is None for w in workers):
        reader.load("shared")  # never sees a torn or half-written file
        reads += 1
    saved = 0
    for worker in workers:
        out, err = worker.communicate(timeout=30)
        assert worker.returncode == 0, err
        done, conflicts = map(int, out.split())
        assert done + conflicts == rounds
        saved += done

    final = Store(store.root).load("shared")
    assert final.name == f"count {saved}", "every successful save counted: none was lost"
    assert saved > 0
    assert reads > 0
    assert Store(store.root).load_all().problems == []
    assert temp_files(store.root) == []


def test_quick_successive_saves_share_one_backup(tmp_path: Path) -> None:
    store = Store(tmp_path / "data", backup_every=3600)
    household = make_household()
    store.create(household)
    original = store.path_for(household.id).read_bytes()
    for name in ("Famille M", "Famille Ma", "Famille Mar"):
        household = household.model_copy(update={"name": name})
        store.save(household)
    backups = store.backups(household.id)
    assert len(backups) == 1
    assert backups[0].path.read_bytes() == original


def test_a_backup_names_the_translation_and_document_kind_answers_it_would_undo() -> None:
    """Review 21: "1 other tracking detail" told the reader nothing."""

    def household(**tracking: object) -> bytes:
        member = {"id": "emily", "given_names": "Emily", "tracking": {"birth": tracking}}
        return json.dumps({"id": "martin", "name": "Martin", "members": [member]}).encode()

    before = household(status="gathered")
    after = household(status="gathered", foreign_language=True, variant="full-copy")
    assert describe_change(before, after) == "1 translation answer, 1 kind of document chosen"
