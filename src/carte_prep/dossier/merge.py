"""After the layout: attached PDFs merged behind their separator pages, the outline shown.

WeasyPrint cannot place the pages of another PDF, so the annex holds one numbered
separator page per attached PDF, and here (pypdf) each PDF's pages are inserted right
after its separator, in list order. Pages of an identity document get the copy watermark
laid over them: a page of the dossier itself (``#watermark-stamp``), drawn by WeasyPrint
with the bundled font, is used as the stamp and then removed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError

from carte_prep.dossier.errors import DossierError
from carte_prep.dossier.views import Merge
from carte_prep.i18n import _

STAMP_ANCHOR = "watermark-stamp"


def finish_pdf(pdf: bytes, merges: Sequence[Merge]) -> bytes:
    """The laid-out dossier with the attached PDFs merged in; opens with its outline."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    pages = _anchor_pages(reader)
    stamp_index = pages.get(STAMP_ANCHOR)
    stamp = writer.pages[stamp_index] if stamp_index is not None else None
    # From the last separator back, so that earlier page numbers stay where they are.
    placed = sorted(
        ((pages[m.anchor], n, m) for n, m in enumerate(merges) if m.anchor in pages),
        key=lambda entry: (entry[0], entry[1]),
        reverse=True,
    )
    for index, _order, merge in placed:
        try:
            attached = PdfReader(merge.path)
            for offset, page in enumerate(attached.pages, start=1):
                writer.insert_page(page, index + offset)
                if merge.stamp and stamp is not None:
                    _stamp(writer.pages[index + offset], stamp)
        except (PyPdfError, OSError, ValueError) as exc:
            raise DossierError(
                _("{file} could not be merged into the dossier ({reason})").format(
                    file=merge.path.name, reason=type(exc).__name__
                )
            ) from None
    if stamp_index is not None:
        writer.remove_page(len(writer.pages) - 1)  # the stamp is the dossier's last page
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _anchor_pages(reader: PdfReader) -> dict[str, int]:
    """Page index of each named destination WeasyPrint made from an element id."""
    found: dict[str, int] = {}
    for name, destination in reader.named_destinations.items():
        try:
            page = reader.get_destination_page_number(destination)
        except (PyPdfError, KeyError, ValueError):
            continue
        if page is not None:
            found[str(name).lstrip("/")] = page
    return found


def _stamp(page: PageObject, stamp: PageObject) -> None:
    """Lay the stamp page over ``page``, scaled to its size."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    scale_x = width / float(stamp.mediabox.width)
    scale_y = height / float(stamp.mediabox.height)
    page.merge_transformed_page(stamp, Transformation().scale(scale_x, scale_y), over=True)
