"""The checklist as text for the terminal: what ``carte-prep checklist`` prints.

Kept apart from the argument parsing so the wording of a checklist (path and why, route,
window, fee, items, confidence marks) can be read and changed in one place.
"""

from __future__ import annotations

from carte_prep.core.confidence import confidence_label
from carte_prep.core.dates import fmt
from carte_prep.core.engine import Checklist, ChecklistItem, Level
from carte_prep.core.vocab import Status
from carte_prep.present import ROUTE_NAMES, bring

MARKS: dict[Status, str] = {
    "todo": "[ ]",
    "requested": "[~]",
    "gathered": "[x]",
    "handed-in": "[x]",
    "not-applicable": "[-]",
}
LEVEL_MARKS: dict[Level, str] = {"danger": "!!", "warning": " !", "info": " i"}


def _money(low: int, high: int) -> str:
    if high == 0:
        return "free"
    return f"€{low}" if low == high else f"€{low} to €{high}"


def _not_covered_text(checklist: Checklist) -> list[str]:
    decision = checklist.decision
    page = decision.read_instead
    lines = [
        f"  Procedure: {decision.label} — NOT COVERED",
        f"             {decision.why}",
        f"  !! {decision.reason}",
    ]
    if page is not None:
        lines.append(f"     Read instead: {page.url}" + (f" ({page.note})" if page.note else ""))
    lines += [f"  {LEVEL_MARKS[w.level]} {w.message}" for w in checklist.warnings]
    return lines


def _fee_lines(checklist: Checklist) -> list[str]:
    fee = checklist.fee
    assert fee is not None
    lines = [
        f"  Fee:       {_money(fee.total, fee.total_max)}"
        + (f" (includes the €{fee.late_fee} late fee)" if fee.late_fee else "")
        + (f"; {fee.when_paid}" if fee.total_max else "")
    ]
    if fee.caveat and fee.total_max:
        lines.append(f"             Note: {fee.caveat}")
    return lines


def _dated(item: ChecklistItem) -> str:
    """'dated 12/08/2026: TOO OLD (fresh until 11/11/2026)', or what else the date means."""
    freshness = item.freshness
    assert freshness is not None
    dated = f"dated {fmt(freshness.document_date)}"
    if item.variant is not None:
        dated += f", {item.variant.label}"
    if freshness.implausible:
        return f"{dated}: CHECK THE DATE (after today or after the filing day)"
    if freshness.fresh_until is None:
        limited = item.requirement.max_age is not None
        return f"{dated}: does not go out of date" if limited else dated
    verdict = "fresh" if freshness.ok else "TOO OLD"
    return f"{dated}: {verdict} (fresh until {fmt(freshness.fresh_until)})"


def _item_lines(checklist: Checklist, *, sources: bool) -> list[str]:
    assert checklist.route is not None
    route = checklist.route.route
    lines: list[str] = []
    for section in checklist.sections:
        lines += ["", f"  {section.section.title_en} — {section.section.title_fr}"]
        for item in section.items:
            req = item.requirement
            what = bring(item, route)
            lines.append(f"    {MARKS[item.tracking.status]} {req.name_fr}")
            details = [req.name_en]
            if what:
                details.append(what)
            if item.shared_with:
                details.append("shared: " + ", ".join(item.shared_with))
            lines.append(f"        {' · '.join(details)}   [{req.id}]")
            if item.provisional:
                lines.append(f"        ?  {item.provisional}")
            if item.freshness:
                lines.append(f"        {_dated(item)}")
            if not item.done and item.tracking.status != "not-applicable":
                lines.append(f"        How: {req.how_to_get}")
            if req.caveat and not item.done:
                lines.append(f"        Note: {req.caveat}")
            lines += [f"        {LEVEL_MARKS[w.level]} {w.message}" for w in item.warnings]
            if item.tracking.notes:
                lines.append(f"        Your note: {item.tracking.notes}")
            if sources:
                lines += [
                    f"        Source: {s.url}" + (f" ({s.note})" if s.note else "")
                    for s in req.sources
                ]
                lines.append(
                    f"        Confidence {confidence_label(req.confidence)}, "
                    f"verified {fmt(req.verified_on)}"
                )
    return lines


def checklist_text(checklist: Checklist, *, sources: bool) -> str:
    """One member's checklist as the terminal shows it: path and why, route, window, fee,
    warnings, then each item with how to get it (and its sources when asked)."""
    decision = checklist.decision
    lines = [f"{checklist.member_name}"]
    if checklist.card is not None:
        lines += [
            f"  Card:      {checklist.card.name_fr}",
            f"             ({checklist.card.name_en})",
        ]
    else:
        lines.append(f"  Card:      {checklist.card_type} (not in this catalogue)")
    if not checklist.covered or checklist.route is None:
        return "\n".join(lines + _not_covered_text(checklist))
    route = checklist.route
    lines += [
        f"  Procedure: {decision.label}",
        f"             Why: {decision.why}",
        f"  Route:     {ROUTE_NAMES[route.route]} — {route.where}",
    ]
    if route.anef_button:
        lines.append(f"             ANEF button: « {route.anef_button} »")
        if route.anef_button_caveat:
            lines.append(f"             ({route.anef_button_caveat})")
    if route.why:
        lines.append(f"             ({route.why})")
    lines.append(f"             {route.hand_in}")
    window = checklist.window
    if window is not None and checklist.judged_on_kind != "filed":
        opens = f"from {fmt(window.opens)} " if window.opens else ""
        lines.append(
            f"  Window:    file {opens}by {fmt(window.deadline)} (your {window.held} ends "
            f"{fmt(window.expiry)})"
        )
        if window.caveat:
            lines.append(f"             ({window.caveat})")
    lines.append(f"  Judged on: {checklist.judged_on_label}")
    lines += _fee_lines(checklist)
    lines.append(
        f"  Progress:  {checklist.progress.done}/{checklist.progress.total} ready "
        f"({checklist.progress.percent}%)"
    )
    member_warnings = [w for w in checklist.warnings if w.item_id is None]
    if member_warnings:
        lines.append("")
        lines += [f"  {LEVEL_MARKS[w.level]} {w.message}" for w in member_warnings]
    lines += _item_lines(checklist, sources=sources)
    return "\n".join(lines)
