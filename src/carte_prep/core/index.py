"""The households index: each household's list line, kept so that lists need not validate.

Validating a household and building its checklists costs about a millisecond and a half
and ~10 kB per file; at thousands of households that is seconds before a list can be shown.
The index is one small file per data folder in the user cache folder
(:func:`carte_prep.core.paths.index_path`), private like the households themselves (its
lines hold names). It is kept out of the data folder on purpose: listing is reading, and
a read must not change the folder people back up, sync and export; the index is derived
data that can be deleted at any time, which is what the cache folder is for.

It is never trusted over the files. Each line is kept with its file's size, modification
time and SHA-256, and with the day and the catalogue it was computed for (deadlines and
warnings depend on both). A line is reused only when the file is unchanged: same size and
time, or, when the time is too close to the index's own writing to prove anything, the same
content. Anything else (a changed, new or unreadable file, another day, another catalogue,
a corrupt or foreign index) means the line is computed again from the validated file. An
index that cannot be read is simply rebuilt; one that cannot be written costs only speed.

Only the standard library is imported here: the app draws its first screen from it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import stat
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from carte_prep.core.errors import CartePrepError
from carte_prep.core.rows import HouseholdRow
from carte_prep.i18n import language

FORMAT = 4
"""4: the entries are saved in the lists' order, so a current index is printed as it is."""
MAX_INDEX_BYTES = 256 * 1024 * 1024
"""Far above 10,000 households (~2 kB each); a bigger file is not ours and is ignored."""
RACY_NS = 2_000_000_000
"""A file modified this close to the index's writing may have changed within the same
clock tick as the time recorded: its content is compared instead (as git does)."""


class FileKey(NamedTuple):
    """What identifies one version of a household file without reading it (a tuple: made
    once per file on every listing, it costs less than a dataclass)."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, stat: os.stat_result) -> FileKey:
        return cls(stat.st_size, stat.st_mtime_ns)


@dataclass
class Entry:
    """One household's line, kept as JSON text: listing copies it out without parsing it."""

    key: FileKey
    sha256: str
    household_id: str
    name: str
    search: str
    """Every word one may type to find it, folded (:func:`carte_prep.core.triage.fold`)."""
    row_json: str
    upgraded_from: int | None

    def row(self) -> HouseholdRow:
        row: HouseholdRow = json.loads(self.row_json)
        return row


@dataclass
class HouseholdsIndex:
    """The index of one data folder for one day and one catalogue, as read or rebuilt."""

    path: Path
    stamp: str
    """The day, the carte-prep version, the catalogue digest and the language of the lines."""
    written_ns: int = 0
    entries: dict[str, Entry] = field(default_factory=dict)
    changed: bool = False
    reused: int = 0
    rebuilt: int = 0

    @classmethod
    def open(cls, path: Path, stamp: str) -> HouseholdsIndex:
        """The index as saved, or an empty one when it is missing, corrupt or for another day."""
        index = cls(path, stamp)
        saved = _read(path)
        if saved is None or saved.get("format") != FORMAT or saved.get("stamp") != stamp:
            index.changed = saved is not None
            return index
        try:
            index.written_ns = int(saved["written_ns"])
            for name, entry in saved["entries"].items():
                upgraded = entry["upgraded_from"]
                index.entries[str(name)] = Entry(
                    FileKey(int(entry["size"]), int(entry["mtime_ns"])),
                    str(entry["sha256"]),
                    str(entry["id"]),
                    str(entry["name"]),
                    _text(entry["search"]),
                    _text(entry["row"]),
                    None if upgraded is None else int(upgraded),
                )
        except (KeyError, TypeError, ValueError, AttributeError):
            return cls(path, stamp, changed=True)
        return index

    def unchanged(self, name: str, key: FileKey) -> Entry | None:
        """The line of a file known unchanged by its size and time alone, else None."""
        entry = self.entries.get(name)
        if entry is None or not _by_time(entry.key, key.size, key.mtime_ns, self.written_ns):
            return None
        self.reused += 1
        return entry

    def same_content(self, name: str, key: FileKey, sha256: str) -> Entry | None:
        """The line of a file whose content is the one indexed (touched, copied back...)."""
        entry = self.entries.get(name)
        if entry is None or entry.sha256 != sha256:
            return None
        if entry.key != key:
            entry.key = key
            self.changed = True
        elif key.mtime_ns + RACY_NS >= self.written_ns and time.time_ns() > key.mtime_ns + RACY_NS:
            self.changed = True  # written again now, the line is trusted by its time next
        self.reused += 1
        return entry

    def put(
        self,
        name: str,
        key: FileKey,
        sha256: str,
        row: HouseholdRow,
        search: str,
        upgraded_from: int | None,
    ) -> Entry:
        entry = Entry(
            key,
            sha256,
            row["id"],
            row["name"],
            search,
            json.dumps(row, ensure_ascii=False),
            upgraded_from,
        )
        self.entries[name] = entry
        self.changed = True
        self.rebuilt += 1
        return entry

    def keep_only(self, names: set[str]) -> None:
        """Forget the lines of files that are gone."""
        gone = self.entries.keys() - names
        for name in gone:
            del self.entries[name]
        self.changed = self.changed or bool(gone)

    def save(self, write: Callable[[Path, bytes], None]) -> bool:
        """Write the index if anything changed; False when it could not be written."""
        if not self.changed and self.written_ns:
            return True
        self.written_ns = time.time_ns()
        data = {
            "format": FORMAT,
            "stamp": self.stamp,
            "written_ns": self.written_ns,
            "entries": {
                name: {
                    "size": e.key.size,
                    "mtime_ns": e.key.mtime_ns,
                    "sha256": e.sha256,
                    "upgraded_from": e.upgraded_from,
                    "id": e.household_id,
                    "name": e.name,
                    "search": e.search,
                    "row": e.row_json,
                }
                for name, e in sorted(self.entries.items(), key=lambda item: list_order(item[1]))
            },
        }
        try:
            write(self.path, json.dumps(data, ensure_ascii=False).encode())
        except (OSError, CartePrepError):
            return False
        self.changed = False
        return True


def list_order(entry: Entry) -> tuple[str, str, str]:
    """The lists' order: by name, whatever the case, then by id."""
    return (entry.name.casefold(), entry.name, entry.household_id)


def indexed_lines(folder: Path, index_file: Path, stamp: str) -> list[Entry]:
    """The lines the index vouches for by their file's size and time alone, in list order.

    What the app draws before anything is imported or validated. A file that is new,
    changed, or too recent to be judged by its time is left out here: its line comes with
    the validation that follows. Nothing is read but the index and the folder's entries.
    """
    index = HouseholdsIndex.open(index_file, stamp)
    if not index.entries:
        return []
    statuses: dict[str, os.stat_result] = {}
    try:
        with os.scandir(folder) as found:
            for item in found:
                name = item.name
                if name.startswith(".") or not name.endswith(".json"):
                    continue
                with contextlib.suppress(OSError):
                    statuses[name] = item.stat(follow_symlinks=False)
    except OSError:
        return []
    written_ns = index.written_ns
    return [  # the entries are saved in list order
        entry
        for name, entry in index.entries.items()
        if (status := statuses.get(name)) is not None
        and _by_time(entry.key, status.st_size, status.st_mtime_ns, written_ns)
    ]


def rows_of(entries: list[Entry]) -> list[HouseholdRow]:
    """The lines of these entries, parsed at once (one parse costs less than one each)."""
    rows: list[HouseholdRow] = json.loads("[" + ",".join(e.row_json for e in entries) + "]")
    return rows


def vouched_rows(
    index_file: Path, stamp: str, files: Mapping[str, os.stat_result]
) -> list[str] | None:
    """Each line's JSON text, in list order, if the index vouches for exactly these files
    (name: their status) by size and time alone and none is from an older schema; else None.

    What ``list --json`` prints when nothing changed: no line is parsed or made an
    :class:`Entry`, as at 10,000 households that would cost more than reading the index.
    """
    saved = _read(index_file)
    if saved is None or saved.get("format") != FORMAT or saved.get("stamp") != stamp:
        return None
    try:
        written_ns = int(saved["written_ns"])
        entries = saved["entries"]
        if len(entries) != len(files):
            return None
        rows: list[str] = []
        for name, entry in entries.items():
            status = files.get(name)
            if (
                status is None
                or entry["upgraded_from"] is not None
                or not _by_time(
                    (entry["size"], entry["mtime_ns"]),
                    status.st_size,
                    status.st_mtime_ns,
                    written_ns,
                )
            ):
                return None
            rows.append(_text(entry["row"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return rows


def _by_time(indexed: tuple[int, int], size: int, mtime_ns: int, written_ns: int) -> bool:
    """Whether a file of this size and time is the one indexed (its size and time), known
    by its status alone: it was not modified too close to the index's writing."""
    indexed_size, indexed_mtime_ns = indexed
    return indexed_size == size and indexed_mtime_ns == mtime_ns and mtime_ns + RACY_NS < written_ns


def stamp_for(today: dt.date, version: str, catalogue_digest: str) -> str:
    """What the saved lines were made for; the language too, as their dates' words are in it."""
    return f"{today.isoformat()} {version} {catalogue_digest} {language()}"


def _read(path: Path) -> dict[str, Any] | None:
    """The saved index, or None when absent or unusable (never an error: it is rebuilt)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_INDEX_BYTES:
                return None
            data = json.loads(stream.read(MAX_INDEX_BYTES + 1))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("a line must be JSON text")
    return value
