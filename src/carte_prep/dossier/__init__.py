"""The printable dossier: what a person takes to the prefecture, or keeps beside them on ANEF.

The CLI and the app call exactly :func:`render_pdf`; :func:`render_html` gives the same
document as HTML, which is quick to inspect in tests. The pipeline is: the engine's
checklists -> a view-model of plain strings (:mod:`.context`) -> Jinja2 templates from the
bundled ``templates/`` folder (autoescaped, strict) -> WeasyPrint (:mod:`.pdf`), which may
read nothing but the templates (:mod:`.fetcher`) -> attached PDFs merged behind their
separator pages (:mod:`.merge`). The scans the person chose are read and shrunk by
:mod:`.attachments` and reach WeasyPrint inline. One dossier holds three outputs: the
bordereau for the clerk, the packing list for the applicant and the full detail
(``only`` picks one); the ANEF upload set is made by :mod:`.upload`. Importing this
package imports neither WeasyPrint nor jinja2 nor the core: the renderer process
(:mod:`.render_child`) imports the URL policy from here and must stay light.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from carte_prep.dossier.errors import DossierError
from carte_prep.i18n import _
from carte_prep.resources import templates_dir

if TYPE_CHECKING:
    from jinja2 import Environment

    from carte_prep.core.model import Household
    from carte_prep.dossier.context import NotesMode, Only
    from carte_prep.dossier.renderer import Renderer
    from carte_prep.dossier.views import Dossier

__all__ = ["DossierError", "glyph_warnings", "render_html", "render_pdf"]

TEMPLATE = "dossier.html"
ONLY: tuple[Only, ...] = ("all", "bordereau", "packing-list")
NOTES: tuple[NotesMode, ...] = ("full", "short", "none")


def glyph_warnings(household: Household, member_id: str | None = None) -> list[str]:
    """Characters of the names that no font can print (see :mod:`.scripts`)."""
    from carte_prep.dossier.scripts import glyph_warnings as found

    return found(household, member_id)


def render_pdf(
    household: Household,
    output: Path,
    *,
    member_id: str | None = None,
    today: dt.date,
    show_ids: bool = False,
    with_attachments: bool = False,
    only: Only = "all",
    notes: NotesMode = "short",
    timeout: float | None = None,
    data_root: Path | None = None,
    renderer: Renderer | None = None,
) -> Path:
    """Write the dossier of the household (or of one member) to ``output``; return its path.

    With ``timeout`` (seconds) the layout runs in a renderer process stopped at the
    deadline; ``renderer`` is one kept ready by the caller (the app's). ``data_root`` is
    the data folder, where the temp file is noted until it is renamed.

    Identifiers are masked unless ``show_ids``; the attached scans follow as an annex when
    ``with_attachments``. Notes are shortened in the tables; ``notes="full"`` adds them
    whole at the end, ``"none"`` leaves them out (the cover says which). Raises
    :class:`~carte_prep.core.errors.NotFoundError` for an unknown member and
    :class:`DossierError` when the PDF cannot be made or written, in which case
    ``output`` is left as it was. Call :func:`glyph_warnings` first to tell the
    person about characters no font can print.
    """
    from carte_prep.dossier.context import build_dossier
    from carte_prep.dossier.fetcher import UrlPolicy
    from carte_prep.dossier.merge import finish_pdf
    from carte_prep.dossier.pdf import write_pdf

    dossier = build_dossier(
        household,
        member_id=member_id,
        today=today,
        show_ids=show_ids,
        with_attachments=with_attachments,
        notes=notes,
    )
    if only == "bordereau" and not dossier.bordereaux:
        raise DossierError(
            _(
                "no bordereau to print: nobody in it files at the prefecture desk "
                "(on ANEF, 'carte-prep upload-set' prepares the files instead)"
            )
        )
    if only == "packing-list" and not dossier.packing:
        raise DossierError(_("no packing list to print: nobody in it has a checklist"))
    html = _render_template(dossier, only)
    merges = dossier.merges if only == "all" else ()
    return write_pdf(
        html,
        output,
        UrlPolicy(templates_dir()),
        timeout=timeout,
        data_root=data_root,
        renderer=renderer,
        finish=lambda pdf: finish_pdf(pdf, merges),
    )


def render_html(
    household: Household,
    *,
    member_id: str | None = None,
    today: dt.date,
    show_ids: bool = False,
    with_attachments: bool = False,
    only: Only = "all",
    notes: NotesMode = "short",
) -> str:
    """The dossier as the HTML that :func:`render_pdf` lays out."""
    from carte_prep.dossier.context import build_dossier

    dossier = build_dossier(
        household,
        member_id=member_id,
        today=today,
        show_ids=show_ids,
        with_attachments=with_attachments,
        notes=notes,
    )
    return _render_template(dossier, only)


def _render_template(dossier: Dossier, only: Only) -> str:
    from jinja2 import TemplateError

    if only not in ONLY:
        raise DossierError(
            _("unknown part {part!r}; choose one of {choices}").format(
                part=only, choices=", ".join(ONLY)
            )
        )
    if dossier.notes_mode not in NOTES:
        raise DossierError(
            _("unknown notes {mode!r}; choose one of {choices}").format(
                mode=dossier.notes_mode, choices=", ".join(NOTES)
            )
        )
    try:
        return _environment().get_template(TEMPLATE).render(d=dossier, only=only)
    except TemplateError as exc:
        raise DossierError(
            _("the dossier template is broken: {reason}").format(reason=exc)
        ) from exc


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def _french_typography(value: object) -> object:
    """Guillemets kept on the line of their words; ’ for the apostrophe inside a word."""
    if isinstance(value, str) and not hasattr(value, "__html__"):  # markup is left alone
        value = value.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
        return _APOSTROPHE.sub("\u2019", value)
    return value


@cache
def _environment() -> Environment:
    """Autoescape on every template (not only *.html) and no silently empty fields.

    The templates speak the process's language: ``_()`` and ``ngettext()`` are carte-prep's
    gettext (new style: ``_("%(name)s", name=x)`` escapes ``x``), and ``language()`` tells
    a template which language it is written in, for the ``lang`` attributes and for the
    headings that pair an English title with the French one (French alone in French).
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from carte_prep.i18n import _, language, ngettext

    environment = Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_french_typography,
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        gettext=_, ngettext=ngettext, newstyle=True
    )
    environment.globals["language"] = language
    return environment
