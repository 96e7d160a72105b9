"""The checklist engine: (household, member, today) -> the member's tailored checklist.

Pure functions over the saved model and the catalogue. "Today" is a parameter so that
tests, the agenda and the PDF can all speak about a fixed day. Freshness is judged on the
day the file will be handed in (the appointment, or the planned ANEF filing date), not on
today, because that is the day the prefecture looks at the dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from carte_prep.core.catalogue import (
    Amount,
    Card,
    Catalogue,
    Departement,
    ProcedureRoute,
    Requirement,
    Section,
    Source,
    Window,
    load_catalogue,
)
from carte_prep.core.dates import add_months, age_on, fmt
from carte_prep.core.model import Application, Household, Member, Tracking
from carte_prep.core.vocab import DONE_STATUSES, PROCEDURE_LABELS, Procedure, Route

Level = Literal["info", "warning", "danger"]
JudgedOn = Literal["appointment", "filing", "today"]


class Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class Warning(Result):
    code: str
    level: Level
    message: str
    item_id: str | None = None


class RouteDecision(Result):
    route: Route
    decided_by: Literal["rule", "person", "default"]
    choosable: bool
    why: str | None
    anef_button: str | None
    where: str
    hand_in: str
    """How documents are given: originals and copies at the desk, or scans online."""
    sources: list[Source]


class FeeQuote(Result):
    category: str
    amount: Amount
    late_fee: int
    """The late fee included in the total (0 when filed in time)."""
    late_fee_if_late: int
    """What filing late would add, from the schedule in force."""
    regularisation: int
    """Droit de visa de régularisation, for a first card without a long-stay visa."""
    regularisation_at_filing: int
    total: int
    total_max: int
    schedule_from: dt.date
    when_paid: str
    caveat: str | None
    sources: list[Source]


class Freshness(Result):
    document_date: dt.date
    fresh_until: dt.date
    judged_on: dt.date
    ok: bool


class RenewalWindow(Result):
    expiry: dt.date
    opens: dt.date
    deadline: dt.date
    late_limit: dt.date | None
    late_fee: bool
    caveat: str | None


class PhotoPlan(Result):
    kind: Literal["paper", "ephoto", "none"]
    count: int
    where: str
    norms: list[str]
    notes: list[str]
    ephoto_code: str | None = None
    ephoto_purchased_on: dt.date | None = None
    ephoto_active_after: dt.date | None = None
    ephoto_expires_on: dt.date | None = None
    caveat: str | None
    sources: list[Source]


class ChecklistItem(Result):
    requirement: Requirement
    tracking: Tracking
    shared_with: list[str]
    """Member ids served by the same household document, when it is shared."""
    quantity: int
    needs_translation: bool
    freshness: Freshness | None
    warnings: list[Warning]

    @property
    def done(self) -> bool:
        """Ready to hand in: gathered, recent enough, and translated if it must be."""
        return (
            self.tracking.status in DONE_STATUSES
            and (self.freshness is None or self.freshness.ok)
            and (not self.needs_translation or self.tracking.translated)
        )

    @property
    def counted(self) -> bool:
        return self.tracking.status != "not-applicable"


class ChecklistSection(Result):
    section: Section
    items: list[ChecklistItem]


class Progress(Result):
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


class Checklist(Result):
    household_id: str
    member_id: str
    member_name: str
    card: Card
    procedure: Procedure
    procedure_label: str
    route: RouteDecision
    judged_on: dt.date
    judged_on_kind: JudgedOn
    judged_on_label: str
    sections: list[ChecklistSection]
    fee: FeeQuote
    photos: PhotoPlan
    renewal_window: RenewalWindow | None
    warnings: list[Warning]
    progress: Progress

    @property
    def items(self) -> list[ChecklistItem]:
        return [item for section in self.sections for item in section.items]


# ---------------------------------------------------------------- route


def _departement(catalogue: Catalogue, application: Application) -> Departement | None:
    code = application.departement
    return catalogue.departements.get(code) if code else None


def prefecture_name(departement: Departement | None) -> str:
    """Where a prefecture file goes, in words a person can look up."""
    if departement is None:
        return "your prefecture (set your département to see which)"
    if departement.service:
        return departement.service
    return f"Prefecture of {departement.name}, in {departement.prefecture}"


def _anef_button(rule: ProcedureRoute, application: Application) -> str | None:
    if application.situation.no_long_stay_visa and rule.anef_button_without_visa:
        return rule.anef_button_without_visa
    return rule.anef_button


def decide_route(application: Application, catalogue: Catalogue | None = None) -> RouteDecision:
    """ANEF or the prefecture desk, and why; the person's choice counts only where it varies."""
    catalogue = catalogue or load_catalogue()
    rule = catalogue.cards[application.card_type].procedures[application.procedure]
    if rule.route == "choice":
        assert rule.default is not None
        route: Route = application.route_choice or rule.default
        decided_by: Literal["rule", "person", "default"] = (
            "person" if application.route_choice else "default"
        )
    else:
        route, decided_by = rule.route, "rule"
    where = (
        "online, on the ANEF website (administration-etrangers-en-france.interieur.gouv.fr)"
        if route == "anef"
        else prefecture_name(_departement(catalogue, application))
    )
    return RouteDecision(
        route=route,
        decided_by=decided_by,
        choosable=rule.route == "choice",
        why=rule.why,
        anef_button=_anef_button(rule, application) if route == "anef" else None,
        where=where,
        hand_in=catalogue.hand_in[route].text,
        sources=rule.sources,
    )


# ---------------------------------------------------------------- dates


def judging_date(
    application: Application, route: Route, today: dt.date
) -> tuple[dt.date, JudgedOn]:
    """The day the file is handed in: documents must be fresh on that day."""
    appointment = application.appointment.date if application.appointment else None
    planned = application.planned_filing_date
    if route == "prefecture" and appointment:
        return appointment, "appointment"
    if planned:
        return planned, "filing"
    if appointment:
        return appointment, "appointment"
    return today, "today"


def describe_judging_date(day: dt.date, kind: JudgedOn) -> str:
    """How the judging day is named in warnings: 'your appointment on 15/12/2026'."""
    if kind == "appointment":
        return f"your appointment on {fmt(day)}"
    if kind == "filing":
        return f"your planned filing date, {fmt(day)}"
    return f"today, {fmt(day)} (set an appointment or filing date to plan ahead)"


def renewal_window(
    application: Application, catalogue: Catalogue | None = None
) -> RenewalWindow | None:
    """The filing window for a renewal, from the current card's expiry."""
    catalogue = catalogue or load_catalogue()
    rule = catalogue.cards[application.card_type].procedures[application.procedure]
    card = application.current_card
    if application.procedure != "renewal" or card is None or card.valid_until is None:
        return None
    route = decide_route(application, catalogue).route
    window_id = rule.window if rule.route != "choice" or route == "anef" else "prefecture"
    window: Window = catalogue.windows[window_id or route]
    expiry = card.valid_until
    return RenewalWindow(
        expiry=expiry,
        opens=expiry - dt.timedelta(days=window.opens_days_before),
        deadline=expiry - dt.timedelta(days=window.deadline_days_before),
        late_limit=(
            expiry + dt.timedelta(days=window.late_limit_days_after)
            if window.late_limit_days_after is not None
            else None
        ),
        late_fee=window.late_fee,
        caveat=window.caveat,
    )


def _window_warnings(
    window: RenewalWindow, today: dt.date, filing: dt.date, late_fee: int
) -> list[Warning]:
    def warn(level: Level, message: str) -> Warning:
        return Warning(code="renewal-window", level=level, message=message)

    if today > window.expiry:
        message = f"Your card expired on {fmt(window.expiry)}: file your renewal at once."
        if window.late_fee:
            message += f" The €{late_fee} late fee applies."
        if window.late_limit and today > window.late_limit:
            message += (
                f" It is more than {(window.late_limit - window.expiry).days} days after expiry: "
                "a renewal may no longer be accepted; get advice (prefecture, association)."
            )
        return [warn("danger", message)]
    if today > window.deadline:
        return [
            warn(
                "danger",
                f"The last day to file without the €{late_fee} late fee was "
                f"{fmt(window.deadline)}; file now, before the card expires on "
                f"{fmt(window.expiry)}.",
            )
        ]
    warnings: list[Warning] = []
    if today < window.opens:
        warnings.append(
            warn(
                "info",
                f"Renewal window not yet open: file from {fmt(window.opens)} and no later than "
                f"{fmt(window.deadline)} (card expires {fmt(window.expiry)}).",
            )
        )
    else:
        days_left = (window.deadline - today).days
        level: Level = "warning" if days_left <= 14 else "info"
        warnings.append(
            warn(
                level,
                f"Renewal window open: {days_left} days left to file, until "
                f"{fmt(window.deadline)} (card expires {fmt(window.expiry)}).",
            )
        )
    if filing > window.deadline and window.deadline < window.expiry:
        warnings.append(
            warn(
                "warning",
                f"Your filing date {fmt(filing)} is after {fmt(window.deadline)}, the last day "
                + (f"without the €{late_fee} late fee" if window.late_fee else "to file")
                + ": file earlier.",
            )
        )
    if filing != today and filing < window.opens:
        warnings.append(
            warn(
                "warning",
                f"Your filing date {fmt(filing)} is before the window opens on "
                f"{fmt(window.opens)}: file between {fmt(window.opens)} and "
                f"{fmt(window.deadline)}.",
            )
        )
    return warnings


# ---------------------------------------------------------------- fee


def _fee_category(card: Card, application: Application) -> str:
    if card.fee == "free":
        return "free"
    match application.procedure:
        case "first" | "renewal":
            return f"{card.fee}-{application.procedure}"
        case "duplicate":
            return "duplicate"
        case "change-of-situation":
            return "change" if application.situation.wants_new_card else "free"
        case "vls-ts-validation":
            return "vls-ts-validation-student" if card.fee == "reduced" else "vls-ts-validation"


def quote_fee(
    application: Application,
    filing: dt.date,
    window: RenewalWindow | None,
    catalogue: Catalogue | None = None,
) -> FeeQuote:
    """The fee on the filing day, with the late fee if the renewal is filed late."""
    catalogue = catalogue or load_catalogue()
    card = catalogue.cards[application.card_type]
    schedule = catalogue.fee_schedule(filing)
    category = _fee_category(card, application)
    amount = schedule.amounts[category]
    late = (
        schedule.late_filing
        if window is not None and window.late_fee and filing > window.deadline
        else 0
    )
    regularises = application.procedure == "first" and application.situation.no_long_stay_visa
    regularisation = schedule.regularisation if regularises else None
    when_paid = (
        "nothing to pay: this card is free"
        if amount.total_max == 0 and not late
        else "paid online during the validation"
        if application.procedure == "vls-ts-validation"
        else "shown as a timbre fiscal when the card is handed over, for the amount in the "
        "SMS or e-mail that says it is ready"
    )
    if regularisation:
        when_paid += (
            f"; of the €{regularisation.total} droit de visa de régularisation, "
            f"€{regularisation.at_filing} is paid when you file and is not refunded"
        )
    return FeeQuote(
        category=category,
        amount=amount,
        late_fee=late,
        late_fee_if_late=schedule.late_filing,
        regularisation=regularisation.total if regularisation else 0,
        regularisation_at_filing=regularisation.at_filing if regularisation else 0,
        total=amount.total + late + (regularisation.total if regularisation else 0),
        total_max=amount.total_max + late + (regularisation.total if regularisation else 0),
        schedule_from=schedule.valid_from,
        when_paid=when_paid,
        caveat=schedule.caveat,
        sources=schedule.sources,
    )


# ---------------------------------------------------------------- photos


def plan_photos(
    application: Application, route: Route, catalogue: Catalogue | None = None
) -> PhotoPlan:
    """Paper photos for the desk, or the e-photo code for ANEF, with the norms."""
    catalogue = catalogue or load_catalogue()
    rules = catalogue.photos
    departement = _departement(catalogue, application)
    if application.procedure == "vls-ts-validation" or (
        application.procedure == "change-of-situation" and not application.situation.wants_new_card
    ):
        return PhotoPlan(
            kind="none", count=0, where="", norms=[], notes=[], caveat=None, sources=rules.sources
        )
    if route == "prefecture":
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
        ephoto_expires_on=(add_months(purchased, rules.ephoto_valid_months) if purchased else None),
        caveat=None,
        sources=rules.sources,
    )


# ---------------------------------------------------------------- requirements


def application_facts(
    member: Member, application: Application, route: Route, fee_due: bool, catalogue: Catalogue
) -> dict[str, str | bool | None]:
    """The values the catalogue's conditions are written against."""
    facts: dict[str, str | bool | None] = dict(application.situation.model_dump())
    facts.update(
        card=application.card_type,
        procedure=application.procedure,
        route=route,
        has_current_card=application.current_card is not None,
        withdrawal_agreement=catalogue.cards[application.card_type].withdrawal_agreement,
        fee_due=fee_due,
    )
    return facts


def applies(
    requirement: Requirement,
    facts: dict[str, str | bool | None],
    filing: dt.date,
    age: int,
) -> bool:
    """True when any one of the requirement's conditions holds in full."""
    if not requirement.when:
        return True
    for condition in requirement.when:
        if any(facts.get(name) not in allowed for name, allowed in condition.facts.items()):
            continue
        if condition.filed_on_or_after and filing < condition.filed_on_or_after:
            continue
        if condition.filed_before and filing >= condition.filed_before:
            continue
        if condition.age_below is not None and age >= condition.age_below:
            continue
        return True
    return False


def _first_multi_year_items(
    catalogue: Catalogue,
    facts: dict[str, str | bool | None],
    filing: dt.date,
    age: int,
    chosen: list[Requirement],
) -> list[Requirement]:
    """Items that only a first multi-year card adds, when the person has not said it is one.

    People rarely know that the 2-4 year card after a 1-year card counts as their "first
    multi-year card"; the items it brings (language, civic exam, OFII) must not vanish
    silently because the question was left unanswered.
    """
    if facts.get("first_multi_year_card") is not None:
        return []  # answered, yes or no
    asked = {**facts, "first_multi_year_card": True}
    already = {r.id for r in chosen}
    return [
        r
        for r in catalogue.requirements.values()
        if r.id not in already and applies(r, asked, filing, age)
    ]


def _effective_tracking(
    household: Household, member: Member, requirement: Requirement
) -> tuple[Tracking, list[str]]:
    evidence = household.shared_for(member.id, requirement.id) if requirement.shareable else None
    if evidence is not None:
        return evidence.tracking, list(evidence.members)
    return member.tracking.get(requirement.id, Tracking()), []


def judge_freshness(
    requirement: Requirement, tracking: Tracking, judged_on: dt.date
) -> Freshness | None:
    """Whether the date printed on a document is recent enough on the filing day."""
    if requirement.max_age is None or tracking.document_date is None:
        return None
    limit = add_months(tracking.document_date, requirement.max_age.months)
    fresh_until = limit - dt.timedelta(days=1)
    return Freshness(
        document_date=tracking.document_date,
        fresh_until=fresh_until,
        judged_on=judged_on,
        ok=judged_on <= fresh_until,
    )


def _item(
    household: Household,
    member: Member,
    application: Application,
    requirement: Requirement,
    judged_on: dt.date,
    judged_label: str,
    photos: PhotoPlan,
) -> ChecklistItem:
    tracking, shared_with = _effective_tracking(household, member, requirement)
    warnings: list[Warning] = []
    freshness = judge_freshness(requirement, tracking, judged_on)
    relevant = tracking.status != "not-applicable"
    if freshness and not freshness.ok and relevant:
        assert requirement.max_age is not None
        months = requirement.max_age.months
        newer_than = fmt(add_months(judged_on, -months))
        warnings.append(
            Warning(
                code="too-old",
                level="danger" if tracking.status in DONE_STATUSES else "warning",
                message=(
                    f"{requirement.name_en}: dated {fmt(freshness.document_date)}, it is fresh "
                    f"only until {fmt(freshness.fresh_until)} (less than {months} months) "
                    f"but will be judged on {judged_label}. Get a newer one dated after "
                    f"{newer_than}."
                ),
                item_id=requirement.id,
            )
        )
    elif (
        requirement.max_age
        and tracking.document_date is None
        and tracking.status in DONE_STATUSES
        and requirement.id != "ephoto-code"
    ):
        warnings.append(
            Warning(
                code="no-document-date",
                level="info",
                message=f"{requirement.name_en}: enter the date printed on it to check it is "
                f"recent enough.",
                item_id=requirement.id,
            )
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
                message=f"{requirement.name_en}: issued in another language, it needs a sworn "
                "translation (traducteur assermenté près une cour d'appel).",
                item_id=requirement.id,
            )
        )
    return ChecklistItem(
        requirement=requirement,
        tracking=tracking,
        shared_with=shared_with,
        quantity=photos.count if requirement.counts_photos else requirement.originals,
        needs_translation=needs_translation,
        freshness=freshness,
        warnings=warnings,
    )


# ---------------------------------------------------------------- member warnings


def _member_warnings(
    member: Member,
    application: Application,
    card: Card,
    route: RouteDecision,
    photos: PhotoPlan,
    judged_on: dt.date,
    today: dt.date,
    window: RenewalWindow | None,
    fee: FeeQuote,
) -> list[Warning]:
    warnings: list[Warning] = []
    if window is not None:
        warnings += _window_warnings(window, today, judged_on, fee.late_fee_if_late)
    elif application.procedure == "renewal":
        warnings.append(
            Warning(
                code="renewal-window",
                level="info",
                message="Enter your current card's expiry date to see when you can file.",
            )
        )
    if route.decided_by == "default":
        warnings.append(
            Warning(
                code="route-choice",
                level="info",
                message=f"Filing {'on ANEF' if route.route == 'anef' else 'at the prefecture'} "
                f"is assumed. {route.why} Choose the route in the member's profile.",
            )
        )
    expiry = member.passport.valid_until
    if expiry is not None:
        card_end = add_months(judged_on, card.validity_months)
        if expiry < judged_on:
            warnings.append(
                Warning(
                    code="passport",
                    level="danger",
                    message=f"Your passport expires on {fmt(expiry)}, before you file: "
                    "renew it first (or bring a consular attestation).",
                )
            )
        elif expiry < card_end:
            warnings.append(
                Warning(
                    code="passport",
                    level="warning",
                    message=f"Your passport expires on {fmt(expiry)}, before the card would "
                    f"(about {fmt(card_end)}): plan its renewal in time.",
                )
            )
    current = application.current_card
    if current and current.numero_etranger and len(current.numero_etranger) == 9:
        warnings.append(
            Warning(
                code="numero-etranger",
                level="warning",
                message="Your numéro étranger has 9 digits; it usually has 10. Check it on "
                "your card or récépissé.",
            )
        )
    if (
        application.procedure == "duplicate"
        and current
        and current.valid_until
        and current.valid_until <= add_months(judged_on, 3)
    ):
        warnings.append(
            Warning(
                code="duplicate-near-expiry",
                level="warning",
                message=f"Your card expires on {fmt(current.valid_until)}, within 3 months: "
                "ask for a renewal instead of a duplicate.",
            )
        )
    if photos.kind == "ephoto":
        if photos.ephoto_code is None:
            warnings.append(
                Warning(
                    code="ephoto",
                    level="info",
                    message="Buy the e-photo code a few days before filing: it can take up to "
                    "72 hours to work and lasts 6 months.",
                )
            )
        elif photos.ephoto_expires_on and photos.ephoto_expires_on <= judged_on:
            warnings.append(
                Warning(
                    code="ephoto",
                    level="danger",
                    message=f"Your e-photo code expires on {fmt(photos.ephoto_expires_on)}, "
                    f"before you file on {fmt(judged_on)}: buy a new one.",
                )
            )
        elif photos.ephoto_active_after and photos.ephoto_active_after > judged_on:
            warnings.append(
                Warning(
                    code="ephoto",
                    level="info",
                    message=f"Your e-photo code may only work from "
                    f"{fmt(photos.ephoto_active_after)} (up to 72 hours after purchase).",
                )
            )
    return warnings


# ---------------------------------------------------------------- entry points


def build_checklist(
    household: Household,
    member_id: str,
    today: dt.date,
    catalogue: Catalogue | None = None,
) -> Checklist | None:
    """The member's checklist, or None when the member needs no card."""
    catalogue = catalogue or load_catalogue()
    member = household.member(member_id)
    application = member.application
    if application is None:
        return None
    card = catalogue.cards[application.card_type]
    route = decide_route(application, catalogue)
    judged_on, judged_kind = judging_date(application, route.route, today)
    judged_label = describe_judging_date(judged_on, judged_kind)
    window = renewal_window(application, catalogue)
    fee = quote_fee(application, judged_on, window, catalogue)
    photos = plan_photos(application, route.route, catalogue)
    facts = application_facts(member, application, route.route, fee.total_max > 0, catalogue)
    age = age_on(member.birth_date, judged_on)
    chosen = [r for r in catalogue.requirements.values() if applies(r, facts, judged_on, age)]
    unasked = _first_multi_year_items(catalogue, facts, judged_on, age, chosen)
    sections = []
    for section in sorted(catalogue.sections.values(), key=lambda s: s.order):
        requirements = sorted(
            (r for r in chosen if r.section == section.id), key=lambda r: (r.order, r.id)
        )
        items = [
            _item(household, member, application, r, judged_on, judged_label, photos)
            for r in requirements
        ]
        if items:
            sections.append(ChecklistSection(section=section, items=items))
    all_items = [item for s in sections for item in s.items]
    warnings = _member_warnings(
        member, application, card, route, photos, judged_on, today, window, fee
    )
    if unasked:
        warnings.append(
            Warning(
                code="first-multi-year",
                level="warning",
                message="If this application is for your first multi-year card, you also "
                "need: " + "; ".join(r.name_en for r in unasked) + ". Say so in the profile "
                "('first multi-year card') to add them to the list.",
            )
        )
    warnings += [w for item in all_items for w in item.warnings]
    counted = [item for item in all_items if item.counted]
    return Checklist(
        household_id=household.id,
        member_id=member.id,
        member_name=member.display_name,
        card=card,
        procedure=application.procedure,
        procedure_label=PROCEDURE_LABELS[application.procedure],
        route=route,
        judged_on=judged_on,
        judged_on_kind=judged_kind,
        judged_on_label=judged_label,
        sections=sections,
        fee=fee,
        photos=photos,
        renewal_window=window,
        warnings=warnings,
        progress=Progress(done=sum(item.done for item in counted), total=len(counted)),
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
    )
