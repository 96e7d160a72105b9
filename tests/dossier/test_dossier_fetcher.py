"""The renderer reads the templates and the chosen scans, nothing else, and never the network."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from carte_prep.dossier import DossierError
from carte_prep.dossier.fetcher import RefusedURL, UrlPolicy
from carte_prep.dossier.pdf import write_pdf
from carte_prep.resources import templates_dir

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A templates folder with one stylesheet, and a secret file beside it."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "style.css").write_text("p { color: black }", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("CANARY-secret", encoding="utf-8")
    return folder


def test_files_under_the_templates_folder_are_served(root: Path) -> None:
    body, media_type = UrlPolicy(root).open((root / "style.css").as_uri())
    assert body == b"p { color: black }"
    assert media_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.com/style.css",
        "http://127.0.0.1:8080/",
        "ftp://example.com/file",
        "file://otherhost/etc/passwd",
        "gopher://example.com/",
    ],
)
def test_other_places_and_protocols_are_refused(root: Path, url: str) -> None:
    with pytest.raises(RefusedURL):
        UrlPolicy(root).open(url)


def test_dot_dot_and_symlink_escapes_are_refused(root: Path) -> None:
    policy = UrlPolicy(root)
    with pytest.raises(RefusedURL, match="outside"):
        policy.open(root.as_uri() + "/../secret.txt")
    (root / "innocent.css").symlink_to(root.parent / "secret.txt")
    with pytest.raises(RefusedURL, match="outside"):
        policy.open((root / "innocent.css").as_uri())


def test_a_fifo_in_the_templates_folder_is_refused_without_blocking(root: Path) -> None:
    os.mkfifo(root / "pipe.css")
    with pytest.raises(RefusedURL, match="not a regular file"):
        UrlPolicy(root).open((root / "pipe.css").as_uri())


def test_an_attached_scan_is_not_served_from_its_own_path(root: Path, tmp_path: Path) -> None:
    """Scans reach the renderer only as shrunk inline copies, never as the files themselves."""
    scan = tmp_path / "passport.png"
    scan.write_bytes(PNG_1PX)
    with pytest.raises(RefusedURL, match="outside"):
        UrlPolicy(root).open(scan.as_uri())


def test_data_urls_are_allowed_for_raster_images_only(root: Path) -> None:
    policy = UrlPolicy(root)
    png = "data:image/png;base64," + base64.b64encode(PNG_1PX).decode()
    assert policy.open(png) == (PNG_1PX, "image/png")
    for url in ("data:text/html,<p>hi</p>", "data:image/svg+xml,<svg/>", "data:,plain"):
        with pytest.raises(RefusedURL):
            policy.open(url)


HOSTILE_HTML = [
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="https://example.com/x.css">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "<style>@import url(../pyproject.toml);</style>",
    '<style>@font-face { font-family: X; src: url("file:///etc/passwd") } p { font-family: X }'
    "</style><p>x</p>",
    '<p style="background: url(http://169.254.169.254/latest/meta-data/)">x</p>',
]


@pytest.mark.parametrize("html", HOSTILE_HTML)
def test_a_render_that_asks_for_a_forbidden_url_fails_and_writes_nothing(
    tmp_path: Path, html: str
) -> None:
    output = tmp_path / "out.pdf"
    with pytest.raises(DossierError, match="refused"):
        write_pdf(f"<!DOCTYPE html><html><body>{html}</body></html>", output, _policy())
    assert list(tmp_path.iterdir()) == []


def test_the_real_template_files_are_readable_through_the_policy() -> None:
    policy = _policy()
    for name in ("dossier.css", "fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf"):
        body, _ = policy.open(policy.base_url + name)
        assert body


def _policy() -> UrlPolicy:
    return UrlPolicy(templates_dir())
