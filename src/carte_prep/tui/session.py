"""The households the app has open, kept in step with the files on disk.

Every change goes through :meth:`Session.commit`, which saves first and only then replaces
the in-memory copy: when the store refuses (another program changed the file, the disk is
full), what the app shows is still exactly what is on disk. Textual-free on purpose, so
the rules of saving and undo can be tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from carte_prep.core import Household, NotFoundError
from carte_prep.core.store import FileProblem, LoadReport, Store
from carte_prep.core.tracking import tracking_for, update_tracking
from carte_prep.core.vocab import Status

UNDO_DEPTH = 50
"""Status changes remembered for ctrl+z; older ones are forgotten."""


@dataclass(frozen=True)
class StatusChange:
    """One status change that ctrl+z can take back."""

    household_id: str
    member_id: str
    requirement_id: str
    previous: Status


@dataclass
class Session:
    """The open households, the files that could not be loaded, and the undo history."""

    store: Store
    households: dict[str, Household] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)
    _undo: list[StatusChange] = field(default_factory=list)

    def adopt(self, report: LoadReport) -> None:
        """Take what a (worker-thread) :meth:`Store.load_all` found as the open state."""
        self.households = {h.id: h for h in report.households}
        self.problems = list(report.problems)
        self._undo.clear()

    def get(self, household_id: str) -> Household:
        """The household as last saved (KeyError when it is not open)."""
        return self.households[household_id]

    def sorted_households(self) -> list[Household]:
        """Households in the order people look for them: by name."""
        return sorted(self.households.values(), key=lambda h: (h.name.casefold(), h.id))

    def commit(self, household: Household) -> Household:
        """Save, then show: the in-memory copy changes only once the file has.

        Raises whatever the store raises (ConflictError, StorageError, InvalidInputError);
        the open state is then unchanged.
        """
        self.store.save(household)
        self.households[household.id] = household
        return household

    def create(self, household: Household) -> None:
        """Write a new household file (refused if the id is taken)."""
        self.store.create(household)
        self.households[household.id] = household

    def delete(self, household_id: str) -> None:
        """Remove the household's file and backups, and forget its undo history."""
        self.store.delete(household_id)
        self.households.pop(household_id, None)
        self._undo = [c for c in self._undo if c.household_id != household_id]

    def forget_member(self, household_id: str, member_id: str) -> None:
        """Drop the undo steps of a member who was removed: they can never apply again."""
        self._undo = [
            c for c in self._undo if (c.household_id, c.member_id) != (household_id, member_id)
        ]

    def reload(self, household_id: str) -> Household:
        """Accept what is on disk now (after a conflict) and drop undo steps made before."""
        household = self.store.reload(household_id)
        self.households[household_id] = household
        self._undo = [c for c in self._undo if c.household_id != household_id]
        return household

    def set_status(
        self, household_id: str, member_id: str, requirement_id: str, status: Status
    ) -> Household:
        """Change one item's status, save it, and remember the old one for undo."""
        household = self.get(household_id)
        previous = tracking_for(household, member_id, requirement_id).status
        saved = self.commit(update_tracking(household, member_id, requirement_id, status=status))
        if previous != status:
            self._undo.append(StatusChange(household_id, member_id, requirement_id, previous))
            del self._undo[:-UNDO_DEPTH]
        return saved

    def undo(self) -> StatusChange | None:
        """Put back the last status change and save; None when there is nothing to undo.

        The step is dropped only once the save succeeded, so a failed undo can be retried.
        """
        if not self._undo:
            return None
        change = self._undo[-1]
        try:
            reverted = update_tracking(
                self.get(change.household_id),
                change.member_id,
                change.requirement_id,
                status=change.previous,
            )
        except NotFoundError:
            self._undo.pop()  # the member was removed since: this step can never apply
            raise
        self.commit(reverted)
        self._undo.pop()
        return change
