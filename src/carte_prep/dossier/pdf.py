"""HTML to PDF with WeasyPrint, confined by the URL policy, written atomically at 0600.

WeasyPrint is imported inside :func:`_render` only: it takes about a second to import and
pulls in Pango, so the app and the command line pay for it only when a PDF is asked for.
The PDF is made in memory, then written to a private temporary file beside the target and
renamed over it, so a failed or interrupted render never leaves a half-written dossier (or
a stray copy of someone's passport details) behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from carte_prep.core.store import write_private_file
from carte_prep.dossier.errors import DossierError
from carte_prep.dossier.fetcher import RefusedURL, UrlPolicy


def write_pdf(
    html: str,
    output: Path,
    policy: UrlPolicy,
    *,
    timeout: float | None = None,
    finish: Callable[[bytes], bytes] | None = None,
) -> Path:
    """Render ``html`` into ``output`` (replaced whole, or left untouched on failure).

    With a ``timeout`` the layout runs in a child process that is stopped when the time is
    up, so a pathological household can neither hang the caller nor hold its interpreter
    lock (the app's screen keeps drawing while the child works). ``finish`` changes the
    laid-out PDF before it is written (attached PDFs merged in).
    """
    output = Path(os.path.abspath(output.expanduser()))
    folder = output.parent
    if not folder.is_dir():
        raise DossierError(f"cannot write {output}: the folder {folder} does not exist")
    if output.is_dir():
        raise DossierError(f"cannot write {output}: it is a folder; give a file name")
    data = _render(html, policy) if timeout is None else _render_in_child(html, policy, timeout)
    if finish is not None:
        data = finish(data)
    write_private_file(output, data)
    return output


def _render_in_child(html: str, policy: UrlPolicy, timeout: float) -> bytes:
    """Lay out in a fresh interpreter (``python -m carte_prep.dossier.pdf``) within ``timeout``.

    The HTML goes in on stdin and the PDF comes back on stdout, so the caller still writes
    the file itself, atomically; a child stopped at the deadline leaves nothing behind.
    """
    package_root = str(Path(__file__).resolve().parents[2])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    try:
        done = subprocess.run(
            [sys.executable, "-m", "carte_prep.dossier.pdf", str(policy.templates_root)],
            input=html.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DossierError(
            f"the dossier took more than {timeout:g} s to lay out and was stopped; "
            "make one member's dossier at a time, or shorten very long notes"
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise DossierError(said[-1] if said else "the dossier could not be laid out")
    return done.stdout


def _child_main() -> int:
    """The child's side: HTML on stdin, PDF on stdout, one plain line on stderr if not."""
    html = sys.stdin.buffer.read().decode("utf-8")
    try:
        pdf = _render(html, UrlPolicy(Path(sys.argv[1])))
    except DossierError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback: it could quote the household
        print(f"the dossier could not be laid out ({type(exc).__name__})", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(pdf)
    return 0


RETRY_HOOK = 'class="dossier'
"""Marks the root element of a document that has a second, alternative page flow."""
OTHER_FLOWS = ("page-flow-alt", "page-flow-tight")
"""Classes set on that root for the other flows, tried in turn (see the stylesheet)."""
TAIL_RETRY_BELOW = 0.4
"""A page filled less than this (a few spilt lines) makes the other flow worth trying."""


def _least_filled(document: Any) -> float:
    """The lowest share of the page body any page fills, top of content to bottom."""
    least = 1.0
    for page in document.pages:
        box = page._page_box  # private layout tree: the print tests fail if it changes
        top, height = box.content_box_y(), box.height
        body = [c for c in box.children if getattr(c, "element_tag", "") == "html"]
        bottoms = [
            d.position_y + d.margin_height()
            for root in body
            for d in root.descendants()
            if type(d).__name__ in ("LineBox", "ImageBox", "TableRowBox")
        ]
        if bottoms and height:
            least = min(least, (max(bottoms) - top) / height)
    return least


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

    def layout(text: str) -> Any:
        return HTML(string=text, base_url=policy.base_url, url_fetcher=fetcher).render(
            font_config=FontConfiguration(), pdf_tags=True
        )

    try:
        document = layout(html)
        for flow in OTHER_FLOWS:
            if _least_filled(document) >= TAIL_RETRY_BELOW or RETRY_HOOK not in html:
                break
            again = layout(html.replace(RETRY_HOOK, f"{RETRY_HOOK} {flow}", 1))
            if _least_filled(again) > _least_filled(document):
                document = again
        pdf: bytes = document.write_pdf(pdf_tags=True)
    except FatalURLFetchingError as exc:
        raise DossierError(f"the dossier was not made: it {exc}") from None
    except Exception as exc:
        # The type only: the message of a layout error can quote the household's text.
        raise DossierError(f"the dossier could not be laid out ({type(exc).__name__})") from exc
    return pdf


if __name__ == "__main__":
    raise SystemExit(_child_main())
