"""Photos: paper prints for the desk, the e-photo code for ANEF, or none at all.

Whether photos are asked at all, and which kind, is the catalogue's: the paper-photo and
e-photo requirements carry the conditions (route, path, a new card or not) and their
sources. This module only says how many prints and when the code works.
"""

from __future__ import annotations

import datetime as dt

from carte_prep.core.catalogue import Catalogue
from carte_prep.core.dates import add_months
from carte_prep.core.engine.conditions import Facts, holds
from carte_prep.core.engine.results import PhotoPlan
from carte_prep.core.engine.route import departement_of
from carte_prep.core.model import Application


def plan_photos(
    application: Application, facts: Facts, filing: dt.date, age: int, catalogue: Catalogue
) -> PhotoPlan:
    """Paper photos for the desk, or the e-photo code for ANEF, with the norms."""
    rules = catalogue.photos
    asked = [
        r
        for r in catalogue.requirements.values()
        if (r.counts_photos or r.is_ephoto) and holds(r.when, facts, filing, age)
    ]
    if any(r.is_ephoto for r in asked):
        ephoto = application.ephoto
        purchased = ephoto.purchased_on if ephoto else None
        return PhotoPlan(
            kind="ephoto",
            count=1,
            where=rules.ephoto_where,
            norms=rules.paper_norms,
            notes=rules.ephoto_notes,
            ephoto_code=ephoto.code if ephoto else None,
            ephoto_purchased_on=purchased,
            ephoto_active_after=(
                purchased + dt.timedelta(hours=rules.ephoto_activation_hours) if purchased else None
            ),
            ephoto_expires_on=(
                add_months(purchased, rules.ephoto_valid_months) if purchased else None
            ),
            caveat=None,
            sources=rules.sources,
        )
    if asked:
        departement = departement_of(catalogue, application)
        count = (departement.paper_photos if departement else None) or rules.paper_count_default
        return PhotoPlan(
            kind="paper",
            count=count,
            where=rules.paper_where,
            norms=rules.paper_norms,
            notes=[],
            caveat=rules.caveat,
            sources=rules.sources,
        )
    return PhotoPlan(
        kind="none", count=0, where="", norms=[], notes=[], caveat=None, sources=rules.sources
    )
