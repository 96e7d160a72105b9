"""The households index gives exactly the lines validating every file would, and only
skips the work for files it can prove unchanged."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import time
from pathlib import Path

import pytest

from carte_prep import __version__
from carte_prep.core import index as index_module
from carte_prep.core.index import RACY_NS
from carte_prep.core.listing import Listing
from carte_prep.core.listing import list_households as list_with_index
from carte_prep.core.paths import index_path
from carte_prep.core.sources import sources_digest
from carte_prep.core.storage import Store
from carte_prep.core.summary import household_row, summarise

ONE_DAY = dt.timedelta(days=1)


def list_households(store: Store, today: dt.date) -> Listing:
    return list_with_index(store, today, index_path(store.root))


def index_of(data: Path) -> Path:
    """The index file of a data folder, its folder made so that a test can plant things."""
    path = index_path(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def validated_rows(data: Path, today: dt.date) -> list[object]:
    """The lines computed the slow way: every file validated, every checklist built."""
    return [household_row(summarise(h, today)) for h in Store(data).load_all().households]


def age_everything(data: Path, seconds: float = 10.0) -> None:
    """Move every file's time into the past, as if written a while before the listing."""
    past = time.time() - seconds
    for path in data.iterdir():
        if path.is_file():
            os.utime(path, (past, past))


def listed_twice(data: Path, today: dt.date) -> tuple[list[object], list[object], int, int]:
    age_everything(data)
    first = list_households(Store(data), today)
    second = list_households(Store(data), today)
    return list(first.rows), list(second.rows), second.reused, second.rebuilt


def test_the_lines_are_the_validated_ones_and_the_second_listing_reuses_them(
    data: Path, today: dt.date
) -> None:
    first, second, reused, rebuilt = listed_twice(data, today)
    assert first == validated_rows(data, today)
    assert second == first
    assert (reused, rebuilt) == (len(first), 0)


def test_a_changed_household_is_computed_again(data: Path, today: dt.date) -> None:
    listed_twice(data, today)
    path = data / "thompson-family.json"
    saved = json.loads(path.read_text(encoding="utf-8"))
    saved["name"] = "Thompson family (renamed elsewhere)"
    path.write_text(json.dumps(saved), encoding="utf-8")
    listing = list_households(Store(data), today)
    assert listing.rows == validated_rows(data, today)
    assert listing.rebuilt == 1
    assert "Thompson family (renamed elsewhere)" in [r["name"] for r in listing.rows]


def test_a_change_within_the_clock_tick_of_the_index_is_seen(data: Path, today: dt.date) -> None:
    """Same size, same time as indexed: only the content can tell, and it is compared."""
    list_households(Store(data), today)  # files written just now: their times are 'racy'
    path = data / "thompson-family.json"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Thompson family", "Thompson famile"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    listing = list_households(Store(data), today)
    assert "Thompson famile (Dordogne)" in [r["name"] for r in listing.rows]


def test_a_file_only_touched_is_recognised_by_its_content(data: Path, today: dt.date) -> None:
    listed_twice(data, today)
    (data / "thompson-family.json").touch()
    listing = list_households(Store(data), today)
    assert listing.rebuilt == 0
    assert listing.rows == validated_rows(data, today)


def test_another_day_computes_every_line_again(data: Path, today: dt.date) -> None:
    listed_twice(data, today)
    tomorrow = list_households(Store(data), today + ONE_DAY)
    assert tomorrow.reused == 0
    assert tomorrow.rows == validated_rows(data, today + ONE_DAY)


def test_another_catalogue_computes_every_line_again(
    data: Path, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed_twice(data, today)
    import carte_prep.core.listing as listing_module

    monkeypatch.setattr(listing_module, "sources_digest", lambda: "another catalogue")
    assert list_households(Store(data), today).reused == 0


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b"[]", b'{"format": 1, "stamp": 3}', b'{"format": 99}', b"\xff\xfe"],
)
def test_a_damaged_index_is_rebuilt_never_fatal(data: Path, today: dt.date, damage: bytes) -> None:
    listed_twice(data, today)
    index_of(data).write_bytes(damage)
    listing = list_households(Store(data), today)
    assert listing.rows == validated_rows(data, today)
    assert json.loads(index_of(data).read_bytes())["format"] == index_module.FORMAT


def test_an_index_entry_of_the_wrong_shape_is_rebuilt(data: Path, today: dt.date) -> None:
    listed_twice(data, today)
    saved = json.loads(index_of(data).read_bytes())
    next(iter(saved["entries"].values()))["size"] = "large"
    index_of(data).write_text(json.dumps(saved), encoding="utf-8")
    assert list_households(Store(data), today).rows == validated_rows(data, today)


def test_a_fifo_in_place_of_the_index_is_not_opened(data: Path, today: dt.date) -> None:
    os.mkfifo(index_of(data))
    listing = list_households(Store(data), today)  # would hang if the fifo were opened
    assert listing.rows == validated_rows(data, today)


def test_removed_households_leave_the_index_and_unreadable_ones_are_never_indexed(
    data: Path, today: dt.date
) -> None:
    listed_twice(data, today)
    (data / "thompson-family.json").unlink()
    (data / "nguyen-student.json").write_text("{broken", encoding="utf-8")
    for _ in range(2):
        listing = list_households(Store(data), today)
        assert [p.path.name for p in listing.problems] == ["nguyen-student.json"]
        assert {r["id"] for r in listing.rows} == {
            "benali-household",
            "haddad-household",
            "selvaraj-household",
        }
    entries = json.loads(index_of(data).read_bytes())["entries"]
    assert set(entries) == {
        "benali-household.json",
        "haddad-household.json",
        "selvaraj-household.json",
    }


def test_listing_leaves_the_data_folder_as_it_was_and_the_index_private(
    data: Path, today: dt.date
) -> None:
    def snapshot() -> dict[str, tuple[int, int]]:
        return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in data.iterdir()}

    before = snapshot()
    list_households(Store(data), today)
    assert snapshot() == before
    index = index_path(data)
    assert stat.S_IMODE(index.stat().st_mode) == 0o600
    assert stat.S_IMODE(index.parent.stat().st_mode) == 0o700
    assert str(data) not in index.name


def test_without_an_index_file_nothing_is_kept(
    data: Path, today: dt.date, private_cache: Path
) -> None:
    listing = list_with_index(Store(data), today, None)
    assert listing.rows == validated_rows(data, today)
    assert not any(private_cache.rglob("*.json"))


def test_each_data_folder_has_its_own_index(tmp_path: Path) -> None:
    assert index_path(tmp_path / "a") != index_path(tmp_path / "b")
    assert index_path(tmp_path / "a") == index_path(tmp_path / "x" / ".." / "a")


def test_an_index_that_cannot_be_written_costs_only_speed(data: Path, today: dt.date) -> None:
    index_of(data).mkdir()  # the name is taken by a folder: the rename fails
    assert list_households(Store(data), today).rows == validated_rows(data, today)


def test_no_lines_for_a_missing_folder_and_nothing_written(tmp_path: Path, today: dt.date) -> None:
    listing = list_households(Store(tmp_path / "absent"), today)
    assert (listing.rows, listing.problems) == ([], [])
    assert not (tmp_path / "absent").exists()


def test_racy_margin_is_longer_than_any_clock_tick() -> None:
    assert RACY_NS >= 1_000_000_000


def test_the_first_draw_takes_only_the_lines_the_index_vouches_for(
    data: Path, today: dt.date
) -> None:
    """What the app draws before validating: unchanged files' lines, nothing guessed."""
    age_everything(data)
    listed = list_households(Store(data), today)
    changed = data / f"{listed.entries[0].household_id}.json"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stamp = index_module.stamp_for(today, __version__, sources_digest())

    lines = index_module.indexed_lines(data, index_path(data), stamp)

    assert [e.row() for e in lines] == listed.rows[1:]
    assert index_module.indexed_lines(data, index_path(data), "another day") == []


def test_a_line_too_recent_to_trust_by_time_is_trusted_once_written_again(
    data: Path, today: dt.date
) -> None:
    """A file saved just before the index was written is compared by content, and the
    index is written again so that the next start can trust it without reading it."""
    age_everything(data)
    list_households(Store(data), today)
    saved = json.loads(index_of(data).read_bytes())
    newest = max(entry["mtime_ns"] for entry in saved["entries"].values())
    saved["written_ns"] = newest + RACY_NS // 2  # as if written within the file's clock tick
    index_of(data).write_text(json.dumps(saved), encoding="utf-8")
    stamp = index_module.stamp_for(today, __version__, sources_digest())
    racy = len(index_module.indexed_lines(data, index_path(data), stamp))

    listed = list_households(Store(data), today)

    assert racy < len(listed.entries)
    assert len(index_module.indexed_lines(data, index_path(data), stamp)) == len(listed.entries)
