"""What the profile editor writes around the fields: the procedure the answers give, where
the numéro étranger is printed, the preview line, and field problems in plain words."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from carte_prep.core import Checklist, Member, load_catalogue
from carte_prep.core.countries import country_name
from carte_prep.core.dates import fmt
from carte_prep.core.model import Application
from carte_prep.core.procedure import decide_procedure
from carte_prep.i18n import N_, _, format_money, ngettext
from carte_prep.present import FILED_AT
from carte_prep.tui.format import parse_date

SUBJECTLESS = ("is ", "should ", "must ", "has ", "cannot ", "est ", "doit ", "n’est ", "ne ")
"""Core's messages follow a field's name ('--birth-date: is empty', 'est vide' in French);
under a field they need a subject of their own."""

FORM_HINTS = {
    N_("is not a date"): N_("is not a date: type it as dd/mm/yyyy"),
    N_("is not a time"): N_("is not a time: type it as hh:mm"),
}
"""Core's words for a value that is not a date or time, with how the form takes one."""


def plain_problem(message: str) -> str:
    """A problem as shown under its field: in the other fields' words, with a subject."""
    for said, hint in FORM_HINTS.items():
        if message == _(said):
            message = _(hint)
    if message.startswith(SUBJECTLESS):
        message = _("This field {problem}").format(problem=message)
    return message[0].upper() + message[1:]


def procedure_text(member: Member | None) -> Text:
    """The path the answers give, and why, in the person's words."""
    application: Application | None = member.application if member else None
    if application is None:
        return Text("")
    decision = decide_procedure(application, nationality=member.nationality if member else None)
    text = Text(_("Procedure: {procedure}. ").format(procedure=decision.label), style="bold")
    text.append(decision.why, style="italic")
    for assumption in decision.assumptions:
        text.append("\n" + assumption, style="dim")
    if member is not None and member.nationality:
        nationality = country_name(member.nationality)
        text.append("\n" + _("Nationality: {country}.").format(country=nationality), style="dim")
    return text


def numero_hint(card: dict[str, Any] | None) -> Text:
    """Where the numéro étranger is printed, for the card model of its issue date."""
    if card is None:
        return Text(
            _("Step 2 says you hold no card or visa today: there is nothing to fill in here."),
            style="dim",
        )
    issued = card.get("issued_on")
    if not issued:
        return Text(
            _("Enter the date the card was issued to see where its numéro étranger is printed."),
            style="dim",
        )
    model = load_catalogue().generation_for(parse_date(issued))
    if model is None:
        return Text(_("This date is before the card models carte-prep knows."), style="dim")
    text = Text(_("Card model: {model}.").format(model=model.label) + "\n", style="bold")
    text.append(_("Where the numéro étranger is: {where}").format(where=model.where_numero))
    return text


def card_summary(card_id: Any) -> Text:
    catalogue = load_catalogue()
    summary = Text()
    if card_id in catalogue.cards:
        card = catalogue.cards[card_id]
        summary.append(card.name_fr + "\n", style="bold")
        summary.append(card.summary)
    return summary


def preview_text(
    member: Member | None,
    checklist: Checklist | None,
    steps_to_fix: list[int],
    doubts: list[str],
) -> Text:
    """The line under the form: what is missing, an answer to check, or what it gives."""
    if member is None:
        where = ", ".join(_("step {number}").format(number=n) for n in steps_to_fix)
        return Text(
            _(
                "Not saved yet: fix what is marked in {steps}. A member is saved once it "
                "has given names, a birth date and the card asked for, and no field is wrong."
            ).format(steps=where or _("step {number}").format(number=1)),
            style="bold yellow",
        )
    if doubts:
        return Text(_("Saved. Please check: {doubt}").format(doubt=doubts[0]), style="bold yellow")
    if checklist is None:
        return Text(_("Saved as you go. This member needs no card, so no checklist."))
    if checklist.route is None or checklist.fee is None:
        return Text(
            _("Saved. Not covered here: {reason}").format(reason=checklist.decision.reason),
            style="bold red",
        )
    count = len(checklist.items)
    return Text(
        ngettext(
            "Saved as you go. Checklist: {count} document, {where}, judged on {date}; fee {fee}.",
            "Saved as you go. Checklist: {count} documents, {where}, judged on {date}; fee {fee}.",
            count,
        ).format(
            count=count,
            where=FILED_AT[checklist.route.route],
            date=fmt(checklist.judged_on),
            fee=format_money(checklist.fee.total),
        ),
        style="green",
    )
