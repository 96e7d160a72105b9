"""The carte-prep app: the open session, every change, undo and redo, exports, crash safety.

Screens and widgets never save: they post :class:`~carte_prep.tui.messages.EditRequested`
and the app applies the edit through its :class:`~carte_prep.core.session.Session` (save
first, then show), turns every failure into a message or a reload offer in one place, and
tells the screen on top that the household was saved. It also makes sure no crash ever
prints profile data.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from carte_prep.core.errors import CartePrepError, EditError
from carte_prep.examples import temporary_examples
from carte_prep.i18n import _
from carte_prep.tui.crash import crash_report
from carte_prep.tui.exports import Exports
from carte_prep.tui.folders import OpenFolder
from carte_prep.tui.format import WIDE
from carte_prep.tui.key_names import key_words
from carte_prep.tui.keys import is_text_field, typing_actions
from carte_prep.tui.messages import (
    CalendarRequested,
    EditRefused,
    EditRequested,
    HouseholdCreated,
    HouseholdCreateRequested,
    HouseholdDeleteRequested,
    HouseholdSaved,
    PdfRequested,
    UploadSetRequested,
)
from carte_prep.tui.palette import binding_commands
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog
from carte_prep.tui.screens.help import HelpScreen
from carte_prep.tui.screens.households import HouseholdsScreen
from carte_prep.tui.settings_actions import SettingsActions

Today = Callable[[], dt.date]

if TYPE_CHECKING:
    from carte_prep.core.session import Session
    from carte_prep.core.settings import Settings
    from carte_prep.core.storage import Store


class CartePrepApp(SettingsActions):
    """Full-screen app over one data folder.

    The session (the store, pydantic, the model) is built on first use, in the worker
    that validates the folder, so the households list is drawn from the index first.

    Args:
        store: where households are read and saved (a temporary folder in tests and demo),
            or the data folder, whose store is made when first needed.
        today: gives "today" for the checklist rules; frozen in tests and screenshots.
        examples: a temporary folder of example households the app owns (demo mode).
        own: the person's own data folder (or its store), to go back to from the examples
            (defaults to ``store`` when the app starts on it).
    """

    TITLE = "carte-prep"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    """Absolute, so that subclasses (tests, embedders) find it from any module."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012 - Textual's type
    BINDINGS: ClassVar[list[BindingType]] = [
        # Tab and shift+tab are priority keys: they move the focus before any key typed
        # after them is passed on, so fast typing (or a paste) never lands in the field
        # just left. Textual's own Tab binding waits for the field to handle it.
        Binding(
            "question_mark", "help", _("Help"), id="help", tooltip=_("Keys and how the app works")
        ),
        Binding(
            "f1",
            "show_help",
            _("Help"),
            id="help-f1",
            tooltip=_("Keys and how the app works (? types a ? in a text field, f1 does not)"),
        ),
        Binding("ctrl+z", "undo", _("Undo"), id="undo", tooltip=_("Take back the last change")),
        Binding(
            "q",
            "quit_key",
            _("Quit"),
            id="quit",
            show=False,
            tooltip=_("Everything is already saved; while typing in a field, ctrl+q quits"),
        ),
        Binding(
            "ctrl+y",
            "redo",
            _("Redo"),
            id="redo",
            show=False,
            tooltip=_("Make again the change undone last"),
        ),
        Binding("tab", "focus_next", _("Next field"), show=False, priority=True),
        Binding("shift+tab", "focus_previous", _("Previous field"), show=False, priority=True),
        Binding(
            "b",
            "my_data",
            _("Back to my households"),
            id="my-data",
            tooltip=_("Leave the examples for your own households"),
        ),
        Binding(
            "f2",
            "settings",
            _("Settings"),
            id="settings",
            tooltip=_("Language, usual département, theme, how long backups are kept"),
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            _("palette"),
            show=False,
            priority=True,
            tooltip=_("Every action, with its key"),
        ),
    ]

    def __init__(
        self,
        store: Store | Path,
        today: Today,
        *,
        examples: tempfile.TemporaryDirectory[str] | None = None,
        own: Store | Path | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self._start_theme = theme
        self.today = today
        self._examples = examples
        self.exports = Exports(self)
        on_examples = examples is not None or own is not None
        self.folder = OpenFolder(store, on_examples=on_examples, own=own)

    @property
    def in_examples(self) -> bool:
        """Whether the open households are the temporary examples, not the person's own."""
        return not self.folder.on_own

    @property
    def data_root(self) -> Path:
        return self.folder.data_root

    @property
    def index_file(self) -> Path | None:
        return self.folder.index_file

    @property
    def session(self) -> Session:
        """The open households (made now if no worker made them yet)."""
        return self.folder.factory()()

    def session_factory(self) -> Callable[[], Session]:
        return self.folder.factory()

    def apply_settings(self, settings: Settings) -> None:
        super().apply_settings(settings)
        self.session.store.backup_days = settings.backup_days

    # -- start and examples -------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        """Key names in the reader's language, in the footer, help and palette."""
        return key_words(super().get_key_display(binding))

    def on_mount(self) -> None:
        if self._start_theme in self.available_themes:
            self.theme = self._start_theme
        self._watch_end_signals()
        self.push_screen(HouseholdsScreen())

    def _watch_end_signals(self) -> None:
        """A closed terminal (SIGHUP) or a logout (SIGTERM) quits like ctrl+q, saving first.

        Without this the process ends at once and a note typed in the last moments (the
        notes are saved a moment after the last key) is lost. The loop removes the
        handlers when it closes.
        """
        if sys.platform == "win32":  # pragma: no cover - no such signals on Windows
            return
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(signum, partial(self._ended_from_outside, signum))

    def _ended_from_outside(self, signum: int) -> None:
        self.exit(return_code=128 + signum)

    def exit(
        self,
        result: None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        """Every way out (ctrl+q, q, the palette, a signal) saves what is still typed."""
        if not self._exit:
            self.save_pending()
        super().exit(result, return_code, message)

    def action_open_examples(self) -> None:
        """Switch to a temporary copy of the example households (the user's data is untouched)."""
        from carte_prep.core.session import Session
        from carte_prep.core.storage import Store

        if self._examples is None:
            self._examples = temporary_examples()
        self._switch(Session(Store(Path(self._examples.name))), own=False)

    def action_my_data(self, read_now: bool = False) -> None:
        """Leave the examples for the person's own households (the examples stay as they are)."""
        own = self.folder.own_folder() if self.in_examples else None
        if own is None:
            return
        self._switch(own, own=True, read_now=read_now)
        self.notify(_("Back to your own households."), timeout=3)

    def _switch(self, session: Session, *, own: bool, read_now: bool = False) -> None:
        """Show another data folder's households, from the households screen.

        ``read_now`` reads the folder before returning (a household is about to be made
        in it); otherwise the households screen reads it in a worker.
        """
        self.save_pending()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.folder.show(session, own=own)
        if read_now:
            session.adopt(session.read_all())
        screen = self.screen
        if isinstance(screen, HouseholdsScreen):
            screen.refresh_data() if read_now else screen.load()
        self.refresh_bindings()

    def close_examples(self) -> None:
        """Remove the temporary example folder, if the app made or was given one."""
        if self._examples is not None:
            self._examples.cleanup()
            self._examples = None

    # -- changes ------------------------------------------------------------------------

    def on_edit_requested(self, message: EditRequested) -> None:
        message.stop()
        self.apply_edit(message)

    def apply_edit(self, request: EditRequested) -> bool:
        """Apply an edit and save it; on failure say why (or show it under the field)."""
        try:
            self.session.apply(request.household_id, request.edit)
        except EditError as exc:
            if request.shows_problems:
                problem = "; ".join(words for _loc, words in exc.problems) or str(exc)
                self.screen.post_message(
                    EditRefused(request.household_id, request.edit, exc.field, problem)
                )
            else:
                self._failed(request.household_id, exc)
            return False
        except CartePrepError as exc:
            self._failed(request.household_id, exc)
            return False
        self._saved(request.household_id, request)
        return True

    def _saved(self, household_id: str, request: EditRequested) -> None:
        self.screen.post_message(HouseholdSaved(household_id, request.edit))

    def save_pending(self) -> None:
        """Save what the screens hold typed but not asked for yet (the app is ending)."""
        for screen in self.screen_stack:
            if isinstance(screen, DataScreen):
                for request in screen.pending_edits():
                    self.apply_edit(request)

    async def action_quit_key(self) -> None:
        """q: quit from a list (the letter is typed in a field, and ignored in forms)."""
        await self.action_quit()

    async def action_quit(self) -> None:
        """Quit, saving first a note still being typed (it is otherwise sent a moment later)."""
        await super().action_quit()

    def on_household_create_requested(self, message: HouseholdCreateRequested) -> None:
        """Create the household; in the examples, in the person's own folder (the examples
        are thrown away when the app ends, and the households screen said so)."""
        if self.in_examples and self.folder.own is not None:
            self.action_my_data(read_now=True)
        elif self.in_examples:
            self.notify(
                _("Created in the examples: it is thrown away when carte-prep ends."),
                severity="warning",
                timeout=10,
            )
        from carte_prep.core.households import household_id_for
        from carte_prep.core.model import Household

        household_id = household_id_for(message.name, self.session.households)
        try:
            household = Household(id=household_id, name=message.name)
            self.session.create(household)
        except (CartePrepError, ValueError) as exc:
            self.notify(str(exc), title=_("Not created"), severity="error", markup=False)
            return
        self.screen.post_message(HouseholdCreated(household_id))

    def on_household_delete_requested(self, message: HouseholdDeleteRequested) -> None:
        name = self.session.get(message.household_id).name
        try:
            self.session.delete(message.household_id)
        except CartePrepError as exc:
            self.notify(str(exc), title=_("Not deleted"), severity="error", markup=False)
            return
        self.notify(_("Deleted {name}.").format(name=name), markup=False)
        self.screen.post_message(HouseholdSaved(message.household_id))

    def action_undo(self) -> None:
        """Take back the last change, and save."""
        self._step("undo")

    def action_redo(self) -> None:
        """Make again the change undone last, and save."""
        self._step("redo")

    def _step(self, direction: str) -> None:
        move = self.session.undo if direction == "undo" else self.session.redo
        try:
            step = move()
        except CartePrepError as exc:
            self._failed(None, exc)
            return
        if step is None:
            nothing = _("Nothing to undo.") if direction == "undo" else _("Nothing to redo.")
            self.notify(nothing, timeout=3)
            return
        done = _("Undone: {change}.") if direction == "undo" else _("Redone: {change}.")
        self.notify(done.format(change=step.label), markup=False)
        self.screen.post_message(HouseholdSaved(step.household_id))

    def _failed(self, household_id: str | None, exc: CartePrepError) -> None:
        """A change was refused: say why; after an outside change, offer to reload."""
        from carte_prep.core.storage import ConflictError

        if isinstance(exc, ConflictError) and household_id is not None:

            def answered(reload: bool | None) -> None:
                if reload:
                    self._reload(household_id)

            self.push_screen(
                ConfirmDialog(
                    _(
                        "Not saved: {problem}\n\nYour last change is not kept. Reload the "
                        "household to see the version on disk (everything saved before stays)?"
                    ).format(problem=exc),
                    yes=_("Reload from disk"),
                    no=_("Not now"),
                    yes_is_safe=True,
                ),
                answered,
            )
            return
        self.notify(str(exc), title=_("Not saved"), severity="error", markup=False, timeout=10)

    def _reload(self, household_id: str) -> None:
        try:
            self.session.reload(household_id)
        except CartePrepError as exc:
            self.notify(str(exc), title=_("Could not reload"), severity="error", markup=False)
            return
        self.notify(_("Reloaded from disk."), timeout=3)
        self.screen.post_message(HouseholdSaved(household_id))

    # -- exports ------------------------------------------------------------------------

    def on_pdf_requested(self, message: PdfRequested) -> None:
        self.exports.pdf(message)

    def on_upload_set_requested(self, message: UploadSetRequested) -> None:
        self.exports.upload_set(message)

    def on_calendar_requested(self, message: CalendarRequested) -> None:
        self.exports.calendar(message)

    def on_unmount(self) -> None:
        self.close_renderer()

    def close_renderer(self) -> None:
        """Stop the renderer process, if a PDF dialog started one."""
        self.exports.close_renderer()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """No worker error is ever swallowed: each one is shown (without its details)."""
        if event.state == WorkerState.ERROR:
            kind = type(event.worker.error).__name__
            self.notify(
                _(
                    "Something went wrong while working on {task} ({kind}). "
                    "Nothing was lost; try again."
                ).format(task=event.worker.name or _("a task"), kind=kind),
                title=_("Error"),
                severity="error",
                markup=False,
                timeout=10,
            )

    # -- help, palette, keys --------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_show_help(self) -> None:
        """f1: the help that stays reachable while a text field takes the ``?``."""
        self.action_help()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keep letter keys for typing while a text field has focus; ``b`` only in examples."""
        del parameters
        if action == "my_data" and not (self.in_examples and self.folder.own is not None):
            return False
        if action == "open_examples" and self.in_examples:
            return False
        if action == "quit_key" and not (
            isinstance(self.screen, DataScreen) and self.screen.QUITS_ON_Q
        ):
            return False  # a stray q in a form or a dialog must not end the app
        return not (action in typing_actions(self.BINDINGS) and is_text_field(self.screen.focused))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every binding of the screen (and the app) is also a palette command."""
        textual_commands = super().get_system_commands(screen)
        for command in self.translated_system_commands(textual_commands):
            if command.title != "Keys":  # the app's own help (?) lists the keys
                yield command
        if isinstance(screen, DataScreen):
            yield from screen.more_commands()
        if not self.in_examples:
            yield SystemCommand(
                _("Open the examples (key e on the households)"),
                _("Look around a temporary copy of the example households"),
                self.action_open_examples,
            )
        yield from binding_commands(self, screen)

    # -- crash safety -------------------------------------------------------------------

    def _fatal_error(self) -> None:
        """Replace Textual's crash report, whose traceback shows local variables.

        Those locals can hold a whole household (names, passport numbers). This prints the
        exception type and the code location only: enough for a bug report, nothing
        personal. The exception message is left out too: it may quote a field value.
        ``_fatal_error`` is Textual's private hook: safe only because Textual is pinned to
        one exact version (pyproject.toml), and tests/tui/test_robustness.py checks it.
        """
        self.bell()
        self.panic(Text(crash_report()))


def make_app(
    store: Store | Path,
    today: Today = dt.date.today,
    *,
    examples: tempfile.TemporaryDirectory[str] | None = None,
    own: Store | Path | None = None,
    theme: str | None = None,
) -> CartePrepApp:
    """Build the app; the one factory the CLI, the tests and the screenshot script use."""
    return CartePrepApp(store, today, examples=examples, own=own, theme=theme)
