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
from pathlib import Path
from typing import Any

from carte_prep.core.storage import write_private_file
from carte_prep.dossier.errors import DossierError
from carte_prep.dossier.fetcher import RefusedURL, UrlPolicy


def write_pdf(
    html: str,
    output: Path,
    policy: UrlPolicy,
    *,
    timeout: float | None = None,
    data_root: Path | None = None,
) -> Path:
    """Render ``html`` into ``output`` (replaced whole, or left untouched on failure).

    With a ``timeout`` the layout runs in a child process that is stopped when the time is
    up, so a pathological household can neither hang the caller nor hold its interpreter
    lock (the app's screen keeps drawing while the child works). With ``data_root`` the
    temp file is noted in the data folder, so one left by a killed process is removed.
    """
    output = Path(os.path.abspath(output.expanduser()))
    folder = output.parent
    if not folder.is_dir():
        raise DossierError(f"cannot write {output}: the folder {folder} does not exist")
    if output.is_dir():
        raise DossierError(f"cannot write {output}: it is a folder; give a file name")
    data = _render(html, policy) if timeout is None else _render_in_child(html, policy, timeout)
    write_private_file(output, data, data_root=data_root)
    return output


def _render_in_child(html: str, policy: UrlPolicy, timeout: float) -> bytes:
    """Lay out in a fresh, isolated interpreter within ``timeout``.

    The HTML goes in on stdin and the PDF comes back on stdout, so the caller still writes
    the file itself, atomically; a child stopped at the deadline leaves nothing behind.
    The child runs with ``-I`` (no current folder, no user site, no ``PYTHON*`` variables
    on its path) from the templates folder, with a minimal environment: a module planted
    in the folder carte-prep was started from can never run inside it.
    """
    package_root = str(Path(__file__).resolve().parents[2])
    bootstrap = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from carte_prep.dossier.pdf import _child_main; raise SystemExit(_child_main())"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", bootstrap, package_root, str(policy.templates_root)],
            input=html.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            env=_child_environment(),
            cwd=policy.templates_root,
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


_CHILD_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "FONTCONFIG_PATH")
"""What the renderer may see of the caller's environment (fonts, locale, temp folder)."""


def _child_environment() -> dict[str, str]:
    return {name: os.environ[name] for name in _CHILD_VARIABLES if name in os.environ}


def _child_main() -> int:
    """The child's side: HTML on stdin, PDF on stdout, one plain line on stderr if not."""
    html = sys.stdin.buffer.read().decode("utf-8")
    try:
        pdf = _render(html, UrlPolicy(Path(sys.argv[2])))
    except DossierError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback: it could quote the household
        print(f"the dossier could not be laid out ({type(exc).__name__})", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(pdf)
    return 0


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
        # The type only: the message of a layout error can quote the household's text.
        raise DossierError(f"the dossier could not be laid out ({type(exc).__name__})") from exc
    return pdf
