"""One checklist item: its tracking, how fresh the document is, and what to warn about.

Freshness is judged on the filing day, not today, because that is the day the prefecture
looks at the dates. A date after today, or after the day the file went in, is almost
always a typo (2027 for 2026): it is flagged and never counted as fine.
"""

from __future__ import annotations

import datetime as dt

from carte_prep.core.catalogue import MaxAge, Requirement
from carte_prep.core.dates import add_months, fmt
from carte_prep.core.engine.results import ChecklistItem, Freshness, PhotoPlan, Warning
from carte_prep.core.model import Application, Household, Member, Tracking
from carte_prep.core.vocab import DONE_STATUSES
from carte_prep.i18n import _


def effective_tracking(
    household: Household, member: Member, requirement: Requirement
) -> tuple[Tracking, list[str]]:
    evidence = household.shared_for(member.id, requirement.id) if requirement.shareable else None
    if evidence is not None:
        return evidence.tracking, list(evidence.members)
    return member.tracking.get(requirement.id, Tracking()), []


def judge_freshness(
    max_age: MaxAge | None,
    tracking: Tracking,
    judged_on: dt.date,
    today: dt.date,
) -> Freshness | None:
    """Whether the date printed on a document is plausible and recent enough on the filing day.

    Every date is checked for plausibility; only items with an age limit (for the kind of
    document chosen) can be too old.
    """
    day = tracking.document_date
    if day is None:
        return None
    implausible = "future" if day > today else "after-filing" if day > judged_on else None
    fresh_until = (
        add_months(day, max_age.months) - dt.timedelta(days=1) if max_age is not None else None
    )
    return Freshness(
        document_date=day,
        fresh_until=fresh_until,
        judged_on=judged_on,
        ok=implausible is None and (fresh_until is None or judged_on <= fresh_until),
        implausible=implausible,
    )


def _date_warnings(
    requirement: Requirement,
    tracking: Tracking,
    freshness: Freshness | None,
    max_age: MaxAge | None,
    judged_on: dt.date,
    judged_label: str,
) -> list[Warning]:
    name = requirement.name_en
    if freshness is not None and freshness.implausible is not None:
        after = _("today") if freshness.implausible == "future" else judged_label
        return [
            Warning(
                code="implausible-date",
                level="warning",
                message=_(
                    "{name}: dated {date}, after {after}. This is probably a typo (check the "
                    "year): correct the date on the item."
                ).format(name=name, date=fmt(freshness.document_date), after=after),
                item_id=requirement.id,
            )
        ]
    if freshness is not None and not freshness.ok and freshness.fresh_until and max_age:
        months = max_age.months
        return [
            Warning(
                code="too-old",
                level="danger" if tracking.status in DONE_STATUSES else "warning",
                message=_(
                    "{name}: dated {date}, it is fresh only until {fresh_until} (less than "
                    "{months} months) but will be judged on {judged}. Get a newer one dated "
                    "after {newer}."
                ).format(
                    name=name,
                    date=fmt(freshness.document_date),
                    fresh_until=fmt(freshness.fresh_until),
                    months=months,
                    judged=judged_label,
                    newer=fmt(add_months(judged_on, -months)),
                ),
                item_id=requirement.id,
            )
        ]
    if (
        max_age
        and tracking.document_date is None
        and tracking.status in DONE_STATUSES
        and not requirement.is_ephoto
    ):
        return [
            Warning(
                code="no-document-date",
                level="info",
                message=_(
                    "{name}: enter the date printed on it to check it is recent enough."
                ).format(name=name),
                item_id=requirement.id,
            )
        ]
    return []


def build_item(
    household: Household,
    member: Member,
    application: Application,
    requirement: Requirement,
    judged: tuple[dt.date, str],
    today: dt.date,
    photos: PhotoPlan,
    provisional: str | None = None,
) -> ChecklistItem:
    judged_on, judged_label = judged
    tracking, shared_with = effective_tracking(household, member, requirement)
    variant = next((v for v in requirement.variants if v.id == tracking.variant), None)
    max_age = requirement.max_age_for(tracking.variant)
    freshness = (
        None if requirement.is_ephoto else judge_freshness(max_age, tracking, judged_on, today)
    )
    relevant = tracking.status != "not-applicable"
    warnings = (
        _date_warnings(requirement, tracking, freshness, max_age, judged_on, judged_label)
        if relevant
        else []
    )
    # Any document marked as being in another language needs a sworn translation; civil
    # records issued abroad are presumed to be, unless the person says otherwise.
    needs_translation = tracking.foreign_language is True or (
        tracking.foreign_language is None
        and requirement.translation == "if-issued-abroad"
        and application.situation.civil_documents_abroad
    )
    if needs_translation and not tracking.translated and relevant:
        warnings.append(
            Warning(
                code="translation",
                level="warning",
                message=_(
                    "{name}: issued in another language, it needs a sworn translation "
                    "(traducteur assermenté près une cour d'appel)."
                ).format(name=requirement.name_en),
                item_id=requirement.id,
            )
        )
    return ChecklistItem(
        requirement=requirement,
        tracking=tracking,
        shared_with=shared_with,
        quantity=photos.count if requirement.counts_photos else requirement.originals,
        needs_translation=needs_translation,
        max_age=max_age,
        variant=variant,
        freshness=freshness,
        provisional=provisional,
        warnings=warnings,
    )
