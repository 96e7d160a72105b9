"""The profile form's reading and checking: the member the fields describe, each field's
problem, and the lines that show what the answers give (the screen builds and saves)."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError
from textual.widget import Widget
from textual.widgets import Static

from carte_prep.core import Checklist, Household, Member, build_checklist
from carte_prep.core.entry import entry_problems
from carte_prep.core.households import member_id_for, upsert_member
from carte_prep.core.member_fields import APP, CUR, STEPS, FieldSpec, Path, all_fields
from carte_prep.core.member_fields import owner_presence as owners
from carte_prep.core.sanity import Doubt, new_doubts
from carte_prep.i18n import N_, _
from carte_prep.tui.format import InputProblem
from carte_prep.tui.forms import convert, get_in, set_in
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.screens.profile import texts
from carte_prep.tui.screens.profile.widgets import read_widget
from carte_prep.tui.validation import problems, show_problem

ENTRY_FIELDS: dict[str, Path] = {
    "card_type": (*APP, "card_type"),
    "current_card.card_type": (*CUR, "card_type"),
    "departement": (*APP, "departement"),
    "request": (*APP, "request"),
}
"""Where each catalogue check made at entry (core.entry) is shown in the form."""

CARD_NOT_CHOSEN = N_(
    "Choose the card you ask for (or switch off “Applies for a residence card” for someone "
    "who needs none): until then this member is not saved."
)
"""A new member's card is never a default: a card the person did not choose would give a
checklist for someone else."""

SPECS: dict[Path, FieldSpec] = {spec.path: spec for spec in all_fields()}
"""Every field by its path, to find the parts a built field depends on."""


class ProfileForm(DataScreen[str | None]):
    """The state of the form and how it is read; :class:`ProfileScreen` builds it."""

    QUITS_ON_Q = False
    """On a tick box or a list, a q meant for a field must not end the app."""

    def __init__(self, household_id: str, member_id: str | None) -> None:
        super().__init__()
        self.household_id = household_id
        self.member_id = member_id
        self._is_new = member_id is None
        self._local: dict[Path, str] = {}
        self._errors: dict[Path, str] = {}
        self._touched: set[Path] = set()
        """Fields the person has typed in, left or chosen in: only their problems show."""
        self._show_all = False
        """Every problem shows (the person asked to leave with some)."""
        self._valid_member: Member | None = None
        self._would_be: Checklist | None = None
        """The checklist of the valid member the form holds, as a preview."""
        self._inputs: dict[Path, Widget] = {}
        self._messages: dict[Path, Static] = {}
        self._boxes: dict[Path, Widget] = {}
        self._built: set[int] = set()
        """Steps whose widgets are mounted and registered in the dicts above."""
        self._opened: Member | None = None
        """The member as saved when the form opened (None for a new one)."""

    def _household(self) -> Household:
        return self.session.get(self.household_id)

    def _base(self) -> dict[str, Any]:
        """The saved member as data, or sensible starting values for a new one."""
        household = self._household()
        saved = next((m for m in household.members if m.id == self.member_id), None)
        if saved is not None:
            return saved.model_dump(mode="json")
        first = household.members[0] if household.members else None
        application = first.application if first else None
        paired = any(m.relationship in {"spouse", "partner"} for m in household.members)
        return {
            "id": "",
            "given_names": "",
            "nationality": first.nationality if first else "",
            "birth_date": None,
            "relationship": ("child" if paired else "spouse") if first else "self",
            "application": {
                "card_type": None,  # chosen by the person, never given by default
                "request": "card",
                "departement": application.departement if application else None,
            },
        }

    # -- reading the form ---------------------------------------------------------------

    def _shown(self) -> list[FieldSpec]:
        return all_fields()

    def _step_fields(self, number: int) -> list[FieldSpec]:
        return list(STEPS[number].fields)

    def _convert(self, spec: FieldSpec, raw: Any) -> Any:
        """A field's value as the member's data holds it (dates and times as ISO text)."""
        if spec.kind in {"date", "time"}:
            parsed = convert("date" if spec.kind == "date" else "time", raw)
            if parsed is None and spec.required:
                raise InputProblem(_("is required: type the date as dd/mm/yyyy"))
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
            if any(p in switched_off for p in owners(spec)):
                continue
            if spec.path not in self._inputs:  # its step is not built: the saved value stays
                if spec.kind in ("presence", "held") and get_in(data, spec.path) is None:
                    switched_off.append(spec.path)
                continue
            raw = read_widget(self._inputs[spec.path])
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
        if self.member_id is None:  # a new member's id comes from their names
            taken = {m.id for m in self._household().members}
            data["id"] = member_id_for(data.get("given_names") or "", data.get("surname"), taken)
        else:
            data["id"] = self.member_id
        return data

    # -- checking and saving ------------------------------------------------------------

    def _check(self) -> Member | None:
        """Validate the whole form, show the touched fields' problems, return the valid member."""
        data = self._candidate()
        errors: dict[Path, str] = dict(self._local)
        member: Member | None = None
        if get_in(data, APP) is not None and get_in(data, (*APP, "card_type")) is None:
            errors.setdefault((*APP, "card_type"), _(CARD_NOT_CHOSEN))
        try:
            member = Member.model_validate(data)
        except ValidationError as exc:
            for loc, message in problems(exc).items():
                errors.setdefault(self._field_for(loc), texts.plain_problem(message))
        if member is not None and member.application is not None:
            for field, message in entry_problems(
                member.application, nationality=member.nationality
            ).items():
                errors.setdefault(ENTRY_FIELDS[field], texts.plain_problem(message))
        if errors:
            member = None
        self._errors = errors
        self._valid_member = member
        self._would_be = self._would_give(member)
        for path, target in self._messages.items():
            shown = errors.get(path, "") if self._show_all or path in self._touched else ""
            if str(target.render()) != shown:
                show_problem(target, shown)
        self._show_optional_parts(data)
        self._show_extras(data)
        self._show_preview(member)
        return member

    def _field_for(self, loc: tuple[str, ...]) -> Path:
        """The field a problem belongs under: its own, else the nearest part shown."""
        shown = {s.path for s in self._shown()}
        for length in range(len(loc), 0, -1):
            if loc[:length] in shown:
                return loc[:length]
        return ("given_names",)

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
            box.display = all(get_in(data, p) is not None for p in owners(spec)) and (
                spec.relevant is None or spec.relevant(application)
            )
        route_box = self._boxes.get((*APP, "route_choice"))
        if route_box is not None:
            route = self._would_be.route if self._would_be else None
            route_box.display = route_box.display and route is not None and route.choosable

    def _would_give(self, member: Member | None) -> Checklist | None:
        """The checklist the form's member would have (nothing is saved)."""
        if member is None:
            return None
        household = upsert_member(self._household(), member)
        return build_checklist(household, member.id, self.today())

    def _show_extras(self, data: dict[str, Any]) -> None:
        extras = {
            "card-summary": texts.card_summary(get_in(data, (*APP, "card_type"))),
            "procedure-meaning": texts.procedure_text(self._valid_member),
            "numero-hint": texts.numero_hint(get_in(data, CUR)),
        }
        for name, content in extras.items():
            for target in self.query(f"#x-{name}").results(Static):
                target.update(content)

    def _show_preview(self, member: Member | None) -> None:
        steps = sorted(
            {n + 1 for n, step in enumerate(STEPS) for s in step.fields if s.path in self._errors}
        )
        self.query_one("#preview", Static).update(
            texts.preview_text(member, self._would_be, steps, [d.question for d in self._doubts()])
        )

    def _doubts(self) -> list[Doubt]:
        """Answers that look like a slip (core.sanity), new since the form opened.

        They are shown in the preview line as soon as they appear and asked about when
        the person leaves: a dialog popping up on every Tab would swallow their typing.
        """
        if self._valid_member is None:
            return []
        return new_doubts(self._opened, self._valid_member, self.today())
