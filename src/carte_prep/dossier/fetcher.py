"""What the PDF renderer may read: the templates folder and inline images, nothing else.

WeasyPrint will follow any URL it meets, including ``file:///etc/passwd`` or an http(s)
address, and copy what it reads into the PDF. User text is escaped, so such a URL should
never appear; this policy makes sure that even a mistake in a template cannot turn the
dossier into a way of leaking files or touching the network. The scans the person chose
are read by :mod:`carte_prep.dossier.attachments` and reach the renderer only as scaled
``data:`` images. This module is plain Python (no WeasyPrint import), so it can be tested
on its own; :mod:`carte_prep.dossier.pdf` adapts it to WeasyPrint's fetcher interface.
"""

from __future__ import annotations

import base64
import mimetypes
import stat
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

MAX_TEMPLATE_FILE_BYTES = 8 * 1024 * 1024
"""Fonts are the largest files in templates/ (under 1 MB each); anything far bigger is wrong."""

DATA_MEDIA_TYPES = frozenset({"image/png", "image/jpeg"})
"""``data:`` URLs are accepted only for plain raster images (never SVG, which can fetch)."""


class RefusedURL(Exception):
    """The renderer asked for something outside what the dossier may read."""


class UrlPolicy:
    """Serves regular files under ``templates_root`` and PNG/JPEG ``data:`` URLs."""

    def __init__(self, templates_root: Path) -> None:
        self.templates_root = templates_root.resolve(strict=True)

    @property
    def base_url(self) -> str:
        """The URL relative links in the templates are resolved against."""
        return self.templates_root.as_uri() + "/"

    def open(self, url: str) -> tuple[bytes, str]:
        """The bytes and media type behind ``url``, or :class:`RefusedURL`."""
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return _data_url(url)
        if scheme == "file":
            return self._file_url(url)
        raise RefusedURL(f"{_short(url)}: only local template files may be read, not {scheme}:")

    def _file_url(self, url: str) -> tuple[bytes, str]:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"{_short(url)}: files on other machines are not read")
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError):
            raise RefusedURL(f"{_short(url)}: no such file") from None
        if not path.is_relative_to(self.templates_root):
            raise RefusedURL(f"{_short(url)}: outside the templates folder")
        return _read_regular(path), mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _read_regular(path: Path) -> bytes:
    """A regular file's bytes; devices, FIFOs (which would block) and huge files are refused."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise RefusedURL(f"{path.name}: not a regular file")
        if info.st_size > MAX_TEMPLATE_FILE_BYTES:
            raise RefusedURL(f"{path.name}: too large for a template file")
        with open(path, "rb") as handle:
            return handle.read(MAX_TEMPLATE_FILE_BYTES)
    except OSError as exc:
        raise RefusedURL(f"{path.name}: cannot be read ({exc.strerror})") from None


def _data_url(url: str) -> tuple[bytes, str]:
    header, comma, payload = url[len("data:") :].partition(",")
    if not comma:
        raise RefusedURL("a malformed data: URL")
    params = [p.strip().lower() for p in header.split(";")]
    media_type = params[0]
    if media_type not in DATA_MEDIA_TYPES:
        raise RefusedURL(f"data: URL of type {media_type or 'text/plain'!r}: only PNG and JPEG")
    raw = unquote_to_bytes(payload)
    if "base64" in params[1:]:
        try:
            return base64.b64decode(raw, validate=True), media_type
        except ValueError:
            raise RefusedURL("a data: URL with broken base64") from None
    return raw, media_type


def _short(url: str) -> str:
    """The URL as it can appear in an error message (long data never floods the screen)."""
    return url if len(url) <= 80 else url[:77] + "..."
