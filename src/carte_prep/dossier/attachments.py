"""Scans attached to checklist items, made ready for the annex of the dossier.

A phone photo of a passport is 3-8 MB and carries the GPS position and the phone's serial
number in its EXIF block. The annex must stay small enough to e-mail and must not carry
that, so every image is decoded here (JPEG and PNG only, sniffed from the content, with
size limits checked before decoding), turned upright, scaled down and re-encoded as a
plain JPEG, handed to the renderer as a ``data:`` URL. (A ``file:`` URL would not do:
WeasyPrint re-reads an image from the disk path of a ``file:`` URL, whatever bytes the URL
fetcher returned, so the original would end up in the PDF.) A scan of an identity document
gets the copy watermark burnt into its pixels. WeasyPrint cannot place pages of another
PDF, so an attached PDF is checked here (readable, not encrypted) and its pages are merged
behind a separator page once the dossier is laid out (:mod:`.merge`). Whatever goes wrong
with one file becomes a line in the annex, never a failed dossier.
"""

from __future__ import annotations

import base64
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from carte_prep.i18n import _, ngettext
from carte_prep.resources import templates_dir

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 40_000_000
"""Far above any scanner or phone camera, far below what could exhaust memory."""
LONG_SIDE_PX = 1400
"""About 170 dpi across an A4 page: a document stays legible, a page weighs ~150-300 KB."""
JPEG_QUALITY = 72

ScanKind = Literal["image", "separate", "problem"]


@dataclass(frozen=True)
class Scan:
    """One attached file as the annex reports it."""

    name: str
    """The file name only: the folders of the user's disk are not printed."""
    kind: ScanKind
    message: str
    data: bytes | None = None
    """For an image: the scaled JPEG the renderer is given instead of the original."""
    pdf_path: Path | None = None
    """For a PDF: where it is, to merge its pages after the dossier is laid out."""
    pages: int = 0

    @property
    def data_url(self) -> str:
        """The scaled JPEG as the <img> source: the renderer never opens the file itself."""
        if self.data is None:
            raise ValueError(f"{self.name} is not an image")
        return "data:image/jpeg;base64," + base64.b64encode(self.data).decode("ascii")


class _Unusable(Exception):
    """A file that cannot go in the annex, with the reason to print."""


def prepare_scan(path_text: str, *, watermark: str | None = None) -> Scan:
    """Read one attachment and say what the annex will show for it.

    With ``watermark``, an image gets that text drawn across it (an identity document).
    """
    given = Path(path_text).expanduser()
    name = given.name or path_text
    try:
        path = given.resolve(strict=True)
    except (OSError, RuntimeError):
        return Scan(name, "problem", _("not found: was it moved or renamed?"))
    try:
        data = _read(path)
        if data is None:
            pages = _pdf_pages(path)
            said = ngettext(
                "its page follows this one", "its {count} pages follow this one", pages
            ).format(count=pages)
            return Scan(name, "separate", said, pdf_path=path, pages=pages)
        image = _scaled(data)
        if watermark:
            image = _watermarked(image, watermark)
        return Scan(name, "image", "", data=_jpeg(image))
    except _Unusable as exc:
        return Scan(name, "problem", str(exc))


def _read(path: Path) -> bytes | None:
    """The file's bytes, or None for a PDF (which is never read in full)."""
    try:
        if not path.is_file():  # checked before opening: a FIFO would block the open
            raise _Unusable(_("not a file"))
        with open(path, "rb") as handle:
            if handle.read(5) == b"%PDF-":
                return None
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise _Unusable(
                    _("too large to include ({size} MB; the limit is {limit} MB)").format(
                        size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024)
                    )
                )
            handle.seek(0)
            return handle.read(MAX_FILE_BYTES)
    except OSError as exc:
        raise _Unusable(_("cannot be read ({reason})").format(reason=exc.strerror or exc)) from None


def _pdf_pages(path: Path) -> int:
    """The number of pages of an attached PDF that can be merged as it is."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise _Unusable(_("the PDF is password-protected: save a copy without a password"))
        pages = len(reader.pages)
    except (PyPdfError, OSError, ValueError) as exc:
        raise _Unusable(
            _("a damaged PDF ({reason}): export it again").format(reason=type(exc).__name__)
        ) from None
    if not pages:
        raise _Unusable(_("the PDF has no page"))
    return pages


def _jpeg(image: Image.Image) -> bytes:
    """A plain JPEG: Pillow writes no EXIF unless it is given one."""
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _watermarked(image: Image.Image, text: str) -> Image.Image:
    """The text repeated across the image in grey, diagonally, burnt into the pixels."""
    base = image.convert("RGB")
    size = max(base.width // 28, 12)
    font = ImageFont.truetype(str(templates_dir() / "fonts" / "DejaVuSans-Bold.ttf"), size)
    side = int((base.width**2 + base.height**2) ** 0.5)
    layer = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(layer)
    step = size * 5
    for y in range(0, side, step):
        draw.text((0 if (y // step) % 2 else side // 6, y), (text + "   ") * 3, fill=110, font=font)
    layer = layer.rotate(30, expand=False)
    left, top = (side - base.width) // 2, (side - base.height) // 2
    mask = layer.crop((left, top, left + base.width, top + base.height))
    grey = Image.new("RGB", base.size, (120, 120, 120))
    base.paste(grey, mask=mask)
    return base


def _scaled(data: bytes) -> Image.Image:
    """Decode, check, turn upright and shrink; the metadata stays behind."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=("JPEG", "PNG")) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise _Unusable(
                        _(
                            "an image of {width} × {height} pixels is too large to include; "
                            "scan it at a lower resolution"
                        ).format(width=opened.width, height=opened.height)
                    )
                image = ImageOps.exif_transpose(opened)
                image.thumbnail((LONG_SIDE_PX, LONG_SIDE_PX))
                return _flatten(image)
    except UnidentifiedImageError:
        raise _Unusable(_("not a JPEG, PNG or PDF file: attach it separately")) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _Unusable(
            _(
                "the image has more than {count} million pixels, too large to include; "
                "scan it at a lower resolution"
            ).format(count=MAX_PIXELS // 1_000_000)
        ) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise _Unusable(_("a damaged or unsupported image ({reason})").format(reason=exc)) from None


def _flatten(image: Image.Image) -> Image.Image:
    """RGB or grey, transparency laid on white paper (JPEG has no alpha)."""
    if image.mode in ("RGB", "L"):
        return image
    if "A" in image.getbands() or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, "white")
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return image.convert("RGB")
