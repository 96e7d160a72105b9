"""The checklist as text for the terminal: what ``carte-prep checklist`` prints.

Kept apart from the argument parsing so the wording of a checklist (path and why, route,
window, fee, items, confidence marks) can be read and changed in one place.
"""

from __future__ import annotations

from carte_prep.core.confidence import confidence_label
from carte_prep.core.dates import fmt
from carte_prep.core.engine import Checklist, ChecklistItem, Level
from carte_prep.core.engine.windows import held_words
from carte_prep.core.vocab import Status
from carte_prep.i18n import _, format_money
from carte_prep.present import ROUTE_NAMES, bring, gloss, progress_text

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
        return _("free")
    if low == high:
        return format_money(low)
    return _("{low} to {high}").format(low=format_money(low), high=format_money(high))


def _not_covered_text(checklist: Checklist) -> list[str]:
    decision = checklist.decision
    page = decision.read_instead
    lines = [
        _("  Procedure: {procedure} — NOT COVERED").format(procedure=decision.label),
        f"             {decision.why}",
        f"  !! {decision.reason}",
    ]
    if page is not None:
        read = _("     Read instead: {url}").format(url=page.url)
        lines.append(read + (f" ({page.note})" if page.note else ""))
    lines += [f"  {LEVEL_MARKS[w.level]} {w.message}" for w in checklist.warnings]
    return lines


def _fee_lines(checklist: Checklist) -> list[str]:
    fee = checklist.fee
    assert fee is not None
    late = _(" (includes the {amount} late fee)").format(amount=format_money(fee.late_fee))
    lines = [
        _("  Fee:       {amount}").format(amount=_money(fee.total, fee.total_max))
        + (late if fee.late_fee else "")
        + (_("; {when}").format(when=fee.when_paid) if fee.total_max else "")
    ]
    if fee.caveat and fee.total_max:
        lines.append(_("             Note: {note}").format(note=fee.caveat))
    return lines


def _dated(item: ChecklistItem) -> str:
    """'dated 12/08/2026: TOO OLD (fresh until 11/11/2026)', or what else the date means."""
    freshness = item.freshness
    assert freshness is not None
    dated = _("dated {date}").format(date=fmt(freshness.document_date))
    if item.variant is not None:
        dated += f", {item.variant.label}"
    if freshness.implausible:
        return _("{dated}: CHECK THE DATE (after today or after the filing day)").format(
            dated=dated
        )
    if freshness.fresh_until is None:
        limited = item.requirement.max_age is not None
        return _("{dated}: does not go out of date").format(dated=dated) if limited else dated
    until = fmt(freshness.fresh_until)
    if freshness.ok:
        return _("{dated}: fresh (fresh until {date})").format(dated=dated, date=until)
    return _("{dated}: TOO OLD (fresh until {date})").format(dated=dated, date=until)


def _note_lines(note: str) -> list[str]:
    """The user's note, each of its lines under the first one's text, never at column 0."""
    label = _("        Your note: {note}").format(note="")
    first, *rest = note.splitlines() or [""]
    return [label + first, *(" " * len(label) + line for line in rest)]


def _item_lines(checklist: Checklist, *, sources: bool) -> list[str]:
    assert checklist.route is not None
    route = checklist.route.route
    lines: list[str] = []
    for section in checklist.sections:
        title_gloss = gloss(section.section.title_en)
        title = section.section.title_fr
        lines += ["", f"  {title_gloss} — {title}" if title_gloss else f"  {title}"]
        for item in section.items:
            req = item.requirement
            what = bring(item, route)
            lines.append(f"    {MARKS[item.tracking.status]} {req.name_fr}")
            details = [name] if (name := gloss(req.name_en)) else []
            if what:
                details.append(what)
            if item.shared_with:
                details.append(_("shared: {members}").format(members=", ".join(item.shared_with)))
            lines.append(f"        {' · '.join(details)}   [{req.id}]")
            if item.provisional:
                lines.append(f"        ?  {item.provisional}")
            if item.freshness:
                lines.append(f"        {_dated(item)}")
            if not item.done and item.tracking.status != "not-applicable":
                lines.append(_("        How: {how}").format(how=req.how_to_get))
            if req.caveat and not item.done:
                lines.append(_("        Note: {note}").format(note=req.caveat))
            lines += [f"        {LEVEL_MARKS[w.level]} {w.message}" for w in item.warnings]
            if item.tracking.notes:
                lines += _note_lines(item.tracking.notes)
            if sources:
                lines += [
                    _("        Source: {url}").format(url=s.url)
                    + (f" ({s.note})" if s.note else "")
                    for s in req.sources
                ]
                lines.append(
                    _("        Confidence {confidence}, verified {date}").format(
                        confidence=confidence_label(req.confidence), date=fmt(req.verified_on)
                    )
                )
    return lines


def checklist_text(checklist: Checklist, *, sources: bool) -> str:
    """One member's checklist as the terminal shows it: path and why, route, window, fee,
    warnings, then each item with how to get it (and its sources when asked)."""
    decision = checklist.decision
    lines = [f"{checklist.member_name}"]
    if checklist.card is not None:
        lines.append(_("  Card:      {card}").format(card=checklist.card.name_fr))
        if card_gloss := gloss(checklist.card.name_en):
            lines.append(f"             ({card_gloss})")
    else:
        lines.append(
            _("  Card:      {card} (not in this catalogue)").format(card=checklist.card_type)
        )
    if not checklist.covered or checklist.route is None:
        return "\n".join(lines + _not_covered_text(checklist))
    route = checklist.route
    lines += [
        _("  Procedure: {procedure}").format(procedure=decision.label),
        _("             Why: {why}").format(why=decision.why),
        _("  Route:     {route} — {where}").format(
            route=_(ROUTE_NAMES[route.route]), where=route.where
        ),
    ]
    if route.anef_button:
        lines.append(_("             ANEF button: « {button} »").format(button=route.anef_button))
        if route.anef_button_caveat:
            lines.append(f"             ({route.anef_button_caveat})")
    if route.why:
        lines.append(f"             ({route.why})")
    lines.append(f"             {route.hand_in}")
    window = checklist.window
    if window is not None and checklist.judged_on_kind != "filed":
        held, deadline, expiry = held_words(window.held), fmt(window.deadline), fmt(window.expiry)
        if window.opens:
            line = _("  Window:    file from {opens} by {deadline} (your {held} ends {expiry})")
        else:
            line = _("  Window:    file by {deadline} (your {held} ends {expiry})")
        lines.append(
            line.format(
                opens=fmt(window.opens) if window.opens else "",
                deadline=deadline,
                held=held,
                expiry=expiry,
            )
        )
        if window.caveat:
            lines.append(f"             ({window.caveat})")
    lines.append(_("  Judged on: {when}").format(when=checklist.judged_on_label))
    lines += _fee_lines(checklist)
    progress = checklist.progress
    lines.append(
        _("  Progress:  {ready}, {percent}%").format(
            ready=progress_text(progress), percent=progress.percent
        )
    )
    member_warnings = [w for w in checklist.warnings if w.item_id is None]
    if member_warnings:
        lines.append("")
        lines += [f"  {LEVEL_MARKS[w.level]} {w.message}" for w in member_warnings]
    lines += _item_lines(checklist, sources=sources)
    return "\n".join(lines)
