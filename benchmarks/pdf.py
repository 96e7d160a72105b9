"""PDF: each example household's dossier against plain WeasyPrint of the same page count.

In-process, after WeasyPrint is imported and has rendered once (its import time is printed
apart). The dossier is timed through the real entry point, ``render_pdf`` (view-model,
templates, WeasyPrint, private atomic write), best-of-N. Its pages are counted with pypdf.
The baseline is a plain HTML document with exactly that many pages (each page: a heading,
three paragraphs and a 24-row table, then a page break), in the dossier's font (the bundled
DejaVu Sans, regular and bold, through ``@font-face``), A4 with the same margins, rendered
by the same WeasyPrint with a new ``FontConfiguration`` like the dossier, and written to a
file. Then pages per second for a 50-member household (10 in ``--quick``), against the
plain document of the same page count.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from common import (
    PROFILES,
    TEMPLATES,
    TODAY,
    Row,
    best_of,
    make_household,
    ms,
    ratio,
)

TARGET = 1.5

_CSS = """
@font-face { font-family: "Plain"; src: url(fonts/DejaVuSans.ttf); font-weight: normal; }
@font-face { font-family: "Plain"; src: url(fonts/DejaVuSans-Bold.ttf); font-weight: bold; }
@page { size: A4; margin: 22mm 16mm 20mm 16mm; }
html { font-family: "Plain"; font-size: 9pt; line-height: 1.35; }
section { break-after: page; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.3pt solid #888; padding: 0.6mm 1.5mm; text-align: left; }
"""
_TEXT = (
    "Justificatif de domicile de moins de trois mois : facture d'électricité, de gaz, d'eau "
    "ou de téléphone fixe, quittance de loyer, ou attestation d'hébergement avec la pièce "
    "d'identité de l'hébergeant. Proof of address less than three months old. "
)


def plain_html(pages: int) -> str:
    """A plain document of exactly ``pages`` pages."""
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{_CSS}</style></head><body>"]
    for page in range(pages):
        rows = "".join(
            f"<tr><td>{page}.{row}</td><td>Acte de naissance / birth certificate</td>"
            f"<td><b>gathered</b></td><td>12/10/2026</td></tr>"
            for row in range(24)
        )
        parts.append(
            f"<section><h2>Page {page + 1}: pièces à fournir</h2>"
            f"<p>{_TEXT * 2}</p><p>{_TEXT}</p><p>{_TEXT * 2}</p>"
            f"<table><tr><th>#</th><th>Document</th><th>Status</th><th>Date</th></tr>{rows}"
            "</table></section>"
        )
    parts.append("</body></html>")
    return "".join(parts)


def render_plain(html: str, output: Path) -> int:
    """Render the plain document like the dossier is rendered; its page count."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    document = HTML(string=html, base_url=TEMPLATES.as_uri() + "/").render(
        font_config=FontConfiguration()
    )
    output.write_bytes(document.write_pdf())
    return len(document.pages)


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def compare(name: str, household: object, repeats: int, tmp: Path) -> tuple[float, float, int]:
    """(dossier seconds, plain seconds, pages), each best of ``repeats``."""
    from carte_prep.dossier import render_pdf

    output = tmp / f"{name}.pdf"
    dossier = best_of(repeats, lambda: render_pdf(household, output, today=TODAY))  # type: ignore[arg-type]
    pages = page_count(output)
    html = plain_html(pages)
    plain_out = tmp / f"{name}-plain.pdf"
    rendered = render_plain(html, plain_out)
    if rendered != pages:
        raise RuntimeError(f"the plain document has {rendered} pages, not {pages}")
    plain = best_of(repeats, lambda: render_plain(html, plain_out))
    return dossier, plain, pages


def run(quick: bool) -> list[Row]:
    from carte_prep.core.storage import Store

    start = time.perf_counter()
    import weasyprint  # noqa: F401 - timed: what the first PDF of a session pays

    imported = time.perf_counter() - start
    repeats = 1 if quick else 5
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="carte-prep-bench-") as name:
        tmp = Path(name)
        render_plain(plain_html(1), tmp / "warm-up.pdf")
        for household in Store(PROFILES).load_all().households:
            dossier, plain, pages = compare(household.id, household, repeats, tmp)
            rows.append(
                Row(
                    f"pdf: {household.id} ({len(household.members)} members, {pages} pages)",
                    ms(dossier),
                    ms(plain),
                    ratio(dossier, plain),
                    f"<= {TARGET}x plain WeasyPrint",
                    dossier / plain <= TARGET,
                )
            )
        members = 10 if quick else 50
        big = make_household(random.Random(5), "big", f"Household of {members}", members)
        dossier, plain, pages = compare("big", big, 1, tmp)
        rows.append(
            Row(
                f"pdf: {members}-member household ({pages} pages), pages per second",
                f"{pages / dossier:.2f} p/s",
                f"{pages / plain:.2f} p/s",
                ratio(dossier, plain) + " time",
                f"<= {TARGET}x plain WeasyPrint",
                dossier / plain <= TARGET,
            )
        )
        example = Store(PROFILES).load_all().households[0]
        html_time = best_of(5, lambda: _html(example))
    rows.append(Row("pdf: import weasyprint (first PDF of a session)", ms(imported)))
    rows.append(Row(f"pdf: render_html only ({example.id})", ms(html_time)))
    return rows


def _html(household: object) -> str:
    from carte_prep.dossier import render_html

    return render_html(household, today=TODAY)  # type: ignore[arg-type]


if __name__ == "__main__":
    from common import table

    print(table(run(quick=True)))
