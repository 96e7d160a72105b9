"""The checklist engine: (household, member, today) -> the member's tailored checklist.

Pure functions over the saved model and the catalogue. "Today" is a parameter so that
tests, the agenda and the PDF can all speak about a fixed day. The legal path comes
first: a path the catalogue does not cover gives a checklist with no items that says what
to read instead, never a neighbouring card's list.
"""

from __future__ import annotations

import datetime as dt

from carte_prep.core.catalogue import Catalogue, Requirement, load_catalogue
from carte_prep.core.dates import age_on
from carte_prep.core.engine.conditions import situation_facts, with_route_and_fee
from carte_prep.core.engine.fees import quote_fee
from carte_prep.core.engine.items import build_item
from carte_prep.core.engine.photos import plan_photos
from carte_prep.core.engine.results import Checklist, ChecklistItem, ChecklistSection, Progress
from carte_prep.core.engine.route import decide_route, describe_judging_date, judging_date
from carte_prep.core.engine.selection import needed, probably_needed
from carte_prep.core.engine.warnings import (
    Context,
    identity_warnings,
    member_warnings,
    notice_warnings,
)
from carte_prep.core.engine.windows import filing_window
from carte_prep.core.model import Household, Member, within_plausible_days
from carte_prep.core.procedure import decide_procedure


def _not_covered(
    household: Household, member: Member, today: dt.date, catalogue: Catalogue
) -> Checklist:
    application = member.application
    assert application is not None
    decision = decide_procedure(application, catalogue, member.nationality)
    judged_on, kind = judging_date(application, None, today)
    return Checklist(
        household_id=household.id,
        member_id=member.id,
        member_name=member.display_name,
        card_type=application.card_type,
        card=catalogue.cards.get(application.card_type),
        decision=decision,
        route=None,
        judged_on=judged_on,
        judged_on_kind=kind,
        judged_on_label=describe_judging_date(judged_on, kind),
        sections=[],
        fee=None,
        photos=None,
        window=None,
        warnings=identity_warnings(member, today, catalogue),
        progress=Progress(done=0, total=0),
    )


def build_checklist(
    household: Household,
    member_id: str,
    today: dt.date,
    catalogue: Catalogue | None = None,
) -> Checklist | None:
    """The member's checklist, or None when the member needs no card."""
    catalogue = catalogue or load_catalogue()
    household = within_plausible_days(household)
    member = household.member(member_id)
    application = member.application
    if application is None:
        return None
    decision = decide_procedure(application, catalogue, member.nationality)
    card = catalogue.cards.get(application.card_type)
    if card is None or not decision.covered:
        return _not_covered(household, member, today, catalogue)
    base_facts = situation_facts(member, application, card, decision)
    route = decide_route(application, card, decision.path, base_facts, catalogue)
    judged_on, judged_kind = judging_date(application, route.route, today)
    judged_label = describe_judging_date(judged_on, judged_kind)
    window = filing_window(application, decision, route.route, catalogue)
    fee = quote_fee(application, card, decision, judged_on, window, catalogue, base_facts)
    facts = with_route_and_fee(base_facts, route.route, fee.total_max > 0, fee.regularisation > 0)
    age = age_on(member.birth_date, judged_on)
    photos = plan_photos(application, facts, judged_on, age, catalogue)
    chosen = needed(catalogue, facts, judged_on, age)
    extra, question_warnings = probably_needed(catalogue, facts, judged_on, age, chosen)
    notes = {r.id: None for r in chosen} | {r.id: note for r, note in extra}
    requirements = [*chosen, *(r for r, _ in extra)]
    sections = []
    for section in sorted(catalogue.sections.values(), key=lambda s: s.order):
        items: list[ChecklistItem] = [
            build_item(
                household,
                member,
                application,
                requirement,
                (judged_on, judged_label),
                today,
                photos,
                notes[requirement.id],
            )
            for requirement in sorted(
                (r for r in requirements if r.section == section.id),
                key=lambda r: (r.order, r.id),
            )
        ]
        if items:
            sections.append(ChecklistSection(section=section, items=items))
    context = Context(
        member, application, card, decision, route, photos, window, fee, judged_on, today
    )
    warnings = identity_warnings(member, today, catalogue)
    warnings += notice_warnings(catalogue, facts, judged_on, age)
    warnings += member_warnings(context, catalogue)
    warnings += question_warnings
    all_items = [item for s in sections for item in s.items]
    warnings += [w for item in all_items for w in item.warnings]
    counted = [item for item in all_items if item.counted]
    return Checklist(
        household_id=household.id,
        member_id=member.id,
        member_name=member.display_name,
        card_type=card.id,
        card=card,
        decision=decision,
        route=route,
        judged_on=judged_on,
        judged_on_kind=judged_kind,
        judged_on_label=judged_label,
        sections=sections,
        fee=fee,
        photos=photos,
        window=window,
        warnings=warnings,
        progress=Progress(
            done=sum(item.done for item in counted),
            total=len(counted),
            too_old=sum(item.too_old for item in counted),
        ),
    )


def household_checklists(
    household: Household, today: dt.date, catalogue: Catalogue | None = None
) -> list[Checklist]:
    """Every member's checklist (members who need no card are left out)."""
    lists = (build_checklist(household, m.id, today, catalogue) for m in household.members)
    return [c for c in lists if c is not None]


def household_progress(checklists: list[Checklist]) -> Progress:
    """Household progress: a shared document counts once for each member it serves."""
    return Progress(
        done=sum(c.progress.done for c in checklists),
        total=sum(c.progress.total for c in checklists),
        too_old=sum(c.progress.too_old for c in checklists),
    )


def shareable_documents(checklists: list[Checklist]) -> list[tuple[Requirement, set[str]]]:
    """The documents one paper may serve for several members (a bill, a lease...), in the
    checklist's order, each with the members whose checklist lists it."""
    wanted: dict[str, tuple[Requirement, set[str]]] = {}
    for checklist in checklists:
        for item in checklist.items:
            if item.requirement.shareable:
                entry = wanted.setdefault(item.requirement.id, (item.requirement, set()))
                entry[1].add(checklist.member_id)
    return sorted(wanted.values(), key=lambda e: (e[0].order, e[0].id))
