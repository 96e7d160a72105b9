"""The ANEF upload set: one file per slot, named by slot, each under the size limit.

ANEF asks for one file per document. A document scanned as several pages becomes one PDF
(pypdf merges attached PDFs; images become its pages); a single image stays a JPEG. Every
image is decoded and re-encoded, so no EXIF block (GPS position, phone serial) is copied,
and shrunk step by step until the file is under the limit recorded, with its sources, in
the catalogue (``uploads.toml``). The folder is built beside the target and moved into
place whole, so a failure leaves the target as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from carte_prep.core.catalogue import Catalogue, load_catalogue
from carte_prep.core.engine import ChecklistItem, build_checklist
from carte_prep.core.model import Household
from carte_prep.dossier.attachments import MAX_FILE_BYTES, MAX_PIXELS
from carte_prep.dossier.errors import DossierError
from carte_prep.i18n import _, format_number

SIDES_PX = (2000, 1600, 1300, 1000, 800)
"""Long sides tried in turn: 2000 px keeps small print legible, 800 px is the floor."""
QUALITIES = (85, 75, 65, 55)


@dataclass(frozen=True)
class Slot:
    """One ANEF slot and what the set holds for it."""

    number: int
    requirement_id: str
    name_fr: str
    file: str
    """The file name written ('' when nothing could be written)."""
    problem: str
    """Why no file was written, or '' ."""


@dataclass(frozen=True)
class UploadSet:
    folder: Path
    slots: tuple[Slot, ...]
    limit_bytes: int


class _Refused(Exception):
    """This slot's files cannot make an upload; the message says why."""


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "document"


def _slots(household: Household, member_id: str, today: dt.date) -> list[tuple[int, ChecklistItem]]:
    member = household.find_member(member_id)
    checklist = build_checklist(household, member.id, today)
    if checklist is None or not checklist.covered or checklist.route is None:
        raise DossierError(
            _("{name} has no checklist that carte-prep covers: no upload set").format(
                name=member.display_name
            )
        )
    if checklist.route.route != "anef":
        raise DossierError(
            _(
                "{name} files at the prefecture desk, not on ANEF: print the dossier or the "
                "bordereau instead ('{command}')"
            ).format(name=member.display_name, command=f"carte-prep pdf {household.id} {member.id}")
        )
    found = []
    for number, item in enumerate(checklist.items, start=1):
        requirement = item.requirement
        needs_scan = (requirement.originals or requirement.copies) and requirement.section != "fee"
        if needs_scan and item.tracking.status != "not-applicable":
            found.append((number, item))
    return found


def make_upload_set(
    household: Household,
    member_id: str,
    folder: Path,
    *,
    today: dt.date,
    force: bool = False,
    catalogue: Catalogue | None = None,
) -> UploadSet:
    """Write the member's upload set into ``folder`` (refused if not empty, unless ``force``)."""
    rules = (catalogue or load_catalogue()).uploads
    folder = Path(os.path.abspath(folder.expanduser()))
    if folder.exists() and not folder.is_dir():
        raise DossierError(
            _("{path} is a file; give a folder for the upload set").format(path=folder)
        )
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise DossierError(
            _("{path} is not empty; choose an empty folder or add --force").format(path=folder)
        )
    if not folder.parent.is_dir():
        raise DossierError(
            _("cannot write {path}: the folder {parent} does not exist").format(
                path=folder, parent=folder.parent
            )
        )
    slots_in = _slots(household, member_id, today)
    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        slots = [_write_slot(building, n, item, rules.max_file_bytes) for n, item in slots_in]
        _move_into_place(building, folder)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return UploadSet(folder, tuple(slots), rules.max_file_bytes)


def _move_into_place(building: Path, folder: Path) -> None:
    """Replace ``folder`` by ``building`` (renames in one folder: never half a set)."""
    os.chmod(building, 0o700)
    if folder.is_dir():
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
        old.rmdir()
        os.replace(folder, old)
        try:
            os.replace(building, folder)
        except OSError:
            os.replace(old, folder)  # put the previous set back
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(building, folder)


def _write_slot(folder: Path, number: int, item: ChecklistItem, limit: int) -> Slot:
    requirement = item.requirement
    stem = f"{number:02d}-{_slug(requirement.id)}"
    attachments = [Path(p).expanduser() for p in item.tracking.attachments]
    if not attachments:
        return Slot(number, requirement.id, requirement.name_fr, "", _("no scan attached yet"))
    try:
        if len(attachments) == 1 and not _is_pdf(attachments[0]):
            data, suffix = _jpeg_under(_image(attachments[0]), limit), ".jpg"
        else:
            data, suffix = _merged_pdf(attachments, limit), ".pdf"
    except _Refused as exc:
        return Slot(number, requirement.id, requirement.name_fr, "", str(exc))
    name = stem + suffix
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return Slot(number, requirement.id, requirement.name_fr, name, "")


def _read(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise _Refused(_("{file}: not found (was it moved or renamed?)").format(file=path.name))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _Refused(_("{file}: too large to read (over 25 MB)").format(file=path.name))
        return path.read_bytes()
    except OSError as exc:
        raise _Refused(
            _("{file}: cannot be read ({reason})").format(
                file=path.name, reason=exc.strerror or exc
            )
        ) from None


def _is_pdf(path: Path) -> bool:
    return _read(path)[:5] == b"%PDF-"


def _image(path: Path) -> Image.Image:
    """The decoded image, upright, in RGB: its metadata stays behind."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(_read(path)), formats=("JPEG", "PNG")) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise _Refused(
                        _("{file}: too many pixels; scan it at a lower resolution").format(
                            file=path.name
                        )
                    )
                upright = ImageOps.exif_transpose(opened)
                return upright.convert("RGB")
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _Refused(_("{file}: not a JPEG, PNG or PDF file").format(file=path.name)) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise _Refused(
            _("{file}: a damaged image ({reason})").format(file=path.name, reason=exc)
        ) from None


def _shrunk(image: Image.Image, side: int) -> Image.Image:
    copy = image.copy()
    copy.thumbnail((side, side))
    return copy


def _jpeg_under(image: Image.Image, limit: int) -> bytes:
    for side in SIDES_PX:
        for quality in QUALITIES:
            out = io.BytesIO()
            _shrunk(image, side).save(out, "JPEG", quality=quality, optimize=True)
            if out.tell() <= limit:
                return out.getvalue()
    raise _Refused(_too_large(limit))


def _too_large(limit: int) -> str:
    return _("cannot be made smaller than {size} MB and stay legible").format(
        size=format_number(limit / 1_000_000)
    )


def _merged_pdf(paths: list[Path], limit: int) -> bytes:
    """One PDF of every page, in order; images are compressed further until it fits."""
    images = {p: _image(p) for p in paths if not _is_pdf(p)}
    for side in SIDES_PX:
        for quality in QUALITIES:
            writer = PdfWriter()
            for path in paths:
                if path in images:
                    page = io.BytesIO()
                    _shrunk(images[path], side).save(page, "PDF", quality=quality, resolution=150)
                    _append(writer, page.getvalue(), path)
                else:
                    _append(writer, _read(path), path)
            writer.add_metadata({"/Producer": "carte-prep"})
            out = io.BytesIO()
            writer.write(out)
            if out.tell() <= limit:
                return out.getvalue()
            if not images:
                raise _Refused(
                    _(
                        "the PDF is {size} MB, over the {limit} MB limit: scan it at a lower "
                        "resolution"
                    ).format(
                        size=format_number(round(out.tell() / 1_000_000, 1)),
                        limit=format_number(limit / 1_000_000),
                    )
                )
    raise _Refused(_too_large(limit))


def _append(writer: PdfWriter, data: bytes, path: Path) -> None:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _Refused(
                _("{file}: password-protected; save a copy without a password").format(
                    file=path.name
                )
            )
        for page in reader.pages:
            writer.add_page(page)
    except (PyPdfError, ValueError) as exc:
        raise _Refused(
            _("{file}: a damaged PDF ({reason})").format(file=path.name, reason=type(exc).__name__)
        ) from None
