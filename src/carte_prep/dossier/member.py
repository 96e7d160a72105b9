"""One applicant's part of the dossier: who, where and when, the pieces, photos, fee, verdict."""

from __future__ import annotations

import datetime as dt

from carte_prep.core.catalogue import Catalogue
from carte_prep.core.countries import code_from_text, country_name
from carte_prep.core.dates import fmt
from carte_prep.core.engine import Checklist, FeeQuote, PhotoPlan
from carte_prep.core.engine.windows import held_words
from carte_prep.core.model import Application, Household, Member
from carte_prep.core.redact import Redactor
from carte_prep.dossier.rows import build_row, filing_day, missing_line, row_state
from carte_prep.dossier.views import (
    NOT_READY,
    Alert,
    AppointmentView,
    Fact,
    FeeView,
    MemberPart,
    MissingLine,
    NamePart,
    PhotosView,
    SectionView,
    Verdict,
)
from carte_prep.i18n import N_, _, format_money, language, ngettext
from carte_prep.present import ROUTE_IN_FULL

RUNNING_NAME_MAX = 50
"""The page header only reminds whose pages these are; the full name is on the page."""
RUNNING_MAX = 95
"""Name and card on one header line."""

ALERT_LABELS = {"danger": N_("Urgent"), "warning": N_("Check"), "info": N_("Note")}
RELATIONSHIP_LABELS = {
    "self": "",
    "spouse": N_("spouse"),
    "partner": N_("partner"),
    "child": N_("child"),
    "parent": N_("parent"),
    "other": "",
}
APPOINTMENT_KINDS = {
    "first-application": N_("first application (première demande)"),
    "renewal": N_("renewal (renouvellement)"),
    "collection": N_("collection of the card (remise de titre)"),
    "other": N_("appointment"),
}
"""These three tables are in English; :func:`relationship` and the builders translate them."""
REQUEST_FR = {  # for the bordereau: French in every language
    "first-admission": "Première demande",
    "after-vls-ts": "Première demande de titre après un visa long séjour (VLS-TS)",
    "renewal": "Renouvellement",
    "change-of-status": "Changement de statut",
    "duplicate": "Duplicata (perte ou vol)",
    "change-of-situation": "Changement de situation",
    "vls-ts-validation": "Validation du visa long séjour (VLS-TS)",
}


def relationship(member: Member) -> str:
    """The member's place in the household, in the reader's language ('' for oneself)."""
    label = RELATIONSHIP_LABELS[member.relationship]
    return _(label) if label else ""


def name_parts(member: Member) -> NamePart:
    """NOM in capitals, then the given names: no doubt about which part is the surname."""
    return NamePart(member.surname.upper() if member.surname else "", member.given_names)


def person_name(member: Member) -> str:
    """The name as the dossier prints it: NOM Prénoms in French (French print convention,
    which leaves no doubt about the surname), as the person typed it in English."""
    return name_parts(member).french if language() == "fr" else member.display_name


def running_name(member: Member) -> str:
    """Surname first for the page header; the given names are shortened, never the surname."""
    parts = name_parts(member)
    room = RUNNING_NAME_MAX - len(parts.surname_upper) - 1
    given = parts.given
    if len(given) > room:
        words, kept = given.split(), ""
        for word in words:
            candidate = f"{kept} {word}".strip()
            if len(candidate) + 2 > room:
                break
            kept = candidate
        given = (kept or given[: max(room - 1, 1)]) + " …"
    return " ".join(p for p in (parts.surname_upper, given) if p)


SHORT_NAME_MAX = 32
"""A name in a narrow column: the surname whole, the given names shortened."""


def short_name(member: Member, limit: int = SHORT_NAME_MAX) -> str:
    """The name in the reader's order, the given names cut at a word when it is too long."""
    name = person_name(member)
    if len(name) <= limit:
        return name
    parts = name_parts(member)
    surname = parts.surname_upper if language() == "fr" else (member.surname or "")
    room = limit - len(surname) - 2
    kept = ""
    for word in parts.given.split():
        if len(f"{kept} {word}".strip()) > room:
            break
        kept = f"{kept} {word}".strip()
    given = f"{kept or parts.given[: max(room, 1)]} …"
    return " ".join(p for p in ((surname, given) if language() == "fr" else (given, surname)) if p)


def _shorten_words(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 2].rsplit(" ", 1)[0] + " …"


def verdict(part_states: list[str], checklist: Checklist) -> Verdict:
    """'Not ready: 11 missing, 1 too old, 2 translations missing; file by 20/01/2027'."""
    missing = sum(s in ("missing", "requested") for s in part_states)
    stale = part_states.count("stale")
    untranslated = part_states.count("untranslated")
    file_by = ""
    window = checklist.window
    if window is not None and checklist.judged_on_kind != "filed":
        file_by = fmt(window.deadline)
        if window.opens is not None:  # not before the window opens, either
            file_by = _("{opens} to {deadline}").format(opens=fmt(window.opens), deadline=file_by)
    elif checklist.judged_on_kind in ("appointment", "filing"):
        file_by = fmt(checklist.judged_on)
    counts = [
        ngettext("{count} missing", "{count} missing", missing).format(count=missing)
        if missing
        else "",
        ngettext("{count} too old", "{count} too old", stale).format(count=stale) if stale else "",
        ngettext(
            "{count} translation missing", "{count} translations missing", untranslated
        ).format(count=untranslated)
        if untranslated
        else "",
    ]
    ready = not (missing or stale or untranslated)
    listed = ", ".join(c for c in counts if c)
    if ready:
        text = _("Ready to file; file by {date}") if file_by else _("Ready to file")
    else:
        text = _("Not ready: {counts}; file by {date}") if file_by else _("Not ready: {counts}")
    if window is not None and window.opens is not None and checklist.judged_on_kind != "filed":
        text = (
            _("Ready to file; file from {date}")
            if ready
            else _("Not ready: {counts}; file from {date}")
        )
    text = text.format(counts=listed, date=file_by)
    return Verdict(ready, text, missing, stale, untranslated, file_by)


def member_part(
    household: Household,
    member: Member,
    application: Application,
    checklist: Checklist,
    redactor: Redactor,
    names: dict[str, str],
    catalogue: Catalogue,
    explained: dict[str, str],
) -> MemberPart:
    """The part of one applicant; ``explained`` is shared by the household (see build_row)."""
    day = filing_day(checklist)
    sections: list[SectionView] = []
    missing: list[MissingLine] = []
    states: list[str] = []
    number = 0
    person = short_name(member)
    for section in checklist.sections:
        rows = []
        for item in section.items:
            number += 1
            row = build_row(number, item, checklist, day, names, redactor, explained)
            rows.append(row)
            state = row_state(item)
            if item.counted:
                states.append(state)
            if state in NOT_READY:
                missing.append(missing_line(row, item, day, person))
        sections.append(
            SectionView(section.section.title_fr, section.section.title_en, tuple(rows))
        )
    window = checklist.window
    card, route, fee, photos = checklist.card, checklist.route, checklist.fee, checklist.photos
    assert card is not None, "parts are built for covered checklists only"
    assert route is not None
    assert fee is not None
    assert photos is not None
    running = running_name(member)
    return MemberPart(
        id=member.id,
        anchor=f"member-{member.id}",
        name=person_name(member),
        name_fr=name_parts(member),
        relationship=relationship(member),
        running=_shorten_words(f"{running} · {card.name_en}", RUNNING_MAX),
        running_name=running,
        bookmark=person_name(member),
        facts=_facts(household, member, application, redactor, catalogue),
        card_fr=card.name_fr,
        card_en=card.name_en,
        procedure=checklist.procedure_label,
        request_fr=REQUEST_FR.get(checklist.procedure, checklist.procedure_label),
        procedure_why=checklist.decision.why,
        route=route.route,
        route_label=ROUTE_IN_FULL[route.route],
        where=route.where,
        anef_button=route.anef_button or "",
        appointment=appointment_view(application, redactor),
        planned_filing=(
            fmt(application.planned_filing_date) if application.planned_filing_date else ""
        ),
        filing=checklist.judged_on_label,
        window=_window(checklist),
        window_caveat=(window.caveat or "") if window else "",
        done=checklist.progress.done,
        total=checklist.progress.total,
        percent=checklist.progress.percent,
        verdict=verdict(states, checklist),
        alerts=tuple(
            Alert(w.level, _(ALERT_LABELS[w.level]), redactor.text(w.message))
            for w in checklist.warnings
        ),
        sections=tuple(sections),
        missing=tuple(missing),
        photos=_photos(photos, checklist.judged_on, redactor),
        fee=_fee(fee),
    )


def _window(checklist: Checklist) -> str:
    """When the request may be filed, and when what the person holds expires."""
    window = checklist.window
    if window is None or checklist.judged_on_kind == "filed":
        return ""
    if window.opens:
        text = _("File from {opens} to {deadline}; the current {held} expires on {expiry}.")
    else:
        text = _("File by {deadline}; the current {held} expires on {expiry}.")
    return text.format(
        opens=fmt(window.opens) if window.opens else "",
        deadline=fmt(window.deadline),
        held=held_words(window.held),
        expiry=fmt(window.expiry),
    )


def _facts(
    household: Household,
    member: Member,
    application: Application,
    redactor: Redactor,
    catalogue: Catalogue,
) -> tuple[Fact, ...]:
    born = fmt(member.birth_date)
    if member.birth_place:
        born += f", {redactor.text(member.birth_place)}"
    nationality = (
        country_name(member.nationality) or member.nationality_as_written or _("not given")
    )
    nationality = redactor.text(nationality)
    facts = [Fact(_("Born"), born), Fact(_("Nationality"), nationality)]
    passport = member.passport
    if passport.number or passport.valid_until:
        parts = [redactor.identifier(passport.number)] if passport.number else []
        if passport.valid_until:
            parts.append(_("valid until {date}").format(date=fmt(passport.valid_until)))
        if passport.issuing_country:  # typed; a country's name is shown in the reader's words
            code = code_from_text(passport.issuing_country)
            parts.append(country_name(code) if code else passport.issuing_country)
        facts.append(Fact(_("Passport"), " · ".join(parts)))
    card = application.current_card
    if card is not None:
        if card.numero_etranger:
            facts.append(Fact("Numéro étranger", redactor.identifier(card.numero_etranger)))
        held = catalogue.cards[card.card_type].name_en if card.card_type in catalogue.cards else ""
        if card.kind == "vls-ts":
            held = (
                _("long-stay visa (VLS-TS) for the {card}").format(card=held)
                if held
                else _("long-stay visa (VLS-TS)")
            )
        dates = " – ".join(fmt(d) for d in (card.valid_from, card.valid_until) if d)
        if dates and not held:
            held = _("type not recorded")
        valid = _("valid {dates}").format(dates=dates) if dates else ""
        described = " · ".join(p for p in (held, valid) if p)
        if described:
            label = _("Current visa") if card.kind == "vls-ts" else _("Current card")
            facts.append(Fact(label, described))
    address = household.address_of(member.id)
    if address is not None:
        facts.append(Fact(_("Address"), redactor.text(address.one_line), "fr"))
    contact = " · ".join(p for p in (member.phone, member.email) if p)
    if contact:
        facts.append(Fact(_("Contact"), redactor.text(contact)))
    return tuple(facts)


def appointment_view(application: Application, redactor: Redactor) -> AppointmentView | None:
    appointment = application.appointment
    if appointment is None or appointment.date is None:
        return None
    when = fmt(appointment.date)
    if appointment.time is not None:
        when = _("{date} at {time}").format(date=when, time=appointment.time.strftime("%H:%M"))
    return AppointmentView(
        kind=_(APPOINTMENT_KINDS[appointment.kind]),
        when=when,
        place=redactor.text(appointment.place or ""),
        confirmation=redactor.text(appointment.confirmation or ""),
    )


def _photos(plan: PhotoPlan, judged_on: dt.date, redactor: Redactor) -> PhotosView:
    def day(value: dt.date | None) -> str:
        return fmt(value) if value else ""

    return PhotosView(
        kind=plan.kind,
        count=plan.count,
        code=redactor.identifier(plan.ephoto_code) if plan.ephoto_code else "",
        purchased_on=day(plan.ephoto_purchased_on),
        active_after=day(plan.ephoto_active_after),
        expires_on=day(plan.ephoto_expires_on),
        expired=bool(plan.ephoto_expires_on and plan.ephoto_expires_on < judged_on),
    )


def _fee(fee: FeeQuote) -> FeeView:
    amount = fee.amount
    free = fee.total_max == 0
    if amount.tax_max is not None:
        breakdown = _("tax {tax} (or {tax_max}) + droit de timbre {stamp}")
    else:
        breakdown = _("tax {tax} + droit de timbre {stamp}")
    return FeeView(
        free=free,
        amount=format_money(fee.total),
        upper=format_money(fee.total_max) if fee.total_max != fee.total else "",
        breakdown=breakdown.format(
            tax=format_money(amount.tax),
            tax_max=format_money(amount.tax_max) if amount.tax_max is not None else "",
            stamp=format_money(amount.stamp),
        ),
        late=(
            _("It includes the {amount} late-filing fee.").format(amount=format_money(fee.late_fee))
            if fee.late_fee
            else ""
        ),
        when_paid=fee.when_paid,
        schedule_from=fmt(fee.schedule_from),
        caveat="" if free else (fee.caveat or ""),
    )
