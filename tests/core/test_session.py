"""The session: save first, then show; every edit undone and redone, in memory and on disk."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from carte_prep.core import edits as e
from carte_prep.core.errors import CartePrepError, EditError
from carte_prep.core.history import FileHistory, HistoryError, MemoryHistory
from carte_prep.core.model import Household
from carte_prep.core.session import Session, StaleHistoryError
from carte_prep.core.storage import StorageError, Store
from carte_prep.examples import copy_examples
from edit_samples import SAMPLES, Sample


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy_examples(tmp_path / "data")
    return tmp_path / "data"


def on_disk(folder: Path, household_id: str) -> Household:
    return Store(folder).load(household_id)


def cli_session(folder: Path) -> Session:
    """A session as one command line run makes it: a fresh store, the history on disk."""
    return Session(Store(folder), FileHistory(folder))


def prepare(session: Session, sample: Sample) -> Household:
    for edit in sample.setup:
        session.apply(sample.household_id, edit)
    return session.get(sample.household_id)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: e.describe(s.edit))
def test_every_edit_is_undone_and_redone_in_memory(folder: Path, sample: Sample) -> None:
    session = Session(Store(folder))
    before = prepare(session, sample)
    after = session.apply(sample.household_id, sample.edit)
    assert on_disk(folder, sample.household_id) == after
    step = session.undo()
    assert step is not None
    assert step.label == e.describe(sample.edit, before)  # named as people read them
    assert on_disk(folder, sample.household_id) == before == session.get(sample.household_id)
    assert session.redo() is not None
    assert on_disk(folder, sample.household_id) == after == session.get(sample.household_id)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: e.describe(s.edit))
def test_every_edit_is_undone_and_redone_across_runs(folder: Path, sample: Sample) -> None:
    """Each step of the command line is a new process: the history is read from disk."""
    household_id = sample.household_id
    before = prepare(cli_session(folder), sample)
    after = cli_session(folder).apply(household_id, sample.edit)
    assert cli_session(folder).undo(household_id) is not None
    assert on_disk(folder, household_id) == before
    assert cli_session(folder).redo(household_id) is not None
    assert on_disk(folder, household_id) == after


def test_undo_goes_back_step_by_step_then_has_nothing_left(folder: Path) -> None:
    session = Session(Store(folder))
    original = session.get("thompson-family")
    session.apply("thompson-family", e.CycleStatus("emily", "passport"))
    session.apply("nguyen-student", e.RenameHousehold("Linh"))
    session.apply("thompson-family", e.RemoveMember("margaret"))
    assert session.undo() is not None
    assert session.undo() is not None
    assert on_disk(folder, "nguyen-student").name != "Linh"
    assert session.undo("thompson-family") is not None
    assert on_disk(folder, "thompson-family") == original
    assert session.undo() is None
    assert session.redo("nguyen-student") is not None
    assert on_disk(folder, "nguyen-student").name == "Linh"


def test_a_new_edit_ends_what_could_be_redone(folder: Path) -> None:
    session = Session(Store(folder))
    session.apply("thompson-family", e.CycleStatus("emily", "passport"))
    session.undo()
    session.apply("thompson-family", e.RenameHousehold("Thompsons"))
    assert session.redo() is None


def test_an_edit_that_changes_nothing_leaves_no_step(folder: Path) -> None:
    session = Session(Store(folder))
    notes = session.get("thompson-family").member("david").tracking["passport"].notes
    session.apply("thompson-family", e.SetItem("david", "passport", notes=notes))
    assert session.undo() is None


def test_a_refused_edit_changes_nothing(folder: Path) -> None:
    session = Session(Store(folder))
    shown = session.get("thompson-family")
    with pytest.raises(EditError):
        session.apply("thompson-family", e.RenameHousehold(""))
    assert session.get("thompson-family") == shown == on_disk(folder, "thompson-family")
    assert session.undo() is None


def test_save_first_then_show(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the store refuses, the session still shows what is on disk."""
    session = Session(Store(folder))
    shown = session.get("thompson-family")

    def full(household: Household) -> None:
        raise StorageError("the disk is full", folder)

    monkeypatch.setattr(session.store, "save", full)
    with pytest.raises(StorageError):
        session.apply("thompson-family", e.RenameHousehold("New name"))
    assert session.get("thompson-family") == shown
    assert session.undo() is None


def test_a_failed_undo_can_be_tried_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = Session(Store(folder))
    before = session.get("thompson-family")
    session.apply("thompson-family", e.RenameHousehold("New name"))
    real_save = session.store.save

    def full(household: Household) -> None:
        raise StorageError("the disk is full", folder)

    monkeypatch.setattr(session.store, "save", full)
    with pytest.raises(StorageError):
        session.undo()
    monkeypatch.setattr(session.store, "save", real_save)
    assert session.undo() is not None
    assert on_disk(folder, "thompson-family") == before


def test_undo_never_writes_over_a_change_made_elsewhere(folder: Path) -> None:
    cli_session(folder).apply("thompson-family", e.RenameHousehold("From the command line"))
    other = Session(Store(folder))
    other.apply("thompson-family", e.CycleStatus("emily", "passport"))
    changed = on_disk(folder, "thompson-family")
    with pytest.raises(StaleHistoryError, match=r"changed since.*carte-prep restore"):
        cli_session(folder).undo("thompson-family")
    assert on_disk(folder, "thompson-family") == changed
    assert cli_session(folder).undo("thompson-family") is None, "the stale steps are dropped"


def test_the_history_file_is_private_and_goes_with_the_household(folder: Path) -> None:
    session = cli_session(folder)
    session.apply("thompson-family", e.RenameHousehold("Thompsons"))
    history = FileHistory(folder).path_for("thompson-family")
    assert history.stat().st_mode & 0o777 == 0o600
    assert json.loads(history.read_text(encoding="utf-8"))["undo"][0]["label"] == "household name"
    session.delete("thompson-family")
    assert not history.exists()


def test_an_unreadable_history_is_reported_and_kept(folder: Path) -> None:
    history = FileHistory(folder).path_for("thompson-family")
    history.parent.mkdir()
    history.write_text("{not json", encoding="utf-8")
    with pytest.raises(HistoryError, match="cannot read the undo history"):
        cli_session(folder).undo("thompson-family")
    session = cli_session(folder)
    session.apply("thompson-family", e.RenameHousehold("Thompsons"))
    assert session.notes == []
    kept = [p for p in history.parent.iterdir() if p.name.startswith("thompson-family.json.")]
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == "{not json"
    assert cli_session(folder).undo("thompson-family") is not None


def test_a_history_that_cannot_be_written_does_not_undo_the_save(folder: Path) -> None:
    (folder / "history").write_text("a file where the folder should be", encoding="utf-8")
    session = cli_session(folder)
    session.apply("thompson-family", e.RenameHousehold("Thompsons"))
    assert on_disk(folder, "thompson-family").name == "Thompsons"
    assert session.notes
    assert session.notes[0].startswith("the change was saved, but it cannot be undone")


def test_only_so_many_steps_are_kept(folder: Path) -> None:
    session = Session(Store(folder), MemoryHistory(depth=3))
    for day in range(1, 6):
        session.apply("thompson-family", e.SetFiledOn("david", dt.date(2026, 11, day)))
    undone = 0
    while session.undo() is not None:
        undone += 1
    assert undone == 3


def test_reloading_after_a_conflict_drops_the_household_steps(folder: Path) -> None:
    session = Session(Store(folder))
    session.apply("thompson-family", e.RenameHousehold("Mine"))
    Session(Store(folder)).apply("thompson-family", e.RenameHousehold("Theirs"))
    with pytest.raises(CartePrepError):
        session.apply("thompson-family", e.RenameHousehold("Mine again"))
    assert session.reload("thompson-family").name == "Theirs"
    assert session.undo() is None
