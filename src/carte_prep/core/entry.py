"""Checks made when a person types an application, against the catalogue of this version.

A saved household never depends on the catalogue to load (an old card id still opens and
the checklist says it is not covered). At entry time, though, the CLI and the app refuse a
card or département this version does not know, and a path the card does not allow, with
the reason and the page to read: it is better said at once than discovered later.
"""

from __future__ import annotations

import difflib

from carte_prep.core.catalogue import Catalogue, load_catalogue
from carte_prep.core.model import Application
from carte_prep.core.procedure import decide_procedure
from carte_prep.i18n import _


def card_problem(card_id: str, catalogue: Catalogue | None = None) -> str | None:
    """Why a card id cannot be used, or None when the catalogue knows it."""
    catalogue = catalogue or load_catalogue()
    if card_id in catalogue.cards:
        return None
    close = difflib.get_close_matches(card_id, sorted(catalogue.cards), n=3, cutoff=0.6)
    if close:
        return _(
            "{card} is not a known card type; did you mean {close}? "
            "('carte-prep cards' lists them all)"
        ).format(card=repr(card_id[:40]), close=_(" or ").join(repr(c) for c in close))
    return _(
        "{card} is not a known card type; run 'carte-prep cards' to see them ({cards})"
    ).format(card=repr(card_id[:40]), cards=", ".join(sorted(catalogue.cards)))


def entry_problems(
    application: Application,
    catalogue: Catalogue | None = None,
    *,
    nationality: str | None = None,
) -> dict[str, str]:
    """Problems by field path ('card_type', 'current_card.card_type', ...): empty when fine.

    ``nationality`` decides the regime: an Algerian national asking for a CESEDA card is
    told which certificate to ask for instead.
    """
    catalogue = catalogue or load_catalogue()
    problems: dict[str, str] = {}
    asked = card_problem(application.card_type, catalogue)
    if asked:
        problems["card_type"] = asked
    held = application.current_card
    if held is not None and held.card_type is not None:
        held_problem = card_problem(held.card_type, catalogue)
        if held_problem:
            problems["current_card.card_type"] = held_problem
    code = application.departement
    if code is not None and code not in catalogue.departements:
        problems["departement"] = _(
            "{code} is not a département carte-prep knows; use the number from the post code, "
            "such as '24', '2A' or '974'"
        ).format(code=repr(code))
    if not problems:
        decision = decide_procedure(application, catalogue, nationality)
        if not decision.covered:
            page = decision.read_instead.url if decision.read_instead else ""
            problems["request"] = (
                _("{reason} (read {page})").format(reason=decision.reason, page=page)
                if page
                else str(decision.reason)
            )
    return problems
