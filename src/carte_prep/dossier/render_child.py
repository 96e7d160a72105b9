"""The renderer process: HTML in, PDF out, for as many dossiers as it is sent.

It runs in its own isolated interpreter (:class:`carte_prep.dossier.renderer.Renderer`)
and imports only WeasyPrint and the URL policy, never the core, jinja2 or pydantic: the
HTML is made by the caller. WeasyPrint is imported at start-up, so a renderer started
ahead of time (when the app's PDF dialog opens) is ready when the HTML arrives.

The protocol, on stdin and stdout: each request is a 4-byte big-endian length and the
HTML in UTF-8; each answer is one status byte (0: a PDF follows, 1: a one-line reason
follows), a 4-byte length and the bytes. The process ends when stdin closes.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path
from typing import IO, Any

from carte_prep.dossier.errors import DossierError
from carte_prep.dossier.fetcher import RefusedURL, UrlPolicy
from carte_prep.i18n import _, language_from_locale, set_language

HEADER = struct.Struct(">I")
OK, FAILED = b"\0", b"\1"


def read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    """``size`` bytes, or None when the stream ends first."""
    chunks, missing = [], size
    while missing:
        chunk = stream.read(missing)
        if not chunk:
            return None
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


RETRY_HOOK = 'class="dossier'
"""Marks the root element of a document that has alternative page flows."""
OTHER_FLOWS = ("page-flow-alt", "page-flow-tight")
"""Classes set on that root for the other flows, tried in turn (see the stylesheet)."""
TAIL_RETRY_BELOW = 0.4
"""A page filled less than this (a few spilt lines) makes another flow worth trying."""


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


def render(html: str, policy: UrlPolicy) -> bytes:
    """Lay out one dossier; a refused URL or a layout error is a :class:`DossierError`."""
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
        raise DossierError(_("the dossier was not made: it {reason}").format(reason=exc)) from None
    except Exception as exc:
        # The type only: the message of a layout error can quote the household's text.
        raise DossierError(_laid_out_failure(exc)) from exc
    return pdf


def _laid_out_failure(exc: Exception) -> str:
    return _("the dossier could not be laid out ({reason})").format(reason=type(exc).__name__)


def _answer(out: IO[bytes], status: bytes, payload: bytes) -> None:
    out.write(status + HEADER.pack(len(payload)) + payload)
    out.flush()


def main(templates_root: str) -> int:
    """Serve requests until stdin closes; never a traceback (it could quote a household)."""
    import weasyprint  # noqa: F401  # imported now, so that the first request finds it ready

    set_language(language_from_locale())  # the caller's, passed on in LANGUAGE

    policy = UrlPolicy(Path(templates_root))
    source, out = sys.stdin.buffer, sys.stdout.buffer
    while (header := read_exactly(source, HEADER.size)) is not None:
        body = read_exactly(source, HEADER.unpack(header)[0])
        if body is None:
            return 0
        try:
            _answer(out, OK, render(body.decode("utf-8"), policy))
        except DossierError as exc:
            _answer(out, FAILED, str(exc).encode("utf-8"))
        except Exception as exc:
            _answer(out, FAILED, _laid_out_failure(exc).encode("utf-8"))
    return 0
