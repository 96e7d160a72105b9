"""HTML to PDF with WeasyPrint, confined by the URL policy, written atomically at 0600.

WeasyPrint is imported inside :func:`~.render_child.render` only: it takes about a second
to import and pulls in Pango, so the app and the command line pay for it only when a PDF is
asked for.
The PDF is made in memory, then written to a private temporary file beside the target and
renamed over it, so a failed or interrupted render never leaves a half-written dossier (or
a stray copy of someone's passport details) behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from carte_prep.dossier.errors import DossierError
from carte_prep.dossier.fetcher import UrlPolicy
from carte_prep.dossier.render_child import render
from carte_prep.dossier.renderer import Renderer
from carte_prep.i18n import _


def write_pdf(
    html: str,
    output: Path,
    policy: UrlPolicy,
    *,
    timeout: float | None = None,
    data_root: Path | None = None,
    renderer: Renderer | None = None,
    finish: Callable[[bytes], bytes] | None = None,
) -> Path:
    """Render ``html`` into ``output`` (replaced whole, or left untouched on failure).

    With a ``timeout`` the layout runs in a renderer process (:mod:`.renderer`) that is
    stopped when the time is up, so a pathological household can neither hang the caller
    nor hold its interpreter lock; ``renderer`` is one kept ready by the caller (the app),
    otherwise one is started for this dossier only. With ``data_root`` the temp file is
    noted in the data folder, so one left by a killed process is removed. ``finish``
    changes the laid-out PDF before it is written (attached PDFs merged in).
    """
    output = Path(os.path.abspath(output.expanduser()))
    folder = output.parent
    if not folder.is_dir():
        raise DossierError(
            _("cannot write {path}: the folder {parent} does not exist").format(
                path=output, parent=folder
            )
        )
    if output.is_dir():
        raise DossierError(
            _("cannot write {path}: it is a folder; give a file name").format(path=output)
        )
    if timeout is None:
        data = render(html, policy)
    elif renderer is not None:
        data = renderer.render(html, timeout)
    else:
        one_off = Renderer(policy.templates_root)
        try:
            data = one_off.render(html, timeout)
        finally:
            one_off.close()
    if finish is not None:
        data = finish(data)
    from carte_prep.core.storage import write_private_file

    write_private_file(output, data, data_root=data_root)
    return output
