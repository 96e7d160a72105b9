"""After filing: the filing day, récépissés, requests for more documents, the card, the
timbre and the collection appointment, as ``carte-prep log`` records them.

Each value is checked as it is typed by the model itself (:class:`AfterFiling` and its
parts), with the model's message under the field, and asked for (as an edit the app
applies) as soon as it reads well, like everything else in the app. Receipts and requests
are lists: their small forms are sent when the person adds the entry. The agenda is
built from this log, so its dates follow at once (a receipt's expiry, a request's
deadline, the collection).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, DataTable, Header, Input, Static

from carte_prep.core import Household, Member
from carte_prep.core.agenda import next_deadline, urgency
from carte_prep.core.dates import fmt
from carte_prep.core.edits import (
    AddReceipt,
    AddRequest,
    AfterFilingEdit,
    MarkRequestSent,
    RemoveReceipt,
    RemoveRequest,
    SetCardReady,
    SetCollection,
    SetFiledOn,
    SetTimbre,
)
from carte_prep.core.model import (
    AfterFiling,
    Appointment,
    ExtraDocumentsRequest,
    Receipt,
    TimbreFiscal,
)
from carte_prep.core.vocab import RECEIPT_LABELS
from carte_prep.i18n import _
from carte_prep.tui.format import LEVEL_STYLES, InputProblem, deadline_text, parse_date, show_date
from carte_prep.tui.forms import Form, check_form
from carte_prep.tui.messages import EditRefused, HouseholdSaved
from carte_prep.tui.screens.after_filing_forms import (
    COLLECTION,
    PROBLEM_LINES,
    RECEIPT,
    REQUEST,
    TIMBRE,
    date_problem,
    log_fields,
)
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog, PromptDialog
from carte_prep.tui.validation import show_problem
from carte_prep.tui.widgets.footer import KeysFooter


class AfterFilingScreen(DataScreen[None]):
    """One member's after-filing log; every value is saved as soon as it is valid."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Back"), id="log-back"),
        Binding(
            "delete",
            "remove",
            _("Remove"),
            id="log-remove",
            tooltip=_("Remove the récépissé or request under the cursor (asks first)"),
        ),
    ]

    def __init__(self, household_id: str, member_id: str) -> None:
        super().__init__()
        self.household_id = household_id
        self.member_id = member_id
        self._shown: AfterFiling | None = None
        """The log the fields were last filled from or saved as; another one means the
        file changed elsewhere (a reload), and only then are the fields refilled."""

    # -- building -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="log"):
            yield from log_fields()
        yield Static(id="log-next")
        yield KeysFooter()

    def on_mount(self) -> None:
        receipts = self.query_one("#receipts", DataTable)
        receipts.add_column(_("Kind"), key="kind")
        receipts.add_column(_("Issued"), key="issued", width=10)
        receipts.add_column(_("Valid until"), key="until", width=11)
        requests = self.query_one("#requests", DataTable)
        requests.add_column(_("Deadline"), key="deadline", width=10)
        requests.add_column(_("What"), key="what")
        requests.add_column(_("Sent"), key="sent", width=15)
        self.refresh_data()
        self.query_one("#filed-on", Input).focus()

    # -- data ---------------------------------------------------------------------------

    def _household(self) -> Household:
        return self.session.get(self.household_id)

    def _member(self) -> Member | None:
        household = self.session.households.get(self.household_id)
        if household is None:
            return None
        return next((m for m in household.members if m.id == self.member_id), None)

    def _log(self) -> AfterFiling:
        member = self._member()
        assert member is not None
        assert member.application is not None
        return member.application.after_filing

    def refresh_data(self) -> None:
        """Show the saved log; refill the fields only if it changed elsewhere."""
        member = self._member()
        if member is None or member.application is None:
            self.dismiss()
            return
        self.title = _("After filing")
        self.sub_title = member.display_name
        log = member.application.after_filing
        if log != self._shown:
            self._fill(log)
            self._shown = log
        self._show_lists(log)
        self._show_next()

    def _fill(self, log: AfterFiling) -> None:
        values = {
            "filed-on": show_date(log.filed_on),
            "card-ready": show_date(log.card_ready_on),
            "timbre-number": log.timbre.number if log.timbre else "",
            "timbre-amount": str(log.timbre.amount) if log.timbre else "",
            "timbre-bought": show_date(log.timbre.bought_on if log.timbre else None),
            "collection-date": show_date(log.collection.date if log.collection else None),
            "collection-time": (
                f"{log.collection.time:%H:%M}" if log.collection and log.collection.time else ""
            ),
            "collection-place": (log.collection.place or "") if log.collection else "",
        }
        with self.prevent(Input.Changed):
            for widget_id, value in values.items():
                self.query_one(f"#{widget_id}", Input).value = value
        for widget_id in values:
            show_problem(self.query_one(f"#{widget_id}-msg", Static), None)

    def _show_lists(self, log: AfterFiling) -> None:
        today = self.today()
        receipts = self.query_one("#receipts", DataTable)
        row = receipts.cursor_row
        receipts.clear()
        for index, receipt in enumerate(log.receipts):
            receipts.add_row(
                Text(RECEIPT_LABELS[receipt.kind]),
                Text(show_date(receipt.issued_on) or "–"),
                Text(
                    fmt(receipt.valid_until),
                    style=LEVEL_STYLES[urgency(receipt.valid_until, today)],
                ),
                key=str(index),
            )
        receipts.move_cursor(row=row, animate=False)
        receipts.display = bool(log.receipts)
        self.query_one("#receipts-none").display = not log.receipts

        requests = self.query_one("#requests", DataTable)
        row = requests.cursor_row
        requests.clear()
        for index, request in enumerate(log.requests):
            if request.sent_on is not None:
                sent = Text(_("sent {date}").format(date=fmt(request.sent_on)), style="green")
            else:
                sent = Text(_("not sent yet"), style=LEVEL_STYLES[urgency(request.deadline, today)])
            requests.add_row(
                Text(fmt(request.deadline)),
                Text(request.what, no_wrap=True, overflow="ellipsis"),
                sent,
                key=str(index),
            )
        requests.move_cursor(row=row, animate=False)
        requests.display = bool(log.requests)
        self.query_one("#requests-none").display = not log.requests
        self.refresh_bindings()

    def _show_next(self) -> None:
        deadline = next_deadline(self._household(), self.member_id, self.today())
        text = Text()
        text.append(_("Next date:") + " ", style="bold")
        if deadline is None:
            text.append(_("none ahead."))
        else:
            text.append_text(deadline_text(deadline, with_title=True))
        self.query_one("#log-next", Static).update(text)

    # -- saving -------------------------------------------------------------------------

    def _ask(self, edit: AfterFilingEdit) -> None:
        """Ask the app to record a change of the log; a refusal comes back under its field."""
        self.request(self.household_id, edit, shows_problems=True)

    def household_saved(self, message: HouseholdSaved) -> None:
        """A change typed here is on disk: keep the fields as typed; after an add, clear
        its small form. Any other change (undo, a reload) refills the fields."""
        edit = message.edit
        if isinstance(edit, AfterFilingEdit) and edit.member_id == self.member_id:
            member = self._member()
            if member is not None and member.application is not None:
                self._shown = member.application.after_filing
            if isinstance(edit, AddReceipt):
                self._clear(RECEIPT)
                self.notify(
                    _("Added: {what}.").format(what=RECEIPT_LABELS[edit.receipt.kind]), timeout=3
                )
            elif isinstance(edit, AddRequest):
                self._clear(REQUEST)
                self.notify(_("Request added: its deadline is in the agenda."), timeout=3)
        self.refresh_data()

    def edit_refused(self, message: EditRefused) -> None:
        target = PROBLEM_LINES.get(type(message.edit), "#filed-on-msg")
        show_problem(self.query_one(target, Static), message.problem)

    # -- events -------------------------------------------------------------------------

    @on(Input.Changed, "#filed-on, #card-ready")
    def _date_typed(self, event: Input.Changed) -> None:
        widget_id = event.input.id or ""
        message = self.query_one(f"#{widget_id}-msg", Static)
        try:
            day = parse_date(event.value)
        except InputProblem as exc:
            show_problem(message, str(exc))
            return
        show_problem(message, None)
        log = self._log()
        if widget_id == "filed-on" and day != log.filed_on:
            self._ask(SetFiledOn(self.member_id, day))
        elif widget_id == "card-ready" and day != log.card_ready_on:
            self._ask(SetCardReady(self.member_id, day))

    @on(Input.Changed, "#timbre-number, #timbre-amount, #timbre-bought")
    def _timbre_typed(self) -> None:
        valid, timbre = check_form(self, TIMBRE, empty_ok=True)
        if valid and timbre != self._log().timbre:
            assert timbre is None or isinstance(timbre, TimbreFiscal)
            self._ask(SetTimbre(self.member_id, timbre))

    @on(Input.Changed, "#collection-date, #collection-time, #collection-place")
    def _collection_typed(self) -> None:
        valid, collection = check_form(self, COLLECTION, empty_ok=True)
        if valid and collection != self._log().collection:
            assert collection is None or isinstance(collection, Appointment)
            self._ask(SetCollection(self.member_id, collection))

    @on(Input.Changed, "#receipt-until, #receipt-issued")
    def _receipt_typed(self) -> None:
        check_form(self, RECEIPT, empty_ok=True)

    @on(Input.Changed, "#request-received, #request-deadline, #request-what")
    def _request_typed(self) -> None:
        check_form(self, REQUEST, empty_ok=True)

    @on(Input.Submitted, "#receipt-until, #receipt-issued")
    @on(Button.Pressed, "#receipt-add")
    def _add_receipt(self) -> None:
        valid, receipt = check_form(self, RECEIPT, empty_ok=False)
        if not valid or not isinstance(receipt, Receipt):
            return
        self._ask(AddReceipt(self.member_id, receipt))

    @on(Input.Submitted, "#request-received, #request-deadline, #request-what")
    @on(Button.Pressed, "#request-add")
    def _add_request(self) -> None:
        valid, request = check_form(self, REQUEST, empty_ok=False)
        if not valid or not isinstance(request, ExtraDocumentsRequest):
            return
        self._ask(AddRequest(self.member_id, request))

    def _clear(self, form: Form) -> None:
        with self.prevent(Input.Changed):
            for spec in form.typed:
                self.query_one(f"#{spec.widget_id}", Input).value = ""

    @on(DataTable.RowSelected, "#requests")
    def _mark_sent(self, event: DataTable.RowSelected) -> None:
        """Ask for the day the documents went out (today unless told otherwise)."""
        index = event.cursor_row
        request = self._log().requests[index]

        def sent(answer: str | None) -> None:
            if answer is None:
                return
            self._ask(MarkRequestSent(self.member_id, index, parse_date(answer)))

        self.app.push_screen(
            PromptDialog(
                _("Day you sent what was asked for ({what}):").format(what=request.what),
                value=show_date(request.sent_on or self.today()),
                check=date_problem,
            ),
            sent,
        )

    def can_run(self, action: str) -> bool:
        if action == "remove":
            focused = self.focused
            return isinstance(focused, DataTable) and focused.row_count > 0
        return True

    def action_remove(self) -> None:
        focused = self.focused
        if not isinstance(focused, DataTable) or not focused.row_count:
            return
        index = focused.cursor_row
        log = self._log()
        edit: AfterFilingEdit
        if focused.id == "receipts":
            question = _("Remove the {receipt} from the log?").format(
                receipt=RECEIPT_LABELS[log.receipts[index].kind]
            )
            edit = RemoveReceipt(self.member_id, index)
        else:
            question = _("Remove the request “{what}” from the log?").format(
                what=log.requests[index].what
            )
            edit = RemoveRequest(self.member_id, index)

        def remove(sure: bool | None) -> None:
            if sure:
                self._ask(edit)

        self.app.push_screen(ConfirmDialog(question, yes=_("Remove")), remove)

    def action_back(self) -> None:
        self.dismiss()
