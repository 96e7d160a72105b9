"""The prebuilt catalogue JSON is the TOML data, current, and loads into the same catalogue."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from carte_prep.core import catalogue
from carte_prep.core.catalogue import Catalogue, load_catalogue

FOLDER = files("carte_prep.core.catalogue")


def test_the_prebuilt_json_was_made_from_the_toml_files_as_they_are() -> None:
    made_from = (FOLDER / catalogue.PREBUILT_SOURCES).read_text(encoding="ascii").strip()
    assert made_from == catalogue.sources_digest(), (
        "a catalogue TOML file changed: run 'python scripts/make_catalogue.py'"
    )
    prebuilt = json.loads((FOLDER / catalogue.PREBUILT).read_text(encoding="utf-8"))
    assert prebuilt == json.loads(catalogue.prebuilt_json())


def test_the_prebuilt_json_and_the_toml_files_give_the_same_catalogue() -> None:
    from_json = Catalogue.model_validate_json((FOLDER / catalogue.PREBUILT).read_text("utf-8"))
    assert from_json == Catalogue.model_validate(catalogue.catalogue_data())


def test_a_stale_prebuilt_json_is_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited TOML file wins over a JSON made before the edit: the TOML is read instead."""
    monkeypatch.setattr(catalogue, "sources_digest", lambda: "0" * 64)
    monkeypatch.setattr(
        Catalogue, "model_validate_json", classmethod(lambda cls, text: pytest.fail("read"))
    )
    catalogue.forget_loaded_catalogues()
    try:
        assert load_catalogue().cards
    finally:
        catalogue.forget_loaded_catalogues()


def test_the_catalogue_is_read_from_the_prebuilt_json_when_it_is_current(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        catalogue, "catalogue_data", lambda: pytest.fail("the TOML files were parsed")
    )
    catalogue.forget_loaded_catalogues()
    try:
        assert load_catalogue().cards
    finally:
        catalogue.forget_loaded_catalogues()
