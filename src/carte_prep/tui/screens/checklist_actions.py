"""The checklist's keys, and its actions that lead to another screen or dialog (the profile,
photos, the postal address, household documents, the agenda, the after-filing log, the
PDF, removing a member).

:class:`ChecklistActions` is the base of :class:`~carte_prep.tui.screens.checklist.ChecklistScreen`,
which shows the list; this half only opens the other screens for the member shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.binding import Binding, BindingType

from carte_prep.core import Household
from carte_prep.core.edits import RemoveMember, SetAddress
from carte_prep.i18n import _
from carte_prep.present import status_cycle_text
from carte_prep.tui.messages import PdfRequested, UploadSetRequested
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.screens.checklist_rows import pdf_commands
from carte_prep.tui.screens.dialogs import ConfirmDialog

CHECKLIST_BINDINGS: list[BindingType] = [
    Binding(
        "space",
        "toggle_gathered",
        _("Gathered"),
        id="toggle-gathered",
        tooltip=_("Mark the item gathered, or back to do"),
    ),
    Binding("s", "cycle_status", _("Status"), id="cycle-status", tooltip=status_cycle_text()),
    Binding("t", "toggle_translated", _("Translated"), id="toggle-translated", show=False),
    Binding("1", "view('all')", _("All items"), id="view-all", show=False),
    Binding("2", "view('missing')", _("Missing or too old"), id="view-missing", show=False),
    Binding("3", "view('warnings')", _("Items with warnings"), id="view-warnings", show=False),
    Binding("4", "view('translation')", _("Items to translate"), id="view-translation", show=False),
    Binding(
        "left_square_bracket",
        "member(-1)",
        _("Previous member"),
        id="previous-member",
        key_display="[",
        show=False,
    ),
    Binding(
        "right_square_bracket",
        "member(1)",
        _("Next member"),
        id="next-member",
        key_display="]",
        show=False,
    ),
    Binding(
        "d",
        "focus_field('d-date')",
        _("Date"),
        id="edit-date",
        tooltip=_("Type the date printed on the document"),
    ),
    Binding("n", "focus_field('d-notes')", _("Note"), id="edit-notes"),
    Binding("f", "focus_field('d-attach')", _("Attach a file"), id="attach-file", show=False),
    Binding("e", "edit_member", _("Profile"), id="edit-member", tooltip=_("Edit the profile")),
    Binding("a", "add_member", _("Add member"), id="add-member", show=False),
    Binding("x", "pdf", _("PDF"), id="pdf-member", tooltip=_("Print this member's dossier")),
    Binding(
        "u",
        "upload_set",
        _("ANEF upload set"),
        id="upload-set",
        show=False,
        tooltip=_("One file per ANEF slot, named by slot, each under the size limit"),
    ),
    Binding("p", "photos", _("Photos"), id="photos", show=False),
    Binding(
        "A",
        "address",
        _("Postal address"),
        id="postal-address",
        show=False,
        tooltip=_("The household's postal address, or this member's own"),
    ),
    Binding("h", "shared", _("Household docs"), id="household-documents", show=False),
    Binding(
        "g",
        "agenda",
        _("Agenda"),
        id="agenda-household",
        tooltip=_("The household's coming dates"),
        show=False,
    ),
    Binding(
        "l",
        "log",
        _("After filing"),
        id="after-filing-log",
        show=False,
        tooltip=_("Filing day, récépissés, requests, card ready, timbre, collection"),
    ),
    Binding(
        "D",
        "remove_member",
        _("Remove member"),
        id="remove-member",
        show=False,
        tooltip=_("Remove this member from the household (asks first)"),
    ),
    Binding("escape", "back", _("Back"), id="back", show=False),
]
"""The footer shows the keys of the daily work first (? Help before them); the others
are in the help (?) and the palette (ctrl+p), each with its key."""


class ChecklistActions(DataScreen[None]):
    """Opening the other screens for the member shown (see the module's docstring)."""

    household_id: str
    member_id: str | None
    _leaving: str

    @property
    def household(self) -> Household:
        return self.session.get(self.household_id)

    def show(self, member_id: str, item_id: str | None = None) -> None:
        """Switch to a member, with the cursor on one of their items (the screen does it)."""
        raise NotImplementedError

    def action_edit_member(self) -> None:
        from carte_prep.tui.screens.profile import ProfileScreen

        if self.member_id is not None:
            self.app.push_screen(ProfileScreen(self.household_id, self.member_id))

    def action_add_member(self) -> None:
        from carte_prep.tui.screens.profile import ProfileScreen

        def added(member_id: str | None) -> None:
            if member_id:
                self.member_id = member_id
                self.refresh_data()

        self.app.push_screen(ProfileScreen(self.household_id, None), added)

    def action_photos(self) -> None:
        from carte_prep.tui.screens.photos import PhotosScreen

        if self.member_id is not None:
            self.app.push_screen(PhotosScreen(self.household_id, self.member_id))

    def action_address(self) -> None:
        """The postal address dialog; what it gives is saved as the CLI's 'address' would."""
        from carte_prep.tui.screens.address import AddressDialog

        if self.member_id is None:
            return

        def answered(edit: SetAddress | None) -> None:
            if edit is not None:
                self.request(self.household_id, edit)

        self.app.push_screen(AddressDialog(self.household, self.member_id), answered)

    def action_shared(self) -> None:
        from carte_prep.tui.screens.household_documents import HouseholdDocumentsScreen

        self.app.push_screen(HouseholdDocumentsScreen(self.household_id))

    def action_pdf(self) -> None:
        self.post_message(PdfRequested(self.household_id, self.member_id))

    def action_upload_set(self) -> None:
        if self.member_id is not None:
            self.post_message(UploadSetRequested(self.household_id, self.member_id))

    def more_commands(self) -> Iterable[SystemCommand]:
        """The dossier's options, which the PDF itself points to (the CLI's flags)."""
        if self.member_id is None:
            return []
        name = self.household.member(self.member_id).given_names
        return pdf_commands(self.post_message, self.household_id, self.member_id, name)

    def action_agenda(self) -> None:
        from carte_prep.tui.screens.agenda import AgendaScreen, Jump

        def jump(to: Jump | None) -> None:
            if to is not None:
                self.show(to.member_id, to.item_id)

        self.app.push_screen(AgendaScreen(self.household_id), jump)

    def action_log(self) -> None:
        from carte_prep.tui.screens.after_filing import AfterFilingScreen

        if self.member_id is not None:
            self.app.push_screen(AfterFilingScreen(self.household_id, self.member_id))

    def action_remove_member(self) -> None:
        """Ask first, then remove the member (ctrl+z brings them back).

        The member's checklist, tracking and after-filing log go with them; shared
        household documents stop listing them.
        """
        if self.member_id is None:
            return
        household, member_id = self.household, self.member_id
        name = household.member(member_id).display_name

        def answered(sure: bool | None) -> None:
            if sure:
                self._leaving = f"{name} from {household.name}"
                self.request(self.household_id, RemoveMember(member_id))

        self.app.push_screen(
            ConfirmDialog(
                _(
                    "Remove {name} from {household}?\n"
                    "Their checklist, what was gathered for them and their after-filing log "
                    "are deleted. Undo (ctrl+z) brings them back; the previous version of the "
                    "file also stays in the backups (carte-prep restore {household_id})."
                ).format(name=name, household=household.name, household_id=self.household_id),
                yes=_("Remove"),
            ),
            answered,
        )
