"""What the checklist screen draws, as plain values: the member line, the list's rows, the
dossier commands of the palette. Kept apart from the screen so each stays small."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Literal

from rich.text import Text
from textual.app import SystemCommand
from textual.message import Message

from carte_prep.core import Checklist, ChecklistItem, Household
from carte_prep.core.agenda import next_deadline
from carte_prep.i18n import N_, _
from carte_prep.present import FILED_AT, LEVEL_SIGNS, gloss, warning_count
from carte_prep.tui.format import deadline_text, item_label, markers, status_text
from carte_prep.tui.messages import PdfRequested

View = Literal["all", "missing", "warnings", "translation"]
VIEWS: dict[View, str] = {
    "all": N_("1 All"),
    "missing": N_("2 Missing or too old"),
    "warnings": N_("3 Warnings"),
    "translation": N_("4 Needs translation"),
}
"""The views' tab labels (English here; shown through ``_``)."""


def in_view(item: ChecklistItem, view: View) -> bool:
    """Whether an item belongs to a saved view."""
    match view:
        case "all":
            return True
        case "missing":
            return item.counted and not item.done
        case "warnings":
            return bool(item.warnings)
        case "translation":
            return item.needs_translation


def member_bar(
    household: Household, member_id: str, checklist: Checklist | None, today: dt.date
) -> Text:
    """Two lines, most urgent first: who and their next date; then warnings and card."""
    member = household.member(member_id)
    position = [m.id for m in household.members].index(member.id) + 1
    text = Text()
    if len(household.members) > 1:  # the keys around the position: [ and ] switch
        text.append(f"[ {position}/{len(household.members)} ] ", style="dim")
    text.append(member.display_name, style="bold")
    if checklist is None:
        text.append(_(": needs no card. Press e to edit the profile."))
        return text
    deadline = next_deadline(household, member.id, today, checklist=checklist)
    text.append(_(" · next: "))
    if deadline is None:
        text.append(_("no date ahead"))
    else:
        text.append_text(deadline_text(deadline, with_title=True))
    text.append("\n")
    counted = warning_count(checklist.warnings)
    if counted:
        text.append(_("⚠ {count}: press 3 · ").format(count=counted), style="bold yellow")
    card = checklist.card.short_en if checklist.card else checklist.card_type
    text.append(f"{card} · {checklist.procedure_label} · ")
    if checklist.route is None:
        text.append(_("not covered: see the list"), style="bold red")
    else:
        text.append(FILED_AT[checklist.route.route])
    return text


@dataclass(frozen=True)
class Row:
    """One row of the list: its cells, its key (``i:`` item, ``s:`` heading, ``w:``
    member warning) and how many lines it takes."""

    cells: tuple[Text, Text, Text]
    key: str
    height: int = 1


def item_rows(checklist: Checklist | None, view: View, width: int) -> list[Row]:
    """The rows of a view; document names wrapped to ``width`` (never cut)."""
    if checklist is None:
        return []
    rows: list[Row] = []
    if view == "warnings":
        for index, warning in enumerate(checklist.warnings):
            if warning.item_id is None:
                sign = Text(
                    _("{sign} member").format(sign=LEVEL_SIGNS[warning.level]),
                    style="dim" if warning.level == "info" else "yellow",
                )
                message = Text(warning.message, overflow="ellipsis", no_wrap=True)
                rows.append(Row((sign, Text(""), message), f"w:{index}"))
    for section in checklist.sections:
        items = [i for i in section.items if in_view(i, view)]
        if not items:
            continue
        english = gloss(section.section.title_en)
        if english is None:
            heading = Text(section.section.title_fr.upper(), style="bold underline")
        else:
            heading = Text(english.upper(), style="bold underline")
            heading.append(f"  {section.section.title_fr}", style="dim")
        rows.append(Row((Text(""), Text(""), heading), f"s:{section.section.id}"))
        for item in items:
            label = item_label(item, width)
            rows.append(
                Row(
                    (status_text(item.tracking.status), markers(item), label),
                    f"i:{item.requirement.id}",
                    label.plain.count("\n") + 1,
                )
            )
    if not checklist.covered:
        reason = Text(checklist.decision.reason or "", overflow="ellipsis", no_wrap=True)
        not_covered = Text(_("⚠ not covered"), style="bold red")
        rows.append(Row((not_covered, Text(""), reason), "not-covered"))
    return rows


def pdf_commands(
    post: Callable[[Message], object], household_id: str, member_id: str, name: str
) -> list[SystemCommand]:
    """The dossier's options, which the PDF itself points to (the CLI's flags)."""
    commands: list[SystemCommand] = []
    for title, help_text, member, options in (
        (
            _("PDF of {name} with identifiers shown").format(name=name),
            _("Passport and card numbers in full, for the desk (x prints them masked)"),
            member_id,
            {"show_ids": True},
        ),
        (
            _("PDF of {name} with attachments").format(name=name),
            _("The attached scans added in an annex"),
            member_id,
            {"with_attachments": True},
        ),
        (_("PDF of the whole household"), _("Every member's dossier in one file"), None, {}),
    ):
        request = partial(PdfRequested, household_id, member, **options)
        commands.append(SystemCommand(title, help_text, lambda r=request: post(r())))
    return commands
