"""Schema versions (S12): older files are upgraded in memory, newer ones refused, none lost.

Schema 1 -> 2 is the first real migration (rules v2; its cases are tested in
``tests/core/test_migration_v2.py``). The machinery is also tested with a "version 0"
shape that never shipped (``tests/fixtures/test-only/legacy-shape-v0.json``), upgraded by a
migration registered only for the duration of a test, then by the real 1 -> 2 one. The
newer-version refusal is covered by
``tests/core/test_store.py::test_newer_schema_is_refused_and_left_alone``.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from carte_prep.core import migrations
from carte_prep.core.model import Household, Member, Passport, Tracking
from carte_prep.core.storage import StorageError, Store, safe_io

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LEGACY = FIXTURES / "test-only" / "legacy-shape-v0.json"


def legacy_to_v1(raw: dict[str, Any]) -> dict[str, Any]:
    """The migration an imaginary version 0 would have needed (test only)."""
    raw["name"] = raw.pop("household_name")
    raw["members"] = [_person(p) for p in raw.pop("people")]
    return raw


def _person(old: dict[str, Any]) -> dict[str, Any]:
    member: dict[str, Any] = {
        "id": old["id"],
        "given_names": old["first_names"],
        "birth_date": old["born"],
        "nationality": old["nationality"],
    }
    if "last_name" in old:
        member["surname"] = old["last_name"]
    if "passport_number" in old:
        member["passport"] = {"number": old["passport_number"]}
    member["tracking"] = {
        key: {"status": "gathered" if doc["done"] else "todo", "notes": doc["notes"]}
        for key, doc in old["documents"].items()
    }
    return member


EXPECTED = Household(
    id="legacy-family",
    name="Famille Héritage",
    members=[
        Member(
            id="amina",
            given_names="Amina",
            surname="Benali",
            birth_date=dt.date(1990, 5, 17),
            nationality="DZ",
            passport=Passport(number="AB123456"),
            tracking={
                "passport": Tracking(status="gathered", notes="copie couleur"),
                "proof-of-address": Tracking(status="todo", notes=""),
            },
        ),
        Member(id="yuki", given_names="由紀", birth_date=dt.date(2015, 9, 30), nationality="JP"),
    ],
)


@pytest.fixture
def with_v0_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(migrations.MIGRATIONS, 0, legacy_to_v1)


@pytest.fixture
def legacy_file(data_dir: Path) -> Path:
    data_dir.mkdir(mode=0o700)
    path = data_dir / "legacy-family.json"
    shutil.copyfile(LEGACY, path)
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def renamed(household: Household, name: str) -> Household:
    copy = household.model_copy(deep=True)
    copy.name = name
    return copy


# -- the upgrade itself -----------------------------------------------------------------


@pytest.mark.usefixtures("with_v0_migration")
def test_older_file_is_upgraded_in_memory_and_left_untouched(legacy_file: Path) -> None:
    before = legacy_file.read_bytes()
    store = Store(legacy_file.parent)

    report = store.load_all()
    assert report.problems == []
    assert report.households == [EXPECTED]
    assert store.load("legacy-family") == EXPECTED
    assert store.upgraded_from("legacy-family") == 0
    assert legacy_file.read_bytes() == before, "reading never rewrites the file"
    assert files_under(legacy_file.parent) == ["legacy-family.json"], "no copy until a save"


@pytest.mark.usefixtures("with_v0_migration")
def test_first_save_keeps_the_original_before_writing_the_new_shape(
    legacy_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = legacy_file.read_bytes()
    store = Store(legacy_file.parent)
    household = store.load("legacy-family")
    backups = legacy_file.parent / "backups" / "legacy-family"
    kept = backups / "original-schema-0.json"
    checked: list[str] = []
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == legacy_file:
            # Right before the file is replaced: still the original, and copied twice.
            assert legacy_file.read_bytes() == original
            assert kept.read_bytes() == original
            assert store.backups("legacy-family")[0].path.read_bytes() == original
            checked.append("target")
        real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", replace)
        patch.setattr(safe_io, "exchange", lambda source, target: False)  # a plain rename
        store.save(renamed(household, "Famille Héritage (mise à jour)"))
    assert checked == ["target"]

    saved = json.loads(legacy_file.read_text(encoding="utf-8"))
    assert saved["schema_version"] == migrations.CURRENT_VERSION
    assert "people" not in saved
    assert store.upgraded_from("legacy-family") is None
    fresh = Store(legacy_file.parent)
    assert fresh.load("legacy-family") == renamed(EXPECTED, "Famille Héritage (mise à jour)")
    assert fresh.upgraded_from("legacy-family") is None

    # Dated backups age out; the kept copy is not one of them and stays.
    current = fresh.load("legacy-family")
    for number in range(7):
        fresh.save(renamed(current, f"Version {number}"))
    assert all(b.path != kept for b in fresh.backups("legacy-family"))
    assert kept.read_bytes() == original
    assert oct(kept.stat().st_mode & 0o777) == "0o600"

    fresh.delete("legacy-family")
    assert not backups.exists(), "deleting a household removes the kept original too"


@pytest.mark.usefixtures("with_v0_migration")
def test_failed_first_save_leaves_the_old_file_and_no_copy(
    legacy_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = legacy_file.read_bytes()
    store = Store(legacy_file.parent)
    household = store.load("legacy-family")
    real_replace = os.replace

    def full_disk(src: Any, dst: Any) -> None:
        if Path(dst) == legacy_file:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", full_disk)
        patch.setattr(safe_io, "exchange", lambda source, target: False)  # a plain rename
        with pytest.raises(StorageError, match="the file on disk was not changed"):
            store.save(renamed(household, "New name"))
    assert legacy_file.read_bytes() == original
    assert [p for p in files_under(legacy_file.parent) if not p.endswith(".lock")] == [
        "legacy-family.json"
    ]
    assert store.upgraded_from("legacy-family") == 0
    store.save(renamed(household, "New name"))
    kept = legacy_file.parent / "backups" / "legacy-family" / "original-schema-0.json"
    assert kept.read_bytes() == original


@pytest.mark.usefixtures("with_v0_migration")
def test_import_of_an_older_file_stores_the_new_shape(data_dir: Path) -> None:
    before = LEGACY.read_bytes()
    store = Store(data_dir)
    assert store.import_file(LEGACY) == EXPECTED
    assert LEGACY.read_bytes() == before
    saved = json.loads(store.path_for("legacy-family").read_text(encoding="utf-8"))
    assert saved["schema_version"] == migrations.CURRENT_VERSION


# -- failures of the upgrade ------------------------------------------------------------


def test_an_older_version_without_a_migration_is_refused(legacy_file: Path) -> None:
    """The real registry: nothing older than schema 1 exists, so version 0 is refused."""
    before = sha(legacy_file)
    report = Store(legacy_file.parent).load_all()
    assert report.households == []
    assert [p.path for p in report.problems] == [legacy_file]
    assert report.problems[0].reason == (
        "has schema_version 0, which this carte-prep cannot upgrade (it reads schema 1 to 2); "
        "check the number in the file"
    )
    assert sha(legacy_file) == before


def test_a_migration_that_fails_is_reported_and_others_still_load(
    legacy_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(raw: dict[str, Any]) -> dict[str, Any]:
        return {"members": raw["no such key"]}

    monkeypatch.setitem(migrations.MIGRATIONS, 0, broken)
    Store(legacy_file.parent).create(Household(id="other", name="Other"))
    before = sha(legacy_file)
    report = Store(legacy_file.parent).load_all()
    assert [h.id for h in report.households] == ["other"]
    (problem,) = report.problems
    assert problem.path == legacy_file
    assert problem.reason.startswith(
        "could not be upgraded from schema 0 to 1 (KeyError: 'no such key')"
    )
    assert sha(legacy_file) == before


def test_upgraded_data_that_is_invalid_names_the_field(
    legacy_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def wrong_date(raw: dict[str, Any]) -> dict[str, Any]:
        data = legacy_to_v1(raw)
        data["members"][0]["birth_date"] = "17/05/1990"
        return data

    monkeypatch.setitem(migrations.MIGRATIONS, 0, wrong_date)
    (problem,) = Store(legacy_file.parent).load_all().problems
    assert problem.reason.startswith("after upgrading from schema 0: members[0].birth_date:")


def test_a_chain_of_migrations_runs_in_order_without_touching_its_input(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def one_to_two(raw: dict[str, Any]) -> dict[str, Any]:
        raw["steps"] = [*raw.get("steps", []), "1->2"]
        return raw

    def two_to_three(raw: dict[str, Any]) -> dict[str, Any]:
        raw["steps"].append("2->3")
        raw["name"] = raw["name"].upper()
        return raw

    monkeypatch.setattr(migrations, "CURRENT_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: one_to_two, 2: two_to_three})
    raw: dict[str, Any] = {"schema_version": 1, "name": "a", "nested": {"list": [1, 2]}}
    frozen = json.dumps(raw)

    upgraded, version = migrations.upgrade(raw)
    assert version == 1
    assert upgraded == {
        "schema_version": 3,
        "name": "A",
        "nested": {"list": [1, 2]},
        "steps": ["1->2", "2->3"],
    }
    assert json.dumps(raw) == frozen, "the parsed file is never modified"
    assert migrations.upgrade({"name": "no version"})[1] == 1, "a missing version means 1"
    current: dict[str, Any] = {"schema_version": 3}
    assert migrations.upgrade(current) == (current, 3)
    assert migrations.upgrade(current)[0] is current

    monkeypatch.setattr(migrations, "MIGRATIONS", {2: two_to_three})
    with pytest.raises(migrations.SchemaVersionError, match=r"reads schema 2 to 3"):
        migrations.upgrade(raw)
    with pytest.raises(migrations.SchemaVersionError, match=r"newer version .*schema 4"):
        migrations.upgrade({"schema_version": 4})


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ('"1"', "schema_version: '1' is not a version number"),
        ("null", "schema_version: None is not a version number"),
        ("true", "schema_version: True is not a version number"),
        ("[1]", "schema_version: [1] is not a version number"),
        ("-3", "has schema_version -3, which this carte-prep cannot upgrade"),
    ],
)
def test_a_bad_version_number_is_reported_with_its_field(
    data_dir: Path, value: str, reason: str
) -> None:
    data_dir.mkdir()
    path = data_dir / "odd.json"
    path.write_text(f'{{"schema_version": {value}, "id": "odd", "name": "Odd"}}', "utf-8")
    before = path.read_bytes()
    (problem,) = Store(data_dir).load_all().problems
    assert problem.reason.startswith(reason)
    assert path.read_bytes() == before


def test_an_integral_float_version_is_the_same_version(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "f.json").write_text('{"schema_version": 1.0, "id": "f", "name": "F"}', "utf-8")
    report = Store(data_dir).load_all()
    assert report.problems == []
    assert [h.id for h in report.households] == ["f"]


# -- golden files of every released version ---------------------------------------------


def _contains(whole: Any, part: Any, where: str = "") -> list[str]:
    """Paths where ``part`` has a value that ``whole`` does not keep (empty: all kept)."""
    if isinstance(part, dict):
        if not isinstance(whole, dict):
            return [where or "(top level)"]
        return [
            miss
            for key, value in part.items()
            for miss in (
                _contains(whole[key], value, f"{where}.{key}")
                if key in whole
                else [f"{where}.{key}"]
            )
        ]
    if isinstance(part, list):
        if not isinstance(whole, list) or len(whole) != len(part):
            return [where]
        return [m for i, v in enumerate(part) for m in _contains(whole[i], v, f"{where}[{i}]")]
    return [] if whole == part else [where]


def _golden_versions() -> list[int]:
    oldest = min([*migrations.MIGRATIONS, migrations.CURRENT_VERSION])
    return list(range(max(oldest, 1), migrations.CURRENT_VERSION + 1))


@pytest.mark.parametrize("version", _golden_versions())
def test_every_released_version_has_golden_files_that_load_and_keep_every_value(
    data_dir: Path, version: int
) -> None:
    folder = FIXTURES / f"schema-{version}"
    golden = sorted(folder.glob("*.json"))
    assert golden, f"add a golden file written by schema {version} to {folder}"
    data_dir.mkdir()
    for path in golden:
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert raw["schema_version"] == version
        target = data_dir / f"{raw['id']}.json"
        shutil.copyfile(path, target)
        store = Store(data_dir)
        report = store.load_all()
        assert report.problems == [], report.problems
        (household,) = report.households
        store.save(renamed(household, "Saved again"))
        saved = json.loads(target.read_text(encoding="utf-8"))
        assert saved["schema_version"] == migrations.CURRENT_VERSION
        if version == migrations.CURRENT_VERSION:
            raw["name"] = "Saved again"
            assert _contains(saved, raw) == [], f"{path.name}: values lost on save"
        target.unlink()
        shutil.rmtree(data_dir / "backups", ignore_errors=True)
