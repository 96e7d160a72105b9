"""A wheel must carry the examples, the templates and the catalogue data; CI runs the gates."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_profiles_templates_and_catalogue(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (wheel,) = tmp_path.glob("carte_prep-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for profile in (ROOT / "profiles").glob("*.json"):
        assert f"carte_prep/profiles/{profile.name}" in names
    templates = [p for p in (ROOT / "templates").rglob("*") if p.is_file()]
    assert templates, "templates/ is empty"
    for template in templates:
        assert f"carte_prep/templates/{template.relative_to(ROOT / 'templates')}" in names
    for data in (ROOT / "src/carte_prep/core/catalogue").glob("*.toml"):
        assert f"carte_prep/core/catalogue/{data.name}" in names
    assert not any(name.startswith("tests/") for name in names)


def test_ci_runs_the_gates_then_the_readme_test_command_last() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(
        line for line in readme.splitlines() if line.endswith(".venv/bin/python -m pytest")
    )
    steps = [
        line
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert steps[-1] == command
    gates = "\n".join(steps[:-1])
    for gate in ("ruff check src tests", "ruff format --check src tests", "mypy"):
        assert gate in gates
