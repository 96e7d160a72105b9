"""What the commands print: JSON for scripts, and the text lines people read."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

from carte_prep.core.dates import fmt
from carte_prep.core.rows import HouseholdRow

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
    for number, row in enumerate(rows_json):
        out.write(",\n" if number else "\n")
        out.write(row)
    out.write("\n]" if rows_json else "]")
    for name, value in rest.items():
        out.write(f", {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}")
    out.write("}\n")


def print_household(row: HouseholdRow) -> None:
    """A household and one line per member: card, path, route, progress, next date."""
    print(f"{row['id']}  {row['name']}  ({row['done']}/{row['total']} ready)")
    for member in row["members"]:
        deadline = member["next_deadline"]
        when = (
            f"; next: {fmt(dt.date.fromisoformat(deadline['date']))} {deadline['what']}"
            if deadline
            else ""
        )
        who = f"  {member['id']:<12} {member['name']}"
        if member["card"] is None:
            print(f"{who}: no card needed{when}")
        elif not member["covered"]:
            print(
                f"{who}: {member['card']}, {member['procedure_label']}: "
                "not covered (run 'checklist' to see what to read)"
            )
        else:
            print(
                f"{who}: {member['card']}, {member['procedure_label']}, "
                f"via {member['route']}, {member['done']}/{member['total']}, "
                f"{member['warnings']} warning(s){when}"
            )


def print_event(event: AgendaEvent) -> None:
    from carte_prep.cli.checklist_text import LEVEL_MARKS
    from carte_prep.present import event_when

    print(f"{LEVEL_MARKS[event.level]} {event_when(event)}  {event.member_name}: {event.title}")
    print(f"      {event.detail}")


def print_log(log: AfterFiling) -> None:
    print(f"Filed on:    {fmt(log.filed_on) if log.filed_on else '-'}")
    for number, receipt in enumerate(log.receipts, start=1):
        print(f"Receipt {number}:   {receipt.kind}, valid until {fmt(receipt.valid_until)}")
    for number, request in enumerate(log.requests, start=1):
        state = f"sent {fmt(request.sent_on)}" if request.sent_on else "NOT SENT"
        print(f"Request {number}:   {request.what} (by {fmt(request.deadline)}; {state})")
    print(f"Card ready:  {fmt(log.card_ready_on) if log.card_ready_on else '-'}")
    if log.timbre:
        print(f"Timbre:      €{log.timbre.amount}, number ending {log.timbre.number[-4:]}")
    if log.collection and log.collection.date:
        print(f"Collection:  {fmt(log.collection.date)}")
