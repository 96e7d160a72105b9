"""Shared fixtures: every test gets its own data folder, never the user's real one."""

from __future__ import annotations

import datetime as dt
import shutil
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
