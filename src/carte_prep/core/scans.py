"""What may be attached to a checklist item: a JPEG, PNG or PDF file, told by its content.

The prefecture and ANEF take scans as JPEG, PNG or PDF. The file's first bytes decide,
not its name: a web page saved as ``passport.jpg`` is refused when it is attached, with
a message that says what to do, rather than discovered broken on the day of the dossier.
This module only reads; the copy into the data folder is the store's job.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from carte_prep.i18n import _

MAX_SCAN_BYTES = 25 * 1024 * 1024
"""The dossier's limit for one file; a larger scan could not go in the annex."""
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"%PDF-", "pdf"),
)


class ScanProblem(Exception):
    """The file cannot be attached; the message says why and what to do."""


def scan_kind(path: Path) -> str:
    """``jpg``, ``png`` or ``pdf`` for a file that may be attached, else :class:`ScanProblem`.

    Opened without blocking and checked to be a regular file first: a FIFO or a device
    named like a scan must not freeze the app.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ScanProblem(
            _("there is no file at {path}; check the path").format(path=path)
        ) from None
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise ScanProblem(
                _("{path} is a folder; give the path of one scan").format(path=path)
            ) from None
        raise ScanProblem(
            _("cannot read {path}: {why}").format(path=path, why=exc.strerror or exc)
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ScanProblem(_("{path} is a folder; give the path of one scan").format(path=path))
        if not stat.S_ISREG(info.st_mode):
            raise ScanProblem(
                _("{path} is not a regular file; give the path of a scan").format(path=path)
            )
        if info.st_size > MAX_SCAN_BYTES:
            raise ScanProblem(
                _(
                    "{path} is too large ({size} MB; the limit is {limit} MB); scan it again "
                    "at a lower resolution"
                ).format(
                    path=path,
                    size=info.st_size // (1024 * 1024),
                    limit=MAX_SCAN_BYTES // (1024 * 1024),
                )
            )
        head = os.read(fd, 16)
    finally:
        os.close(fd)
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    raise ScanProblem(
        _(
            "{path} is not a JPEG, PNG or PDF file (judged by its content, not its name); "
            "save or scan it again as one of those"
        ).format(path=path)
    )
