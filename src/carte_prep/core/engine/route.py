"""Where a file goes (ANEF or the prefecture desk) and the day its documents are judged on."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from carte_prep.core.catalogue import Card, Catalogue, Departement, PathRule
from carte_prep.core.dates import fmt
from carte_prep.core.engine.conditions import Facts, holds
from carte_prep.core.engine.results import JudgedOn, RouteDecision
from carte_prep.core.model import Application
from carte_prep.core.vocab import Procedure, Route
from carte_prep.i18n import _, pgettext


def departement_of(catalogue: Catalogue, application: Application) -> Departement | None:
    code = application.departement
    return catalogue.departements.get(code) if code else None


def prefecture_name(departement: Departement | None) -> str:
    """Where a prefecture file goes, in words a person can look up."""
    if departement is None:
        return _("your prefecture (set your département to see which)")
    if departement.service:
        return departement.service
    return _("Prefecture {of_departement}, in {town}").format(
        of_departement=of_departement(departement), town=departement.prefecture
    )


def of_departement(departement: Departement) -> str:
    """'of Dordogne'; in French the article joins the preposition: « de la Dordogne »."""
    name = departement.name
    forms = {
        "le": pgettext("departement le", "of {name}"),
        "la": pgettext("departement la", "of {name}"),
        "les": pgettext("departement les", "of {name}"),
        "l'": pgettext("departement l'", "of {name}"),
        "": pgettext("departement", "of {name}"),
    }
    return forms[departement.article].format(name=name)


def _anef_button(rule: PathRule, path: Procedure, application: Application) -> str | None:
    without_visa = path == "first-admission" and application.situation.no_long_stay_visa
    if without_visa and rule.anef_button_without_visa:
        return rule.anef_button_without_visa
    return rule.anef_button


def decide_route(
    application: Application, card: Card, path: Procedure, facts: Facts, catalogue: Catalogue
) -> RouteDecision:
    """ANEF or the prefecture desk, and why; the person's choice counts only where it varies.

    ``facts`` are the situation facts (without the route): a path may send some grounds
    elsewhere, such as family-based 10-year cards, which are on ANEF.
    """
    rule = card.paths[path]
    override = next((o for o in rule.route_when if holds(o.when, facts)), None)
    sources = list(rule.sources)
    why = rule.why
    fixed, default = rule.route, rule.default
    if override is not None:
        fixed, default, why = override.route, override.default, override.why
        sources += override.sources
    choosable = fixed == "choice"
    decided_by: Literal["rule", "person", "default"] = "rule"
    if fixed == "choice":
        assert default is not None
        route: Route = application.route_choice or default
        decided_by = "person" if application.route_choice else "default"
    else:
        route = fixed
    where = (
        _("online, on the ANEF website (administration-etrangers-en-france.interieur.gouv.fr)")
        if route == "anef"
        else prefecture_name(departement_of(catalogue, application))
    )
    button = _anef_button(rule, path, application) if route == "anef" else None
    return RouteDecision(
        route=route,
        decided_by=decided_by,
        choosable=choosable,
        why=why,
        anef_button=button,
        anef_button_caveat=rule.button_caveat if button == rule.anef_button_without_visa else None,
        where=where,
        hand_in=catalogue.hand_in[route].text,
        sources=sources,
    )


def judging_date(
    application: Application, route: Route | None, today: dt.date
) -> tuple[dt.date, JudgedOn]:
    """The day the file is handed in: documents must be fresh on that day.

    A planned day that has passed without a filing being recorded is not believed: the
    file is judged on today (a warning asks to record the filing or set a new date).
    """
    filed = application.after_filing.filed_on
    if filed is not None:
        return filed, "filed"
    appointment, planned = planned_days(application)
    appointment = appointment if appointment and appointment >= today else None
    planned = planned if planned and planned >= today else None
    if route == "prefecture" and appointment:
        return appointment, "appointment"
    if planned:
        return planned, "filing"
    if appointment:
        return appointment, "appointment"
    return today, "today"


def planned_days(application: Application) -> tuple[dt.date | None, dt.date | None]:
    """(appointment day, planned filing day), as the person entered them."""
    appointment = application.appointment.date if application.appointment else None
    return appointment, application.planned_filing_date


def describe_judging_date(day: dt.date, kind: JudgedOn) -> str:
    """How the judging day is named in warnings: 'your appointment on 15/12/2026'."""
    if kind == "appointment":
        return _("your appointment on {date}").format(date=fmt(day))
    if kind == "filing":
        return _("your planned filing date, {date}").format(date=fmt(day))
    if kind == "filed":
        return _("the day you filed, {date}").format(date=fmt(day))
    return _("today, {date} (set an appointment or filing date to plan ahead)").format(
        date=fmt(day)
    )
