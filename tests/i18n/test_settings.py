"""The settings file: read with defaults for what is wrong, changed and saved whole."""

from __future__ import annotations

import subprocess
import sys

import pytest

from carte_prep.core.paths import settings_path
from carte_prep.core.settings import (
    Settings,
    SettingsProblem,
    changed,
    read_settings,
    write_settings,
)


def test_no_file_means_the_defaults_and_no_complaint() -> None:
    assert read_settings() == (Settings(), None)


def test_a_bad_value_is_named_once_and_only_it_falls_back() -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('language = "de"\ndepartement = "93"\n', encoding="utf-8")
    settings, problem = read_settings()
    assert settings == Settings(departement="93")
    assert problem is not None
    assert "language" in problem
    assert "allowed: en, fr" in problem
    assert settings_path().read_text(encoding="utf-8").startswith('language = "de"')  # kept


def test_a_file_that_is_not_toml_gives_the_defaults() -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("language = fr\n", encoding="utf-8")
    settings, problem = read_settings()
    assert settings == Settings()
    assert problem is not None
    assert "not valid TOML" in problem


def test_changing_a_setting_validates_it_and_saves_only_what_differs() -> None:
    settings = changed(Settings(), "departement", "2a")
    settings = changed(settings, "backup_days", "60")
    write_settings(settings)
    assert read_settings() == (Settings(departement="2A", backup_days=60), None)
    with pytest.raises(SettingsProblem, match="allowed: a number of days"):
        changed(settings, "backup_days", "0")
    with pytest.raises(SettingsProblem, match="unknown setting 'colour'"):
        changed(settings, "colour", "red")
    assert "theme" not in settings_path().read_text(encoding="utf-8")


def test_the_cli_sets_the_language_and_speaks_it_next_time() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "carte_prep", *args], capture_output=True, text=True, check=False
        )

    assert run("settings", "set", "language", "fr").returncode == 0
    assert read_settings()[0].language == "fr"
    bad = run("settings", "set", "language", "de")
    assert bad.returncode == 1
    assert "allowed: en, fr" in bad.stderr
    assert read_settings()[0].language == "fr"  # unchanged on disk
