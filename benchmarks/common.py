"""Shared helpers of the benchmarks: timing, child processes, generated data, the result table.

Every figure is printed beside a baseline measured in the same run (the machines are noisy),
so what matters is the ratio. Nothing here is a test: no test asserts on wall-clock time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carte_prep.core.catalogue import Catalogue
    from carte_prep.core.model import Household, Member

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
BENCH = Path(__file__).resolve().parent
PROFILES = ROOT / "profiles"
TEMPLATES = ROOT / "templates"
TODAY = dt.date(2026, 11, 27)
"""The frozen 'today' of the benchmarks (the test suite's), so figures do not drift."""
TERMINAL = (100, 30)
"""Columns and lines of the headless terminal the apps draw into."""


# ---------------------------------------------------------------- timing


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings of `work`, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def timings(runs: int, work: Callable[[], object]) -> list[float]:
    """Every one of `runs` timings of `work`, in seconds."""
    result: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        result.append(time.perf_counter() - start)
    return result


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


# ---------------------------------------------------------------- child processes


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child: the checkout's src/ and benchmarks/ importable, a fixed
    terminal size, and nothing from the user's Textual settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    paths = [str(SRC), str(BENCH)]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["COLUMNS"], env["LINES"] = (str(n) for n in TERMINAL)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def run_child(args: Sequence[str], env: dict[str, str], timeout: float = 300) -> dict[str, Any]:
    """Run ``python ARGS``; the child prints one JSON object as its last stdout line."""
    done = subprocess.run(
        [sys.executable, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=ROOT,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(
            f"benchmark child {' '.join(args)} failed ({done.returncode}):\n"
            f"{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
        )
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Row:
    """One figure of the table.

    ``met`` is None for figures printed for information only (no target).
    """

    figure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    met: bool | None = None

    @property
    def verdict(self) -> str:
        return "" if self.met is None else ("MET" if self.met else "MISSED")


def ms(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"


def mb(kilobytes: float) -> str:
    return f"{kilobytes / 1024:.0f} MB"


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2f}x" if baseline else ""


def table(rows: Iterable[Row]) -> str:
    """The rows as a fixed-width text table."""
    header = Row("figure", "value", "baseline", "ratio", "target")
    rows = [header, *rows]
    widths = [
        max(len(getattr(r, f)) for r in rows) for f in ("figure", "value", "baseline", "ratio")
    ]
    target_width = max(len(r.target) for r in rows)
    lines = []
    for row in rows:
        cells = [row.figure, row.value, row.baseline, row.ratio]
        text = "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )
        verdict = "verdict" if row is header else row.verdict
        lines.append(f"{text}  {row.target.ljust(target_width)}  {verdict}".rstrip())
        if row is header:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


# ---------------------------------------------------------------- data


def copy_examples(folder: Path) -> Path:
    """A data folder holding a copy of the example households (profiles/ is never written)."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted(PROFILES.glob("*.json")):
        shutil.copyfile(source, folder / source.name)
    return folder


_GIVEN = ["Ana", "Omar", "Lin", "Grace", "Yusuf", "Maria", "Kenji", "Amara", "Piotr", "Sofia"]
_SURNAMES = ["Silva", "Haddad", "Nguyen", "Okafor", "Kowalski", "Tanaka", "Moreau", "Garcia"]
_NATIONALITIES = ["BR", "LB", "VN", "NG", "PL", "JP"]
_STATUSES = ["todo", "requested", "gathered", "handed-in", "not-applicable"]


def _changed_from(catalogue: Catalogue, card_id: str) -> str:
    """A held card from which asking for ``card_id`` is a change of status, not a renewal.

    The student card when the path allows it (as most do), otherwise the first card the path
    accepts: holding the card asked for, or one it renews from, would be a renewal.
    """
    card = catalogue.cards[card_id]
    allowed = card.paths["change-of-status"].only_after or ["etudiant", *sorted(catalogue.cards)]
    return next(c for c in allowed if c != card_id and c not in card.renews_from)


def make_member(rng: random.Random, member_id: str, index: int) -> Member:
    """A valid member whose card and legal path follow ``index`` through the whole catalogue."""
    from carte_prep.core.catalogue import load_catalogue
    from carte_prep.core.model import (
        Application,
        Appointment,
        CurrentCard,
        EPhoto,
        Member,
        Passport,
        Situation,
        Tracking,
    )

    catalogue = load_catalogue()
    combos = [(c, p) for c, card in sorted(catalogue.cards.items()) for p in card.paths]
    card, procedure = combos[index % len(combos)]
    days = rng.randint
    held = (
        ("vls-ts", card)
        if procedure == "after-vls-ts"
        else ("card", _changed_from(catalogue, card) if procedure == "change-of-status" else card)
    )
    current = (
        CurrentCard(
            kind=held[0],  # type: ignore[arg-type, unused-ignore]
            card_type=held[1],
            numero_etranger=f"{rng.randrange(10**9, 10**10)}",
            valid_from=TODAY - dt.timedelta(days=days(300, 1500)),
            valid_until=TODAY + dt.timedelta(days=days(-30, 200)),
        )
        if procedure not in ("first-admission", "vls-ts-validation")
        else None
    )
    request = (
        procedure
        if procedure in ("duplicate", "change-of-situation", "vls-ts-validation")
        else "card"
    )
    requirement_ids = sorted(catalogue.requirements)
    tracking = {
        rid: Tracking(
            status=rng.choice(_STATUSES),  # type: ignore[arg-type, unused-ignore]
            document_date=TODAY - dt.timedelta(days=days(5, 200)) if rng.random() < 0.5 else None,
            notes="kept in the blue folder" if rng.random() < 0.2 else "",
            foreign_language=rng.choice([None, True, False]),
            translated=rng.random() < 0.3,
        )
        for rid in rng.sample(requirement_ids, k=rng.randint(0, 15))
    }
    return Member(
        id=member_id,
        given_names=rng.choice(_GIVEN),
        surname=rng.choice(_SURNAMES),
        birth_date=dt.date(1950, 1, 1) + dt.timedelta(days=days(0, 20000)),
        birth_place="Somewhere abroad",
        nationality=rng.choice(_NATIONALITIES),
        relationship="self" if index % 3 == 0 else rng.choice(["spouse", "child", "parent"]),
        passport=Passport(
            number=f"P{rng.randrange(10**7, 10**8)}",
            valid_until=TODAY + dt.timedelta(days=days(-20, 3000)),
        ),
        application=Application(
            card_type=card,
            request=request,  # type: ignore[arg-type, unused-ignore]
            departement=rng.choice(sorted(catalogue.departements)) if rng.random() < 0.9 else None,
            route_choice=rng.choice([None, "anef", "prefecture"]),  # type: ignore[arg-type, unused-ignore]
            situation=Situation(
                marital_status=rng.choice(["single", "married", "pacs"]),  # type: ignore[arg-type, unused-ignore]
                married_abroad=rng.random() < 0.3,
                spouse_is_french=rng.random() < 0.2,
                children_in_france=rng.random() < 0.4,
                housing=rng.choice(["own-name", "hosted", "hotel"]),  # type: ignore[arg-type, unused-ignore]
                civil_documents_abroad=rng.random() < 0.5,
                first_multi_year_card=rng.random() < 0.3,
            ),
            current_card=current,
            appointment=(
                Appointment(date=TODAY + dt.timedelta(days=days(3, 90)), place="Préfecture")
                if rng.random() < 0.5
                else None
            ),
            planned_filing_date=TODAY + dt.timedelta(days=days(1, 60))
            if rng.random() < 0.3
            else None,
            ephoto=(
                EPhoto(code="AB12CD34EF56GH78IJ90KL", purchased_on=TODAY - dt.timedelta(days=10))
                if rng.random() < 0.3
                else None
            ),
            arrived_on=TODAY - dt.timedelta(days=40) if procedure == "vls-ts-validation" else None,
        ),
        tracking=tracking,
    )


def make_household(
    rng: random.Random, household_id: str, name: str, members: int, start: int = 0
) -> Household:
    """A valid household of ``members`` members, the first one's card at ``start``."""
    from carte_prep.core.model import Household, SharedEvidence, Tracking

    people: list[Member] = [
        make_member(rng, f"m{number:02d}", start + number) for number in range(members)
    ]
    if members > 1 and rng.random() < 0.5:
        # A member who needs no card (a minor), as in the examples.
        people[-1] = people[-1].model_copy(update={"application": None})
    shared = (
        [
            SharedEvidence(
                requirement="proof-of-address",
                members=[m.id for m in people[:2]],
                tracking=Tracking(status="gathered", document_date=TODAY - dt.timedelta(days=20)),
            )
        ]
        if members > 1
        else []
    )
    return Household.model_validate(
        {"id": household_id, "name": name, "members": people, "shared": shared}
    )


def household_json(household: Household) -> str:
    """The file text, exactly as the store writes it."""
    return household.model_dump_json(indent=2) + "\n"


def generate_households(folder: Path, count: int, seed: int = 7) -> list[str]:
    """Write ``count`` valid households of 1 to 4 members into ``folder``; their names.

    Cards and legal paths cycle through the whole catalogue; statuses, dates, routes and
    situations vary at random (seeded, so every run lists the same data).
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    start = 0
    for number in range(count):
        members = rng.choice([1, 1, 2, 2, 3, 4])
        name = f"{rng.choice(_SURNAMES)} household {number:04d}"
        household = make_household(rng, f"household-{number:04d}", name, members, start)
        start += members
        (folder / f"{household.id}.json").write_text(household_json(household), "utf-8")
        names.append(name)
    return names


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), "utf-8")
    return path
