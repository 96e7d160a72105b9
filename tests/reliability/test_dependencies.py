"""Patched dependencies (R9): declared, with the floors the advisories require.

reliability.md section 2.2 sets the floors: weasyprint 70.0 (SSRF, CVE-2026-55073),
jinja2 3.1.6 (sandbox escapes), pillow 12.2.0 (FITS decompression bomb). filelock is not
used (the store locks with fcntl/msvcrt directly). ``pip-audit`` needs the network and is
not run here.
"""

from __future__ import annotations

import ast
import importlib.metadata
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "carte_prep"
FLOORS = {"weasyprint": "70.0", "jinja2": "3.1.6", "pillow": "12.2.0"}


def declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(text) for text in project["dependencies"]]
    return {canonicalize_name(r.name): r for r in requirements}


def imported_distributions() -> dict[str, set[str]]:
    """Third-party distributions the package imports, with the modules that import them."""
    owners = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "carte_prep":
                    continue
                for dist in owners.get(top, [top]):
                    found.setdefault(canonicalize_name(dist), set()).add(
                        path.relative_to(SRC).as_posix()
                    )
    return found


def _lowest_allowed(requirement: Requirement) -> Version | None:
    floors = [Version(s.version) for s in requirement.specifier if s.operator in (">=", "==")]
    return max(floors) if floors else None


def test_every_imported_distribution_is_declared() -> None:
    missing = {
        dist: sorted(modules)
        for dist, modules in imported_distributions().items()
        if dist not in declared()
    }
    assert missing == {}


@pytest.mark.parametrize(
    "name",
    [
        "weasyprint",
        "jinja2",
        "pillow",
    ],
)
def test_declared_floors_exclude_known_vulnerable_versions(name: str) -> None:
    requirement = declared().get(name)
    assert requirement is not None, f"{name} is not declared"
    lowest = _lowest_allowed(requirement)
    assert lowest is not None, f"{requirement} has no lower bound"
    assert lowest >= Version(FLOORS[name]), f"{requirement} allows versions below {FLOORS[name]}"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_installed_versions_meet_the_floors(name: str) -> None:
    assert Version(importlib.metadata.version(name)) >= Version(FLOORS[name])
