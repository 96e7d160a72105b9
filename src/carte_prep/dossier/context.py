"""The whole dossier's view-model, from one household: cover, parts, shared pieces, annex.

All the judgement (what counts as missing, which date a document must beat, what to mask)
is made in Python, where it is typed and tested: here for the household-wide parts, in
:mod:`.member` and :mod:`.rows` for each applicant, in :mod:`.clerk` for the bordereau and
the packing list. Every string the person typed reaches the template unchanged except for
masking; escaping is the template engine's job (autoescape is on).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from carte_prep.core.agenda import next_deadline
from carte_prep.core.catalogue import load_catalogue
from carte_prep.core.confidence import confidence_intro, confidence_lines
from carte_prep.core.dates import fmt
from carte_prep.core.engine import Checklist, ChecklistItem, build_checklist, household_progress
from carte_prep.core.model import Household, Member
from carte_prep.core.redact import KEEP_VISIBLE, MASK_CHAR, Redactor, mask
from carte_prep.dossier.attachments import Scan, prepare_scan
from carte_prep.dossier.clerk import bordereau, packing_list
from carte_prep.dossier.grid import packing_grid
from carte_prep.dossier.member import RUNNING_NAME_MAX, member_part, person_name, relationship
from carte_prep.dossier.rows import filing_day, freshness, row_state, state_label, translation
from carte_prep.dossier.views import (
    AnefFiling,
    AnnexGroup,
    AnnexScan,
    CoverEntry,
    Dossier,
    FullNote,
    MemberPart,
    Merge,
    PhotoNorms,
    SharedDoc,
)
from carte_prep.i18n import _

Only = Literal["all", "bordereau", "packing-list"]
NotesMode = Literal["full", "short", "none"]
"""How the person's notes print: shortened in the tables and whole in a notes section
(full), only shortened (short, the default: whole notes would double a large dossier),
or not at all (none). The cover says which, so no note is lost without a word."""
PACKING_GRID_FROM = 4
"""From this many applicants the packing list is one grid for the household: one list each
would repeat the same pieces over pages."""
COMPACT_COVER_FROM = 3
"""From this many members the cover lists them in a table, so it stays one page."""
IDENTITY_SECTIONS = frozenset({"identity", "residence"})
"""Sections whose scans are of identity documents (passport, card, visa, civil records)."""
WATERMARK = "copie - usage exclusif : demande de titre de séjour"
"""What the administration recommends writing across a copy of an identity document."""

__all__ = [
    "KEEP_VISIBLE",
    "MASK_CHAR",
    "WATERMARK",
    "NotesMode",
    "Only",
    "Redactor",
    "build_dossier",
    "mask",
]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build_dossier(
    household: Household,
    *,
    member_id: str | None,
    today: dt.date,
    show_ids: bool,
    with_attachments: bool,
    notes: NotesMode = "short",
) -> Dossier:
    """The whole dossier for a household, or for one member of it."""
    catalogue = load_catalogue()
    redactor = Redactor.for_households([household], show=show_ids)
    household = _names_masked(household, redactor)
    members = [household.find_member(member_id)] if member_id else list(household.members)
    checklists = {m.id: build_checklist(household, m.id, today, catalogue) for m in members}
    names = {m.id: person_name(m) for m in household.members}
    parts: dict[str, MemberPart] = {}
    explained: dict[str, str] = {}
    for member in members:
        checklist = checklists[member.id]
        if checklist is None or member.application is None or not checklist.covered:
            continue  # needs no card, or not covered: on the cover only
        parts[member.id] = member_part(
            household,
            member,
            member.application,
            checklist,
            redactor,
            names,
            catalogue,
            explained,
        )
    listed = [c for c in checklists.values() if c is not None]
    progress = household_progress(listed)
    merges: list[Merge] = []
    annex = _annex(listed, parts, names, redactor, merges) if with_attachments else None
    subject = household.name if member_id is None else person_name(members[0])
    by_id = {m.id: m for m in members}
    photos = catalogue.photos
    kinds = {p.photos.kind for p in parts.values()}
    packing = tuple(packing_list(p) for p in parts.values())
    return Dossier(
        subject=subject,
        running=_shorten(subject, RUNNING_NAME_MAX),
        generated_on=fmt(today),
        catalogue_verified=fmt(catalogue.last_verified),
        ids_shown=show_ids,
        identity_scans=any(
            g.identity and any(s.src or s.separator for s in g.scans) for g in annex or ()
        ),
        done=progress.done,
        total=progress.total,
        percent=progress.percent,
        compact_cover=len(members) >= COMPACT_COVER_FROM,
        cover=tuple(
            _cover_entry(household, m, parts.get(m.id), checklists[m.id], today, redactor)
            for m in members
        ),
        parts=tuple(parts.values()),
        shared=_shared_docs(household, listed, names, redactor),
        photo_norms=PhotoNorms(
            paper_where=photos.paper_where,
            paper_norms=tuple(photos.paper_norms),
            paper_caveat=photos.caveat or "",
            ephoto_where=photos.ephoto_where,
            ephoto_notes=tuple(photos.ephoto_notes),
            any_paper="paper" in kinds,
            any_ephoto="ephoto" in kinds,
        ),
        fee_caveats=tuple(dict.fromkeys(p.fee.caveat for p in parts.values() if p.fee.caveat)),
        prefecture_members=tuple(p.name for p in parts.values() if p.route == "prefecture"),
        anef_filings=tuple(
            AnefFiling(p.name, p.anef_button) for p in parts.values() if p.route == "anef"
        ),
        notes_mode=notes,
        notes_shortened=sum(
            row.notes_cut for p in parts.values() for sec in p.sections for row in sec.rows
        ),
        full_notes=_full_notes(listed, parts, redactor) if notes == "full" else (),
        annex=annex,
        merges=tuple(merges),
        bordereaux=tuple(
            bordereau(household, by_id[i], p, redactor)
            for i, p in parts.items()
            if p.route == "prefecture"  # on ANEF there is no desk: the upload set instead
        ),
        packing=packing,
        packing_grid=(
            packing_grid(list(parts.values())) if len(parts) >= PACKING_GRID_FROM else None
        ),
        confidence_intro=confidence_intro(),
        confidence_scale=tuple(confidence_lines()),
        watermark=WATERMARK,
    )


def _not_covered(checklist: Checklist | None) -> str:
    if checklist is None or checklist.covered:
        return ""
    decision = checklist.decision
    page = decision.read_instead
    text = _("{label}: not covered here. {reason}").format(
        label=decision.label, reason=decision.reason
    )
    if page is None:
        return text
    if page.note:
        return text + " " + _("Read instead: {url} ({note}).").format(url=page.url, note=page.note)
    return text + " " + _("Read instead: {url}.").format(url=page.url)


def _names_masked(household: Household, redactor: Redactor) -> Household:
    """The household with an identifier typed into a name masked like anywhere else.

    Names are printed on every page; one that holds a passport number (typed into the wrong
    field, or on purpose) must not carry it into the dossier.
    """
    if redactor.show:
        return household
    members = [
        member.model_copy(
            update={
                "given_names": redactor.text(member.given_names),
                "surname": redactor.text(member.surname) if member.surname else member.surname,
            }
        )
        for member in household.members
    ]
    return household.model_copy(update={"name": redactor.text(household.name), "members": members})


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
        when = _("{when}: {what}").format(when=when, what=event.title)
    return CoverEntry(
        name=person_name(member),
        relationship=relationship(member),
        part=part,
        not_covered=_not_covered(checklist),
        next_date=redactor.text(when),
        next_urgent=event is not None and event.level == "danger",
    )


def _shared_docs(
    household: Household,
    checklists: list[Checklist],
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
            if item.requirement.id == evidence.requirement and item.shared_with and c.covered
        ]
        if not items:
            continue
        checklist, item = max(items, key=lambda pair: pair[0].judged_on)
        state = row_state(item)
        dated, fresh_text, fresh = freshness(item, filing_day(checklist))
        docs.append(
            SharedDoc(
                anchor=f"shared-{evidence.requirement}",
                name_fr=item.requirement.name_fr,
                name_en=item.requirement.name_en,
                members=tuple(names[m] for m in evidence.members),
                state=state,
                status=state_label(state),
                dated=dated,
                freshness=fresh_text,
                fresh=fresh,
                translation=translation(item),
                notes=redactor.text(evidence.tracking.notes),
            )
        )
    return tuple(docs)


def _full_notes(
    checklists: list[Checklist], parts: dict[str, MemberPart], redactor: Redactor
) -> tuple[FullNote, ...]:
    """The notes too long for the table, each printed whole once."""
    notes = []
    for checklist in checklists:
        part = parts.get(checklist.member_id)
        if part is None:
            continue
        items = {item.requirement.id: item for item in checklist.items}
        for section in part.sections:
            for row in section.rows:
                if row.notes_cut:
                    notes.append(
                        FullNote(
                            anchor=row.notes_anchor,
                            title=_("{name}, piece {number}: {piece}").format(
                                name=part.name, number=row.number, piece=row.name_fr
                            ),
                            text=redactor.text(items[row.id].tracking.notes),
                        )
                    )
    return tuple(notes)


def _annex(
    checklists: list[Checklist],
    parts: dict[str, MemberPart],
    names: dict[str, str],
    redactor: Redactor,
    merges: list[Merge],
) -> tuple[AnnexGroup, ...]:
    """The scans, each group headed by the piece it proves; shared scans come once.

    The attached PDFs to merge behind their separator pages are added to ``merges``.
    """
    groups: list[AnnexGroup] = []

    def group(title: str, item: ChecklistItem) -> None:
        identity = item.requirement.section in IDENTITY_SECTIONS
        mark = WATERMARK if identity else None
        scans = [prepare_scan(p, watermark=mark) for p in item.tracking.attachments]
        anchors = [f"sep-{len(groups)}-{i}" for i in range(len(scans))]
        merges.extend(
            Merge(anchor, scan.pdf_path, identity)
            for anchor, scan in zip(anchors, scans, strict=True)
            if scan.pdf_path is not None
        )
        groups.append(
            AnnexGroup(
                title=title,
                name_fr=item.requirement.name_fr,
                name_en=item.requirement.name_en,
                identity=identity,
                scans=tuple(
                    _annex_scan(s, redactor, a) for s, a in zip(scans, anchors, strict=True)
                ),
            )
        )

    shared_done: set[str] = set()
    for checklist in checklists:
        part = parts.get(checklist.member_id)
        if part is None:
            continue
        numbers = {row.id: row.number for section in part.sections for row in section.rows}
        for item in checklist.items:
            if not item.tracking.attachments:
                continue
            if item.shared_with:
                if item.requirement.id in shared_done:
                    continue
                shared_done.add(item.requirement.id)
                members = ", ".join(names[m] for m in item.shared_with)
                group(_("Household document ({names})").format(names=members), item)
            else:
                number = numbers[item.requirement.id]
                name = names[checklist.member_id]
                group(_("{name}, piece {number}").format(name=name, number=number), item)
    return tuple(groups)


def _annex_scan(scan: Scan, redactor: Redactor, anchor: str) -> AnnexScan:
    return AnnexScan(
        name=redactor.text(scan.name),
        kind=scan.kind,
        message=scan.message,
        src=scan.data_url if scan.kind == "image" else "",
        separator=anchor if scan.kind == "separate" else "",
    )
