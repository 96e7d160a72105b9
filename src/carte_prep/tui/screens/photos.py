"""Photos for one member: paper photos for the desk, or the e-photo code for ANEF.

The plan (how many, where, the norms, the code's dates) comes from the engine; this
screen only edits the code and its purchase date. They are saved on Enter or on leaving
the field, never on each key: the code is single-use and typed once on ANEF, so a stray
key must not replace it, and replacing a saved code asks first (undo takes it back too).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Input, Label, Static

from carte_prep.core import EPhoto, Household, PhotoPlan, build_checklist
from carte_prep.core.dates import fmt
from carte_prep.core.edits import SetEPhoto
from carte_prep.i18n import _, ngettext
from carte_prep.tui.format import InputProblem, parse_date, show_date
from carte_prep.tui.messages import EditRequested, HouseholdSaved
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog
from carte_prep.tui.validation import first_problem, show_problem
from carte_prep.tui.widgets.footer import KeysFooter


class PhotosScreen(DataScreen[None]):
    """What photos the member's route needs, and the e-photo code."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Back"), id="photos-back"),
    ]

    def __init__(self, household_id: str, member_id: str) -> None:
        super().__init__()
        self.household_id = household_id
        self.member_id = member_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="photos"):
            yield Static(id="plan")
            with VerticalScroll(id="ephoto-form"):
                yield Label(
                    _("E-photo code (about 22 letters and digits, on the photo sheet)"),
                    classes="field-label",
                )
                example = _("e.g. {code}").format(code="ZK4M9T2RQX7PB8WN3FHD")
                yield Input(placeholder=example, id="code", compact=True)
                yield Static("", id="code-msg", classes="field-error", markup=False)
                yield Label(_("Bought on (dd/mm/yyyy)"), classes="field-label")
                yield Input(placeholder=_("dd/mm/yyyy"), id="purchased", compact=True)
                yield Static("", id="purchased-msg", classes="field-error", markup=False)
                yield Static(id="ephoto-dates")
            yield Static(id="norms")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._asking = False
        self._show_saved()
        self.refresh_data()
        if self.query_one("#ephoto-form").display:
            self.query_one("#code", Input).focus()  # the one thing to type on this screen

    def _saved_ephoto(self) -> EPhoto | None:
        application = self._household().member(self.member_id).application
        return application.ephoto if application else None

    def _show_saved(self) -> None:
        """Put the saved code and date back in the fields (after a save, undo or 'keep')."""
        ephoto = self._saved_ephoto()
        with self.prevent(Input.Changed):
            self.query_one("#code", Input).value = ephoto.code if ephoto else ""
            self.query_one("#purchased", Input).value = show_date(
                ephoto.purchased_on if ephoto else None
            )
        show_problem(self.query_one("#code-msg", Static), "")
        show_problem(self.query_one("#purchased-msg", Static), "")

    def _household(self) -> Household:
        return self.session.get(self.household_id)

    def refresh_data(self) -> None:
        household = self._household()
        member = household.member(self.member_id)
        self.title = _("Photos")
        self.sub_title = member.display_name
        checklist = build_checklist(household, self.member_id, self.today())
        if checklist is None:
            self.query_one("#plan", Static).update(Text(_("This member needs no card.")))
            return
        plan = checklist.photos
        if plan is None:
            self.query_one("#plan", Static).update(
                Text(_("This request is not covered here: see the checklist for what to read."))
            )
            self.query_one("#ephoto-form").display = False
            return
        self.query_one("#plan", Static).update(_plan_text(plan))
        self.query_one("#ephoto-form").display = plan.kind == "ephoto"
        self.query_one("#ephoto-dates", Static).update(_ephoto_dates(plan))
        self.query_one("#norms", Static).update(_norms_text(plan))

    def household_saved(self, message: HouseholdSaved) -> None:
        del message
        self._show_saved()
        self.refresh_data()

    @on(Input.Changed, "#code, #purchased")
    def _changed(self) -> None:
        self._typed()

    def _typed(self) -> EPhoto | str | None:
        """What the fields say: a code, None (no code), or the problem shown under a field."""
        code_msg = self.query_one("#code-msg", Static)
        date_msg = self.query_one("#purchased-msg", Static)
        code = self.query_one("#code", Input).value.strip()
        try:
            purchased = parse_date(self.query_one("#purchased", Input).value)
            show_problem(date_msg, "")
        except InputProblem as exc:
            show_problem(date_msg, str(exc))
            return str(exc)
        ephoto: EPhoto | None = None
        if code:
            try:
                ephoto = EPhoto(code=code, purchased_on=purchased)
            except ValidationError as exc:
                problem = first_problem(exc)
                show_problem(code_msg, problem)
                return problem
        elif purchased is not None:
            problem = _("enter the code too: the date is kept with it")
            show_problem(code_msg, problem)
            return problem
        show_problem(code_msg, "")
        return ephoto

    @on(Input.Submitted, "#code, #purchased")
    def _submitted(self) -> None:
        self._commit()

    @on(Input.Blurred, "#code, #purchased")
    def _left(self) -> None:
        if self.is_current:
            self._commit()

    def _commit(self, then: Callable[[], None] | None = None) -> None:
        """Save what the fields say; a saved code is replaced or cleared only once agreed."""
        done = then or (lambda: None)
        typed, saved = self._typed(), self._saved_ephoto()
        if self._asking or isinstance(typed, str) or typed == saved:
            done()
            return
        if saved is None or (typed is not None and typed.code == saved.code):
            self.request(self.household_id, SetEPhoto(self.member_id, typed))
            done()
            return

        def answered(replace: bool | None) -> None:
            self._asking = False
            if replace:
                self.request(self.household_id, SetEPhoto(self.member_id, typed))
            else:
                self._show_saved()
            done()

        self._asking = True
        question = (
            _(
                "Replace the saved e-photo code {old} with {new}? "
                "The code is used once on ANEF; ctrl+z takes it back."
            ).format(old=saved.code, new=typed.code)
            if typed
            else _(
                "Replace the saved e-photo code {old} with no code? "
                "The code is used once on ANEF; ctrl+z takes it back."
            ).format(old=saved.code)
        )
        self.app.push_screen(
            ConfirmDialog(question, yes=_("Replace"), no=_("Keep the saved code")),
            answered,
        )

    def pending_edits(self) -> list[EditRequested]:
        """A first code typed but not yet saved (the app is ending); a replacement waits."""
        typed, saved = self._typed(), self._saved_ephoto()
        if saved is None and isinstance(typed, EPhoto):
            return [EditRequested(self.household_id, SetEPhoto(self.member_id, typed))]
        return []

    def action_back(self) -> None:
        """Escape: save and leave; something typed that is not valid is asked about first."""
        typed = self._typed()
        if isinstance(typed, str):

            def answered(leave: bool | None) -> None:
                if leave:
                    self._leave()
                else:
                    self.query_one("#code", Input).focus()

            self.app.push_screen(
                ConfirmDialog(
                    _("What you typed cannot be saved yet: {problem}. Leave without it?").format(
                        problem=typed
                    ),
                    yes=_("Leave without saving"),
                    no=_("Go back to fix it"),
                ),
                answered,
            )
            return
        self._commit(then=self._leave)

    def _leave(self) -> None:
        self.dismiss()


def _plan_text(plan: PhotoPlan) -> Text:
    text = Text()
    if plan.kind == "none":
        text.append(_("No photo is needed for this procedure."), style="bold")
        return text
    if plan.kind == "paper":
        text.append(
            ngettext(
                "Bring {count} identical paper photo to the prefecture.",
                "Bring {count} identical paper photos to the prefecture.",
                plan.count,
            ).format(count=plan.count),
            style="bold",
        )
    else:
        text.append(
            _("ANEF needs the e-photo code of a digital photo (no paper photo)."), style="bold"
        )
    text.append("\n" + _("Where: {where}").format(where=plan.where))
    for note in plan.notes:
        text.append("\n• " + note)
    if plan.caveat:
        text.append("\n" + _("Note: {note}").format(note=plan.caveat), style="italic")
    return text


def _norms_text(plan: PhotoPlan) -> Text:
    if plan.kind == "none":
        return Text("")
    text = Text(_("The norms (ISO/IEC 19794-5):"), style="bold")
    for norm in plan.norms:
        text.append("\n• " + norm)
    for source in plan.sources:
        text.append("\n" + source.url, style=f"dim link {source.url}")
    return text


def _ephoto_dates(plan: PhotoPlan) -> Text:
    if plan.ephoto_code is None:
        return Text(_("No code entered yet: buy it a few days before filing."), style="dim")
    if plan.ephoto_purchased_on is None:
        return Text(
            _("Enter the purchase date to see when the code works and expires."), style="dim"
        )
    text = Text(_("Bought on {date}").format(date=fmt(plan.ephoto_purchased_on)))
    if plan.ephoto_active_after:
        text.append(" · " + _("active after {date}").format(date=fmt(plan.ephoto_active_after)))
    if plan.ephoto_expires_on:
        expires = _("expires on {date}").format(date=fmt(plan.ephoto_expires_on))
        text.append(" · " + expires, style="bold")
    return text
