"""What the commands print: JSON for scripts, and the text lines people read."""

from __future__ import annotations

import json
from typing import Any

from carte_prep.cli.checklist_text import LEVEL_MARKS
from carte_prep.core.agenda import AgendaEvent
from carte_prep.core.dates import fmt
from carte_prep.core.model import AfterFiling
from carte_prep.core.summary import HouseholdSummary, MemberSummary
from carte_prep.present import event_when


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def member_row(member: MemberSummary) -> dict[str, Any]:
    """One member of ``list --json``."""
    checklist, deadline = member.checklist, member.deadline
    return {
        "id": member.member_id,
        "name": member.name,
        "card": checklist.card_type if checklist else None,
        "procedure": checklist.procedure if checklist else None,
        "procedure_label": checklist.procedure_label if checklist else None,
        "covered": checklist.covered if checklist else None,
        "route": member.route,
        "done": checklist.progress.done if checklist else 0,
        "total": checklist.progress.total if checklist else 0,
        "warnings": member.warnings,
        "next_deadline": (
            {"date": deadline.date.isoformat(), "what": deadline.title} if deadline else None
        ),
    }


def household_row(summary: HouseholdSummary) -> dict[str, Any]:
    return {
        "id": summary.household_id,
        "name": summary.name,
        "done": summary.progress.done,
        "total": summary.progress.total,
        "members": [member_row(m) for m in summary.members],
    }


def print_household(summary: HouseholdSummary) -> None:
    """A household and one line per member: card, path, route, progress, next date."""
    progress = summary.progress
    print(f"{summary.household_id}  {summary.name}  ({progress.done}/{progress.total} ready)")
    for member in summary.members:
        deadline, checklist = member.deadline, member.checklist
        when = f"; next: {fmt(deadline.date)} {deadline.title}" if deadline else ""
        who = f"  {member.member_id:<12} {member.name}"
        if checklist is None:
            print(f"{who}: no card needed{when}")
        elif not checklist.covered:
            print(
                f"{who}: {checklist.card_type}, {checklist.procedure_label}: "
                "not covered (run 'checklist' to see what to read)"
            )
        else:
            print(
                f"{who}: {checklist.card_type}, {checklist.procedure_label}, "
                f"via {member.route}, {checklist.progress.done}/{checklist.progress.total}, "
                f"{member.warnings} warning(s){when}"
            )


def print_event(event: AgendaEvent) -> None:
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
