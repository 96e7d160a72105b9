"""The dossier's view-model: everything the templates print, as plain frozen dataclasses.

The engine speaks in models and dates; the printed page speaks in sentences. The builders
(:mod:`.context`, :mod:`.member`, :mod:`.rows`, :mod:`.clerk`) fill these in, so the Jinja
templates only lay text out and never call into the core.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from carte_prep.core.vocab import Route
from carte_prep.dossier.attachments import ScanKind

if TYPE_CHECKING:
    from carte_prep.dossier.grid import PackingGrid

RowState = Literal["done", "missing", "requested", "stale", "untranslated", "skip"]
"""``untranslated``: gathered, but its sworn translation is still missing: not ready."""
NOT_READY: tuple[RowState, ...] = ("missing", "requested", "stale", "untranslated")


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    lang: str = ""
    """'fr' when the value is French text (an address, a French card name)."""


@dataclass(frozen=True)
class Row:
    """One piece in a member's list, in the order the prefecture expects it."""

    id: str
    anchor: str
    number: int
    name_fr: str
    name_en: str
    bring: str
    bring_fr: str
    originals: int
    copies: int
    state: RowState
    status: str
    status_fr: str
    dated: str
    freshness: str
    fresh: bool | None
    notes: str
    notes_cut: bool
    """The note is shortened in the table; the full text is under "Notes in full"."""
    notes_anchor: str
    translation: str
    shared_anchor: str
    shared_with: tuple[str, ...]
    how_to: str
    """How to get the piece, printed in the first row of the household that needs it."""
    caveat: str
    """What the sources leave unsure about the piece, printed with its how-to."""
    how_to_anchor: str
    """The row whose how-to serves this one too ('' when it is this row, or none is needed)."""


@dataclass(frozen=True)
class SectionView:
    title_fr: str
    title_en: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class MissingLine:
    """One line of "Still missing": whose piece, which one, why, and where its how-to is."""

    person: str
    number: int
    name_fr: str
    name_en: str
    state: RowState
    reason: str
    how_to_anchor: str
    """The checklist row that says how to get it ('' when it says nothing more)."""


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
    code: str
    purchased_on: str
    active_after: str
    expires_on: str
    expired: bool


@dataclass(frozen=True)
class PhotoNorms:
    """The photo rules, printed once per dossier (they are the same for everyone)."""

    paper_where: str
    paper_norms: tuple[str, ...]
    paper_caveat: str
    ephoto_where: str
    ephoto_notes: tuple[str, ...]
    any_paper: bool
    any_ephoto: bool


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
class Verdict:
    """Whether a member can file with what is gathered, in one line for the cover."""

    ready: bool
    text: str
    missing: int
    stale: int
    untranslated: int
    file_by: str


@dataclass(frozen=True)
class NamePart:
    """A person's name as French administration writes it: NOM first, then prénoms."""

    surname_upper: str
    given: str

    @property
    def french(self) -> str:
        return " ".join(p for p in (self.surname_upper, self.given) if p)


@dataclass(frozen=True)
class MemberPart:
    """Everything printed about one member who applies for a card."""

    id: str
    anchor: str
    name: str
    name_fr: NamePart
    relationship: str
    running: str
    running_name: str
    """NOM Prénoms for the page header, the given names shortened if need be."""
    bookmark: str
    facts: tuple[Fact, ...]
    card_fr: str
    card_en: str
    procedure: str
    request_fr: str
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
    verdict: Verdict
    alerts: tuple[Alert, ...]
    sections: tuple[SectionView, ...]
    missing: tuple[MissingLine, ...]
    """The pieces not ready (missing, asked for, too old, translation pending), in order."""
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
    members: tuple[str, ...]
    state: RowState
    status: str
    dated: str
    freshness: str
    fresh: bool | None
    translation: str
    notes: str


@dataclass(frozen=True)
class FullNote:
    """A note too long for the table, printed whole once at the end."""

    anchor: str
    title: str
    text: str


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
    separator: str
    """For a PDF merged behind its separator page: the separator's anchor ('' otherwise)."""


@dataclass(frozen=True)
class Merge:
    """An attached PDF whose pages go behind its separator page (never printed itself)."""

    anchor: str
    path: Path
    stamp: bool
    """An identity document: its pages get the copy watermark."""


@dataclass(frozen=True)
class AnnexGroup:
    title: str
    name_fr: str
    name_en: str
    identity: bool
    """Scans of an identity document: they carry the copy watermark."""
    scans: tuple[AnnexScan, ...]


@dataclass(frozen=True)
class BordereauPiece:
    number: int
    name_fr: str
    originals: int
    copies: int
    scan: bool
    """On ANEF the piece is a scan: the Original / Copie columns say « scan »."""


@dataclass(frozen=True)
class Bordereau:
    """The clerk's one-page list of one applicant's pieces, in French only."""

    anchor: str
    name: NamePart
    born_on: str
    born_in: str
    nationality: str
    numero: str
    address: tuple[str, ...]
    phone: str
    email: str
    card_fr: str
    request_fr: str
    where: str
    pieces: tuple[BordereauPiece, ...]


@dataclass(frozen=True)
class PackingPiece:
    number: int
    name_fr: str
    name_en: str
    bring: str
    """In the applicant's language: the French wording itself for a French reader."""
    originals: int
    copies: int
    ready: bool
    status: str


@dataclass(frozen=True)
class PackingList:
    """The applicant's list for the day: empty boxes to tick as each piece goes in."""

    anchor: str
    name: str
    running: str
    card_en: str
    route: Route
    verdict: Verdict
    appointment: AppointmentView | None
    where: str
    pieces: tuple[PackingPiece, ...]
    photos: str
    fee: str
    bring_on_the_day: tuple[str, ...]


@dataclass(frozen=True)
class Dossier:
    subject: str
    running: str
    """The subject as the page header of the household-wide pages shows it."""
    generated_on: str
    catalogue_verified: str
    ids_shown: bool
    identity_scans: bool
    """Scans of identity documents are embedded: the cover says so, whatever the masking."""
    done: int
    total: int
    percent: int
    compact_cover: bool
    cover: tuple[CoverEntry, ...]
    parts: tuple[MemberPart, ...]
    shared: tuple[SharedDoc, ...]
    photo_norms: PhotoNorms
    fee_caveats: tuple[str, ...]
    """What the sources leave unsure about the fees, each printed once."""
    prefecture_members: tuple[str, ...]
    anef_filings: tuple[AnefFiling, ...]
    notes_mode: str
    """full, short or none: see :data:`carte_prep.dossier.context.NotesMode`."""
    notes_shortened: int
    """How many notes the checklist tables show only in part."""
    full_notes: tuple[FullNote, ...]
    annex: tuple[AnnexGroup, ...] | None
    """None when scans were not asked for; empty when none are attached."""
    merges: tuple[Merge, ...]
    bordereaux: tuple[Bordereau, ...]
    packing: tuple[PackingList, ...]
    packing_grid: PackingGrid | None
    """From four people, one grid instead of :attr:`packing` (None: one list each)."""
    confidence_intro: str
    confidence_scale: tuple[str, ...]
    """What the confidence marks of the rules mean, printed with the sources."""
    watermark: str

    @property
    def packing_anchor(self) -> str:
        """Where the packing list starts ('' when there is none)."""
        if self.packing_grid is not None:
            return self.packing_grid.anchor
        return self.packing[0].anchor if self.packing else ""
