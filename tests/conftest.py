"""Shared fixtures: every test gets its own data folder, never the user's real one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from support import TODAY


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ``CARTE_PREP_DATA_DIR`` at a fresh folder (not created) and return its path."""
    path = tmp_path / "data"
    monkeypatch.setenv("CARTE_PREP_DATA_DIR", str(path))
    return path


@pytest.fixture
def today() -> dt.date:
    return TODAY
