"""The dossier's view-model: everything the templates print, as plain frozen dataclasses.

The engine speaks in models and dates; the printed page speaks in sentences. All the
judgement (what counts as missing, which date a document must beat, what to mask) is made
here, in Python, where it is typed and tested, so the Jinja templates only lay text out and
never call into the core. Every string the person typed reaches the template unchanged
except for masking; escaping is the template engine's job (autoescape is on).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from carte_prep.core.agenda import next_deadline
from carte_prep.core.catalogue import Catalogue, load_catalogue
from carte_prep.core.confidence import CONFIDENCE_INTRO, confidence_lines
from carte_prep.core.countries import country_name
from carte_prep.core.dates import add_months, fmt
from carte_prep.core.engine import (
    Checklist,
    ChecklistItem,
    FeeQuote,
    PhotoPlan,
    build_checklist,
    household_progress,
)
from carte_prep.core.model import Application, Household, Member
from carte_prep.core.redact import Redactor
from carte_prep.core.vocab import DONE_STATUSES, Route
from carte_prep.dossier.attachments import Scan, ScanKind, prepare_scan
from carte_prep.present import ROUTE_IN_FULL, bring

RUNNING_NAME_MAX = 60
"""The page header only reminds whose pages these are; the full name is on the page."""

RowState = Literal["done", "missing", "requested", "stale", "skip"]

STATE_LABELS: dict[RowState, str] = {
    "done": "gathered",
    "missing": "missing",
    "requested": "requested, waiting",
    "stale": "too old: replace it",
    "skip": "not needed",
}
ALERT_LABELS = {"danger": "Urgent", "warning": "Check", "info": "Note"}
RELATIONSHIP_LABELS = {
    "self": "",
    "spouse": "spouse",
    "partner": "partner",
    "child": "child",
    "parent": "parent",
    "other": "",
}
APPOINTMENT_KINDS = {
    "first-application": "first application (première demande)",
    "renewal": "renewal (renouvellement)",
    "collection": "collection of the card (remise de titre)",
    "other": "appointment",
}


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- view-model


@dataclass(frozen=True)
class FilingDay:
    """The day documents are judged on, and whether the person actually set it."""

    date: dt.date
    label: str
    """The engine's words for it, e.g. "your appointment on 15/12/2026"."""
    set_by_person: bool
    """False when no appointment or filing date exists and the engine fell back on today."""

    @property
    def on(self) -> str:
        return f"on {fmt(self.date)}" if self.set_by_person else f"today ({fmt(self.date)})"

    @property
    def must_be_fresh_on(self) -> str:
        return f"on {fmt(self.date)}" if self.set_by_person else "on the day you file"


def _filing_day(checklist: Checklist) -> FilingDay:
    chosen = checklist.judged_on_kind != "today"
    return FilingDay(checklist.judged_on, checklist.judged_on_label, chosen)


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class Row:
    """One piece in a member's list, in the order the prefecture expects it."""

    id: str
    number: int
    name_fr: str
    name_en: str
    bring: str
    state: RowState
    status: str
    dated: str
    freshness: str
    fresh: bool | None
    notes: str
    translation: str
    shared_anchor: str
    shared_with: str


@dataclass(frozen=True)
class SectionView:
    title_fr: str
    title_en: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class ToDo:
    """A piece still to get, with how to get it and the date it must be ready by."""

    number: int
    name_fr: str
    name_en: str
    status: str
    how_to_get: str
    by_when: str
    dated_after: str
    caveat: str
    notes: str


@dataclass(frozen=True)
class Alert:
    level: str
    label: str
    message: str


@dataclass(frozen=True)
class AppointmentView:
    kind: str
    when: str
    place: str
    confirmation: str


@dataclass(frozen=True)
class PhotosView:
    kind: Literal["paper", "ephoto", "none"]
    count: int
    where: str
    norms: tuple[str, ...]
    notes: tuple[str, ...]
    caveat: str
    code: str
    purchased_on: str
    active_after: str
    expires_on: str
    expired: bool


@dataclass(frozen=True)
class FeeView:
    free: bool
    amount: str
    upper: str
    breakdown: str
    late: str
    when_paid: str
    schedule_from: str
    caveat: str


@dataclass(frozen=True)
class MemberPart:
    """Everything printed about one member who applies for a card."""

    anchor: str
    name: str
    relationship: str
    running: str
    facts: tuple[Fact, ...]
    card_fr: str
    card_en: str
    procedure: str
    procedure_why: str
    """Why this is the path, in the person's words (from what they hold and ask for)."""
    route: Route
    route_label: str
    where: str
    anef_button: str
    appointment: AppointmentView | None
    planned_filing: str
    filing: str
    window: str
    window_caveat: str
    done: int
    total: int
    percent: int
    alerts: tuple[Alert, ...]
    sections: tuple[SectionView, ...]
    missing: tuple[ToDo, ...]
    stale: tuple[ToDo, ...]
    photos: PhotosView
    fee: FeeView


@dataclass(frozen=True)
class CoverEntry:
    name: str
    relationship: str
    part: MemberPart | None
    """None: this member needs no card, or the path is not covered, so has no checklist."""
    not_covered: str
    """Why the request cannot be prepared here and what to read instead ('' when covered)."""
    next_date: str
    """The first date this member must act by, with what it is ('' when none)."""
    next_urgent: bool


@dataclass(frozen=True)
class SharedDoc:
    """A household document that serves several members, listed once."""

    anchor: str
    name_fr: str
    name_en: str
    members: str
    state: RowState
    status: str
    dated: str
    freshness: str
    fresh: bool | None
    translation: str
    notes: str


@dataclass(frozen=True)
class AnefFiling:
    name: str
    button: str


@dataclass(frozen=True)
class AnnexScan:
    name: str
    kind: ScanKind
    message: str
    src: str


@dataclass(frozen=True)
class AnnexGroup:
    title: str
    name_fr: str
    name_en: str
    scans: tuple[AnnexScan, ...]


@dataclass(frozen=True)
class Dossier:
    subject: str
    running: str
    """The subject as the page header of the household-wide pages shows it."""
    generated_on: str
    catalogue_verified: str
    ids_shown: bool
    done: int
    total: int
    percent: int
    cover: tuple[CoverEntry, ...]
    parts: tuple[MemberPart, ...]
    shared: tuple[SharedDoc, ...]
    prefecture_members: tuple[str, ...]
    anef_filings: tuple[AnefFiling, ...]
    annex: tuple[AnnexGroup, ...] | None
    """None when scans were not asked for; empty when none are attached."""
    confidence_intro: str
    confidence_scale: tuple[str, ...]
    """What the confidence marks of the rules mean, printed with the sources."""


# ---------------------------------------------------------------- building


def build_dossier(
    household: Household,
    *,
    member_id: str | None,
    today: dt.date,
    show_ids: bool,
    with_attachments: bool,
) -> Dossier:
    """The whole dossier for a household, or for one member of it."""
    catalogue = load_catalogue()
    members = [household.find_member(member_id)] if member_id else list(household.members)
    redactor = Redactor.for_households([household], show=show_ids)
    checklists = {m.id: build_checklist(household, m.id, today, catalogue) for m in members}
    names = {m.id: m.display_name for m in household.members}
    days: dict[str, FilingDay] = {}
    parts: dict[str, MemberPart] = {}
    for member in members:
        checklist = checklists[member.id]
        if checklist is None or member.application is None or not checklist.covered:
            continue  # needs no card, or not covered: on the cover only
        days[member.id] = _filing_day(checklist)
        parts[member.id] = _member_part(
            member, member.application, checklist, days[member.id], redactor, names, catalogue
        )
    listed = [c for c in checklists.values() if c is not None]
    progress = household_progress(listed)
    shared = _shared_docs(household, listed, days, names, redactor)
    annex = _annex(listed, parts, names, redactor) if with_attachments else None
    subject = household.name if member_id is None else members[0].display_name
    return Dossier(
        subject=subject,
        running=_shorten(subject, RUNNING_NAME_MAX),
        generated_on=fmt(today),
        catalogue_verified=fmt(catalogue.last_verified),
        ids_shown=show_ids,
        done=progress.done,
        total=progress.total,
        percent=progress.percent,
        cover=tuple(
            _cover_entry(household, m, parts.get(m.id), checklists[m.id], today, redactor)
            for m in members
        ),
        parts=tuple(parts.values()),
        shared=shared,
        prefecture_members=tuple(p.name for p in parts.values() if p.route == "prefecture"),
        anef_filings=tuple(
            AnefFiling(p.name, p.anef_button) for p in parts.values() if p.route == "anef"
        ),
        annex=annex,
        confidence_intro=CONFIDENCE_INTRO,
        confidence_scale=tuple(confidence_lines()),
    )


def _not_covered(checklist: Checklist | None) -> str:
    if checklist is None or checklist.covered:
        return ""
    decision = checklist.decision
    page = decision.read_instead
    read = f" Read instead: {page.url}" + (f" ({page.note})." if page.note else ".") if page else ""
    return f"{decision.label}: not covered here. {decision.reason}{read}"


def _cover_entry(
    household: Household,
    member: Member,
    part: MemberPart | None,
    checklist: Checklist | None,
    today: dt.date,
    redactor: Redactor,
) -> CoverEntry:
    event = next_deadline(household, member.id, today, checklist=checklist)
    when = ""
    if event is not None:
        when = fmt(event.date) + (f" {event.time:%H:%M}" if event.time else "")
        when = f"{when}: {event.title}"
    return CoverEntry(
        name=member.display_name,
        relationship=RELATIONSHIP_LABELS[member.relationship],
        part=part,
        not_covered=_not_covered(checklist),
        next_date=redactor.text(when),
        next_urgent=event is not None and event.level == "danger",
    )


def _member_part(
    member: Member,
    application: Application,
    checklist: Checklist,
    day: FilingDay,
    redactor: Redactor,
    names: dict[str, str],
    catalogue: Catalogue,
) -> MemberPart:
    sections: list[SectionView] = []
    missing: list[ToDo] = []
    stale: list[ToDo] = []
    number = 0
    for section in checklist.sections:
        rows = []
        for item in section.items:
            number += 1
            row = _row(number, item, checklist, day, names, redactor)
            rows.append(row)
            if row.state in ("missing", "requested"):
                missing.append(_todo(row, item, checklist, day, redactor))
            elif row.state == "stale":
                stale.append(_todo(row, item, checklist, day, redactor))
        sections.append(
            SectionView(section.section.title_fr, section.section.title_en, tuple(rows))
        )
    window = checklist.window
    card, route, fee, photos = checklist.card, checklist.route, checklist.fee, checklist.photos
    assert card is not None, "parts are built for covered checklists only"
    assert route is not None
    assert fee is not None
    assert photos is not None
    return MemberPart(
        anchor=f"member-{member.id}",
        name=member.display_name,
        relationship=RELATIONSHIP_LABELS[member.relationship],
        running=f"{_shorten(member.display_name, RUNNING_NAME_MAX)} · {card.name_en}",
        facts=_facts(member, application, redactor, catalogue),
        card_fr=card.name_fr,
        card_en=card.name_en,
        procedure=checklist.procedure_label,
        procedure_why=checklist.decision.why,
        route=route.route,
        route_label=ROUTE_IN_FULL[route.route],
        where=route.where,
        anef_button=route.anef_button or "",
        appointment=_appointment(application, redactor),
        planned_filing=(
            fmt(application.planned_filing_date) if application.planned_filing_date else ""
        ),
        filing=checklist.judged_on_label,
        window=(
            (f"File from {fmt(window.opens)} to " if window.opens else "File by ")
            + f"{fmt(window.deadline)}; the current {window.held} expires on "
            f"{fmt(window.expiry)}."
            if window and checklist.judged_on_kind != "filed"
            else ""
        ),
        window_caveat=(window.caveat or "") if window else "",
        done=checklist.progress.done,
        total=checklist.progress.total,
        percent=checklist.progress.percent,
        alerts=tuple(
            Alert(w.level, ALERT_LABELS[w.level], redactor.text(w.message))
            for w in checklist.warnings
        ),
        sections=tuple(sections),
        missing=tuple(missing),
        stale=tuple(stale),
        photos=_photos(photos, checklist.judged_on, redactor),
        fee=_fee(fee),
    )


def _facts(
    member: Member, application: Application, redactor: Redactor, catalogue: Catalogue
) -> tuple[Fact, ...]:
    born = fmt(member.birth_date)
    if member.birth_place:
        born += f", {redactor.text(member.birth_place)}"
    nationality = country_name(member.nationality) or member.nationality_as_written or "not set"
    nationality = redactor.text(nationality)
    facts = [Fact("Born", born), Fact("Nationality", nationality)]
    passport = member.passport
    if passport.number or passport.valid_until:
        parts = [redactor.identifier(passport.number)] if passport.number else []
        if passport.valid_until:
            parts.append(f"valid until {fmt(passport.valid_until)}")
        if passport.issuing_country:
            parts.append(passport.issuing_country)
        facts.append(Fact("Passport", " · ".join(parts)))
    card = application.current_card
    if card is not None:
        if card.numero_etranger:
            facts.append(Fact("Numéro étranger", redactor.identifier(card.numero_etranger)))
        held = catalogue.cards[card.card_type].name_en if card.card_type in catalogue.cards else ""
        if card.kind == "vls-ts":
            held = f"long-stay visa (VLS-TS) for the {held}" if held else "long-stay visa (VLS-TS)"
        dates = " – ".join(fmt(d) for d in (card.valid_from, card.valid_until) if d)
        described = " · ".join(p for p in (held, f"valid {dates}" if dates else "") if p)
        if described:
            label = "Current visa" if card.kind == "vls-ts" else "Current card"
            facts.append(Fact(label, described))
    return tuple(facts)


def _appointment(application: Application, redactor: Redactor) -> AppointmentView | None:
    appointment = application.appointment
    if appointment is None or appointment.date is None:
        return None
    when = fmt(appointment.date)
    if appointment.time is not None:
        when += f" at {appointment.time.strftime('%H:%M')}"
    return AppointmentView(
        kind=APPOINTMENT_KINDS[appointment.kind],
        when=when,
        place=redactor.text(appointment.place or ""),
        confirmation=redactor.text(appointment.confirmation or ""),
    )


def _row_state(item: ChecklistItem) -> RowState:
    status = item.tracking.status
    if status == "not-applicable":
        return "skip"
    if status in DONE_STATUSES:
        return "stale" if item.freshness is not None and not item.freshness.ok else "done"
    return "requested" if status == "requested" else "missing"


def _freshness(item: ChecklistItem, day: FilingDay) -> tuple[str, str, bool | None]:
    """(date on the document, what its age means on the filing day, fresh or not)."""
    dated = fmt(item.tracking.document_date) if item.tracking.document_date else ""
    freshness, max_age = item.freshness, item.max_age
    if freshness is not None and freshness.implausible:
        return dated, "date after today or after the filing day: check it (typo?)", False
    if max_age is None:
        return dated, "", None
    if freshness is None or freshness.fresh_until is None:
        return dated, f"must be under {max_age.months} months old {day.must_be_fresh_on}", None
    until = fmt(freshness.fresh_until)
    if freshness.ok:
        return dated, f"fresh until {until}: fine {day.on}", True
    return dated, f"fresh only until {until}: too old {day.on}", False


def _row(
    number: int,
    item: ChecklistItem,
    checklist: Checklist,
    day: FilingDay,
    names: dict[str, str],
    redactor: Redactor,
) -> Row:
    requirement = item.requirement
    state = _row_state(item)
    dated, freshness, fresh = _freshness(item, day)
    others = [names[m] for m in item.shared_with if m != checklist.member_id]
    assert checklist.route is not None  # rows are built for covered checklists only
    return Row(
        id=requirement.id,
        number=number,
        name_fr=requirement.name_fr,
        name_en=requirement.name_en,
        bring=bring(item, checklist.route.route) or "—",
        state=state,
        status=STATE_LABELS[state],
        dated=dated,
        freshness=freshness,
        fresh=fresh,
        notes=redactor.text(item.tracking.notes),
        translation=_translation(item),
        shared_anchor=f"shared-{requirement.id}" if item.shared_with else "",
        shared_with=", ".join(others),
    )


def _translation(item: ChecklistItem) -> str:
    if not item.needs_translation:
        return ""
    if item.tracking.translated:
        return "sworn translation: obtained"
    return "needs a sworn translation (traduction assermentée)"


def _todo(
    row: Row, item: ChecklistItem, checklist: Checklist, day: FilingDay, redactor: Redactor
) -> ToDo:
    requirement = item.requirement
    if requirement.section == "fee":
        when_paid = checklist.fee.when_paid if checklist.fee else "when the card is handed over"
        by_when = f"When: {when_paid}."  # not at filing, unlike the rest
    elif day.set_by_person:
        by_when = f"Before {day.label}."
    else:
        by_when = "As soon as you can: no appointment or filing date is set yet."
    max_age = item.max_age
    dated_after = ""
    if max_age and day.set_by_person:
        dated_after = (
            f"It must be dated after {fmt(add_months(day.date, -max_age.months))} "
            f"(less than {max_age.months} months old on {fmt(day.date)})."
        )
    elif max_age:
        dated_after = f"It must be less than {max_age.months} months old on the day you file."
    return ToDo(
        number=row.number,
        name_fr=row.name_fr,
        name_en=row.name_en,
        status=row.status,
        how_to_get=requirement.how_to_get,
        by_when=by_when,
        dated_after=dated_after,
        caveat=" ".join(c for c in (item.provisional, requirement.caveat) if c),
        notes=redactor.text(item.tracking.notes),
    )


def _photos(plan: PhotoPlan, judged_on: dt.date, redactor: Redactor) -> PhotosView:
    def day(value: dt.date | None) -> str:
        return fmt(value) if value else ""

    return PhotosView(
        kind=plan.kind,
        count=plan.count,
        where=plan.where,
        norms=tuple(plan.norms),
        notes=tuple(plan.notes),
        caveat=plan.caveat or "",
        code=redactor.identifier(plan.ephoto_code) if plan.ephoto_code else "",
        purchased_on=day(plan.ephoto_purchased_on),
        active_after=day(plan.ephoto_active_after),
        expires_on=day(plan.ephoto_expires_on),
        expired=bool(plan.ephoto_expires_on and plan.ephoto_expires_on < judged_on),
    )


def _fee(fee: FeeQuote) -> FeeView:
    amount = fee.amount
    free = fee.total_max == 0
    tax_max = f" (or €{amount.tax_max})" if amount.tax_max is not None else ""
    return FeeView(
        free=free,
        amount=f"€{fee.total}",
        upper=f"€{fee.total_max}" if fee.total_max != fee.total else "",
        breakdown=f"tax €{amount.tax}{tax_max} + droit de timbre €{amount.stamp}",
        late=f"It includes the €{fee.late_fee} late-filing fee." if fee.late_fee else "",
        when_paid=fee.when_paid,
        schedule_from=fmt(fee.schedule_from),
        caveat="" if free else (fee.caveat or ""),
    )


def _shared_docs(
    household: Household,
    checklists: list[Checklist],
    days: dict[str, FilingDay],
    names: dict[str, str],
    redactor: Redactor,
) -> tuple[SharedDoc, ...]:
    """Each shared document once, judged on the last filing day it must still be fresh on."""
    docs = []
    for evidence in household.shared:
        items = [
            (c, item)
            for c in checklists
            for item in c.items
            if item.requirement.id == evidence.requirement and item.shared_with
        ]
        if not items:
            continue
        checklist, item = max(items, key=lambda pair: pair[0].judged_on)
        state = _row_state(item)
        dated, freshness, fresh = _freshness(item, days[checklist.member_id])
        docs.append(
            SharedDoc(
                anchor=f"shared-{evidence.requirement}",
                name_fr=item.requirement.name_fr,
                name_en=item.requirement.name_en,
                members=", ".join(names[m] for m in evidence.members),
                state=state,
                status=STATE_LABELS[state],
                dated=dated,
                freshness=freshness,
                fresh=fresh,
                translation=_translation(item),
                notes=redactor.text(evidence.tracking.notes),
            )
        )
    return tuple(docs)


def _annex(
    checklists: list[Checklist],
    parts: dict[str, MemberPart],
    names: dict[str, str],
    redactor: Redactor,
) -> tuple[AnnexGroup, ...]:
    """The scans, each group headed by the piece it proves; shared scans come once."""
    groups: list[AnnexGroup] = []

    def group(title: str, item: ChecklistItem) -> None:
        scans = [prepare_scan(p) for p in item.tracking.attachments]
        groups.append(
            AnnexGroup(
                title=title,
                name_fr=item.requirement.name_fr,
                name_en=item.requirement.name_en,
                scans=tuple(_annex_scan(s, redactor) for s in scans),
            )
        )

    shared_done: set[str] = set()
    for checklist in checklists:
        numbers = {
            row.id: row.number
            for section in parts[checklist.member_id].sections
            for row in section.rows
        }
        for item in checklist.items:
            if not item.tracking.attachments:
                continue
            if item.shared_with:
                if item.requirement.id in shared_done:
                    continue
                shared_done.add(item.requirement.id)
                members = ", ".join(names[m] for m in item.shared_with)
                group(f"Household document ({members})", item)
            else:
                number = numbers[item.requirement.id]
                group(f"{checklist.member_name}, piece {number}", item)
    return tuple(groups)


def _annex_scan(scan: Scan, redactor: Redactor) -> AnnexScan:
    return AnnexScan(
        name=redactor.text(scan.name),
        kind=scan.kind,
        message=scan.message,
        src=scan.data_url if scan.kind == "image" else "",
    )
