"""The person's settings: language, usual département, theme, how long backups are kept.

One TOML file in the platformdirs config folder (``~/.config/carte-prep/settings.toml``
on Linux), because settings belong to the person, not to the data folder they may share
or sync. A file that cannot be read or has a bad value never stops carte-prep: it is
reported once, in one sentence that names the line to fix, and the defaults are used
for what is wrong; the file itself is left as it is for the person to mend.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from carte_prep.core.paths import settings_path
from carte_prep.i18n import LANGUAGES, Language, machine_language

Theme = Literal["textual-dark", "textual-light", "nord", "gruvbox", "tokyo-night"]
THEMES: Final[tuple[str, ...]] = ("textual-dark", "textual-light", "nord", "gruvbox", "tokyo-night")


class Settings(BaseModel):
    """What a person may set once instead of on every command."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    language: Language | None = None
    """``fr`` or ``en``; unset means the machine's locale decides (``LANG``)."""
    departement: str | None = Field(default=None, pattern=r"^(?:\d{2}|2A|2B|97[1-6])$")
    """The département new households are created in unless told otherwise."""
    theme: Theme = "textual-dark"
    """The app's colours."""
    backup_days: int = Field(default=30, ge=1, le=3650)
    """How many days one backup a day of each household is kept (the last 24 h are all kept)."""

    @field_validator("departement", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    def spoken_language(self) -> Language:
        """The language to speak: the setting, else the machine's locale."""
        return self.language or machine_language()


class SettingsProblem(Exception):
    """A settings file that could not be used as written; the defaults stand in for it."""


def read_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The settings, and one sentence saying what was wrong with the file (or None).

    A missing file is the usual case and is no problem. A value that fails validation is
    replaced by its default while the other values are kept.
    """
    path = settings_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), f"{path}: cannot be read ({exc.strerror}); using the default settings"
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(), f"{path}: not valid TOML ({exc}); using the default settings"
    try:
        return Settings.model_validate(data), None
    except ValidationError as exc:
        bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
        kept = {key: value for key, value in data.items() if key not in bad}
        message = f"{path}: {_explained(exc)}; using the default for it"
        try:
            return Settings.model_validate(kept), message
        except ValidationError:
            return Settings(), message


def _explained(exc: ValidationError) -> str:
    """The first thing wrong, in plain words: the key, the value, what is allowed."""
    first = exc.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "the file"
    if first["type"] == "extra_forbidden":
        return f"unknown setting {key!r}: the settings are {', '.join(Settings.model_fields)}"
    allowed = _allowed(key)
    if allowed:
        return f"{key}: {first['input']!r} is not allowed{allowed}"
    return f"{key}: {first['msg']}"


def _allowed(key: str) -> str:
    choices = {
        "language": ", ".join(LANGUAGES),
        "theme": ", ".join(THEMES),
        "departement": "a code such as 75, 2A or 974",
        "backup_days": "a number of days from 1 to 3650",
    }
    return f" (allowed: {choices[key]})" if key in choices else ""


def settings_toml(settings: Settings) -> str:
    """The file's text for ``settings``: only what differs from the defaults, commented."""
    lines = ["# carte-prep settings: see `carte-prep settings --help`."]
    for key, value in settings.model_dump(exclude_defaults=True).items():
        lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def write_settings(settings: Settings, path: Path | None = None) -> Path:
    """Save ``settings`` atomically (a crash leaves the old file or the new, never half)."""
    from carte_prep.core.storage.safe_io import replace, write_temp

    path = settings_path() if path is None else path
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    replace(write_temp(path.parent, path.name, settings_toml(settings).encode()), path)
    return path


def changed(settings: Settings, key: str, value: str | None) -> Settings:
    """``settings`` with ``key`` set to ``value`` (None: back to its default), validated.

    Raises :class:`SettingsProblem` with a sentence naming the allowed values.
    """
    if key not in Settings.model_fields:
        names = ", ".join(Settings.model_fields)
        raise SettingsProblem(f"unknown setting {key!r}: the settings are {names}")
    data = settings.model_dump(exclude_defaults=True)
    if value is None:
        data.pop(key, None)
    else:
        data[key] = int(value) if key == "backup_days" and value.isdigit() else value
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise SettingsProblem(_explained(exc)) from None


__all__ = [
    "THEMES",
    "Settings",
    "SettingsProblem",
    "changed",
    "read_settings",
    "settings_toml",
    "write_settings",
]
