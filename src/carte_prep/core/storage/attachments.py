"""Scans kept inside the data folder, next to the household, so nothing breaks if moved.

Attaching a scan copies it to ``attachments/<household>/`` (folder 0700, file 0600),
named after a hash of its content, so the same scan attached twice is stored once; the
household keeps the reference relative to the data folder (``attachments/<id>/<name>``).
References written by older versions, absolute paths the person chose, still resolve.
A reference that is neither (a relative path leading elsewhere) resolves to nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path, PurePosixPath

from carte_prep.core.errors import EditError
from carte_prep.core.model import Household
from carte_prep.core.scans import MAX_SCAN_BYTES, ScanProblem, scan_kind
from carte_prep.core.storage.paths import ATTACHMENTS_DIR, check_id, ensure_dir
from carte_prep.core.storage.safe_io import (
    NotRegularFile,
    fsync_dir,
    read_regular,
    replace,
    write_temp,
)
from carte_prep.i18n import _

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def folder_for(root: Path, household_id: str) -> Path:
    check_id(household_id)
    return root / ATTACHMENTS_DIR / household_id


def is_reference(entry: str, household_id: str) -> bool:
    """Whether an attachment entry is a copy kept in this household's attachments folder."""
    parts = PurePosixPath(entry).parts
    return (
        len(parts) == 3
        and parts[0] == ATTACHMENTS_DIR
        and parts[1] == household_id
        and parts[2] not in ("..", ".")
        and not PurePosixPath(entry).is_absolute()
    )


def name_for(data: bytes, original: str, kind: str) -> str:
    """``<hash>-<name>.<kind>``: the same content gets the same name, the name is readable."""
    digest = hashlib.sha256(data).hexdigest()[:16]
    stem = Path(original).stem.removeprefix(f"{digest}-")  # already a kept copy's name
    stem = _UNSAFE.sub("-", stem).strip("-.")[:40] or "scan"
    return f"{digest}-{stem}.{kind}"


def keep_copy(root: Path, household_id: str, data: bytes, original: str, kind: str) -> str:
    """Write ``data`` into the household's attachments folder; return its reference."""
    folder = folder_for(root, household_id)
    ensure_dir(root / ATTACHMENTS_DIR)
    ensure_dir(folder)
    name = name_for(data, original, kind)
    target = folder / name
    if not target.exists():
        replace(write_temp(folder, name, data), target)
        fsync_dir(folder)
    return f"{ATTACHMENTS_DIR}/{household_id}/{name}"


def attach(root: Path, household_id: str, source: Path) -> str:
    """Check a scan the person chose and copy it in; EditError says what is wrong."""
    if is_reference(str(source), household_id):
        return str(source)
    try:
        kind = scan_kind(source)
        data = read_regular(source, follow=True, limit=MAX_SCAN_BYTES)
    except ScanProblem as exc:
        raise EditError(_("cannot attach: {problem}").format(problem=exc), "attachments") from None
    except (OSError, NotRegularFile) as exc:
        raise EditError(
            _("cannot attach {path}: {problem}").format(path=source, problem=exc), "attachments"
        ) from None
    try:
        return keep_copy(root, household_id, data, source.name, kind)
    except OSError as exc:
        raise EditError(
            _("cannot copy {path} into the data folder: {why}").format(
                path=source, why=exc.strerror or exc
            ),
            "attachments",
        ) from None


def resolve(root: Path, household_id: str, entry: str) -> Path | None:
    """The file an entry names: a kept copy, or an absolute path from an older version."""
    if is_reference(entry, household_id):
        return root / entry
    path = Path(entry)
    return path if path.is_absolute() else None


def resolved(root: Path, household: Household) -> Household:
    """The household with every attachment as a path the dossier can open.

    Entries that lead nowhere allowed are left out, so the dossier never reads them.
    """
    members = []
    for member in household.members:
        tracking = {
            item: t.model_copy(update={"attachments": _paths(root, household.id, t.attachments)})
            for item, t in member.tracking.items()
        }
        members.append(member.model_copy(update={"tracking": tracking}))
    shared = [
        s.model_copy(
            update={
                "tracking": s.tracking.model_copy(
                    update={"attachments": _paths(root, household.id, s.tracking.attachments)}
                )
            }
        )
        for s in household.shared
    ]
    return household.model_copy(update={"members": members, "shared": shared})


def _paths(root: Path, household_id: str, entries: list[str]) -> list[str]:
    found = (resolve(root, household_id, e) for e in entries)
    return [str(p) for p in found if p is not None]


def remove_folder(root: Path, household_id: str) -> None:
    """Delete a household's kept scans (with the household)."""
    import shutil

    folder = folder_for(root, household_id)
    if folder.exists():
        shutil.rmtree(folder)
    with_parent = root / ATTACHMENTS_DIR
    if with_parent.exists() and not os.listdir(with_parent):
        os.rmdir(with_parent)
