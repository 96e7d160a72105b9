"""The printable dossier: what a person takes to the prefecture, or keeps beside them on ANEF.

The CLI and the app call exactly :func:`render_pdf`; :func:`render_html` gives the same
document as HTML, which is quick to inspect in tests. The pipeline is: the engine's
checklists -> a view-model of plain strings (:mod:`.context`) -> Jinja2 templates from the
bundled ``templates/`` folder (autoescaped, strict) -> WeasyPrint (:mod:`.pdf`), which may
read nothing but the templates (:mod:`.fetcher`). The scans the person chose are read and
shrunk by :mod:`.attachments` and reach WeasyPrint inline. Importing this package does not
import WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError

from carte_prep.core.model import Household
from carte_prep.dossier.context import build_dossier
from carte_prep.dossier.errors import DossierError
from carte_prep.dossier.fetcher import UrlPolicy
from carte_prep.dossier.pdf import write_pdf
from carte_prep.resources import templates_dir

__all__ = ["DossierError", "render_html", "render_pdf"]

TEMPLATE = "dossier.html"


def render_pdf(
    household: Household,
    output: Path,
    *,
    member_id: str | None = None,
    today: dt.date,
    show_ids: bool = False,
    with_attachments: bool = False,
    timeout: float | None = None,
    data_root: Path | None = None,
) -> Path:
    """Write the dossier of the household (or of one member) to ``output``; return its path.

    With ``timeout`` (seconds) the layout runs in a child process stopped at the deadline.
    ``data_root`` is the data folder, where the temp file is noted until it is renamed.

    Identifiers are masked unless ``show_ids``; the attached scans follow as an annex when
    ``with_attachments``. Raises :class:`~carte_prep.core.errors.NotFoundError` for an
    unknown member and :class:`DossierError` when the PDF cannot be made or written, in
    which case ``output`` is left as it was.
    """
    html = render_html(
        household,
        member_id=member_id,
        today=today,
        show_ids=show_ids,
        with_attachments=with_attachments,
    )
    return write_pdf(html, output, UrlPolicy(templates_dir()), timeout=timeout, data_root=data_root)


def render_html(
    household: Household,
    *,
    member_id: str | None = None,
    today: dt.date,
    show_ids: bool = False,
    with_attachments: bool = False,
) -> str:
    """The dossier as the HTML that :func:`render_pdf` lays out."""
    dossier = build_dossier(
        household,
        member_id=member_id,
        today=today,
        show_ids=show_ids,
        with_attachments=with_attachments,
    )
    try:
        return _environment().get_template(TEMPLATE).render(d=dossier)
    except TemplateError as exc:
        raise DossierError(f"the dossier template is broken: {exc}") from exc


def _french_spacing(value: object) -> object:
    """Keep « guillemets » on the line of the words they enclose (French typography)."""
    if isinstance(value, str):
        return value.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return value


@cache
def _environment() -> Environment:
    """Autoescape on every template (not only *.html) and no silently empty fields."""
    return Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_french_spacing,
    )
