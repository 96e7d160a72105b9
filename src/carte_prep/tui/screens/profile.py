"""The profile editor: add a member or change one, step by step, saved as it becomes valid.

Every field is checked as it is typed, by the model itself (pydantic), and its message is
shown under the field in plain words. As soon as the whole profile is valid, leaving a
field (or picking a choice) saves it, and the preview line shows the checklist it gives.

A step's widgets are built the first time the step is shown: building all six steps up
front (over a thousand widgets with the département list) made the editor take about a
second to open. Fields of steps not built yet keep their saved value.
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Checkbox,
    Header,
    Input,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from carte_prep.core import Checklist, Household, Member, build_checklist, load_catalogue
from carte_prep.core.countries import country_name
from carte_prep.core.dates import fmt
from carte_prep.core.edits import AddMember, UpdateMember
from carte_prep.core.entry import entry_problems
from carte_prep.core.households import upsert_member
from carte_prep.core.model import Application
from carte_prep.core.procedure import decide_procedure, likely_appointment_kind
from carte_prep.present import FILED_AT
from carte_prep.tui.format import InputProblem, parse_date, show_date
from carte_prep.tui.forms import convert, get_in, set_in
from carte_prep.tui.messages import EditRefused, HouseholdSaved
from carte_prep.tui.profile_fields import (
    APP,
    APPT,
    CUR,
    STEPS,
    FieldSpec,
    Path,
    all_fields,
    owner_presence,
)
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog
from carte_prep.tui.validation import problems, show_problem
from carte_prep.tui.widgets.departement import DepartementPicker
from carte_prep.tui.widgets.footer import KeysFooter

ENTRY_FIELDS: dict[str, Path] = {
    "card_type": (*APP, "card_type"),
    "current_card.card_type": (*CUR, "card_type"),
    "departement": (*APP, "departement"),
    "request": (*APP, "request"),
}
"""Where each catalogue check made at entry (core.entry) is shown in the form."""

SPECS: dict[Path, FieldSpec] = {spec.path: spec for spec in all_fields()}
"""Every field by its path, to find the parts a built field depends on."""


class ProfileScreen(DataScreen[str | None]):
    """Edit a member (``member_id``) or add one (``None``); returns the new member's id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Done", id="profile-done"),
        Binding("pagedown", "step(1)", "Next step", id="next-step", priority=True),
        Binding("pageup", "step(-1)", "Previous step", id="previous-step", priority=True),
    ]

    def __init__(self, household_id: str, member_id: str | None) -> None:
        super().__init__()
        self.household_id = household_id
        self.member_id = member_id
        self._is_new = member_id is None
        self._local: dict[Path, str] = {}
        self._errors: dict[Path, str] = {}
        self._valid_member: Member | None = None
        self._would_be: Checklist | None = None
        """The checklist of the valid member the form holds, as a preview."""
        self._inputs: dict[Path, Widget] = {}
        self._messages: dict[Path, Static] = {}
        self._boxes: dict[Path, Widget] = {}
        self._started: set[int] = set()
        """Steps whose widgets are being (or were) mounted: each is built once."""
        self._built: set[int] = set()
        """Steps whose widgets are mounted and registered in the dicts above."""

    # -- building -----------------------------------------------------------------------

    def _household(self) -> Household:
        return self.session.get(self.household_id)

    def _base(self) -> dict[str, Any]:
        """The saved member as data, or sensible starting values for a new one."""
        household = self._household()
        if self.member_id is not None:
            return household.member(self.member_id).model_dump(mode="json")
        first = household.members[0] if household.members else None
        application = first.application if first else None
        card_id = application.card_type if application else next(iter(load_catalogue().cards))
        return {
            "id": "",
            "given_names": "",
            "nationality": first.nationality if first else "",
            "birth_date": None,
            "relationship": "spouse" if first else "self",
            "application": {
                "card_type": card_id,
                "request": "card",
                "departement": application.departement if application else None,
            },
        }

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="steps"):
            for number, step in enumerate(STEPS):
                with TabPane(f"{number + 1} {step.title}", id=f"step-{number}"):
                    yield VerticalScroll(classes="step", id=f"pane-{number}")
        yield Static(id="preview")
        yield KeysFooter()

    def _step_widgets(self, number: int, base: dict[str, Any]) -> list[Widget]:
        step = STEPS[number]
        widgets: list[Widget] = []
        if step.intro:
            widgets.append(Static(Text(step.intro, style="italic"), classes="step-intro"))
        widgets.append(
            Static(
                Text("This member applies for no card: switch it on in step 2."),
                id=f"absent-{number}",
                classes="absent",
            )
        )
        widgets.extend(self._field(spec, base) for spec in self._step_fields(number))
        widgets.extend(Static(id=f"x-{extra}", classes="extra") for extra in step.extra)
        return widgets

    def _field(self, spec: FieldSpec, base: dict[str, Any]) -> Vertical:
        value = get_in(base, spec.path)
        children: list[Widget] = []
        if spec.kind not in {"flag", "presence"}:
            children.append(Label(spec.label, classes="field-label", markup=False))
        children.append(self._widget(spec, value))
        children.append(Static("", id=spec.error_id, classes="field-error", markup=False))
        if spec.help:
            children.append(Static(Text(spec.help, style="dim"), classes="field-help"))
        classes = "field " + " ".join("under-" + "-".join(p) for p in owner_presence(spec))
        return Vertical(*children, classes=classes.strip(), id=f"box-{spec.widget_id}")

    def _widget(self, spec: FieldSpec, value: Any) -> Widget:
        match spec.kind:
            case "text":
                return Input(value or "", id=spec.widget_id, compact=True)
            case "date":
                day = parse_date(value) if value else None
                return Input(
                    show_date(day), placeholder="dd/mm/yyyy", id=spec.widget_id, compact=True
                )
            case "time":
                return Input(
                    (value or "")[:5], placeholder="hh:mm", id=spec.widget_id, compact=True
                )
            case "flag" | "presence":
                return Checkbox(spec.label, bool(value), id=spec.widget_id, compact=True)
            case "departement":
                return DepartementPicker(value, id=spec.widget_id)
            case "held":
                kind = value.get("kind", "card") if isinstance(value, dict) else None
                return self._select(spec, kind, optional=True)
            case "choice":
                if spec.path == (*APPT, "kind") and value is None:
                    value = likely_appointment_kind(
                        self._valid_member.application if self._valid_member else None
                    )
                return self._select(spec, value, optional=spec.optional)

    def _select(self, spec: FieldSpec, value: Any, *, optional: bool) -> Select[Any]:
        keys = [key for key, _ in spec.choices]
        initial = value if value in keys else (Select.NULL if optional else keys[0])
        return Select(
            [(Text(label), key) for key, label in spec.choices],
            allow_blank=optional,
            prompt=spec.prompt,
            value=initial,
            id=spec.widget_id,
            compact=True,
        )

    async def on_mount(self) -> None:
        self.title = "New member" if self._is_new else "Profile"
        self.refresh_data()
        await self._build(0)

    @on(TabbedContent.TabActivated, "#steps")
    async def _step_shown(self, event: TabbedContent.TabActivated) -> None:
        await self._build(int((event.pane.id or "step-0").removeprefix("step-")))

    async def _build(self, number: int) -> None:
        """Mount a step's fields the first time it is shown, then check the whole form."""
        if number in self._started:
            return
        self._started.add(number)
        pane = self.query_one(f"#pane-{number}", VerticalScroll)
        await pane.mount_all(self._step_widgets(number, self._base()))
        for spec in self._step_fields(number):
            self._inputs[spec.path] = self.query_one(f"#{spec.widget_id}")
            self._messages[spec.path] = self.query_one(f"#{spec.error_id}", Static)
            self._boxes[spec.path] = self.query_one(f"#box-{spec.widget_id}")
        self._built.add(number)
        self._check()

    def refresh_data(self) -> None:
        household = self.session.households.get(self.household_id)
        members = household.members if household else []
        member = next((m for m in members if m.id == self.member_id), None)
        if self.member_id is not None and not self._is_new and member is None:
            self.dismiss(None)  # removed meanwhile (an undo)
            return
        if member is not None:
            self.sub_title = member.display_name

    # -- reading the form ---------------------------------------------------------------

    def _shown(self) -> list[FieldSpec]:
        return [s for s in all_fields() if self._is_new or not s.new_only]

    def _step_fields(self, number: int) -> list[FieldSpec]:
        return [s for s in STEPS[number].fields if self._is_new or not s.new_only]

    def _raw(self, spec: FieldSpec) -> Any:
        widget = self._inputs[spec.path]
        if isinstance(widget, Checkbox):
            return widget.value
        if isinstance(widget, DepartementPicker):
            return widget.code
        if isinstance(widget, Select):
            return None if widget.is_blank() else widget.value
        assert isinstance(widget, Input)
        return widget.value

    def _convert(self, spec: FieldSpec, raw: Any) -> Any:
        """A field's value as the member's data holds it (dates and times as ISO text)."""
        if spec.kind in {"date", "time"}:
            parsed = convert("date" if spec.kind == "date" else "time", raw)
            return parsed.isoformat() if parsed else None
        if spec.kind == "text":
            text = convert("text", str(raw))
            return "" if text is None and spec.required else text
        return raw

    def _candidate(self) -> dict[str, Any]:
        """The member as the form says now; unreadable dates go to ``self._local``."""
        data = copy.deepcopy(self._base())
        self._local = {}
        switched_off: list[Path] = []
        for spec in self._shown():
            if any(p in switched_off for p in owner_presence(spec)):
                continue
            if spec.path not in self._inputs:  # its step is not built: the saved value stays
                if spec.kind in ("presence", "held") and get_in(data, spec.path) is None:
                    switched_off.append(spec.path)
                continue
            raw = self._raw(spec)
            if spec.kind in ("presence", "held"):
                if not raw:
                    switched_off.append(spec.path)
                    set_in(data, spec.path, None)
                    continue
                if not isinstance(get_in(data, spec.path), dict):
                    set_in(data, spec.path, {})
                if spec.kind == "held":
                    set_in(data, (*spec.path, "kind"), raw)
                continue
            try:
                set_in(data, spec.path, self._convert(spec, raw))
            except InputProblem as exc:
                self._local[spec.path] = str(exc)
        if data.get("nationality"):
            data["nationality_as_written"] = None  # a country is chosen: the old text is done
        return data

    # -- checking and saving ------------------------------------------------------------

    def _check(self) -> Member | None:
        """Validate the whole form, show each field's problem, and return the valid member."""
        data = self._candidate()
        errors: dict[Path, str] = dict(self._local)
        member: Member | None = None
        try:
            member = Member.model_validate(data)
        except ValidationError as exc:
            for loc, message in problems(exc).items():
                errors.setdefault(self._field_for(loc), message)
        if member is not None and member.application is not None:
            for field, message in entry_problems(
                member.application, nationality=member.nationality
            ).items():
                errors.setdefault(ENTRY_FIELDS[field], message)
        if errors:
            member = None
        self._errors = errors
        self._valid_member = member
        self._would_be = self._would_give(member)
        for path, target in self._messages.items():
            if str(target.render()) != errors.get(path, ""):
                show_problem(target, errors.get(path))
        self._show_optional_parts(data)
        self._show_extras(data)
        self._show_preview(member)
        return member

    def _field_for(self, loc: tuple[str, ...]) -> Path:
        shown = {s.path for s in self._shown()}
        for length in range(len(loc), 0, -1):
            if loc[:length] in shown:
                return loc[:length]
        return ("given_names",)

    def _commit(self) -> None:
        """Ask to save the profile if it is valid and differs from what is saved.

        A new member is taken as added at once (the id field closes), so that changes
        typed while the app saves it follow as changes of that member, in order.
        """
        member = self._check()
        if member is None:
            return
        household = self._household()
        if self.member_id is None:
            if member.id in {m.id for m in household.members}:
                show_problem(self.query_one("#e-id", Static), "is already used in the household")
                return
            self.member_id = member.id
            self.query_one("#f-id", Input).disabled = True
            self.request(self.household_id, AddMember(member), shows_problems=True)
            return
        saved = next((m for m in household.members if m.id == self.member_id), None)
        if saved is not None and saved != member:
            self.request(self.household_id, UpdateMember(member), shows_problems=True)

    def household_saved(self, message: HouseholdSaved) -> None:
        edit = message.edit
        if isinstance(edit, AddMember) and edit.member.id == self.member_id:
            self.notify(f"Added {edit.member.display_name}.", markup=False, timeout=3)
        self.refresh_data()
        self._would_be = self._would_give(self._valid_member)
        self._show_preview(self._valid_member)

    def edit_refused(self, message: EditRefused) -> None:
        """Say why under the field; a member that could not be added is not added."""
        if isinstance(message.edit, AddMember) and message.edit.member.id == self.member_id:
            self.member_id = None
            self.query_one("#f-id", Input).disabled = False
        field = tuple(message.field.split(".")) if message.field else ("given_names",)
        target = self._messages.get(self._field_for(field))
        if target is None:
            super().edit_refused(message)
            return
        show_problem(target, message.problem)

    # -- showing ------------------------------------------------------------------------

    def _show_optional_parts(self, data: dict[str, Any]) -> None:
        """Hide the fields of parts switched off (in ``data``, the form as it stands)."""
        application_on = get_in(data, APP) is not None
        for number in self._built:
            self.query_one(f"#absent-{number}").display = (
                STEPS[number].presence == APP and not application_on
            )
        application = get_in(data, APP) or {}
        for path, box in self._boxes.items():
            spec = SPECS[path]
            owners = owner_presence(spec)
            box.display = all(get_in(data, p) is not None for p in owners) and (
                spec.relevant is None or spec.relevant(application)
            )
        route_box = self._boxes.get((*APP, "route_choice"))
        if route_box is not None:
            route_box.display = route_box.display and self._route_is_choice()

    def _route_is_choice(self) -> bool:
        """The route can be chosen for the answers as they stand (the engine says so)."""
        route = self._would_be.route if self._would_be else None
        return route is not None and route.choosable

    def _would_give(self, member: Member | None) -> Checklist | None:
        """The checklist the form's member would have (nothing is saved)."""
        if member is None:
            return None
        household = upsert_member(self._household(), member)
        return build_checklist(household, member.id, self.today())

    def _show_extras(self, data: dict[str, Any]) -> None:
        catalogue = load_catalogue()
        card_id = get_in(data, (*APP, "card_type"))
        summary = Text()
        if card_id in catalogue.cards:
            card = catalogue.cards[card_id]
            summary.append(card.name_fr + "\n", style="bold")
            summary.append(card.summary)
        extras = {
            "card-summary": summary,
            "procedure-meaning": _procedure_text(self._valid_member),
            "numero-hint": _numero_hint(get_in(data, CUR)),
        }
        for name, content in extras.items():
            for target in self.query(f"#x-{name}").results(Static):
                target.update(content)

    def _show_preview(self, member: Member | None) -> None:
        preview = self.query_one("#preview", Static)
        if member is None:
            steps = sorted(
                {
                    n + 1
                    for n, step in enumerate(STEPS)
                    for s in step.fields
                    if s.path in self._errors
                }
            )
            where = ", ".join(f"step {n}" for n in steps)
            preview.update(
                Text(f"Not saved yet: fix the fields marked in red ({where}).", style="bold red")
            )
            return
        checklist = self._would_be
        if checklist is None:
            preview.update(Text("Saved as you go. This member needs no card, so no checklist."))
            return
        if checklist.route is None or checklist.fee is None:
            preview.update(
                Text(f"Saved. Not covered here: {checklist.decision.reason}", style="bold red")
            )
            return
        preview.update(
            Text(
                f"Saved as you go. Checklist: {len(checklist.items)} documents, "
                f"{FILED_AT[checklist.route.route]}, judged on {fmt(checklist.judged_on)}; "
                f"fee €{checklist.fee.total}.",
                style="green",
            )
        )

    # -- events -------------------------------------------------------------------------

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("f-"):
            self._check()

    @on(Input.Submitted)
    @on(DepartementPicker.Changed)
    def _committed(self) -> None:
        self._commit()

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        """Switching off a part that holds saved details asks first: they would be lost."""
        spec = next((s for s in self._shown() if s.widget_id == event.checkbox.id), None)
        saved = self._base() if self.member_id is not None else {}
        if spec is None or spec.kind != "presence" or event.value or not get_in(saved, spec.path):
            self._commit()
            return
        checkbox = event.checkbox

        def answered(sure: bool | None) -> None:
            if sure:
                self._commit()
                return
            with self.prevent(Checkbox.Changed):
                checkbox.value = True
            self._check()

        self.app.push_screen(
            ConfirmDialog(
                f"Switch off “{spec.label}”? The details saved in this part are removed.",
                yes="Remove them",
                no="Keep",
            ),
            answered,
        )

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        """Saying one holds nothing any more asks first when the card's details are saved."""
        spec = next((s for s in self._shown() if s.widget_id == event.select.id), None)
        saved = self._base() if self.member_id is not None else {}
        held = get_in(saved, CUR)
        details = isinstance(held, dict) and any(
            held.get(k) for k in ("numero_etranger", "valid_from", "valid_until", "issued_on")
        )
        if spec is None or spec.kind != "held" or not event.select.is_blank() or not details:
            self._commit()
            return
        select: Select[Any] = event.select

        def answered(sure: bool | None) -> None:
            if sure:
                self._commit()
                return
            with self.prevent(Select.Changed):
                select.value = held.get("kind", "card") if isinstance(held, dict) else "card"
            self._check()

        self.app.push_screen(
            ConfirmDialog(
                "Say you hold nothing today? The dates and number saved for your current card "
                "are removed.",
                yes="Remove them",
                no="Keep",
            ),
            answered,
        )

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, Input) and (event.widget.id or "").startswith("f-"):
            self._commit()

    def action_step(self, step: int) -> None:
        tabs = self.query_one("#steps", TabbedContent)
        current = int((tabs.active or "step-0").removeprefix("step-"))
        tabs.active = f"step-{(current + step) % len(STEPS)}"

    def action_done(self) -> None:
        self._commit()
        if self._valid_member is not None or (
            self._is_new and self.member_id is None and not self._touched()
        ):
            self.dismiss(self.member_id if self._is_new else None)
            return

        def leave(sure: bool | None) -> None:
            if sure:
                self.dismiss(self.member_id if self._is_new else None)

        self.app.push_screen(
            ConfirmDialog(
                "Some fields are not valid, so the last changes were not saved.\n"
                "Leave anyway (what was saved before stays)?",
                yes="Leave",
                no="Stay and fix",
            ),
            leave,
        )

    def _touched(self) -> bool:
        return bool(self.query_one("#f-given-names", Input).value.strip())


def _procedure_text(member: Member | None) -> Text:
    """The path the answers give, and why, in the person's words."""
    application: Application | None = member.application if member else None
    if application is None:
        return Text("")
    decision = decide_procedure(application, nationality=member.nationality if member else None)
    text = Text(f"Procedure: {decision.label}. ", style="bold")
    text.append(decision.why, style="italic")
    for assumption in decision.assumptions:
        text.append("\n" + assumption, style="dim")
    if member is not None and member.nationality:
        text.append(f"\nNationality: {country_name(member.nationality)}.", style="dim")
    return text


def _numero_hint(card: dict[str, Any] | None) -> Text:
    """Where the numéro étranger is printed, for the card model of its issue date."""
    issued = card.get("issued_on") if card else None
    if not issued:
        return Text(
            "Enter the date the card was issued to see where its numéro étranger is printed.",
            style="dim",
        )
    model = load_catalogue().generation_for(parse_date(issued))
    if model is None:
        return Text("This date is before the card models carte-prep knows.", style="dim")
    text = Text(f"Card model: {model.label}.\n", style="bold")
    text.append("Where the numéro étranger is: " + model.where_numero)
    return text
