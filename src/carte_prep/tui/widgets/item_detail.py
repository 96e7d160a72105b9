"""The detail pane of a checklist item: how to get it, its source, and what was done.

It shows one :class:`~carte_prep.core.ChecklistItem` and lets the person edit the date
printed on the document, the kind of document, the notes and the attached files. It never
saves: it posts :class:`~carte_prep.tui.messages.EditRequested` with the edit, which the
app applies; a refused value comes back to the screen, which shows it here under its field
(attributes down, messages up).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from carte_prep.core import ChecklistItem
from carte_prep.core.confidence import confidence_label
from carte_prep.core.dates import fmt
from carte_prep.core.edits import AddAttachments, Edit, RemoveAttachment, SetItem
from carte_prep.core.scans import ScanProblem, scan_kind
from carte_prep.core.vocab import Route
from carte_prep.i18n import _, ngettext
from carte_prep.present import LEVEL_SIGNS, bring_sentence
from carte_prep.tui.format import InputProblem, item_label, parse_date, show_date, status_text
from carte_prep.tui.messages import EditRequested
from carte_prep.tui.validation import show_problem

NOTES_DELAY = 0.6
"""Seconds of quiet typing after which a note is saved."""


class ItemDetail(VerticalScroll):
    """Everything about one item; edits go up as EditRequested messages."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "delete", "remove_attachment", _("Remove file"), id="remove-attachment", show=False
        ),
        Binding(
            "escape",
            "back_to_list",
            _("Back to list"),
            id="back-to-list",
            tooltip=_("Leave the field (it is saved) for the list; Escape there closes"),
        ),
    ]
    """Escape goes back one step, as everywhere: from a field here to the list (the
    screen's own Escape, from the list, closes it). The footer says which it is."""

    def __init__(self, household_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.household_id = household_id
        self._item: ChecklistItem | None = None
        self._member_id = ""
        self._notes_timer: Timer | None = None

    @property
    def requirement_id(self) -> str | None:
        """The item shown, if any."""
        return self._item.requirement.id if self._item else None

    def compose(self) -> ComposeResult:
        yield Static(id="d-title")
        yield Static(id="d-facts")
        yield Static(id="d-how")
        yield Static(id="d-warnings")
        yield Static(id="d-source")
        yield Label(_("Kind of document"), classes="field-label edit", id="d-variant-label")
        yield Select[str](
            [],
            prompt=_("(not said: the strictest age limit is assumed)"),
            id="d-variant",
            classes="edit",
            compact=True,
        )
        yield Label(_("Date printed on the document (dd/mm/yyyy)"), classes="field-label edit")
        yield Input(placeholder=_("dd/mm/yyyy"), id="d-date", classes="edit", compact=True)
        yield Static("", id="d-date-msg", classes="field-error edit", markup=False)
        yield Static(id="d-fresh")
        yield Label(_("Notes"), classes="field-label edit")
        yield TextArea(id="d-notes", classes="edit", soft_wrap=True, show_line_numbers=False)
        yield Static("", id="d-notes-msg", classes="field-error edit", markup=False)
        yield Label(
            _("Attached files (select one and press delete to remove it)"),
            classes="field-label edit",
        )
        yield OptionList(id="d-files", classes="edit", markup=False)
        yield Input(
            placeholder=_("path of a scan, then enter"),
            id="d-attach",
            classes="edit",
            compact=True,
        )
        yield Static("", id="d-attach-msg", classes="field-error edit", markup=False)

    # -- showing ------------------------------------------------------------------------

    def show_item(
        self,
        item: ChecklistItem | None,
        names: dict[str, str],
        member_id: str = "",
        route: Route | None = None,
    ) -> None:
        """Show a member's item; the edit fields are reset only when it is another item."""
        changed = (
            item is None
            or self.requirement_id != item.requirement.id
            or member_id != self._member_id
        )
        if changed:
            self.flush_notes()
        self._item = item
        self._member_id = member_id
        for widget in self.query(".edit"):
            widget.display = item is not None
        if item is None:
            for static_id in ("d-facts", "d-how", "d-fresh", "d-warnings", "d-source"):
                self.query_one(f"#{static_id}", Static).update("")
            return
        self._show_text(item, names, route)
        has_kinds = bool(item.requirement.variants)
        self.query_one("#d-variant").display = has_kinds
        self.query_one("#d-variant-label").display = has_kinds
        if changed:
            self._reset_fields(item)
        else:
            self._show_files(item)

    def show_message(self, title: str, body: str) -> None:
        """Show plain text instead of an item (a section heading or a member warning)."""
        self.show_item(None, {})
        self.query_one("#d-title", Static).update(Text(title, style="bold"))
        self.query_one("#d-how", Static).update(Text(body))

    def _show_text(self, item: ChecklistItem, names: dict[str, str], route: Route | None) -> None:
        requirement = item.requirement
        self.query_one("#d-title", Static).update(item_label(item))

        facts = Text(_("Status:") + " ") + status_text(item.tracking.status)
        bring = bring_sentence(item, route)
        if bring:
            facts.append("\n" + bring)
        if item.shared_with:
            shared = ", ".join(names.get(m, m) for m in item.shared_with)
            facts.append(
                "\n" + _("Household document: one serves {members}.").format(members=shared),
                style="magenta",
            )
        if item.needs_translation:
            done = (
                _("Needs a sworn translation: done.")
                if item.tracking.translated
                else _("Needs a sworn translation: not yet (press t when you have it).")
            )
            facts.append("\n" + done, style="yellow")
        self.query_one("#d-facts", Static).update(facts)

        how = Text()
        if item.provisional:
            how.append(item.provisional + "\n", style="bold yellow")
        how.append(requirement.how_to_get)
        if requirement.caveat:
            how.append("\n" + _("Note: {note}").format(note=requirement.caveat), style="italic")
        self.query_one("#d-how", Static).update(how)
        self.query_one("#d-fresh", Static).update(_freshness(item))
        self.query_one("#d-warnings", Static).update(
            Text(
                "\n".join(f"{LEVEL_SIGNS[w.level]} {w.message}" for w in item.warnings),
                style="yellow",
            )
        )
        source = Text(
            _("Sources (verified {date}; confidence {confidence}):").format(
                date=fmt(requirement.verified_on),
                confidence=confidence_label(requirement.confidence),
            ),
            style="dim",
        )
        for entry in requirement.sources:
            source.append("\n• " + entry.url, style=f"link {entry.url}")
            if entry.note:
                source.append(f" ({entry.note})", style="dim")
        self.query_one("#d-source", Static).update(source)

    def _reset_fields(self, item: ChecklistItem) -> None:
        date_input = self.query_one("#d-date", Input)
        notes = self.query_one("#d-notes", TextArea)
        kinds = self.query_one("#d-variant", Select)
        with self.prevent(Input.Changed, TextArea.Changed, Select.Changed):
            kinds.set_options([(v.label, v.id) for v in item.requirement.variants])
            chosen = item.tracking.variant
            if chosen in {v.id for v in item.requirement.variants}:
                kinds.value = chosen
            else:
                kinds.clear()
            date_input.value = show_date(item.tracking.document_date)
            notes.load_text(item.tracking.notes)
            self.query_one("#d-attach", Input).value = ""
        for static_id in ("#d-date-msg", "#d-notes-msg", "#d-attach-msg"):
            show_problem(self.query_one(static_id, Static), None)
        self._show_files(item)

    def _show_files(self, item: ChecklistItem) -> None:
        files = self.query_one("#d-files", OptionList)
        files.clear_options()
        files.add_options(Option(path) for path in item.tracking.attachments)
        files.display = bool(item.tracking.attachments)

    def show_problem(self, field: str, problem: str) -> None:
        """Show why a change was refused, under the field it came from."""
        target = {"document_date": "#d-date-msg", "notes": "#d-notes-msg"}.get(
            field, "#d-attach-msg"
        )
        self._refuse(self.query_one(target, Static), problem)

    def _refuse(self, message: Static, problem: str) -> None:
        """A refusal of something just submitted, scrolled into view: at 80x24 the pane
        sits under the list, and the attachment line's message fell below its edge."""
        show_problem(message, problem)
        self.call_after_refresh(message.scroll_visible, animate=False)  # once laid out

    # -- editing ------------------------------------------------------------------------

    def _request(self, edit: Edit) -> None:
        self.post_message(EditRequested(self.household_id, edit, shows_problems=True))

    def _edited(self, **changes: Any) -> None:
        if self._item is not None:
            self._request(SetItem(self._member_id, self._item.requirement.id, **changes))

    @on(Input.Changed, "#d-date")
    def _date_changed(self, event: Input.Changed) -> None:
        message = self.query_one("#d-date-msg", Static)
        try:
            day = parse_date(event.value)
        except InputProblem as exc:
            show_problem(message, str(exc))
            return
        show_problem(message, "")
        if self._item is not None and day != self._item.tracking.document_date:
            self._edited(document_date=day)

    @on(Select.Changed, "#d-variant")
    def _variant_chosen(self, event: Select.Changed) -> None:
        chosen = None if event.select.is_blank() else str(event.value)
        if self._item is not None and chosen != self._item.tracking.variant:
            self._edited(variant=chosen)

    @on(TextArea.Changed, "#d-notes")
    def _notes_changed(self) -> None:
        if self._notes_timer is not None:
            self._notes_timer.stop()
        self._notes_timer = self.set_timer(NOTES_DELAY, self.flush_notes)

    def pending_notes(self) -> EditRequested | None:
        """A note typed but not yet sent up, taken now (so it can be saved at once)."""
        if self._notes_timer is not None:
            self._notes_timer.stop()
            self._notes_timer = None
        if self._item is None:
            return None
        text = self.query_one("#d-notes", TextArea).text
        if text == self._item.tracking.notes:
            return None
        edit = SetItem(self._member_id, self._item.requirement.id, notes=text)
        return EditRequested(self.household_id, edit, shows_problems=True)

    def flush_notes(self) -> None:
        """Send up a note being typed (moving to another item must not lose it)."""
        pending = self.pending_notes()
        if pending is not None:
            self.post_message(pending)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "d-notes":
            self.flush_notes()

    @on(Input.Submitted, "#d-attach")
    def _add_attachment(self, event: Input.Submitted) -> None:
        message = self.query_one("#d-attach-msg", Static)
        raw = event.value.strip()
        if not raw or self._item is None:
            return
        path = Path(raw).expanduser()
        try:
            scan_kind(path)
        except ScanProblem as exc:
            self._refuse(message, str(exc))
            return
        resolved = str(path.resolve())
        attachments = self._item.tracking.attachments
        if resolved in attachments:
            self._refuse(message, _("this file is already attached"))
            return
        show_problem(message, "")
        event.input.value = ""
        self._request(AddAttachments(self._member_id, self._item.requirement.id, (resolved,)))

    class BackToList(Message):
        """Escape in one of the pane's fields: the screen puts the focus on its list."""

    def action_back_to_list(self) -> None:
        self.post_message(self.BackToList())

    def action_remove_attachment(self) -> None:
        files = self.query_one("#d-files", OptionList)
        if self._item is None or not files.has_focus or files.highlighted is None:
            return
        edit = RemoveAttachment(self._member_id, self._item.requirement.id, files.highlighted)
        self._request(edit)


def _freshness(item: ChecklistItem) -> Text:
    max_age, fresh = item.max_age, item.freshness
    if fresh is not None and fresh.implausible:
        dated = fmt(fresh.document_date)
        typo = (
            _("Dated {date}, after today: probably a typo, check the year.")
            if fresh.implausible == "future"
            else _("Dated {date}, after the filing day: probably a typo, check the year.")
        )
        return Text(typo.format(date=dated), style="bold red")
    if max_age is None:
        if item.requirement.max_age is not None:
            return Text(_("This kind of document does not go out of date."))
        return Text("")
    text = Text(
        ngettext(
            "Must be less than {months} month old on the day the file is handed in.",
            "Must be less than {months} months old on the day the file is handed in.",
            max_age.months,
        ).format(months=max_age.months)
    )
    if fresh is None or fresh.fresh_until is None:
        text.append("\n" + _("Enter the date printed on it to check."), style="dim")
        return text
    dates = {
        "date": fmt(fresh.document_date),
        "until": fmt(fresh.fresh_until),
        "day": fmt(fresh.judged_on),
    }
    if fresh.ok:
        verdict = _("Dated {date}: fresh until {until} ✓ fine on {day}.").format(**dates)
        text.append("\n" + verdict, style="bold green")
    else:
        verdict = _("Dated {date}: fresh until {until} ✗ too old on {day}.").format(**dates)
        text.append("\n" + verdict, style="bold red")
    return text
