"""Builders shared by the tests (importable as ``support``: tests/ is on sys.path)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from carte_prep.core.model import Application, Household, Member, Passport, SharedEvidence, Tracking

TODAY = dt.date(2026, 11, 27)
"""The frozen 'today' of the suite: dates in tests are written against it."""

PROFILES = Path(__file__).resolve().parents[1] / "profiles"


def person(
    card: str,
    procedure: str,
    *,
    member_id: str = "ana",
    birth_date: dt.date = dt.date(1990, 5, 17),
    passport_until: dt.date | None = None,
    tracking: dict[str, Tracking] | None = None,
    **application: Any,
) -> Member:
    """A member applying for `card` by `procedure`; extra keywords go to the Application."""
    return Member(
        id=member_id,
        given_names="Ana",
        surname="Silva",
        birth_date=birth_date,
        nationality="Brazilian",
        passport=Passport(valid_until=passport_until),
        application=Application(card_type=card, procedure=procedure, **application),
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
