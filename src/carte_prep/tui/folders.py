"""Which data folder the app shows, and its session, made only when first needed.

The households list is drawn from the index before the session exists: making one
imports the store, pydantic and the model, which is the worker's job once the list is
shown. The person's own folder and the temporary examples each keep their session, so
going back and forth keeps what was open.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from carte_prep.core.paths import index_path

if TYPE_CHECKING:
    from carte_prep.core.session import Session
    from carte_prep.core.storage import Store

APP_BACKUP_EVERY = 60.0
"""The app saves as you type: changes within a minute share one backup."""


class OpenFolder:
    """The folder shown (a store, or a path whose store is made on first use).

    Args:
        store: the folder shown first.
        on_examples: whether that is the temporary examples rather than the person's own.
        own: the person's own folder, to go back to from the examples.
    """

    def __init__(self, store: Store | Path, *, on_examples: bool, own: Store | Path | None):
        self.own = own if own is not None else (None if on_examples else store)
        self.own_session: Session | None = None
        self.on_own = not on_examples
        self._opened: Store | Path = store
        self._session: Session | None = None
        self._lock = threading.Lock()

    @property
    def data_root(self) -> Path:
        """The folder shown, whether or not its session is made yet."""
        opened = self._opened
        return opened if isinstance(opened, Path) else opened.root

    @property
    def index_file(self) -> Path | None:
        """The index of the person's own folder; the examples are a temporary copy."""
        return index_path(self.data_root) if self.on_own else None

    def factory(self) -> Callable[[], Session]:
        """What makes the shown folder's session once: callable from a worker thread."""
        opened = self._opened

        def make() -> Session:
            from carte_prep.core.session import Session

            with self._lock:
                if self._opened is not opened:
                    return Session(as_store(opened))  # another folder is shown: dropped
                if self._session is None:
                    self._session = Session(as_store(opened))
                    if self.on_own:
                        self.own_session = self._session
                return self._session

        return make

    def show(self, session: Session, *, own: bool) -> None:
        """Show another folder's session from now on."""
        with self._lock:
            self._session = session
            self._opened = session.store
            self.on_own = own

    def own_folder(self) -> Session | None:
        """The session of the person's own folder (made now), None if there is none."""
        if self.own is None:
            return None
        if self.own_session is None:
            from carte_prep.core.session import Session

            self.own_session = Session(as_store(self.own))
        return self.own_session


def as_store(opened: Store | Path) -> Store:
    """The store of a folder given as a path (the person's own: saves share backups)."""
    if not isinstance(opened, Path):
        return opened
    from carte_prep.core.settings import read_settings
    from carte_prep.core.storage import Store

    days = read_settings()[0].backup_days
    return Store(opened, backup_every=APP_BACKUP_EVERY, backup_days=days)
