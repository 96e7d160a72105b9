"""The renderer process: kept ready between dossiers, stopped when a dossier overruns,
isolated from the caller's folder, and light (WeasyPrint and the URL policy only)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from carte_prep.dossier.errors import DossierError
from carte_prep.dossier.renderer import Renderer
from carte_prep.resources import templates_dir

pytestmark = pytest.mark.pdf

PAGE = "<html><body><h1>Dossier</h1><p>{}</p></body></html>"
SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def renderer() -> Iterator[Renderer]:
    kept = Renderer(templates_dir())
    yield kept
    kept.close()


def gone(pid: int | None) -> bool:
    """Whether no process has this id any more (the renderer waits for its children)."""
    assert pid is not None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_one_process_serves_every_dossier_of_a_session(renderer: Renderer) -> None:
    renderer.start()
    started = renderer.pid
    first = renderer.render(PAGE.format("one"), timeout=120)
    second = renderer.render(PAGE.format("two"), timeout=120)
    assert first.startswith(b"%PDF")
    assert second.startswith(b"%PDF")
    assert renderer.pid == started is not None


def test_a_refused_url_is_one_message_and_the_process_stays(renderer: Renderer) -> None:
    with pytest.raises(DossierError, match="refused"):
        renderer.render('<img src="file:///etc/passwd">', timeout=120)
    started = renderer.pid
    assert renderer.render(PAGE.format("after"), timeout=120).startswith(b"%PDF")
    assert renderer.pid == started


def test_an_overrunning_dossier_is_stopped_and_the_next_one_gets_a_new_process(
    renderer: Renderer,
) -> None:
    rows = "".join(f"<tr><td>{n}</td><td>{'x ' * 40}</td></tr>" for n in range(40_000))
    renderer.start()
    stopped = renderer.pid
    with pytest.raises(DossierError, match="took more than"):
        renderer.render(f"<table>{rows}</table>", timeout=0.5)
    assert renderer.pid is None
    assert renderer.render(PAGE.format("again"), timeout=120).startswith(b"%PDF")
    assert renderer.pid not in (None, stopped)
    assert gone(stopped)


def test_closing_ends_the_process(renderer: Renderer) -> None:
    renderer.start()
    pid = renderer.pid
    renderer.close()
    assert renderer.pid is None
    assert gone(pid)


def test_the_renderer_imports_neither_the_core_nor_jinja_nor_pydantic() -> None:
    probe = (
        "import sys\nimport carte_prep.dossier.render_child\nprint(' '.join(sorted(sys.modules)))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(SRC)!r})\n{probe}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    assert "carte_prep.dossier.render_child" in loaded
    heavy = {"jinja2", "pydantic", "PIL", "carte_prep.core.model", "carte_prep.core.catalogue"}
    assert not heavy & loaded
