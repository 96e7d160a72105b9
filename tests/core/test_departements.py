"""The départements data file: complete, unique and well-formed."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import Any

import pytest

EXPECTED_CODES = frozenset(
    [f"{n:02d}" for n in range(1, 20)]
    + ["2A", "2B"]
    + [f"{n:02d}" for n in range(21, 96)]
    + [str(n) for n in range(971, 975)]
    + ["976"]
)


@pytest.fixture(scope="module")
def departements() -> list[dict[str, Any]]:
    text = files("carte_prep.core.catalogue").joinpath("departements.toml").read_text("utf-8")
    data = tomllib.loads(text)
    entries = data["departement"]
    assert isinstance(entries, list)
    return entries


def test_expected_set_has_101_codes() -> None:
    assert len(EXPECTED_CODES) == 101


def test_exactly_101_entries(departements: list[dict[str, Any]]) -> None:
    assert len(departements) == 101


def test_codes_are_unique(departements: list[dict[str, Any]]) -> None:
    codes = [d["code"] for d in departements]
    assert len(codes) == len(set(codes))


def test_codes_match_expected_set(departements: list[dict[str, Any]]) -> None:
    assert {d["code"] for d in departements} == EXPECTED_CODES


def test_every_entry_has_name_and_prefecture(departements: list[dict[str, Any]]) -> None:
    for d in departements:
        for key in ("name", "prefecture"):
            value = d.get(key)
            assert isinstance(value, str), (d["code"], key)
            assert value.strip(), (d["code"], key)


def test_paris_goes_to_prefecture_de_police(departements: list[dict[str, Any]]) -> None:
    paris = next(d for d in departements if d["code"] == "75")
    assert "Préfecture de police" in paris.get("service", "")
