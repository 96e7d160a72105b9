"""HTML to PDF with WeasyPrint, confined by the URL policy, written atomically at 0600.

WeasyPrint is imported inside :func:`_render` only: it takes about a second to import and
pulls in Pango, so the app and the command line pay for it only when a PDF is asked for.
The PDF is streamed into a private temporary file beside the target and renamed over it
once complete, so a failed or interrupted render never leaves a half-written dossier (or a
stray copy of someone's passport details) behind.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

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
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as exc:
        raise DossierError(f"cannot write in {folder}: {exc.strerror}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            _render(html, handle, policy)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, output)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise DossierError(f"cannot write {output}: {exc.strerror or exc}") from None
        raise
    _sync_folder(folder)
    return output


def _render(html: str, target: IO[bytes], policy: UrlPolicy) -> None:
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
        HTML(string=html, base_url=policy.base_url, url_fetcher=fetcher).write_pdf(
            target, font_config=FontConfiguration()
        )
    except FatalURLFetchingError as exc:
        raise DossierError(f"the dossier was not made: it {exc}") from None
    except OSError:
        raise  # a disk problem: reported by write_pdf with the file name
    except Exception as exc:
        raise DossierError(f"the dossier could not be laid out: {exc}") from exc


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; some file systems cannot sync a folder, which is fine."""
    if sys.platform == "win32":  # pragma: no cover - no folder handles on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
