"""The layering the design depends on: a headless core, heavy imports only when needed."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    return set(result.stdout.split())


def test_core_loads_neither_textual_nor_weasyprint() -> None:
    modules = loaded_after("import carte_prep.core; carte_prep.core.load_catalogue()")
    assert "carte_prep.core" in modules
    assert not {m for m in modules if m.split(".")[0] in {"textual", "weasyprint", "rich"}}


def test_cli_commands_do_not_load_the_app_or_the_renderer() -> None:
    modules = loaded_after(
        "from carte_prep.cli import build_parser; build_parser().parse_args(['list'])"
    )
    assert "carte_prep.cli" in modules
    assert not {m for m in modules if m.split(".")[0] in {"textual", "weasyprint"}}


LIGHT_RUNS = [
    ["--version"],
    ["--help"],
    ["paths"],
    ["list", "--help"],
    ["mark", "--help"],
]


@pytest.mark.parametrize("argv", LIGHT_RUNS, ids=" ".join)
def test_light_commands_load_neither_pydantic_nor_the_model(argv: list[str]) -> None:
    """What answers at once must not wait for pydantic, the model or the catalogue."""
    modules = loaded_after(
        "import contextlib, io\n"
        "from carte_prep.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main({argv!r})"
    )
    assert "carte_prep.cli" in modules
    heavy = {"pydantic", "carte_prep.core.model", "carte_prep.core.catalogue"}
    assert not heavy & modules


def test_the_core_package_loads_its_parts_on_first_use() -> None:
    import carte_prep.core as core

    assert not {"pydantic", "carte_prep.core.model"} & loaded_after("import carte_prep.core")
    for name in core.__all__:
        assert getattr(core, name) is not None, name
    with pytest.raises(AttributeError):
        _ = core.not_a_name


def imports_of(path: Path) -> set[str]:
    """Every module a source file imports, deferred imports (inside functions) included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def under(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


CONTRACTS = [
    (
        "carte_prep/core",
        (
            "carte_prep.tui",
            "carte_prep.dossier",
            "carte_prep.cli",
            "carte_prep.present",
            "carte_prep.examples",
            "carte_prep.resources",
            "carte_prep.calendar_export",
            "textual",
            "weasyprint",
            "rich",
            "jinja2",
        ),
    ),
    (
        "carte_prep/present.py",
        ("carte_prep.tui", "carte_prep.cli", "carte_prep.dossier", "textual"),
    ),
    ("carte_prep/dossier", ("carte_prep.tui", "carte_prep.cli", "textual")),
    ("carte_prep/tui", ("carte_prep.cli",)),
    (
        "carte_prep/tui/screens",
        ("carte_prep.core.store", "carte_prep.core.storage", "carte_prep.tui.app"),
    ),
    (
        "carte_prep/tui/widgets",
        ("carte_prep.core.store", "carte_prep.core.storage", "carte_prep.tui.app"),
    ),
]
"""(sources, what they must never import): the headless core; the PDF and the shared words
free of the app; screens and widgets that read through the session and ask the app by
message, so they never save and the app<->screens import loop cannot come back."""


@pytest.mark.parametrize(("sources", "banned"), CONTRACTS, ids=[c[0] for c in CONTRACTS])
def test_layers_import_only_downwards(sources: str, banned: tuple[str, ...]) -> None:
    root = SRC / sources
    paths = [root] if root.is_file() else sorted(root.rglob("*.py"))
    assert paths
    broken = [
        f"{path.relative_to(SRC)} imports {module}"
        for path in paths
        for module in sorted(imports_of(path))
        if under(module, banned)
    ]
    assert not broken


def test_the_contracts_see_deferred_imports(tmp_path: Path) -> None:
    source = tmp_path / "probe.py"
    source.write_text("def later() -> None:\n    from carte_prep.tui.app import make_app\n")
    assert under("carte_prep.tui.app", ("carte_prep.tui",))
    assert "carte_prep.tui.app" in imports_of(source)


def test_the_cli_and_the_app_read_one_table_of_member_fields() -> None:
    """The flags of new/add-member/edit-member are the flagged rows of the profile editor's
    table; the table is headless and cheap to import (the catalogue is read on demand)."""
    from carte_prep.cli.member_fields import FIELDS
    from carte_prep.core import member_fields
    from carte_prep.tui.screens.profile.form import SPECS

    assert set(SPECS.values()) == set(member_fields.all_fields())
    assert tuple(s for step in member_fields.STEPS for s in step.fields if s.flag) == FIELDS
    assert not (SRC / "carte_prep" / "tui" / "profile_fields.py").exists()
    modules = loaded_after("import carte_prep.core.member_fields")
    assert not {"textual", "carte_prep.core.catalogue", "pydantic"} & modules


STILL_LONG = {
    "core/catalogue/schema.py",
    "tui/app.py",
    "tui/screens/profile/screen.py",
}
"""Modules over the limit, to be split (the start-up work is changing app.py); a new one
must not join them."""


def test_modules_stay_small() -> None:
    """Each module holds one idea: under 400 lines, but for the few listed to be split."""
    package = SRC / "carte_prep"
    long = {
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if len(path.read_text("utf-8").splitlines()) > 400
    }
    assert long <= STILL_LONG


FIRST_DRAW = """
import asyncio, sys
from pathlib import Path
from carte_prep.tui.app import make_app
from carte_prep.tui.screens.households import HouseholdsScreen

draws = []
show = HouseholdsScreen._show

def noted(screen, rows, search):
    draws.append((len(rows), "pydantic" in sys.modules, "carte_prep.core.model" in sys.modules))
    show(screen, rows, search)

HouseholdsScreen._show = noted

async def main():
    app = make_app(Path(sys.argv[1]))
    async with app.run_test() as pilot:
        while not (isinstance(app.screen, HouseholdsScreen) and app.screen.validated):
            await pilot.pause(0.05)

asyncio.run(main())
print(*draws[0], "pydantic" in sys.modules)
"""


def test_the_app_draws_the_households_before_importing_pydantic(tmp_path: Path) -> None:
    """Start-up to the first list draw reads the index only; validation comes after."""
    from carte_prep.examples import copy_examples

    data = tmp_path / "data"
    copy_examples(data)
    for path in data.glob("*.json"):
        os.utime(path, (1e9, 1e9))  # older than the index: its lines are trusted
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    command = [sys.executable, "-m", "carte_prep", "--data-dir", str(data), "list"]
    subprocess.run(command, capture_output=True, check=True, env=env)
    result = subprocess.run(
        [sys.executable, "-c", FIRST_DRAW, str(data)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=120,
    )
    households = len(list(data.glob("*.json")))
    assert result.stdout.split() == [str(households), "False", "False", "True"]
