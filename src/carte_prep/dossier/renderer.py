"""A renderer process kept ready, so that WeasyPrint's import is not paid on every dossier.

Importing WeasyPrint takes about half a second and the layout can take long on a large
household, so the layout never runs in the caller: it runs in a child interpreter started
with ``-I`` (no current folder, no user site, no ``PYTHON*`` variables on its path) from
the templates folder, with a minimal environment, so a module planted in the folder
carte-prep was started from can never run inside it. The child imports WeasyPrint as it
starts; the app starts it when the PDF dialog opens, so the first dossier is no slower
than the next ones, and keeps it for the session. A dossier that takes longer than its
time limit has its child stopped (the next one starts a new child), and the caller's
screen keeps drawing meanwhile: the child does not hold the caller's interpreter lock.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path

from carte_prep.dossier.errors import DossierError
from carte_prep.dossier.render_child import FAILED, HEADER, OK, read_exactly
from carte_prep.i18n import _, format_number

_CHILD_VARIABLES = (
    "PATH",
    "HOME",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "TMPDIR",
    "FONTCONFIG_PATH",
)
"""What the renderer may see of the caller's environment (fonts, locale and language, temp
folder); ``LANGUAGE`` is the caller's language (:func:`carte_prep.i18n.set_language`)."""


class Renderer:
    """One child process that lays out dossiers, one at a time, started on demand."""

    def __init__(self, templates_root: Path) -> None:
        self.templates_root = templates_root
        self._child: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        """The running child's process id (None before the first start or after a stop)."""
        return self._child.pid if self._child is not None else None

    def start(self) -> None:
        """Start the child if none is running; it imports WeasyPrint while the caller waits
        for the person (the app calls this when the PDF dialog opens)."""
        with self._lock:
            self._ensure_child()

    def render(self, html: str, timeout: float) -> bytes:
        """The PDF of ``html``, or :class:`DossierError` (the child is then stopped)."""
        with self._lock:
            child = self._ensure_child()
            assert child.stdin is not None
            data = html.encode("utf-8")
            answer: list[tuple[bytes, bytes]] = []
            reader = threading.Thread(target=_read_answer, args=(child, answer), daemon=True)
            try:
                child.stdin.write(HEADER.pack(len(data)) + data)
                child.stdin.flush()
                reader.start()
                reader.join(timeout)
                if reader.is_alive():
                    raise TimeoutError
                if not answer:
                    raise EOFError
                status, payload = answer[0]
            except TimeoutError:
                self._stop(kill=True)
                raise DossierError(
                    _(
                        "the dossier took more than {seconds} s to lay out and was stopped; "
                        "make one member's dossier at a time, or shorten very long notes"
                    ).format(seconds=format_number(timeout))
                ) from None
            except (OSError, EOFError):
                self._stop()
                raise DossierError(
                    _("the dossier could not be laid out (the renderer stopped)")
                ) from None
        if status == FAILED:
            raise DossierError(payload.decode("utf-8", errors="replace"))
        if status != OK:
            raise DossierError(_("the dossier could not be laid out (unexpected answer)"))
        return payload

    def close(self) -> None:
        """Stop the child (at the end of the app, or of a one-off command)."""
        with self._lock:
            self._stop()

    def _ensure_child(self) -> subprocess.Popen[bytes]:
        if self._child is not None and self._child.poll() is None:
            return self._child
        package_root = str(Path(__file__).resolve().parents[2])
        bootstrap = (
            "import sys; sys.path.insert(0, sys.argv[1]); "
            "from carte_prep.dossier.render_child import main; raise SystemExit(main(sys.argv[2]))"
        )
        self._child = subprocess.Popen(
            [sys.executable, "-I", "-c", bootstrap, package_root, str(self.templates_root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={name: os.environ[name] for name in _CHILD_VARIABLES if name in os.environ},
            cwd=self.templates_root,
        )
        return self._child

    def _stop(self, *, kill: bool = False) -> None:
        """End the child: by closing its input (it finishes), or at once when it overran."""
        child, self._child = self._child, None
        if child is None:
            return
        if kill:
            child.kill()
        with contextlib.suppress(OSError):
            if child.stdin is not None:
                child.stdin.close()
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()


def _read_answer(child: subprocess.Popen[bytes], into: list[tuple[bytes, bytes]]) -> None:
    """Read one answer (status, payload) from the child; nothing when it ends first.

    Runs in a thread so that the caller can stop waiting at the time limit, on every
    platform (a pipe cannot be polled with a timeout on Windows).
    """
    assert child.stdout is not None
    with contextlib.suppress(OSError, ValueError):
        status = read_exactly(child.stdout, 1)
        header = read_exactly(child.stdout, HEADER.size) if status else None
        if status is None or header is None:
            return
        payload = read_exactly(child.stdout, HEADER.unpack(header)[0])
        if payload is not None:
            into.append((status, payload))
