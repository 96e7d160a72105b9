"""Helpers for the dossier tests (importable: pytest puts this folder on sys.path)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, StreamObject, TextStringObject

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


def blank_fractions(path: Path, dpi: int = 30) -> list[float]:
    """For each page, the share of the body (inside the margins) above and below the ink.

    Pages are drawn with poppler's pdftoppm, as a person looking at the page would see them.
    """
    import shutil
    import subprocess
    import tempfile

    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is needed to look at the pages: apt install poppler-utils"
    fractions = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [pdftoppm, "-r", str(dpi), "-gray", "-png", str(path), f"{folder}/p"], check=True
        )
        for image_path in sorted(Path(folder).glob("p-*.png")):
            with Image.open(image_path) as image:
                fractions.append(_blank_fraction(image.convert("L")))
    return fractions


def _blank_fraction(image: Image.Image) -> float:
    width, height = image.size
    left, right = round(width * 16 / 210), width - round(width * 16 / 210)
    top, bottom = round(height * 22 / 297) + 2, height - round(height * 20 / 297) - 2
    body = image.crop((left, top, right, bottom))
    values = body.tobytes()  # one byte per pixel in grey (mode L)
    inked = [
        y for y in range(body.height) if min(values[y * body.width : (y + 1) * body.width]) < 200
    ]
    if not inked:
        return 1.0
    return 1 - (inked[-1] - inked[0] + 1) / float(body.height)


def notdef_glyphs(path: Path) -> int:
    """How many .notdef glyphs (glyph 0, drawn as an empty box) the pages show.

    WeasyPrint writes every font as Identity-H: two bytes per glyph id in each string.
    """
    from pypdf.generic import ContentStream

    reader = PdfReader(path)
    count = 0
    for page in reader.pages:
        content = ContentStream(page.get_contents(), reader)
        for operands, operator in content.operations:
            strings = []
            if operator == b"Tj":
                strings = [operands[0]]
            elif operator == b"TJ":
                strings = [s for s in operands[0] if isinstance(s, (bytes, str))]
            for value in strings:
                if isinstance(value, TextStringObject):
                    data = value.get_original_bytes()
                else:
                    data = bytes(value)
                count += sum(data[i : i + 2] == b"\0\0" for i in range(0, len(data) - 1, 2))
    return count


def text_runs(path: Path, page_index: int) -> list[tuple[str, float, float]]:
    """(text, x, y) of each run pypdf reads on a page, in the order it is drawn."""
    runs: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            runs.append((text, x, y))

    PdfReader(path).pages[page_index].extract_text(visitor_text=visit)
    return runs


def drawn_characters(path: Path) -> dict[str, set[str]]:
    """The characters each embedded font draws, read from its ToUnicode map.

    A character is drawn by the font the layout chose for it: a Han character mapped in a
    Noto CJK font was found in that font, not replaced by another font's empty box.
    """
    reader = PdfReader(path)
    found: dict[str, set[str]] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            if name in found or "/ToUnicode" not in font:
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            found[name] = _mapped(cmap)
    return found


def _mapped(cmap: str) -> set[str]:
    import re

    chars: set[str] = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for _, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            chars.update(bytes.fromhex(dst).decode("utf-16-be", errors="ignore"))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            first = int(dst, 16)
            chars.update(chr(first + i) for i in range(int(high, 16) - int(low, 16) + 1))
    return chars
