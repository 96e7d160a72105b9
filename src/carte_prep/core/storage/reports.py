"""What the store reports: its errors, and what it found in the data folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from carte_prep.core.errors import CartePrepError, NotFoundError
from carte_prep.core.model import Household
from carte_prep.i18n import _


class CorruptFileError(CartePrepError):
    """A household file exists but cannot be used as it is; it was left untouched.

    ``reason`` says what is wrong (JSON position, field path, newer schema) without the
    path, so a UI can show the two separately; the message has both.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ConflictError(CartePrepError):
    """Saving would overwrite changes this store has not seen.

    Usually the file was left untouched. ``kept`` is set when another program wrote the
    file in the instant of the rename: this save is then in place and the other
    program's version was kept beside it under that name, so nothing is lost.
    """

    def __init__(self, message: str, path: Path, kept: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.kept = kept

    @classmethod
    def in_the_gap(cls, household_id: str, path: Path, kept: Path | None) -> ConflictError:
        """Another program wrote the file during the save; ``kept``: where its version is."""
        if kept is None:
            return cls(
                _(
                    "'{household}' was changed on disk by another program while it was "
                    "being saved; this change was not saved: reload it and make it again"
                ).format(household=household_id),
                path,
            )
        return cls(
            _(
                "'{household}' was changed by another program at the moment it was saved: "
                "this change is saved, and the other version is kept as {kept}; compare the "
                "two and delete the one you do not want"
            ).format(household=household_id, kept=kept),
            path,
            kept=kept,
        )


class StorageError(CartePrepError):
    """The operating system refused a write (full disk, read-only, permissions, lock held).

    Before the final rename the file on disk is unchanged and no temp file is left, so the
    caller can keep the edits in memory, tell the user, and let them save again.
    """

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class NewerFileError(CartePrepError):
    """The file to replace was written by a newer carte-prep: it is kept, never replaced."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class FileProblem:
    """A file in the data folder that was not loaded, and why (shown as "needs repair")."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class LoadReport:
    """Everything found in the data folder: one bad file never hides the good ones."""

    households: list[Household] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)


@dataclass(frozen=True)
class Backup:
    """One saved previous version of a household; ``timestamp`` is when it was replaced."""

    path: Path
    timestamp: dt.datetime


def not_found(household_id: str) -> NotFoundError:
    """No file for this household in the data folder."""
    return NotFoundError(
        _("no household '{household}'; run 'carte-prep list' to see them").format(
            household=household_id
        )
    )


def misnamed(household_id: str, name: str) -> str:
    """A file whose name is not its household's id: it could be saved over another's."""
    return _(
        "holds household '{household}' but is named '{name}'; "
        "rename it to '{household}.json' or fix its id"
    ).format(household=household_id, name=name)
