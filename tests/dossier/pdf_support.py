"""Helpers for the dossier tests (importable: pytest puts this folder on sys.path)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, StreamObject

from carte_prep.core.model import Household
from support import PROFILES


def load_profile(name: str) -> Household:
    return Household.model_validate_json((PROFILES / f"{name}.json").read_text(encoding="utf-8"))


def pdf_text(path: Path) -> str:
    """All the text pypdf finds, page after page."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def squeeze(text: str) -> str:
    """Text without any whitespace, so line wrapping and no-break spaces do not matter."""
    return "".join(text.split())


def between(text: str, start: str, end: str) -> str:
    """The part of ``text`` after the first ``start`` and before the next ``end``."""
    _, found, rest = text.partition(start)
    assert found, f"{start!r} not in the text"
    return rest.partition(end)[0]


def placed_images(path: Path) -> list[tuple[int, StreamObject]]:
    """(page index, image XObject) for each image a page actually draws.

    WeasyPrint shares one resource dictionary between pages, so listing resources would
    count an image on every page; only a page whose content stream paints it counts.
    """
    found = []
    for index, page in enumerate(PdfReader(path).pages):
        content = page.get_contents()
        drawn = content.get_data() if content is not None else b""
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        xobjects = resources.get("/XObject", DictionaryObject()).get_object()
        for name, ref in xobjects.items():
            image = ref.get_object()
            if not isinstance(image, StreamObject):
                continue
            if image.get("/Subtype") == "/Image" and f"{name} Do".encode() in drawn:
                found.append((index, image))
    return found
