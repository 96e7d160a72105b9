"""The after-filing log's forms: the fields of each part, how each part is read into the
model, and where a refused change is explained.

The screen (:mod:`carte_prep.tui.screens.after_filing`) lays these fields out once and
saves what they read; keeping the forms here keeps each file small.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from carte_prep.core.edits import (
    AddReceipt,
    AddRequest,
    MarkRequestSent,
    RemoveReceipt,
    RemoveRequest,
    SetCardReady,
    SetCollection,
    SetFiledOn,
    SetTimbre,
)
from carte_prep.core.model import Appointment, ExtraDocumentsRequest, Receipt, TimbreFiscal
from carte_prep.core.vocab import RECEIPT_LABELS
from carte_prep.i18n import _
from carte_prep.tui.format import InputProblem, parse_date
from carte_prep.tui.forms import Form, FormField

PROBLEM_LINES: dict[type, str] = {
    SetFiledOn: "#filed-on-msg",
    SetCardReady: "#card-ready-msg",
    SetTimbre: "#timbre-number-msg",
    SetCollection: "#collection-date-msg",
    AddReceipt: "#receipt-until-msg",
    RemoveReceipt: "#receipt-until-msg",
    AddRequest: "#request-what-msg",
    RemoveRequest: "#request-what-msg",
    MarkRequestSent: "#request-what-msg",
}
"""Where the app's refusal of each change is shown."""


RECEIPT = Form(
    Receipt,
    (
        FormField("kind", "receipt-kind", "choice"),
        FormField("valid_until", "receipt-until", "date"),
        FormField("issued_on", "receipt-issued", "date"),
    ),
)
REQUEST = Form(
    ExtraDocumentsRequest,
    (
        FormField("received_on", "request-received", "date"),
        FormField("deadline", "request-deadline", "date"),
        FormField("what", "request-what", "text"),
    ),
)
TIMBRE = Form(
    TimbreFiscal,
    (
        FormField("number", "timbre-number", "text"),
        FormField("amount", "timbre-amount", "amount"),
        FormField("bought_on", "timbre-bought", "date"),
    ),
)
COLLECTION = Form(
    Appointment,
    (
        FormField("date", "collection-date", "date"),
        FormField("time", "collection-time", "time"),
        FormField("place", "collection-place", "text"),
    ),
    fixed={"kind": "collection"},
)


def log_fields() -> ComposeResult:
    """The log's fields, in the order things happen: filing, receipts, requests, the card."""
    yield Static(
        Text(
            _(
                "What happened once the file was in. Each value is saved as soon as it "
                "reads well; the agenda (g on the member screen) follows."
            ),
            style="italic",
        ),
        classes="log-intro",
    )
    yield _heading(_("Filing"))
    yield from _row(_("Filed on (the dépôt date)"), "filed-on")

    yield _heading(
        _("Récépissés and attestations"),
        _("They prove the right to stay while the card is made; delete removes one."),
    )
    yield DataTable(id="receipts", cursor_type="row", classes="log-table")
    yield Static(Text(_("None yet."), style="dim"), id="receipts-none")
    with Horizontal(classes="log-row"):
        yield Label(_("Add one: kind"), classes="log-label")
        yield Select(
            [(label, kind) for kind, label in RECEIPT_LABELS.items()],
            value="recepisse",
            allow_blank=False,
            id="receipt-kind",
            compact=True,
        )
    yield from _row(_("Valid until"), "receipt-until")
    yield from _row(_("Issued on (optional)"), "receipt-issued")
    yield _add_button(_("Add this receipt"), "receipt-add")

    yield _heading(
        _("Extra documents asked for"), _("Enter on a request marks it sent; delete removes it.")
    )
    yield DataTable(id="requests", cursor_type="row", classes="log-table")
    yield Static(Text(_("None yet."), style="dim"), id="requests-none")
    yield from _row(_("Letter received on"), "request-received")
    yield from _row(_("Deadline in the letter"), "request-deadline")
    yield from _row(_("What they ask for"), "request-what", placeholder="")
    yield _add_button(_("Add this request"), "request-add")

    yield _heading(_("The card"), _("The timbre fiscal and the appointment to collect it."))
    yield from _row(_("Ready on (SMS or e-mail)"), "card-ready")
    yield from _row(_("Timbre fiscal number"), "timbre-number", placeholder=_("16 digits"))
    yield from _row(
        _("Timbre amount (€)"), "timbre-amount", placeholder=_("e.g. 225"), restrict=r"\d*"
    )
    yield from _row(_("Timbre bought on"), "timbre-bought")
    yield from _row(_("Collection date"), "collection-date")
    yield from _row(_("Collection time"), "collection-time", placeholder=_("hh:mm"))
    yield from _row(_("Collection place"), "collection-place", placeholder="")


def _row(
    label: str, widget_id: str, *, placeholder: str | None = None, restrict: str | None = None
) -> ComposeResult:
    """A label and its input on one line (a date unless told), and its problem's line below."""
    with Horizontal(classes="log-row"):
        yield Label(label, classes="log-label", markup=False)
        shown = _("dd/mm/yyyy") if placeholder is None else placeholder
        yield Input(placeholder=shown, id=widget_id, compact=True, restrict=restrict)
    yield Static("", id=f"{widget_id}-msg", classes="field-error log-error", markup=False)


def _heading(title: str, note: str = "") -> Static:
    text = Text()
    text.append(title, style="bold underline")
    if note:
        text.append("\n" + note, style="dim")
    return Static(text, classes="log-heading")


def _add_button(label: str, widget_id: str) -> Horizontal:
    return Horizontal(Button(label, id=widget_id, compact=True), classes="log-row log-add")


def date_problem(value: str) -> str | None:
    try:
        parse_date(value)
    except InputProblem as exc:
        return str(exc)
    return None
