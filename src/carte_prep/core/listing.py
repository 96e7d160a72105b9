"""The households lists (``carte-prep list``, the app's first screen) drawn through the index.

A file's line is taken from the index when the file is unchanged, and computed from the
validated household otherwise; either way the result is what validating every file would
give. Files that cannot be read are reported, never indexed, so they are tried again the
next time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from carte_prep import __version__
from carte_prep.core.index import (
    Entry,
    FileKey,
    HouseholdsIndex,
    list_order,
    rows_of,
    stamp_for,
)
from carte_prep.core.migrations import CURRENT_VERSION
from carte_prep.core.rows import HouseholdRow
from carte_prep.core.sources import sources_digest
from carte_prep.core.storage import STALE_TEMP_SECONDS, FileProblem, Store, write_private_file
from carte_prep.core.storage.codec import Unusable, decode_versioned, read_household_file
from carte_prep.core.storage.paths import conflict_owner, conflict_reason, ensure_dir
from carte_prep.core.storage.safe_io import sha256, why
from carte_prep.i18n import _


@dataclass
class Listing:
    """Every household's line, in the lists' order, and the files that could not be read."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    upgraded: dict[str, int] = field(default_factory=dict)
    """Households whose file is from an older schema: id -> that schema version."""
    reused: int = 0
    rebuilt: int = 0

    @property
    def rows(self) -> list[HouseholdRow]:
        return rows_of(self.entries)

    def rows_json(self) -> list[str]:
        """Each line as JSON text, as the index keeps it (no parsing, no re-encoding)."""
        return [entry.row_json for entry in self.entries]


def list_households(store: Store, today: dt.date, index_file: Path | None) -> Listing:
    """The lines of every household in the store's folder, from the index where it is current.

    ``index_file`` None: no index is read or kept (a temporary copy of the examples).
    """
    listing = Listing()
    try:
        names = sorted(os.listdir(store.root))
    except FileNotFoundError:
        return listing
    except OSError as exc:
        listing.problems.append(
            FileProblem(store.root, _("cannot read: {why}").format(why=why(exc)))
        )
        return listing
    store.clean_leftovers()
    stamp = stamp_for(today, __version__, sources_digest())
    index = (
        HouseholdsIndex.open(index_file, stamp) if index_file else HouseholdsIndex(Path(), stamp)
    )
    indexed: set[str] = set()
    folder = str(store.root)
    for name in names:
        if name.startswith("."):
            continue
        owner = conflict_owner(name)
        if owner is not None:
            listing.problems.append(FileProblem(store.root / name, conflict_reason(owner)))
            continue
        if not name.endswith(".json"):
            continue
        try:
            key = FileKey.of(os.stat(os.path.join(folder, name), follow_symlinks=False))
            entry = index.unchanged(name, key) or _read_line(store.root / name, key, index, today)
        except FileNotFoundError:
            continue  # removed while we were listing: nothing to report
        except Unusable as exc:
            listing.problems.append(FileProblem(store.root / name, exc.reason))
            continue
        indexed.add(name)
        listing.entries.append(entry)
        if entry.upgraded_from is not None:
            listing.upgraded[entry.household_id] = entry.upgraded_from
    index.keep_only(indexed)
    if index_file is not None and (indexed or index.changed):
        index.save(_write_index)
    listing.entries.sort(key=list_order)
    listing.reused, listing.rebuilt = index.reused, index.rebuilt
    return listing


def _read_line(path: Path, key: FileKey, index: HouseholdsIndex, today: dt.date) -> Entry:
    """The line of a file the index cannot vouch for by its size and time: from the index
    if its content is the one indexed, else from the validated household."""
    data = read_household_file(path)
    digest = sha256(data)
    entry = index.same_content(path.name, key, digest)
    if entry is not None:
        return entry
    household, version = decode_versioned(data)
    if household.id != path.name.removesuffix(".json"):
        raise Unusable(
            _(
                "holds household '{id}' but is named '{name}'; rename it to '{id}.json' or "
                "fix its id"
            ).format(id=household.id, name=path.name)
        )
    from carte_prep.core.summary import household_row, summarise  # the engine: only now
    from carte_prep.core.triage import search_text

    row = household_row(summarise(household, today))
    upgraded = version if version < CURRENT_VERSION else None
    return index.put(path.name, key, digest, row, search_text(household), upgraded)


def _write_index(path: Path, data: bytes) -> None:
    """Write the index privately, its folder made 0700 like the data folder.

    A write killed half-way leaves a temp file (it holds names): those older than any
    write could take are removed first.
    """
    ensure_dir(path.parent)
    now = time.time()
    for leftover in path.parent.glob(f".{path.name}.tmp-*"):
        with contextlib.suppress(OSError):
            if now - leftover.lstat().st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()
    write_private_file(path, data)
