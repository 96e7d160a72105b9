"""Where carte-prep keeps its data.

Nothing here touches the disk: the folder is created by :class:`carte_prep.core.storage.Store`
on the first write, with the right permissions, so that merely asking for a path (for
``--help`` or a test) never leaves an empty, world-readable folder behind.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

APP_NAME = "carte-prep"
DATA_DIR_ENV = "CARTE_PREP_DATA_DIR"
"""Environment variable that points carte-prep at another data folder (tests, a USB key)."""


def default_data_dir() -> Path:
    """The per-user data folder of the platform (``~/.local/share/carte-prep`` on Linux).

    ``appauthor=False`` keeps Windows from inserting a vendor folder level.
    """
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def resolve_data_dir(explicit: Path | None = None) -> Path:
    """Pick the data folder: an explicit choice wins, then the environment, then the default.

    An empty ``CARTE_PREP_DATA_DIR`` counts as unset, so ``CARTE_PREP_DATA_DIR= cmd`` does
    not silently use the current directory. ``~`` is expanded because a value quoted in a
    shell profile would otherwise create a folder literally named ``~``.
    """
    if explicit is not None:
        return explicit.expanduser()
    from_env = os.environ.get(DATA_DIR_ENV, "")
    if from_env:
        return Path(from_env).expanduser()
    return default_data_dir()


CONFIG_DIR_ENV = "CARTE_PREP_CONFIG_DIR"
"""Environment variable that points carte-prep at another settings folder (tests)."""
SETTINGS_FILE = "settings.toml"


def settings_path() -> Path:
    """The person's settings file: in ``$CARTE_PREP_CONFIG_DIR`` or the platform's config folder.

    Settings belong to the person, not to a data folder they may share or sync.
    """
    from_env = os.environ.get(CONFIG_DIR_ENV, "")
    folder = (
        Path(from_env).expanduser()
        if from_env
        else platformdirs.user_config_path(APP_NAME, appauthor=False)
    )
    return folder / SETTINGS_FILE


def raw_settings() -> dict[str, object]:
    """The settings file read as TOML without checking it (no pydantic): {} when unusable.

    For what must be known before anything heavy is imported (the language of ``--help``,
    the app's first colours); :mod:`carte_prep.core.settings` validates the whole file.
    """
    try:
        with settings_path().open("rb") as source:
            import tomllib  # only for a file there is: most people have none

            return tomllib.load(source)
    except (OSError, ValueError):
        return {}


def index_path(data_dir: Path) -> Path:
    """The households index of one data folder, in the per-user cache folder.

    Named by a digest of the folder's absolute path: each data folder has its own index,
    and the file name says nothing about where the data is.
    """
    folder = os.fsencode(os.path.abspath(data_dir))
    name = hashlib.sha256(folder).hexdigest()[:32]
    cache = platformdirs.user_cache_path(APP_NAME, appauthor=False)
    return cache / "households-index" / f"{name}.json"
