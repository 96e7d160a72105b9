"""What screens and widgets ask of the app, and what the app tells the screen on top.

Screens never save: they post :class:`EditRequested` with a typed edit, the app applies
it through the session (save first, then show), handles every failure in one place, and
posts :class:`HouseholdSaved` to the screen on top, which redraws. The same goes for
creating and deleting households and for the exports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.message import Message

if TYPE_CHECKING:
    from carte_prep.core.agenda import AgendaEvent
    from carte_prep.core.edits import Edit
    from carte_prep.core.session import Session


@runtime_checkable
class AppState(Protocol):
    """What screens read from the app: the open households and the day called today."""

    session: Session
    today: Callable[[], dt.date]
    data_root: Path
    """The open data folder, known before the session (and pydantic) is."""
    index_file: Path | None
    """The households index of that folder; None for the temporary examples."""

    def session_factory(self) -> Callable[[], Session]:
        """What builds (once) the session of the open folder, from any thread."""


class EditRequested(Message):
    """Please apply this edit to this household.

    Attributes:
        household_id: the household to change.
        edit: the change, as core describes it.
        shows_problems: the sender shows a refused value under its field (it gets
            :class:`EditRefused`); otherwise the app says why in a notification.
    """

    def __init__(self, household_id: str, edit: Edit, *, shows_problems: bool = False) -> None:
        super().__init__()
        self.household_id = household_id
        self.edit = edit
        self.shows_problems = shows_problems


class EditRefused(Message, bubble=False):
    """The edit asked for was not applied: ``problem`` says why, ``field`` where.

    ``problem`` is said as under the field: the model's words without the field's path.
    """

    def __init__(self, household_id: str, edit: Edit, field: str, problem: str) -> None:
        super().__init__()
        self.household_id = household_id
        self.edit = edit
        self.field = field
        self.problem = problem


class HouseholdSaved(Message, bubble=False):
    """A household on disk changed (``edit``; None for an undo, a redo or a reload)."""

    def __init__(self, household_id: str, edit: Edit | None = None) -> None:
        super().__init__()
        self.household_id = household_id
        self.edit = edit


class HouseholdCreateRequested(Message):
    """Please create a household with this name (its id is made from the name)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class HouseholdCreated(Message, bubble=False):
    def __init__(self, household_id: str) -> None:
        super().__init__()
        self.household_id = household_id


class HouseholdDeleteRequested(Message):
    """Please delete this household, its file and its backups (the person agreed)."""

    def __init__(self, household_id: str) -> None:
        super().__init__()
        self.household_id = household_id


class PdfRequested(Message):
    """Please ask where to write the dossier of a household (or one member), then write it."""

    def __init__(
        self,
        household_id: str,
        member_id: str | None = None,
        *,
        show_ids: bool = False,
        with_attachments: bool = False,
    ) -> None:
        super().__init__()
        self.household_id = household_id
        self.member_id = member_id
        self.show_ids = show_ids
        """Print passport and card numbers in full (masked unless asked, as on the CLI)."""
        self.with_attachments = with_attachments
        """Add the attached scans in an annex."""


class UploadSetRequested(Message):
    """Please ask which folder gets this member's ANEF upload set, then write it."""

    def __init__(self, household_id: str, member_id: str) -> None:
        super().__init__()
        self.household_id = household_id
        self.member_id = member_id


class CalendarRequested(Message):
    """Please ask where to write these dates as a calendar file, then write it."""

    def __init__(self, household_id: str | None, events: list[AgendaEvent]) -> None:
        super().__init__()
        self.household_id = household_id
        self.events = events
