"""Previous versions of a household: written before each replace, kept by age, described.

Which versions are kept follows the person's time, not a count: every version of the
last :data:`KEEP_ALL_HOURS` hours (so a burst of commands never pushes out the day's
work), then the last version of each day for :data:`KEEP_DAILY_DAYS` days.
:data:`KEEP_RECENT_MAX` bounds the disk used by a script that saves in a loop. A version
identical to the newest backup is not written again (a crash between the backup and the
rename would otherwise duplicate it at each retry).

Each version is described by what the change after it did ("2 statuses, 1 date,
David's note"), computed from the two versions, so ``restore`` can say what bringing it
back would undo.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import Any

from carte_prep.core.storage.codec import Unusable, parse
from carte_prep.core.storage.paths import BACKUP_NAME, BACKUP_STAMP, ensure_dir
from carte_prep.core.storage.reports import Backup
from carte_prep.core.storage.safe_io import (
    NotRegularFile,
    fsync_dir,
    read_regular,
    replace,
    write_temp,
)
from carte_prep.i18n import _, ngettext

KEEP_ALL_HOURS = 24
KEEP_DAILY_DAYS = 30
KEEP_RECENT_MAX = 200


def list_backups(folder: Path) -> list[Backup]:
    """The backups in a household's folder, newest first (other names are ignored)."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        if not BACKUP_NAME.match(name):
            continue
        try:
            stamp = dt.datetime.strptime(name.removesuffix(".json"), BACKUP_STAMP)
        except ValueError:
            continue
        found.append(Backup(folder / name, stamp.replace(tzinfo=dt.UTC)))
    found.sort(key=lambda b: b.timestamp, reverse=True)
    return found


def write_backup(backups_root: Path, folder: Path, previous: bytes) -> Path | None:
    """Keep ``previous`` as the newest backup; None when the newest already holds it."""
    ensure_dir(backups_root)
    ensure_dir(folder)
    existing = list_backups(folder)
    if existing:
        with contextlib.suppress(OSError, NotRegularFile):
            if read_regular(existing[0].path) == previous:
                return None
    stamp = dt.datetime.now(dt.UTC)
    if existing and existing[0].timestamp >= stamp:
        # Same microsecond or the clock went back: keep names in save order.
        stamp = existing[0].timestamp + dt.timedelta(microseconds=1)
    target = folder / f"{stamp.strftime(BACKUP_STAMP)}.json"
    replace(write_temp(folder, target.name, previous), target)
    try:
        fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)  # the save fails: leave the backups as they were
        raise
    return target


def keep_original(backups_root: Path, folder: Path, previous: bytes, version: int) -> Path | None:
    """Before the first write in a newer schema, keep the file as it was, for good.

    Rotated backups disappear after a while; this copy stays (until the household is
    deleted) so an upgrade can always be undone by hand. Returns the new file, or None if
    a copy of that version was already kept.
    """
    target = folder / f"original-schema-{version}.json"
    if target.exists():
        return None
    ensure_dir(backups_root)
    ensure_dir(folder)
    temp = write_temp(folder, target.name, previous)
    try:
        os.replace(temp, target)
        fsync_dir(folder)
    except BaseException:
        for leftover in (temp, target):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        raise
    return target


def to_drop(
    backups: list[Backup], now: dt.datetime, daily_days: int = KEEP_DAILY_DAYS
) -> list[Backup]:
    """The backups the retention rule no longer keeps (``backups`` newest first).

    ``daily_days`` is the person's ``backup_days`` setting.
    """
    recent_from = now - dt.timedelta(hours=KEEP_ALL_HOURS)
    daily_from = now - dt.timedelta(days=daily_days)
    keep: set[Path] = set()
    days_seen: set[dt.date] = set()
    recent = 0
    for backup in backups:
        if backup.timestamp >= recent_from and recent < KEEP_RECENT_MAX:
            keep.add(backup.path)
            recent += 1
            continue
        day = backup.timestamp.astimezone().date()
        if backup.timestamp >= daily_from and day not in days_seen:
            days_seen.add(day)
            keep.add(backup.path)
    if backups and not keep:
        keep.add(backups[0].path)  # always keep at least the version before the last one
    return [b for b in backups if b.path not in keep]


def prune(folder: Path, daily_days: int = KEEP_DAILY_DAYS) -> None:
    """Delete the backups the retention rule drops; best effort, never fails a save."""
    with contextlib.suppress(OSError):
        for old in to_drop(list_backups(folder), dt.datetime.now(dt.UTC), daily_days):
            os.unlink(old.path)


def describe_versions(found: list[Backup], current: bytes | None) -> list[str]:
    """For each backup (newest first), what bringing it back would undo: every difference
    between it and the current file, not only the change made right after it."""
    described: list[str] = []
    for backup in found:
        try:
            data = read_regular(backup.path)
        except (OSError, NotRegularFile):
            described.append(_("cannot be read"))
            continue
        described.append(describe_change(data, current))
    return described


def describe_change(before: bytes, after: bytes | None) -> str:
    """What changed from one version to the next, in a few words ('' if nothing known).

    Works on the parsed JSON, so a version that no longer validates (an older schema, a
    hand edit) can still be compared.
    """
    if after is None:
        return ""
    try:
        old, new = parse(before), parse(after)
    except Unusable:
        return _("cannot compare (one of the two versions is damaged)")
    if not isinstance(old, dict) or not isinstance(new, dict):
        return ""
    counts: Counter[str] = Counter()
    notes: list[str] = []
    if old.get("name") != new.get("name"):
        notes.append(_("household name"))
    old_members = {m.get("id"): m for m in old.get("members", []) if isinstance(m, dict)}
    new_members = {m.get("id"): m for m in new.get("members", []) if isinstance(m, dict)}
    counts["member added"] += len(new_members.keys() - old_members.keys())
    counts["member removed"] += len(old_members.keys() - new_members.keys())
    for member_id in old_members.keys() & new_members.keys():
        before_m, after_m = old_members[member_id], new_members[member_id]
        name = str(after_m.get("given_names") or member_id)
        _compare_tracking(
            _as_dict(before_m.get("tracking")),
            _as_dict(after_m.get("tracking")),
            counts,
            notes,
            _("{name}'s note").format(name=name),
        )
        rest_before = {k: v for k, v in before_m.items() if k != "tracking"}
        rest_after = {k: v for k, v in after_m.items() if k != "tracking"}
        if rest_before != rest_after:
            notes.append(_("{name}'s details").format(name=name))
    old_shared = {
        str(s.get("requirement")): s for s in old.get("shared", []) if isinstance(s, dict)
    }
    new_shared = {
        str(s.get("requirement")): s for s in new.get("shared", []) if isinstance(s, dict)
    }
    if old_shared.keys() != new_shared.keys():
        notes.append(_("shared documents"))
    _compare_tracking(
        {k: v.get("tracking") for k, v in old_shared.items() if k in new_shared},
        {k: v.get("tracking") for k, v in new_shared.items() if k in old_shared},
        counts,
        notes,
        _("a household note"),
    )
    words = [_count(label, number) for label, number in counts.items() if number]
    words += sorted(set(notes))
    if not words and old != new:
        words.append(_("format only (an upgrade or a hand edit)"))
    return ", ".join(words)


def _by_requirement(household: dict[str, Any]) -> dict[str, Any]:
    shared = household.get("shared", [])
    return {str(s.get("requirement")): s for s in shared if isinstance(s, dict)}


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _compare_tracking(
    old: dict[str, Any], new: dict[str, Any], counts: Counter[str], notes: list[str], note: str
) -> None:
    for item in old.keys() | new.keys():
        before, after = _as_dict(old.get(item)), _as_dict(new.get(item))
        if before.get("status", "todo") != after.get("status", "todo"):
            counts["status"] += 1
        if before.get("document_date") != after.get("document_date"):
            counts["date"] += 1
        if (before.get("notes") or "") != (after.get("notes") or ""):
            notes.append(note)
        if before.get("attachments", []) != after.get("attachments", []):
            counts["attached file"] += 1
        if any(before.get(k) != after.get(k) for k in ("foreign_language", "translated")):
            counts["translation"] += 1
        if before.get("variant") != after.get("variant"):
            counts["kind of document"] += 1
        known = {
            "status",
            "document_date",
            "notes",
            "attachments",
            "foreign_language",
            "translated",
            "variant",
        }
        if {k: v for k, v in before.items() if k not in known} != {
            k: v for k, v in after.items() if k not in known
        }:
            counts["other tracking detail"] += 1


def _count(label: str, number: int) -> str:
    """'3 statuses', '1 date': how many changes of one kind, in the reader's language."""
    words = {
        "status": lambda: ngettext("{count} status", "{count} statuses", number),
        "date": lambda: ngettext("{count} date", "{count} dates", number),
        "attached file": lambda: ngettext(
            "{count} attached file", "{count} attached files", number
        ),
        "translation": lambda: ngettext(
            "{count} translation answer", "{count} translation answers", number
        ),
        "kind of document": lambda: ngettext(
            "{count} kind of document chosen", "{count} kinds of document chosen", number
        ),
        "other tracking detail": lambda: ngettext(
            "{count} other tracking detail", "{count} other tracking details", number
        ),
        "member added": lambda: ngettext("{count} member added", "{count} members added", number),
        "member removed": lambda: ngettext(
            "{count} member removed", "{count} members removed", number
        ),
    }
    return words[label]().format(count=number)
