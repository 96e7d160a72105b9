"""Shared fixtures: every test gets its own data folder, never the user's real one."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import PROFILES, TODAY


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep the households index (the user cache folder) out of the real home folder."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(path))
    return path


@pytest.fixture(autouse=True)
def english_and_own_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Speak English and read no settings file but the test's own, whatever the machine's.

    Commands run in a subprocess inherit both through the environment.
    """
    from carte_prep.i18n import set_language

    monkeypatch.setenv("CARTE_PREP_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("LANGUAGE", "en")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def french() -> None:
    """Speak French for this test (the autouse fixture puts English back)."""
    from carte_prep.i18n import set_language

    set_language("fr")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ``CARTE_PREP_DATA_DIR`` at a fresh folder (not created) and return its path."""
    path = tmp_path / "data"
    monkeypatch.setenv("CARTE_PREP_DATA_DIR", str(path))
    return path


@pytest.fixture
def data(data_dir: Path) -> Path:
    """``data_dir`` holding a copy of the example households."""
    data_dir.mkdir()
    for profile in PROFILES.glob("*.json"):
        shutil.copy(profile, data_dir / profile.name)
    return data_dir


@pytest.fixture
def today() -> dt.date:
    return TODAY
