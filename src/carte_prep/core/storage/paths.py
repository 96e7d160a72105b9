"""Names inside the data folder, private folders, and the permission check.

Every name the store writes is decided here, so the cleanup of crash leftovers, the
listing of households and the sync-conflict detection all agree on what a name means.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from carte_prep.core.errors import InvalidInputError
from carte_prep.i18n import _

if TYPE_CHECKING:
    from pydantic import TypeAdapter

DIR_MODE = 0o700
FILE_MODE = 0o600
BACKUPS_DIR = "backups"
ATTACHMENTS_DIR = "attachments"
EXPORTS_JOURNAL_DIR = ".pending-exports"
"""Where an export outside the data folder notes its temp file until it is renamed."""
BACKUP_STAMP = "%Y%m%dT%H%M%S.%fZ"
BACKUP_NAME = re.compile(r"^\d{8}T\d{6}\.\d{6}Z\.json$")
TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.tmp-[0-9a-f]{16}$")
CONFLICT_NAMES = (
    re.compile(r"^(?P<base>.+?)\.sync-conflict-"),  # Syncthing
    re.compile(r"^(?P<base>.+?) \([^)]*conflicted copy[^)]*\)"),  # Dropbox
    re.compile(r"^(?P<base>.+?)\.conflict"),  # Nextcloud, ownCloud, carte-prep itself
)


@cache
def _slug_adapter() -> TypeAdapter[str]:
    """The model's own slug rule; built on first use, as the model imports pydantic."""
    from pydantic import TypeAdapter

    from carte_prep.core.model import Slug

    return TypeAdapter(Slug)


def check_id(household_id: str) -> None:
    """Refuse an id that is not a slug, so a path made from it never leaves the folder."""
    from pydantic import ValidationError

    try:
        _slug_adapter().validate_python(household_id)
    except ValidationError as exc:
        message = str(exc.errors(include_url=False)[0]["msg"]).removeprefix("Value error, ")
        raise InvalidInputError(message) from None


def is_id(value: str) -> bool:
    try:
        check_id(value)
    except InvalidInputError:
        return False
    return True


def lock_path(root: Path, household_id: str) -> Path:
    """The lock of a household: a separate file, as the data file's inode changes on save."""
    return root / f".{household_id}.lock"


def conflict_owner(name: str) -> str | None:
    """The household a conflict copy belongs to, or None for other names."""
    if "conflict" not in name:  # in every pattern: most names are answered without them
        return None
    for pattern in CONFLICT_NAMES:
        match = pattern.match(name)
        if match:
            return match["base"].removesuffix(".json")
    return None


def conflict_reason(owner: str) -> str:
    return _(
        "is a copy of household '{household}' made by a file-sync tool (or by carte-prep) "
        "after a conflict; it was not loaded and was left untouched: compare it with "
        "'{household}.json', keep the one you want and delete the other"
    ).format(household=owner)


def ensure_dir(path: Path) -> None:
    """Create a private folder, and any missing parent private too, whatever the umask.

    Parents that already exist are the user's; the ones made here are 0700, because a
    world-writable parent would let another user swap the data folder for their own.
    """
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        if probe.is_symlink():
            break  # a dangling link: mkdir below reports it
        missing.append(probe)
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(probe))
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, _("is not a folder"), str(folder)) from None
            continue
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
    if not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, _("is not a folder"), str(path))


MAX_PERMISSION_WARNINGS = 10
"""Beyond this, one line for all: a copied folder of many households would flood the screen."""


@dataclass
class FolderScan:
    """What one walk through the data folder found, for the commands that must not read it twice."""

    warnings: list[str] = field(default_factory=list)
    """What :func:`permission_warnings` says."""
    top: dict[str, os.stat_result] = field(default_factory=dict)
    """The data folder's own entries (links not followed)."""
    leftovers: bool = False
    """Whether a temp file or an export's note is there, that the cleanup may remove."""


def permission_warnings(root: Path) -> list[str]:
    """Folders and files in the data folder that other users of the computer can open.

    The data folder itself may be a symbolic link (to a USB key, a synced folder): its
    target is checked. Links inside it are not followed.
    """
    return scan_folder(root).warnings


def _check_mode(path: str | Path, info: os.stat_result, warnings: list[str]) -> None:
    """Add a warning if this folder or file can be opened by other users."""
    mode = stat.S_IMODE(info.st_mode)
    is_dir = stat.S_ISDIR(info.st_mode)
    if mode & 0o077 and (is_dir or stat.S_ISREG(info.st_mode)):
        private = 0o700 if is_dir else 0o600
        warnings.append(
            _(
                "{path} can be opened by other users of this computer "
                "(mode {mode}); run 'chmod {private} {path}' to make it private"
            ).format(path=path, mode=f"{mode:04o}", private=f"{private:o}")
        )


def scan_folder(root: Path) -> FolderScan:
    """Walk the data folder once: the permission warnings, its entries, any leftovers."""
    found = FolderScan()
    if sys.platform == "win32":  # pragma: no cover - ACLs, not modes, on Windows
        return found
    try:
        root_info = os.stat(root)
    except OSError:
        return found  # a missing or unusable data folder is reported elsewhere
    if not stat.S_ISDIR(root_info.st_mode):
        return found
    warnings: list[str] = []
    _check_mode(root, root_info, warnings)
    folders: list[str | Path] = [root]
    while folders:
        folder = folders.pop()
        top = folder is root
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if info.st_mode & 0o077:
                    _check_mode(entry.path, info, warnings)
                if stat.S_ISDIR(info.st_mode):
                    folders.append(entry.path)
                name = entry.name
                if top:
                    found.top[name] = info
                    found.leftovers = found.leftovers or name == EXPORTS_JOURNAL_DIR
                if name.startswith(".") and TEMP_NAME.match(name):  # as every temp file's is
                    found.leftovers = True
    if len(warnings) > MAX_PERMISSION_WARNINGS:
        warnings = [
            _(
                "{count} files and folders in {folder} can be opened by other users of this "
                "computer; run 'chmod -R go-rwx {folder}' to make them all private"
            ).format(count=len(warnings), folder=root)
        ]
    found.warnings = sorted(warnings)
    return found
