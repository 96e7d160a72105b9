"""One checklist item as the dossier prints it: its state, its freshness, what to do.

All the judgement about a single piece is here: what counts as not ready (missing, asked
for, too old, or waiting for its sworn translation), which date it must beat, and how
much of a note fits in the table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carte_prep.core.dates import add_months, fmt
from carte_prep.core.engine import Checklist, ChecklistItem
from carte_prep.core.redact import Redactor
from carte_prep.core.vocab import DONE_STATUSES
from carte_prep.dossier.views import NOT_READY, MissingLine, Row, RowState
from carte_prep.i18n import N_, _
from carte_prep.present import bring, bring_fr

STATE_LABELS: dict[RowState, str] = {
    "done": N_("gathered"),
    "missing": N_("missing"),
    "requested": N_("requested, waiting"),
    "stale": N_("too old: replace it"),
    "untranslated": N_("translation missing"),
    "skip": N_("not needed"),
}
"""In English; :func:`state_label` says them in the reader's language."""
STATE_LABELS_FR: dict[RowState, str] = {  # for the clerk: French in every language
    "done": "réunie",
    "missing": "manquante",
    "requested": "demandée",
    "stale": "trop ancienne",
    "untranslated": "traduction manquante",
    "skip": "sans objet",
}
NOTE_IN_TABLE = 240
"""Characters of a note the table shows; a longer note is printed whole once, at the end,
so that one row never outgrows a page and notes are not printed twice."""


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
        if self.set_by_person:
            return _("on {date}").format(date=fmt(self.date))
        return _("today ({date})").format(date=fmt(self.date))

    @property
    def must_be_fresh_on(self) -> str:
        if self.set_by_person:
            return _("on {date}").format(date=fmt(self.date))
        return _("on the day you file")


def state_label(state: RowState) -> str:
    """A row's state in the reader's language ("too old: replace it")."""
    return _(STATE_LABELS[state])


def filing_day(checklist: Checklist) -> FilingDay:
    chosen = checklist.judged_on_kind != "today"
    return FilingDay(checklist.judged_on, checklist.judged_on_label, chosen)


def row_state(item: ChecklistItem) -> RowState:
    """Gathered counts as ready only when fresh enough and translated if it must be."""
    status = item.tracking.status
    if status == "not-applicable":
        return "skip"
    if status in DONE_STATUSES:
        if item.freshness is not None and not item.freshness.ok:
            return "stale"
        if item.needs_translation and not item.tracking.translated:
            return "untranslated"
        return "done"
    return "requested" if status == "requested" else "missing"


def freshness(item: ChecklistItem, day: FilingDay) -> tuple[str, str, bool | None]:
    """(date on the document, what its age means on the filing day, fresh or not)."""
    dated = fmt(item.tracking.document_date) if item.tracking.document_date else ""
    found, max_age = item.freshness, item.max_age
    if found is not None and found.implausible:
        return dated, _("date after today or after the filing day: check it (typo?)"), False
    if max_age is None:
        return dated, "", None
    if found is None or found.fresh_until is None:
        text = _("must be under {months} months old {when}").format(
            months=max_age.months, when=day.must_be_fresh_on
        )
        return dated, text, None
    until = fmt(found.fresh_until)
    if found.ok:
        return dated, _("fresh until {date}: fine {when}").format(date=until, when=day.on), True
    text = _("fresh only until {date}: too old {when}").format(date=until, when=day.on)
    return dated, text, False


def translation(item: ChecklistItem) -> str:
    if not item.needs_translation:
        return ""
    if item.tracking.translated:
        return _("sworn translation: obtained")
    return _("needs a sworn translation (traduction assermentée)")


def cut_note(text: str) -> tuple[str, bool]:
    """The note as the table shows it, and whether it was shortened."""
    if len(text) <= NOTE_IN_TABLE:
        return text, False
    cut = text[:NOTE_IN_TABLE].rsplit(" ", 1)[0] or text[:NOTE_IN_TABLE]
    return cut + " …", True


TRANSLATION_HOW_TO = "sworn translation"
"""The key of the translator's how-to in ``explained``: the same for every document."""


def build_row(
    number: int,
    item: ChecklistItem,
    checklist: Checklist,
    day: FilingDay,
    names: dict[str, str],
    redactor: Redactor,
    explained: dict[str, str],
) -> Row:
    """One row; ``explained`` maps each how-to already printed to the row that has it.

    The how-to of a piece is the same for everyone, so it is printed in the first row of the
    household that needs it (a piece not ready) and the later rows point to that row.
    """
    requirement = item.requirement
    state = row_state(item)
    dated, fresh_text, fresh = freshness(item, day)
    others = tuple(names[m] for m in item.shared_with if m != checklist.member_id)
    assert checklist.route is not None  # rows are built for covered checklists only
    route = checklist.route.route
    notes, cut = cut_note(redactor.text(item.tracking.notes))
    anchor = f"row-{checklist.member_id}-{requirement.id}"
    how_to, caveat, how_to_anchor = "", "", ""
    if state in NOT_READY:
        key = TRANSLATION_HOW_TO if state == "untranslated" else requirement.id
        if key in explained:
            how_to_anchor = explained[key]
        else:
            if state == "untranslated":
                how_to = _(
                    "A translator sworn at a French court of appeal (traducteur agréé) "
                    "translates it; the list is on each cour d’appel’s website."
                )
            else:
                how_to = requirement.how_to_get
                caveat = " ".join(c for c in (item.provisional, requirement.caveat) if c)
            if how_to or caveat:
                explained[key] = anchor
    return Row(
        id=requirement.id,
        anchor=anchor,
        number=number,
        name_fr=requirement.name_fr,
        name_en=requirement.name_en,
        bring=bring(item, route) or "—",
        bring_fr=bring_fr(item, route) or "—",
        originals=0 if route == "anef" else item.quantity,
        copies=0 if route == "anef" else requirement.copies,
        state=state,
        status=state_label(state),
        status_fr=STATE_LABELS_FR[state],
        dated=dated,
        freshness=fresh_text,
        fresh=fresh,
        notes=notes,
        notes_cut=cut,
        notes_anchor=f"note-{checklist.member_id}-{requirement.id}",
        translation=translation(item),
        shared_anchor=f"shared-{requirement.id}" if item.shared_with else "",
        shared_with=others,
        how_to=how_to,
        caveat=caveat,
        how_to_anchor=how_to_anchor,
    )


def missing_line(row: Row, item: ChecklistItem, day: FilingDay, person: str) -> MissingLine:
    """The line of "Still missing" for a piece not ready: why, in a few words."""
    reasons = {
        "missing": _("missing"),
        "requested": _("requested, waiting"),
        "stale": _("too old"),
        "untranslated": _("sworn translation missing"),
    }
    reason = reasons[row.state]
    max_age = item.max_age
    if max_age and row.state in ("missing", "requested", "stale"):
        if day.set_by_person:
            reason = _("{reason} · dated after {date}").format(
                reason=reason, date=fmt(add_months(day.date, -max_age.months))
            )
        else:
            reason = _("{reason} · under {months} months old on the day").format(
                reason=reason, months=max_age.months
            )
    return MissingLine(
        person=person,
        number=row.number,
        name_fr=row.name_fr,
        name_en=row.name_en,
        state=row.state,
        reason=reason,
        how_to_anchor=row.how_to_anchor or (row.anchor if row.how_to or row.caveat else ""),
    )
