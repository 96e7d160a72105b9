"""What undo and redo can take back: each step is the household before and after one edit.

Households are immutable values, so a step is two snapshots and undo is "save the one
before". A step is used only while the household is still exactly as the step left it;
anything else (another program, a restore) makes the steps of that household stale, and
they are dropped rather than applied over someone else's change.

The app keeps its steps in memory (:class:`MemoryHistory`). Each command line run is a new
process, so ``carte-prep undo`` reads them from a small file per household beside the
data (:class:`FileHistory`): ``history/<household>.json``, readable only by the user like
the household files, and removed with the household.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import ValidationError

from carte_prep.core.errors import CartePrepError
from carte_prep.core.model import Household
from carte_prep.core.storage import write_private_file
from carte_prep.i18n import _

Direction = Literal["undo", "redo"]

MEMORY_DEPTH = 50
"""Steps the app remembers; older ones are forgotten."""
FILE_DEPTH = 20
"""Steps kept per household for the command line (each holds two copies of the file)."""
HISTORY_FOLDER = "history"
FORMAT = 1


@dataclass(frozen=True)
class Step:
    """One edit that undo can take back and redo make again."""

    household_id: str
    label: str
    """What the edit changed, in a few words (``describe`` of the edit)."""
    before: Household
    after: Household


class HistoryError(CartePrepError):
    """The saved history cannot be read; it is left as it is."""


class History(Protocol):
    """Two stacks of steps per household; a new step empties that household's redo."""

    def push(self, step: Step) -> None: ...

    def peek(self, direction: Direction, household_id: str | None) -> Step | None:
        """The step undo (or redo) would use next: the latest, or the latest of one household."""
        ...

    def move(self, direction: Direction, step: Step) -> None:
        """The step was undone (redone): it goes onto the other stack."""
        ...

    def forget(self, household_id: str) -> None:
        """Drop every step of a household (deleted, reloaded, or changed elsewhere)."""
        ...


@dataclass
class MemoryHistory:
    """Steps for the app's ctrl+z and redo, newest last, across all open households."""

    depth: int = MEMORY_DEPTH
    stacks: dict[Direction, list[Step]] = field(default_factory=lambda: {"undo": [], "redo": []})

    def push(self, step: Step) -> None:
        self.stacks["undo"].append(step)
        del self.stacks["undo"][: -self.depth]
        self.stacks["redo"] = [
            s for s in self.stacks["redo"] if s.household_id != step.household_id
        ]

    def peek(self, direction: Direction, household_id: str | None) -> Step | None:
        steps = self.stacks[direction]
        return next((s for s in reversed(steps) if household_id in (None, s.household_id)), None)

    def move(self, direction: Direction, step: Step) -> None:
        self.stacks[direction].remove(step)
        self.stacks["redo" if direction == "undo" else "undo"].append(step)

    def forget(self, household_id: str) -> None:
        for direction, steps in self.stacks.items():
            self.stacks[direction] = [s for s in steps if s.household_id != household_id]


@dataclass
class FileHistory:
    """Steps kept on disk, one file per household, for ``carte-prep undo`` and ``redo``."""

    data_dir: Path
    depth: int = FILE_DEPTH

    def path_for(self, household_id: str) -> Path:
        return self.data_dir / HISTORY_FOLDER / f"{household_id}.json"

    def push(self, step: Step) -> None:
        try:
            stacks = self._read(step.household_id)
        except HistoryError:
            self._set_aside(step.household_id)
            stacks = {"undo": [], "redo": []}
        stacks["undo"] = [*stacks["undo"], step][-self.depth :]
        stacks["redo"] = []
        self._write(step.household_id, stacks)

    def peek(self, direction: Direction, household_id: str | None) -> Step | None:
        if household_id is None:
            return None
        steps = self._read(household_id)[direction]
        return steps[-1] if steps else None

    def move(self, direction: Direction, step: Step) -> None:
        stacks = self._read(step.household_id)
        other: Direction = "redo" if direction == "undo" else "undo"
        stacks[direction] = [s for s in stacks[direction] if s != step]
        stacks[other] = [*stacks[other], step][-self.depth :]
        self._write(step.household_id, stacks)

    def forget(self, household_id: str) -> None:
        path = self.path_for(household_id)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise HistoryError(
                _("cannot remove the undo history {path}: {why}").format(
                    path=path, why=exc.strerror
                )
            ) from None

    # -- the file ---------------------------------------------------------------------------

    def _read(self, household_id: str) -> dict[Direction, list[Step]]:
        path = self.path_for(household_id)
        try:
            raw = json.loads(path.read_bytes())
        except FileNotFoundError:
            return {"undo": [], "redo": []}
        except (OSError, ValueError) as exc:
            raise HistoryError(_unreadable(path, str(exc))) from None
        try:
            if raw.get("format") != FORMAT:
                raise ValueError(f"format {raw.get('format')!r} is not {FORMAT}")
            return {
                direction: [_step(household_id, entry) for entry in raw[direction]]
                for direction in ("undo", "redo")
            }
        except (AttributeError, KeyError, TypeError, ValueError, ValidationError) as exc:
            raise HistoryError(_unreadable(path, type(exc).__name__)) from None

    def _write(self, household_id: str, stacks: dict[Direction, list[Step]]) -> None:
        path = self.path_for(household_id)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data: dict[str, Any] = {"format": FORMAT}
        for direction, steps in stacks.items():
            data[direction] = [
                {
                    "label": s.label,
                    "before": s.before.model_dump(mode="json"),
                    "after": s.after.model_dump(mode="json"),
                }
                for s in steps
            ]
        write_private_file(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def _set_aside(self, household_id: str) -> None:
        """Keep an unreadable history under another name, and start a new one."""
        path = self.path_for(household_id)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        os.replace(path, path.with_name(f"{path.name}.unreadable-{stamp}"))


def _step(household_id: str, entry: dict[str, Any]) -> Step:
    return Step(
        household_id,
        str(entry["label"]),
        Household.model_validate(entry["before"]),
        Household.model_validate(entry["after"]),
    )


def _unreadable(path: Path, reason: str) -> str:
    return _(
        "cannot read the undo history {path} ({reason}); it is left as it is: remove it to "
        "start a new one ('carte-prep restore' still lists the previous versions)"
    ).format(path=path, reason=reason)
