"""The households being worked on, kept in step with the files, and every change to them.

Every change is an :mod:`~carte_prep.core.edits` value given to :meth:`Session.apply`,
which saves first and only then replaces the in-memory copy: when the store refuses
(another program changed the file, the disk is full), what is shown is still exactly
what is on disk. Each change is remembered (:mod:`~carte_prep.core.history`), so any of
them can be undone and redone. The app and the command line both work through a Session.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from carte_prep.core.catalogue import Catalogue
from carte_prep.core.edits import AddAttachments, Edit, apply, describe
from carte_prep.core.errors import CartePrepError
from carte_prep.core.history import Direction, History, MemoryHistory, Step
from carte_prep.core.model import Household
from carte_prep.core.storage import FileProblem, LoadReport, Store
from carte_prep.i18n import _

__all__ = ["FileProblem", "LoadReport", "Session", "StaleHistoryError"]
"""``LoadReport`` and ``FileProblem`` too: front ends read the data folder through the
session, never the store."""


class StaleHistoryError(CartePrepError):
    """The household changed since the step was made (elsewhere, or restored)."""


@dataclass
class Session:
    """The open households, the files that could not be loaded, and the undo history."""

    store: Store
    history: History = field(default_factory=MemoryHistory)
    households: dict[str, Household] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Things to tell the person that are not failures (a change saved but not undoable)."""

    # -- reading ----------------------------------------------------------------------------

    def read_all(self) -> LoadReport:
        """Read the data folder without changing the open state (safe in a worker thread)."""
        return self.store.load_all()

    def adopt(self, report: LoadReport) -> None:
        """Take what :meth:`read_all` found as the open state; earlier steps are dropped."""
        for household_id in self.households:
            self.history.forget(household_id)
        self.households = {h.id: h for h in report.households}
        self.problems = list(report.problems)

    def get(self, household_id: str) -> Household:
        """The household as last saved, read from its file the first time it is asked for."""
        if household_id not in self.households:
            self.households[household_id] = self.store.load(household_id)
        return self.households[household_id]

    def sorted_households(self) -> list[Household]:
        """Households in the order people look for them: by name."""
        return sorted(self.households.values(), key=lambda h: (h.name.casefold(), h.id))

    # -- changing ---------------------------------------------------------------------------

    def apply(
        self, household_id: str, edit: Edit, *more: Edit, catalogue: Catalogue | None = None
    ) -> Household:
        """Apply an edit (or several, as one change), save, then show; remember it for undo.

        Raises what :func:`~carte_prep.core.edits.apply` and the store raise
        (NotFoundError, EditError, ConflictError, StorageError); the open state is then
        unchanged. A change that changes nothing is not saved and leaves no step.
        """
        before = self.get(household_id)
        after = before
        for each in (edit, *more):
            after = apply(after, self._kept(household_id, each), catalogue=catalogue)
        if after == before:
            return before
        self._save(after)
        label = "; ".join(describe(each, before) for each in (edit, *more))
        self._remember(Step(household_id, label, before, after))
        return after

    def _kept(self, household_id: str, edit: Edit) -> Edit:
        """Attached scans are copied into the data folder; the edit then names the copies."""
        if not isinstance(edit, AddAttachments):
            return edit
        entries = tuple(self.store.attach(household_id, Path(e)) for e in edit.entries)
        return replace(edit, entries=entries)

    def _save(self, household: Household) -> None:
        self.store.save(household)
        self.households[household.id] = household

    def _remember(self, step: Step) -> None:
        try:
            self.history.push(step)
        except (CartePrepError, OSError) as exc:
            self.notes.append(
                _("the change was saved, but it cannot be undone: {problem}").format(problem=exc)
            )

    def create(self, household: Household) -> None:
        """Write a new household file (refused if the id is taken)."""
        self.store.create(household)
        self.households[household.id] = household

    def delete(self, household_id: str) -> list[str]:
        """Remove the household's file, backups and history; returns sync copies left."""
        left = self.store.delete(household_id)
        self.households.pop(household_id, None)
        self.history.forget(household_id)
        return [str(path) for path in left]

    def reload(self, household_id: str) -> Household:
        """Accept what is on disk now (after a conflict); its earlier steps are dropped."""
        household = self.store.load(household_id)
        self.households[household_id] = household
        self.history.forget(household_id)
        return household

    # -- undo and redo ----------------------------------------------------------------------

    def undo(self, household_id: str | None = None) -> Step | None:
        """Take back the last change (of one household, if given); None when there is none."""
        return self._step("undo", household_id)

    def redo(self, household_id: str | None = None) -> Step | None:
        """Make again the change undone last; None when there is none."""
        return self._step("redo", household_id)

    def _step(self, direction: Direction, household_id: str | None) -> Step | None:
        """Save the other side of the step, if the household is still as the step left it.

        The step moves to the other stack only once the save succeeded, so a failed undo
        can be tried again.
        """
        step = self.history.peek(direction, household_id)
        if step is None:
            return None
        expected, wanted = (
            (step.after, step.before) if direction == "undo" else (step.before, step.after)
        )
        if self.get(step.household_id) != expected:
            self.history.forget(step.household_id)
            stale = (
                _(
                    "cannot undo: {household} was changed since by another program or window "
                    "(or restored), so its undo history was cleared; "
                    "'carte-prep restore {household}' lists the previous versions"
                )
                if direction == "undo"
                else _(
                    "cannot redo: {household} was changed since by another program or window "
                    "(or restored), so its redo history was cleared; "
                    "'carte-prep restore {household}' lists the previous versions"
                )
            )
            raise StaleHistoryError(stale.format(household=step.household_id))
        self._save(wanted)
        self.history.move(direction, step)
        return step
