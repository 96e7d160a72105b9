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
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from carte_prep.core.errors import CartePrepError, EditError
from carte_prep.core.paths import index_path
from carte_prep.examples import temporary_examples
from carte_prep.tui.format import WIDE
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
from carte_prep.tui.screens.base import DataScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog, PromptDialog
from carte_prep.tui.screens.help import HelpScreen
from carte_prep.tui.screens.households import HouseholdsScreen

Today = Callable[[], dt.date]

CRASH_MESSAGE = (
    "carte-prep stopped because of an unexpected error ({where}).\n"
    "Every change you made was saved when you made it, so your data is safe.\n"
    "Please report this message (it holds no personal data) and start carte-prep again."
)

if TYPE_CHECKING:
    from carte_prep.core.agenda import AgendaEvent
    from carte_prep.core.model import Household
    from carte_prep.core.redact import Redactor
    from carte_prep.core.session import Session
    from carte_prep.core.storage import Store
    from carte_prep.dossier.renderer import Renderer

APP_BACKUP_EVERY = 60.0
"""The app saves as you type: changes within a minute share one backup."""


PDF_TIMEOUT = 600.0
"""Seconds a dossier may take; it is laid out in a child process, so the screen never waits
on WeasyPrint (its garbage collections would otherwise pause every thread)."""


class CartePrepApp(App[None]):
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
        Binding("question_mark", "help", "Help", id="help", tooltip="Keys and how the app works"),
        Binding(
            "f1",
            "show_help",
            "Help",
            id="help-f1",
            tooltip="Keys and how the app works (? types a ? in a text field, f1 does not)",
        ),
        Binding("ctrl+z", "undo", "Undo", id="undo", tooltip="Take back the last change"),
        Binding(
            "ctrl+y",
            "redo",
            "Redo",
            id="redo",
            show=False,
            tooltip="Make again the change undone last",
        ),
        Binding("tab", "focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True),
        Binding(
            "b",
            "my_data",
            "Back to my households",
            id="my-data",
            tooltip="Leave the examples for your own households",
        ),
    ]

    def __init__(
        self,
        store: Store | Path,
        today: Today,
        *,
        examples: tempfile.TemporaryDirectory[str] | None = None,
        own: Store | Path | None = None,
    ) -> None:
        super().__init__()
        self.today = today
        self._examples = examples
        self._renderer: Renderer | None = None
        on_examples = examples is not None or own is not None
        self._own = own if own is not None else (None if on_examples else store)
        self._own_session: Session | None = None
        self._opened: Store | Path = store
        """The folder shown, as given: its session is made by :meth:`session_factory`."""
        self._session: Session | None = None
        self._on_own = not on_examples
        self._session_lock = threading.Lock()

    @property
    def in_examples(self) -> bool:
        """Whether the open households are the temporary examples, not the person's own."""
        return not self._on_own

    @property
    def data_root(self) -> Path:
        """The folder shown, whether or not its session is made yet."""
        opened = self._opened
        return opened if isinstance(opened, Path) else opened.root

    @property
    def index_file(self) -> Path | None:
        """The index of the person's own folder; the examples are a temporary copy."""
        return None if self.in_examples else index_path(self.data_root)

    @property
    def session(self) -> Session:
        """The open households (made now if no worker made them yet)."""
        return self.session_factory()()

    @session.setter
    def session(self, session: Session) -> None:
        self._session = session
        self._opened = session.store

    def session_factory(self) -> Callable[[], Session]:
        """What makes the open folder's session once: callable from a worker thread."""
        opened = self._opened

        def make() -> Session:
            from carte_prep.core.session import Session

            with self._session_lock:
                if self._opened is not opened:
                    return Session(_as_store(opened))  # another folder is open: dropped
                if self._session is None:
                    self._session = Session(_as_store(opened))
                    if self._on_own:
                        self._own_session = self._session
                return self._session

        return make

    # -- start and examples -------------------------------------------------------------

    def on_mount(self) -> None:
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
        if not self.in_examples or self._own is None:
            return
        if self._own_session is None:
            from carte_prep.core.session import Session

            self._own_session = Session(_as_store(self._own))
        self._switch(self._own_session, own=True, read_now=read_now)
        self.notify("Back to your own households.", timeout=3)

    def _switch(self, session: Session, *, own: bool, read_now: bool = False) -> None:
        """Show another data folder's households, from the households screen.

        ``read_now`` reads the folder before returning (a household is about to be made
        in it); otherwise the households screen reads it in a worker.
        """
        self.save_pending()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        with self._session_lock:
            self.session = session
            self._on_own = own
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
                self.screen.post_message(
                    EditRefused(request.household_id, request.edit, exc.field, str(exc))
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

    async def action_quit(self) -> None:
        """Quit, saving first a note still being typed (it is otherwise sent a moment later)."""
        await super().action_quit()

    def on_household_create_requested(self, message: HouseholdCreateRequested) -> None:
        """Create the household; in the examples, in the person's own folder (the examples
        are thrown away when the app ends, and the households screen said so)."""
        if self.in_examples and self._own is not None:
            self.action_my_data(read_now=True)
        elif self.in_examples:
            self.notify(
                "Created in the examples: it is thrown away when carte-prep ends.",
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
            self.notify(str(exc), title="Not created", severity="error", markup=False)
            return
        self.screen.post_message(HouseholdCreated(household_id))

    def on_household_delete_requested(self, message: HouseholdDeleteRequested) -> None:
        name = self.session.get(message.household_id).name
        try:
            self.session.delete(message.household_id)
        except CartePrepError as exc:
            self.notify(str(exc), title="Not deleted", severity="error", markup=False)
            return
        self.notify(f"Deleted {name}.", markup=False)
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
            self.notify(f"Nothing to {direction}.", timeout=3)
            return
        done = "Undone" if direction == "undo" else "Redone"
        self.notify(f"{done}: {step.label}.", markup=False)
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
                    f"Not saved: {exc}\n\nReload the household from disk? "
                    "Your last change will be lost; everything saved before stays.",
                    yes="Reload",
                    no="Keep as shown",
                ),
                answered,
            )
            return
        self.notify(str(exc), title="Not saved", severity="error", markup=False, timeout=10)

    def _reload(self, household_id: str) -> None:
        try:
            self.session.reload(household_id)
        except CartePrepError as exc:
            self.notify(str(exc), title="Could not reload", severity="error", markup=False)
            return
        self.notify("Reloaded from disk.", timeout=3)
        self.screen.post_message(HouseholdSaved(household_id))

    # -- PDF and calendar file ------------------------------------------------------------

    def export_path(self, file_name: str) -> Path:
        """Where an export goes unless the person says otherwise: home, else beside the data."""
        home = Path.home()
        folder = home if home.is_dir() else self.session.store.root.parent
        return folder / file_name

    def pdf_renderer(self) -> Renderer:
        """The renderer process of this session, started at the first PDF dialog.

        It imports WeasyPrint while the person reads the dialog, so the first dossier is
        no slower than the next ones, and it serves every dossier until the app ends.
        """
        if self._renderer is None:
            from carte_prep.dossier.renderer import Renderer
            from carte_prep.resources import templates_dir

            self._renderer = Renderer(templates_dir())
        self._renderer.start()
        return self._renderer

    def on_unmount(self) -> None:
        self.close_renderer()

    def close_renderer(self) -> None:
        """Stop the renderer process, if a PDF dialog started one."""
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None

    def on_pdf_requested(self, message: PdfRequested) -> None:
        """Ask where to write the dossier, then render it in a worker thread."""
        household_id, member_id = message.household_id, message.member_id
        self.pdf_renderer()
        options = {"show_ids": message.show_ids, "with_attachments": message.with_attachments}

        def render(output: Path) -> None:
            self.notify("Rendering the PDF dossier…", title="PDF", timeout=4)
            self._render_pdf(household_id, member_id, output, options)

        def chosen(answer: str | None) -> None:
            if answer:
                self._unless_declined_overwrite(_typed_path(answer), render)

        household = self.session.get(household_id)
        who = household.member(member_id).display_name if member_id else household.name
        extras = [
            words
            for words, asked in (
                ("identifiers shown", message.show_ids),
                ("attachments included", message.with_attachments),
            )
            if asked
        ]
        how = f" ({', '.join(extras)})" if extras else ""
        name = f"{household_id}-{member_id}" if member_id else household_id
        self.push_screen(
            PromptDialog(
                f"Write the PDF dossier of {who}{how} to:",
                value=str(self.export_path(f"carte-prep-{name}.pdf")),
                check=partial(_export_path_problem, suffix=".pdf"),
            ),
            chosen,
        )

    def on_upload_set_requested(self, message: UploadSetRequested) -> None:
        """Ask for a folder; a folder that holds files is replaced only once agreed."""
        household_id, member_id = message.household_id, message.member_id

        def write(folder: Path, force: bool) -> None:
            self.run_worker(
                partial(self._upload_worker, household_id, member_id, folder, force),
                name="upload-set",
                group="upload-set",
                thread=True,
                exclusive=True,
                exit_on_error=False,
            )

        def chosen(answer: str | None) -> None:
            if not answer:
                return
            folder = _typed_path(answer)
            if not (folder.is_dir() and any(folder.iterdir())):
                write(folder, False)
                return
            self.push_screen(
                ConfirmDialog(f"{folder} is not empty. Replace what it holds?", yes="Replace"),
                lambda replace: write(folder, True) if replace else None,
            )

        self.push_screen(
            PromptDialog(
                f"Write the ANEF upload set of {member_id} to the folder:",
                value=str(self.export_path(f"carte-prep-{household_id}-{member_id}-anef")),
            ),
            chosen,
        )

    def _upload_worker(self, household_id: str, member_id: str, folder: Path, force: bool) -> None:
        from carte_prep.dossier.upload import make_upload_set

        try:
            made = make_upload_set(
                self.session.get(household_id), member_id, folder, today=self.today(), force=force
            )
        except (CartePrepError, OSError) as exc:
            said = str(exc) if isinstance(exc, CartePrepError) else f"cannot write {folder}"
            self.call_from_thread(
                self.notify, said, title="Upload set not written", severity="error", markup=False
            )
            return
        written = sum(1 for slot in made.slots if slot.file)
        self.call_from_thread(
            self.notify,
            f"{written} of {len(made.slots)} slots written to {made.folder}",
            title="Upload set ready",
            markup=False,
            timeout=10,
        )

    def _unless_declined_overwrite(self, output: Path, go: Callable[[Path], None]) -> None:
        """Run ``go`` at once for a new file; for an existing one, only once the person agrees."""
        if not output.exists():
            go(output)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                go(output)

        self.push_screen(
            ConfirmDialog(f"{output} already exists. Replace it?", yes="Replace"), answered
        )

    def _render_pdf(
        self, household_id: str, member_id: str | None, output: Path, options: dict[str, bool]
    ) -> None:
        household = self.session.get(household_id)
        today = self.today()
        self.run_worker(
            partial(self._pdf_worker, household, member_id, output, today, options),
            name="pdf",
            group="pdf",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _pdf_worker(
        self,
        household: Household,
        member_id: str | None,
        output: Path,
        today: dt.date,
        options: dict[str, bool],
    ) -> None:
        """Runs in a thread: imports the renderer only now (weasyprint is slow to import).

        WeasyPrint cannot be interrupted, so the dossier is rendered beside the target and
        moved over it only if the worker was not cancelled meanwhile: a newer export of
        the same file (``exclusive``) or quitting the app then never gets overwritten by a
        stale render that finishes late.
        """
        from carte_prep.core.storage import journalled, temp_beside

        worker = get_current_worker()
        part = temp_beside(output)  # noted in the data folder: a kill leaves no copy
        try:
            with journalled(self.session.store.root, part):
                from carte_prep.dossier import render_pdf  # weasyprint: only once asked

                written = render_pdf(
                    self.session.store.for_dossier(household),
                    part,
                    member_id=member_id,
                    today=today,
                    timeout=PDF_TIMEOUT,
                    data_root=self.session.store.root,
                    renderer=self.pdf_renderer(),
                    show_ids=options.get("show_ids", False),
                    with_attachments=options.get("with_attachments", False),
                )
                if worker.is_cancelled:
                    return
                os.replace(written, output)
        except (CartePrepError, OSError) as exc:
            message = (
                str(exc)
                if isinstance(exc, CartePrepError)
                else f"cannot write {output}: {exc.strerror or type(exc).__name__}"
            )
            self.call_from_thread(
                self.notify,
                message.replace(str(part), str(output)),
                title="PDF not written",
                severity="error",
                markup=False,
            )
        else:
            self.call_from_thread(
                self.notify, f"Written to {output}", title="PDF ready", markup=False, timeout=10
            )
        finally:
            part.unlink(missing_ok=True)

    def on_calendar_requested(self, message: CalendarRequested) -> None:
        """Ask where to write the agenda as an .ics file (``carte-prep ics``), then write it.

        Writing runs in a worker thread: it imports icalendar and syncs the file to disk.
        Event ids are stable, so importing a newer file updates the calendar's events.
        """
        household_id, events = message.household_id, message.events
        household = self.session.get(household_id) if household_id else None
        name = f"carte-prep: {household.name}" if household else "carte-prep: all households"

        from carte_prep.core.redact import Redactor

        owners = {event.household_id for event in events}
        redactor = Redactor.for_households(self.session.get(owner) for owner in owners)

        def write(output: Path) -> None:
            self.run_worker(
                partial(self._calendar_worker, events, name, output, redactor),
                name="calendar file",
                group="calendar",
                thread=True,
                exclusive=True,
                exit_on_error=False,
            )

        def chosen(answer: str | None) -> None:
            if answer:
                self._unless_declined_overwrite(_typed_path(answer), write)

        self.push_screen(
            PromptDialog(
                f"Write these {len(events)} dates, with reminders, as a calendar file to:",
                value=str(self.export_path(f"carte-prep-{household_id or 'agenda'}.ics")),
                check=partial(_export_path_problem, suffix=".ics"),
            ),
            chosen,
        )

    def _calendar_worker(
        self, events: list[AgendaEvent], name: str, output: Path, redactor: Redactor
    ) -> None:
        from carte_prep.calendar_export import agenda_to_ics

        try:
            self.session.store.write_export(
                output,
                agenda_to_ics(events, name=name, stamp=dt.datetime.now(dt.UTC), redactor=redactor),
            )
        except CartePrepError as exc:
            self.call_from_thread(
                self.notify,
                str(exc),
                title="Calendar file not written",
                severity="error",
                markup=False,
            )
        else:
            self.call_from_thread(
                self.notify,
                f"Wrote {len(events)} dates to {output}. Open it with your calendar.",
                title="Calendar file",
                markup=False,
                timeout=10,
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """No worker error is ever swallowed: each one is shown (without its details)."""
        if event.state == WorkerState.ERROR:
            kind = type(event.worker.error).__name__
            self.notify(
                f"Something went wrong while working on {event.worker.name or 'a task'} "
                f"({kind}). Nothing was lost; try again.",
                title="Error",
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
        if action == "my_data" and not (self.in_examples and self._own is not None):
            return False
        if action == "open_examples" and self.in_examples:
            return False
        return not (action in typing_actions(self.BINDINGS) and is_text_field(self.screen.focused))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every binding of the screen (and the app) is also a palette command."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":  # the app's own help (?) lists the keys
                yield command
        if isinstance(screen, DataScreen):
            yield from screen.more_commands()
        if not self.in_examples:
            yield SystemCommand(
                "Open the examples (key e on the households)",
                "Look around a temporary copy of the example households",
                self.action_open_examples,
            )
        seen: set[str] = set()
        for node, bindings in ((screen, screen.BINDINGS), (self, self.BINDINGS)):
            for binding in bindings:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                if binding.action in seen or binding.action == "quit":
                    continue
                if binding.action == "show_help" and "help" in seen:
                    continue
                if isinstance(node, DataScreen) and not node.can_run(binding.action):
                    continue
                if node is self and not self.check_action(binding.action, ()):
                    continue
                seen.add(binding.action)
                key = binding.key_display or self.get_key_display(binding)
                yield SystemCommand(
                    f"{binding.description} ({key})",
                    binding.tooltip or binding.description,
                    partial(node.run_action, binding.action),
                )

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
        self.panic(Text(CRASH_MESSAGE.format(where=_crash_location())))


def _as_store(opened: Store | Path) -> Store:
    """The store of a folder given as a path (the person's own: saves share backups)."""
    from carte_prep.core.storage import Store

    return Store(opened, backup_every=APP_BACKUP_EVERY) if isinstance(opened, Path) else opened


def _crash_location() -> str:
    """``TypeError at carte_prep/tui/app.py:123`` for the exception being handled."""
    kind, _, trace = sys.exc_info()
    if kind is None:
        return "unknown error"
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    if trace is None:
        return kind.__name__
    code = trace.tb_frame.f_code
    path = Path(code.co_filename)
    return f"{kind.__name__} in {code.co_name} at {path.parent.name}/{path.name}:{trace.tb_lineno}"


def _typed_path(value: str) -> Path:
    """The file a person typed, with ``~`` expanded and made absolute for the messages."""
    return Path(os.path.abspath(Path(value.strip()).expanduser()))


def _export_path_problem(value: str, *, suffix: str) -> str | None:
    path = _typed_path(value)
    if path.suffix.lower() != suffix:
        return f"the file name should end in {suffix}"
    if not path.parent.is_dir():
        return f"the folder {path.parent} does not exist"
    return None


def make_app(
    store: Store | Path,
    today: Today = dt.date.today,
    *,
    examples: tempfile.TemporaryDirectory[str] | None = None,
    own: Store | Path | None = None,
) -> CartePrepApp:
    """Build the app; the one factory the CLI, the tests and the screenshot script use."""
    return CartePrepApp(store, today, examples=examples, own=own)
