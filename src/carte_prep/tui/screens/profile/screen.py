"""The profile editor: add a member or change one, step by step, saved as it becomes valid.

Every field is checked as it is typed, by the model itself (pydantic); a problem is shown
under its field, in plain words, once the field has been touched (or when the person
presses Escape to leave), never on a form just opened. As soon as the whole profile is
valid, leaving a field (or picking a choice) saves it, and the preview line shows the
checklist it gives. A new member's id is made from their given names.

The cursor is always in a field: the first one on opening and after each step change.
Page keys change step from anywhere; they and Tab are priority keys, handled before any
later keystroke is passed on, so fast typing never lands in the field just left.

A step's widgets are built the first time the step is shown: building all six steps up
front (over a thousand widgets with the département list) made the editor take about a
second to open. Fields of steps not built yet keep their saved value.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Checkbox, Header, Input, Select, Static, TabbedContent, TabPane

from carte_prep.core.edits import AddMember, UpdateMember
from carte_prep.core.member_fields import CUR, STEPS, FieldSpec, Path
from carte_prep.core.procedure import likely_appointment_kind
from carte_prep.core.sanity import Doubt
from carte_prep.i18n import N_, _
from carte_prep.tui.forms import get_in
from carte_prep.tui.messages import EditRefused, HouseholdSaved
from carte_prep.tui.screens.dialogs import ConfirmDialog
from carte_prep.tui.screens.profile import texts
from carte_prep.tui.screens.profile.form import SPECS, ProfileForm
from carte_prep.tui.screens.profile.widgets import (
    StepPane,
    StepTabs,
    field_box,
    focus_target,
    refill_widget,
)
from carte_prep.tui.validation import show_problem
from carte_prep.tui.widgets.departement import DepartementPicker
from carte_prep.tui.widgets.footer import KeysFooter

STEP_GUARD = 2.0
"""Seconds a step change waits at most for the tabs to show the step (they answer at once)."""


class ProfileScreen(ProfileForm):
    """Edit a member (``member_id``) or add one (``None``); returns the new member's id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "done", _("Done"), id="profile-done", tooltip=_("Save and close the form")
        ),
        Binding("pagedown", "step(1)", _("Next step"), id="next-step", priority=True),
        Binding("pageup", "step(-1)", _("Previous step"), id="previous-step", priority=True),
        Binding(
            "ctrl+z",
            "undo_form",
            _("Undo"),
            id="profile-undo",
            tooltip=_("Take back the last change saved from this form"),
        ),
    ]

    HELP_TEXT: ClassVar[str] = N_(
        "In the profile: Tab and shift+tab move from field to field, pagedown and pageup "
        "change step (from any field), Enter or leaving a field saves it once the profile "
        "is valid, ctrl+z undoes the last change saved from this form, and Escape saves "
        "and closes. A field's problem shows under it once you have been in it."
    )
    """Shown in the help (?) under the keys every screen shares."""

    def __init__(self, household_id: str, member_id: str | None) -> None:
        super().__init__(household_id, member_id)
        self._started: set[int] = set()
        """Steps whose widgets are being (or were) mounted: each is built once."""
        self._saves = 0
        """Changes saved from this form, which its undo may take back."""
        self._step_waiter: tuple[int, asyncio.Event] | None = None
        """The step action_step waits to see shown: the tabs switch in their own task, and
        a second pagedown must start from the step the first one reached."""
        self._focus_waiter: tuple[Widget, asyncio.Event] | None = None
        """The field action_step waits to see focused (the tabs follow the focus)."""

    # -- building -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with StepTabs(id="steps"):
            for number, step in enumerate(STEPS):
                with TabPane(f"{number + 1} {_(step.title)}", id=f"step-{number}"):
                    yield StepPane(classes="step", id=f"pane-{number}")
        yield Static(id="preview")
        yield KeysFooter()

    def _step_widgets(self, number: int, base: dict[str, Any]) -> list[Widget]:
        step = STEPS[number]
        widgets: list[Widget] = []
        if step.intro:
            widgets.append(Static(_(step.intro), classes="step-intro", markup=False))
        widgets.append(
            Static(
                _("This member applies for no card: switch it on in step 2."),
                id=f"absent-{number}",
                classes="absent",
                markup=False,
            )
        )
        kind = likely_appointment_kind(
            self._valid_member.application if self._valid_member else None
        )
        widgets.extend(
            field_box(spec, get_in(base, spec.path), appointment_kind=kind)
            for spec in self._step_fields(number)
        )
        widgets.extend(Static(id=f"x-{extra}", classes="extra") for extra in step.extra)
        return widgets

    async def on_mount(self) -> None:
        self.title = _("New member") if self._is_new else _("Profile")
        if self.member_id is not None:
            self._opened = self._household().member(self.member_id)
        self.refresh_data()
        await self._build(0)
        self._focus_first(0)

    @on(TabbedContent.TabActivated, "#steps")
    async def _step_shown(self, event: TabbedContent.TabActivated) -> None:
        """A step chosen with the mouse: build it, and put the cursor in it."""
        number = int((event.pane.id or "step-0").removeprefix("step-"))
        if self._step_waiter is not None and self._step_waiter[0] == number:
            self._step_waiter[1].set()  # action_step goes on (it builds and focuses)
            return
        await self._build(number)
        pane = self.query_one(f"#pane-{number}")
        if self.focused is None or pane not in self.focused.ancestors:
            self._focus_first(number)

    async def _build(self, number: int) -> None:
        """Mount a step's fields the first time it is shown, then check the whole form."""
        if number in self._started:
            return
        self._started.add(number)
        pane = self.query_one(f"#pane-{number}", StepPane)
        await pane.mount_all(self._step_widgets(number, self._base()))
        for spec in self._step_fields(number):
            self._inputs[spec.path] = self.query_one(f"#{spec.widget_id}")
            self._messages[spec.path] = self.query_one(f"#{spec.error_id}", Static)
            self._boxes[spec.path] = self.query_one(f"#box-{spec.widget_id}")
        self._built.add(number)
        self._check()

    def _focus_first(self, number: int) -> Widget:
        """The cursor in the step's first field shown (the tab bar when it has none).

        Set at once (``Widget.focus`` waits for the app's queue, behind keys already typed).
        """
        target: Widget = self.query_one("#steps", TabbedContent).query_one("Tabs")
        for spec in self._step_fields(number):
            box = self._boxes.get(spec.path)
            if box is not None and box.display:
                target = focus_target(self._inputs[spec.path])
                break
        self.set_focus(target, scroll_visible=False)
        return target

    def refresh_data(self) -> None:
        household = self.session.households.get(self.household_id)
        members = household.members if household else []
        member = next((m for m in members if m.id == self.member_id), None)
        if self.member_id is not None and member is None:
            if not self._is_new:
                self.dismiss(None)  # removed meanwhile (an undo elsewhere)
                return
            self.member_id = None  # the new member's adding was undone: not added yet
        if member is not None:
            self.sub_title = member.display_name

    # -- saving ----------------------------------------------------------------------

    def _commit(self) -> None:
        """Ask to save the profile if it is valid and differs from what is saved.

        A new member is taken as added at once, so that changes typed while the app saves
        it follow as changes of that member, in order.
        """
        member = self._check()
        if member is None:
            return
        household = self._household()
        saved = next((m for m in household.members if m.id == self.member_id), None)
        if saved is not None and saved == member:
            return
        if self.member_id is None:
            self.member_id = member.id
            self.request(self.household_id, AddMember(member), shows_problems=True)
            return
        self.request(self.household_id, UpdateMember(member), shows_problems=True)

    def _ask(self, doubts: list[Doubt]) -> None:
        """Confirm unusual answers; "no" stays in the form, with the cursor on the first."""

        def answered(sure: bool | None) -> None:
            if sure:
                self.dismiss(self.member_id if self._is_new else None)
                return
            self.call_later(self._go_to, tuple(doubts[0].field.split(".")))

        self.app.push_screen(
            ConfirmDialog(
                "\n\n".join(d.question for d in doubts),
                yes=_("Yes, that is right"),
                no=_("No, let me fix it"),
            ),
            answered,
        )

    async def _go_to(self, path: Path) -> None:
        """Show the step of a field (built if need be) with the cursor in that field."""
        number = next(n for n, step in enumerate(STEPS) if any(s.path == path for s in step.fields))
        self.query_one("#steps", TabbedContent).active = f"step-{number}"
        await self._build(number)
        if path in self._inputs:
            focus_target(self._inputs[path]).focus()

    def household_saved(self, message: HouseholdSaved) -> None:
        edit = message.edit
        if isinstance(edit, AddMember | UpdateMember) and edit.member.id == self.member_id:
            self._saves += 1
        if isinstance(edit, AddMember) and edit.member.id == self.member_id:
            self.notify(
                _("Added {name}.").format(name=edit.member.display_name), markup=False, timeout=3
            )
        self.refresh_data()
        self._would_be = self._would_give(self._valid_member)
        self._show_preview(self._valid_member)

    def edit_refused(self, message: EditRefused) -> None:
        """Say why under the field; a member that could not be added is not added."""
        if isinstance(message.edit, AddMember) and message.edit.member.id == self.member_id:
            self.member_id = None
        field = tuple(message.field.split(".")) if message.field else ("given_names",)
        path = self._field_for(field)
        target = self._messages.get(path)
        if target is None:
            super().edit_refused(message)
            return
        show_problem(target, texts.plain_problem(message.problem))

    def action_undo_form(self) -> None:
        """Undo what this form saved, last first; changes made on other screens stay."""
        if self._saves == 0:
            self.notify(_("Nothing to undo in this form."), timeout=3)
            return
        self._saves -= 1
        undo = getattr(self.app, "action_undo", None)
        if callable(undo):
            undo()
        self._refill()

    def _refill(self) -> None:
        """Show the saved member in every built field again (after an undo)."""
        base = self._base()
        with self.prevent(Input.Changed, Checkbox.Changed, Select.Changed):
            for path, widget in self._inputs.items():
                refill_widget(widget, SPECS[path], get_in(base, path))
        self._check()

    # -- events -------------------------------------------------------------------------

    def _spec_of(self, widget: Widget | None) -> FieldSpec | None:
        while widget is not None and not (widget.id or "").startswith("f-"):
            parent = widget.parent
            widget = parent if isinstance(parent, Widget) else None
        return next((s for s in self._shown() if widget and s.widget_id == widget.id), None)

    def _touch(self, widget: Widget | None) -> None:
        spec = self._spec_of(widget)
        if spec is not None:
            self._touched.add(spec.path)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input.has_focus:
            self._touch(event.input)
        if (event.input.id or "").startswith("f-"):
            self._check()

    @on(Input.Submitted)
    @on(DepartementPicker.Changed)
    def _committed(self, event: Input.Submitted | DepartementPicker.Changed) -> None:
        self._touch(event.control)
        self._commit()

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        """Switching off a part that holds saved details asks first: they would be lost."""
        self._touch(event.checkbox)
        spec = self._spec_of(event.checkbox)
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
                _("Switch off “{field}”? The details saved in this part are removed.").format(
                    field=_(spec.label)
                ),
                yes=_("Remove them"),
                no=_("Keep"),
            ),
            answered,
        )

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        """Saying one holds nothing any more asks first when the card's details are saved."""
        self._touch(event.select)
        spec = self._spec_of(event.select)
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
                _(
                    "Say you hold nothing today? The dates and number saved for your current "
                    "card are removed."
                ),
                yes=_("Remove them"),
                no=_("Keep"),
            ),
            answered,
        )

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, Input) and (event.widget.id or "").startswith("f-"):
            self._touch(event.widget)
            self._commit()

    async def action_step(self, step: int) -> None:
        """Show the next (or previous) step with the cursor in its first field.

        Awaited inside the priority binding, so keys typed right after pagedown wait until
        the step's fields exist and go to its first field, never to the one just left.
        """
        tabs = self.query_one("#steps", TabbedContent)
        current = int((tabs.active or "step-0").removeprefix("step-"))
        number = (current + step) % len(STEPS)
        shown = asyncio.Event()
        self._step_waiter = (number, shown)
        tabs.active = f"step-{number}"
        await self._settle(shown)
        self._step_waiter = None
        await self._build(number)
        before = self.focused
        focused = asyncio.Event()
        target = self._focus_first(number)
        if target is not before:  # no focus event comes for the widget already focused
            self._focus_waiter = (target, focused)
            await self._settle(focused)
            self._focus_waiter = None

    async def _settle(self, done: asyncio.Event) -> None:
        """Wait for the tabs (or the focus) to have taken a change, in their own tasks: a
        pagedown handled meanwhile would start from a step the next moment undoes."""
        with contextlib.suppress(TimeoutError):  # they answer at once; this is a guard
            await asyncio.wait_for(done.wait(), STEP_GUARD)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self._focus_waiter is not None and event.widget is self._focus_waiter[0]:
            self._focus_waiter[1].set()

    def action_done(self) -> None:
        """Escape: save and close; unusual answers or fields to fix are asked about first."""
        self._commit()
        doubts = self._doubts()
        if doubts:
            self._ask(doubts)
            return
        if self._valid_member is not None or (
            self._is_new and self.member_id is None and not self._touched
        ):
            self.dismiss(self.member_id if self._is_new else None)
            return
        self._show_all = True
        self._check()

        def leave(sure: bool | None) -> None:
            if sure:
                self.dismiss(self.member_id if self._is_new else None)

        self.app.push_screen(
            ConfirmDialog(
                _(
                    "Some fields are not valid, so the last changes were not saved.\n"
                    "Leave anyway (what was saved before stays)?"
                ),
                yes=_("Leave"),
                no=_("Stay and fix"),
            ),
            leave,
        )
