"""Builders shared by the tests (importable as ``support``: tests/ is on sys.path)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from carte_prep.cli import main
from carte_prep.core.model import (
    Application,
    CurrentCard,
    Household,
    Member,
    Passport,
    SharedEvidence,
    Tracking,
)

TODAY = dt.date(2026, 11, 27)
"""The frozen 'today' of the suite: dates in tests are written against it."""

PROFILES = Path(__file__).resolve().parents[1] / "profiles"


def person(
    card: str,
    path: str,
    *,
    member_id: str = "ana",
    birth_date: dt.date = dt.date(1990, 5, 17),
    nationality: str | None = "BR",
    passport_until: dt.date | None = None,
    tracking: dict[str, Tracking] | None = None,
    held: str | None = None,
    current_card: CurrentCard | None = None,
    **application: Any,
) -> Member:
    """A member whose answers give the legal ``path`` for ``card``.

    The person says what they hold and ask for, so the path is built from those answers:
    ``after-vls-ts`` holds a VLS-TS for ``card``, ``renewal`` holds ``card`` (or ``held``),
    ``change-of-status`` holds the card ``held`` (a student card unless given),
    ``first-admission`` holds nothing, and the other paths are requests. ``current_card``
    gives the dates of what is held. Extra keywords go to the Application.
    """
    current = current_card.model_dump(exclude_unset=True) if current_card else {}
    request = "card"
    if path == "after-vls-ts":
        current = {"kind": "vls-ts", "card_type": held or card, **current}
    elif path == "renewal":
        current = {"kind": "card", "card_type": held or card, **current}
    elif path == "change-of-status":
        other = held or ("salarie" if card == "etudiant" else "etudiant")
        current = {"kind": "card", "card_type": other, **current}
    elif path in ("duplicate", "change-of-situation", "vls-ts-validation"):
        request = path
    elif path != "first-admission":
        raise ValueError(f"unknown path {path!r}")
    return Member(
        id=member_id,
        given_names="Ana",
        surname="Silva",
        birth_date=birth_date,
        nationality=nationality,
        passport=Passport(valid_until=passport_until),
        application=Application(
            card_type=card,
            request=request,
            current_card=CurrentCard.model_validate(current) if current else None,
            **application,
        ),
        tracking=tracking or {},
    )


def household_of(*members: Member, shared: list[SharedEvidence] | None = None) -> Household:
    return Household(id="test-household", name="Test", members=list(members), shared=shared or [])


NAME_CORPUS = [
    "O",
    "Björk Guðmundsdóttir",
    "Kovács Enikő",
    "Nguyễn Thị Minh Khai",
    "Carreño Quiñones",
    "D'Angelo",
    "Jean-Élie",
    "محمد علي",
    "שלום",
    "Иван Петров",
    "毛泽东",
    "👩‍👩‍👧‍👦 Zoë",
    "Ali [Jr] [/b]",
    "देवनागरी",
    "علی‌رضا",  # with ZWNJ, which Persian needs
    "Ali [Jr]",
    "[/b]",
    "👩‍👩‍👧 Zoë",
]
"""Names from W3C's "Personal names around the world" and more: any script, mononyms,
single letters, brackets that look like markup. Every one must be stored as typed."""


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``carte-prep --today 2026-11-27 ARGS`` in this process: (exit status, stdout, stderr)."""
    code = main(["--today", TODAY.isoformat(), *args])
    out, err = capsys.readouterr()
    return code, out, err
