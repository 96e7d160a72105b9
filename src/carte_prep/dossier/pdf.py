"""HTML to PDF with WeasyPrint, confined by the URL policy, written atomically at 0600.

WeasyPrint is imported inside :func:`_render` only: it takes about a second to import and
pulls in Pango, so the app and the command line pay for it only when a PDF is asked for.
The PDF is made in memory, then written to a private temporary file beside the target and
renamed over it, so a failed or interrupted render never leaves a half-written dossier (or
a stray copy of someone's passport details) behind.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from carte_prep.core.store import write_private_file
from carte_prep.dossier.errors import DossierError
from carte_prep.dossier.fetcher import RefusedURL, UrlPolicy


def write_pdf(html: str, output: Path, policy: UrlPolicy) -> Path:
    """Render ``html`` into ``output`` (replaced whole, or left untouched on failure)."""
    output = Path(os.path.abspath(output.expanduser()))
    folder = output.parent
    if not folder.is_dir():
        raise DossierError(f"cannot write {output}: the folder {folder} does not exist")
    if output.is_dir():
        raise DossierError(f"cannot write {output}: it is a folder; give a file name")
    write_private_file(output, _render(html, policy))
    return output


def _render(html: str, policy: UrlPolicy) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint is untyped
        """Asks the policy for every URL; a refusal stops the whole render."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            try:
                body, media_type = policy.open(url)
            except RefusedURL as exc:
                raise FatalURLFetchingError(f"refused {exc}") from None
            return URLFetcherResponse(url, body, {"Content-Type": media_type})

    fetcher = ConfinedFetcher(
        allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=True
    )
    try:
        pdf: bytes = HTML(string=html, base_url=policy.base_url, url_fetcher=fetcher).write_pdf(
            font_config=FontConfiguration()
        )
    except FatalURLFetchingError as exc:
        raise DossierError(f"the dossier was not made: it {exc}") from None
    except Exception as exc:
        raise DossierError(f"the dossier could not be laid out: {exc}") from exc
    return pdf
