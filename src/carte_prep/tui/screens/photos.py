"""Photos for one member: paper photos for the desk, or the e-photo code for ANEF.

The plan (how many, where, the norms, the code's dates) comes from the engine; this
screen only edits the code and its purchase date, saving as soon as both read well.
"""

from __future__ import annotations

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
from carte_prep.tui.format import InputProblem, parse_date, show_date
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.validation import first_problem, show_problem
from carte_prep.tui.widgets.footer import KeysFooter


class PhotosScreen(DataScreen[None]):
    """What photos the member's route needs, and the e-photo code."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="photos-back"),
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
                    "E-photo code (about 22 letters and digits, on the photo sheet)",
                    classes="field-label",
                )
                yield Input(placeholder="e.g. ZK4M9T2RQX7PB8WN3FHD", id="code", compact=True)
                yield Static("", id="code-msg", classes="field-error", markup=False)
                yield Label("Bought on (dd/mm/yyyy)", classes="field-label")
                yield Input(placeholder="dd/mm/yyyy", id="purchased", compact=True)
                yield Static("", id="purchased-msg", classes="field-error", markup=False)
                yield Static(id="ephoto-dates")
            yield Static(id="norms")
        yield KeysFooter()

    def on_mount(self) -> None:
        application = self._household().member(self.member_id).application
        ephoto = application.ephoto if application else None
        with self.prevent(Input.Changed):
            self.query_one("#code", Input).value = ephoto.code if ephoto else ""
            self.query_one("#purchased", Input).value = show_date(
                ephoto.purchased_on if ephoto else None
            )
        self.refresh_data()

    def _household(self) -> Household:
        return self.session.get(self.household_id)

    def refresh_data(self) -> None:
        household = self._household()
        member = household.member(self.member_id)
        self.title = "Photos"
        self.sub_title = member.display_name
        checklist = build_checklist(household, self.member_id, self.today())
        if checklist is None:
            self.query_one("#plan", Static).update(Text("This member needs no card."))
            return
        plan = checklist.photos
        if plan is None:
            self.query_one("#plan", Static).update(
                Text("This request is not covered here: see the checklist for what to read.")
            )
            self.query_one("#ephoto-form").display = False
            return
        self.query_one("#plan", Static).update(_plan_text(plan))
        self.query_one("#ephoto-form").display = plan.kind == "ephoto"
        self.query_one("#ephoto-dates", Static).update(_ephoto_dates(plan))
        self.query_one("#norms", Static).update(_norms_text(plan))

    @on(Input.Changed, "#code, #purchased")
    def _changed(self) -> None:
        code_msg = self.query_one("#code-msg", Static)
        date_msg = self.query_one("#purchased-msg", Static)
        code = self.query_one("#code", Input).value.strip()
        try:
            purchased = parse_date(self.query_one("#purchased", Input).value)
            show_problem(date_msg, "")
        except InputProblem as exc:
            show_problem(date_msg, str(exc))
            return
        ephoto: EPhoto | None = None
        if code:
            try:
                ephoto = EPhoto(code=code, purchased_on=purchased)
            except ValidationError as exc:
                show_problem(code_msg, first_problem(exc))
                return
        elif purchased is not None:
            show_problem(code_msg, "enter the code too: the date is kept with it")
            return
        show_problem(code_msg, "")
        self._save(ephoto)

    def _save(self, ephoto: EPhoto | None) -> None:
        application = self._household().member(self.member_id).application
        if application is not None and application.ephoto != ephoto:
            self.request(self.household_id, SetEPhoto(self.member_id, ephoto))

    def action_back(self) -> None:
        self.dismiss()


def _plan_text(plan: PhotoPlan) -> Text:
    text = Text()
    if plan.kind == "none":
        text.append("No photo is needed for this procedure.", style="bold")
        return text
    if plan.kind == "paper":
        text.append(f"Bring {plan.count} identical paper photos to the prefecture.", style="bold")
    else:
        text.append(
            "ANEF needs the e-photo code of a digital photo (no paper photo).", style="bold"
        )
    text.append("\nWhere: " + plan.where)
    for note in plan.notes:
        text.append("\n• " + note)
    if plan.caveat:
        text.append("\nNote: " + plan.caveat, style="italic")
    return text


def _norms_text(plan: PhotoPlan) -> Text:
    if plan.kind == "none":
        return Text("")
    text = Text("The norms (ISO/IEC 19794-5):", style="bold")
    for norm in plan.norms:
        text.append("\n• " + norm)
    for source in plan.sources:
        text.append("\n" + source.url, style=f"dim link {source.url}")
    return text


def _ephoto_dates(plan: PhotoPlan) -> Text:
    if plan.ephoto_code is None:
        return Text("No code entered yet: buy it a few days before filing.", style="dim")
    if plan.ephoto_purchased_on is None:
        return Text("Enter the purchase date to see when the code works and expires.", style="dim")
    text = Text(f"Bought on {fmt(plan.ephoto_purchased_on)}")
    if plan.ephoto_active_after:
        text.append(f" · active after {fmt(plan.ephoto_active_after)}")
    if plan.ephoto_expires_on:
        text.append(f" · expires on {fmt(plan.ephoto_expires_on)}", style="bold")
    return text
