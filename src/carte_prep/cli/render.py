"""What the commands print: JSON for scripts, and the text lines people read."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

from carte_prep.core.dates import fmt
from carte_prep.core.rows import HouseholdRow
from carte_prep.i18n import _, format_money, ngettext

if TYPE_CHECKING:
    from carte_prep.core.agenda import AgendaEvent
    from carte_prep.core.model import AfterFiling


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def print_rows_json(key: str, rows_json: list[str], rest: dict[str, Any]) -> None:
    """``{key: [...rows], **rest}`` with one row per line, each row already JSON text.

    A long list (thousands of households) is printed at the speed of writing it: indenting
    every row would go through Python's slow encoder, and the rows need no encoding at all.
    """
    out = sys.stdout
    out.write(f"{{{json.dumps(key)}: [")
    if rows_json:
        out.write("\n" + ",\n".join(rows_json) + "\n")
    out.write("]")
    for name, value in rest.items():
        out.write(f", {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}")
    out.write("}\n")


def print_household(row: HouseholdRow) -> None:
    """A household and one line per member: card, path, route, progress, next date."""
    ready = _("({done}/{total} ready)").format(done=row["done"], total=row["total"])
    print(f"{row['id']}  {row['name']}  {ready}")
    for member in row["members"]:
        deadline = member["next_deadline"]
        when = (
            _("; next: {date} {what}").format(
                date=fmt(dt.date.fromisoformat(deadline["date"])), what=deadline["what"]
            )
            if deadline
            else ""
        )
        who = f"  {member['id']:<12} {member['name']}"
        if member["card"] is None:
            print(_("{who}: no card needed{next}").format(who=who, next=when))
        elif not member["covered"]:
            print(
                _(
                    "{who}: {card}, {procedure}: not covered (run 'checklist' to see what to read)"
                ).format(who=who, card=member["card"], procedure=member["procedure_label"])
            )
        else:
            warnings = ngettext("{count} warning", "{count} warnings", member["warnings"]).format(
                count=member["warnings"]
            )
            print(
                _(
                    "{who}: {card}, {procedure}, via {route}, {done}/{total}, {warnings}{next}"
                ).format(
                    who=who,
                    card=member["card"],
                    procedure=member["procedure_label"],
                    route=member["route"],
                    done=member["done"],
                    total=member["total"],
                    warnings=warnings,
                    next=when,
                )
            )


def print_event(event: AgendaEvent) -> None:
    from carte_prep.cli.checklist_text import LEVEL_MARKS
    from carte_prep.present import event_when

    what = _("{name}: {title}").format(name=event.member_name, title=event.title)
    print(f"{LEVEL_MARKS[event.level]} {event_when(event)}  {what}")
    print(f"      {event.detail}")


def print_log(log: AfterFiling) -> None:
    print(_("Filed on:    {date}").format(date=fmt(log.filed_on) if log.filed_on else "-"))
    for number, receipt in enumerate(log.receipts, start=1):
        print(
            _("Receipt {number}:   {kind}, valid until {date}").format(
                number=number, kind=receipt.kind, date=fmt(receipt.valid_until)
            )
        )
    for number, request in enumerate(log.requests, start=1):
        state = (
            _("sent {date}").format(date=fmt(request.sent_on)) if request.sent_on else _("NOT SENT")
        )
        print(
            _("Request {number}:   {what} (by {date}; {state})").format(
                number=number, what=request.what, date=fmt(request.deadline), state=state
            )
        )
    ready = fmt(log.card_ready_on) if log.card_ready_on else "-"
    print(_("Card ready:  {date}").format(date=ready))
    if log.timbre:
        print(
            _("Timbre:      {amount}, number ending {digits}").format(
                amount=format_money(log.timbre.amount), digits=log.timbre.number[-4:]
            )
        )
    if log.collection and log.collection.date:
        print(_("Collection:  {date}").format(date=fmt(log.collection.date)))
