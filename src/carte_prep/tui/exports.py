"""What the app writes outside the data folder: PDF dossiers, calendar files, upload sets.

Each asks where to write (a file that exists is replaced only once the person agrees),
then writes in a worker thread, so the screen never waits on WeasyPrint, icalendar or a
slow disk, and says in a notification what was written or why not. The app hands the
requests over (:class:`~carte_prep.tui.app.CartePrepApp` keeps the message handlers);
this module imports nothing heavy until a file is asked for.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from carte_prep.core.errors import CartePrepError
from carte_prep.core.pdf_options import default_options, notes_mode
from carte_prep.i18n import _, ngettext
from carte_prep.tui.messages import CalendarRequested, PdfRequested, UploadSetRequested
from carte_prep.tui.screens.dialogs import ConfirmDialog, PromptDialog
from carte_prep.tui.screens.pdf_dialog import PdfChoice, PdfDialog

if TYPE_CHECKING:
    from carte_prep.core.agenda import AgendaEvent
    from carte_prep.core.model import Household
    from carte_prep.core.redact import Redactor
    from carte_prep.dossier.renderer import Renderer
    from carte_prep.tui.app import CartePrepApp

PDF_TIMEOUT = 600.0
"""Seconds a dossier may take; it is laid out in a child process, so the screen never waits
on WeasyPrint (its garbage collections would otherwise pause every thread)."""


class Exports:
    """The exports of one app: its renderer process, its dialogs and its workers."""

    def __init__(self, app: CartePrepApp) -> None:
        self.app = app
        self._renderer: Renderer | None = None

    def _in_thread(self, work: Callable[[], None], *, name: str, group: str) -> None:
        """One export at a time per kind, in a thread; its errors are reported, not fatal."""
        self.app.run_worker(
            work, name=name, group=group, thread=True, exclusive=True, exit_on_error=False
        )

    def export_path(self, file_name: str) -> Path:
        """Where an export goes unless the person says otherwise: home, else beside the data."""
        home = Path.home()
        folder = home if home.is_dir() else self.app.session.store.root.parent
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

    def close_renderer(self) -> None:
        """Stop the renderer process, if a PDF dialog started one."""
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None

    def pdf(self, message: PdfRequested) -> None:
        """Ask where to write the dossier and how, then render it in a worker thread."""
        household_id, member_id = message.household_id, message.member_id
        self.pdf_renderer()
        asked: dict[str, str | bool] = {
            **default_options(),
            "show_ids": message.show_ids,
            "with_attachments": message.with_attachments,
        }

        def chosen(answer: PdfChoice | None) -> None:
            if answer is None:
                return

            def render(output: Path) -> None:
                self.app.notify(_("Rendering the PDF dossier…"), title=_("PDF"), timeout=4)
                self._render_pdf(household_id, member_id, output, answer.options)

            self._unless_declined_overwrite(_typed_path(answer.path), render)

        household = self.app.session.get(household_id)
        who = household.member(member_id).display_name if member_id else household.name
        name = f"{household_id}-{member_id}" if member_id else household_id
        self.app.push_screen(
            PdfDialog(
                _("Write the PDF dossier of {who} to:").format(who=who),
                path=str(self.export_path(f"carte-prep-{name}.pdf")),
                options=asked,
                check=partial(_export_path_problem, suffix=".pdf"),
            ),
            chosen,
        )

    def upload_set(self, message: UploadSetRequested) -> None:
        """Ask for a folder; a folder that holds files is replaced only once agreed."""
        household_id, member_id = message.household_id, message.member_id

        def write(folder: Path, force: bool) -> None:
            self._in_thread(
                partial(self._upload_worker, household_id, member_id, folder, force),
                name="upload-set",
                group="upload-set",
            )

        def chosen(answer: str | None) -> None:
            if not answer:
                return
            folder = _typed_path(answer)
            if not (folder.is_dir() and any(folder.iterdir())):
                write(folder, False)
                return
            self.app.push_screen(
                ConfirmDialog(
                    _("{folder} is not empty. Replace what it holds?").format(folder=folder),
                    yes=_("Replace"),
                ),
                lambda replace: write(folder, True) if replace else None,
            )

        self.app.push_screen(
            PromptDialog(
                _("Write the ANEF upload set of {member} to the folder:").format(member=member_id),
                value=str(self.export_path(f"carte-prep-{household_id}-{member_id}-anef")),
            ),
            chosen,
        )

    def _upload_worker(self, household_id: str, member_id: str, folder: Path, force: bool) -> None:
        from carte_prep.dossier.upload import make_upload_set

        try:
            session = self.app.session
            made = make_upload_set(
                session.store.for_dossier(session.get(household_id)),  # scans as paths
                member_id,
                folder,
                today=self.app.today(),
                force=force,
            )
        except (CartePrepError, OSError) as exc:
            said = (
                str(exc)
                if isinstance(exc, CartePrepError)
                else _("cannot write {folder}").format(folder=folder)
            )
            self.app.call_from_thread(
                self.app.notify,
                said,
                title=_("Upload set not written"),
                severity="error",
                markup=False,
            )
            return
        written = sum(1 for slot in made.slots if slot.file)
        self.app.call_from_thread(
            self.app.notify,
            ngettext(
                "{written} of {total} slot written to {folder}",
                "{written} of {total} slots written to {folder}",
                len(made.slots),
            ).format(written=written, total=len(made.slots), folder=made.folder),
            title=_("Upload set ready"),
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

        self.app.push_screen(
            ConfirmDialog(
                _("{output} already exists. Replace it?").format(output=output), yes=_("Replace")
            ),
            answered,
        )

    def _render_pdf(
        self,
        household_id: str,
        member_id: str | None,
        output: Path,
        options: dict[str, str | bool],
    ) -> None:
        household = self.app.session.get(household_id)
        today = self.app.today()
        self._in_thread(
            partial(self._pdf_worker, household, member_id, output, today, options),
            name="pdf",
            group="pdf",
        )

    def _pdf_worker(
        self,
        household: Household,
        member_id: str | None,
        output: Path,
        today: dt.date,
        options: dict[str, str | bool],
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
            with journalled(self.app.session.store.root, part):
                from carte_prep.dossier import render_pdf  # weasyprint: only once asked

                written = render_pdf(
                    self.app.session.store.for_dossier(household),
                    part,
                    member_id=member_id,
                    today=today,
                    timeout=PDF_TIMEOUT,
                    data_root=self.app.session.store.root,
                    renderer=self.pdf_renderer(),
                    show_ids=bool(options["show_ids"]),
                    with_attachments=bool(options["with_attachments"]),
                    notes=notes_mode(options["notes"]),
                )
                if worker.is_cancelled:
                    return
                os.replace(written, output)
        except (CartePrepError, OSError) as exc:
            message = (
                str(exc)
                if isinstance(exc, CartePrepError)
                else _("cannot write {output}: {reason}").format(
                    output=output, reason=exc.strerror or type(exc).__name__
                )
            )
            self.app.call_from_thread(
                self.app.notify,
                message.replace(str(part), str(output)),
                title=_("PDF not written"),
                severity="error",
                markup=False,
            )
        else:
            self.app.call_from_thread(
                self.app.notify,
                _("Written to {output}").format(output=output),
                title=_("PDF ready"),
                markup=False,
                timeout=10,
            )
        finally:
            part.unlink(missing_ok=True)

    def calendar(self, message: CalendarRequested) -> None:
        """Ask where to write the agenda as an .ics file (``carte-prep ics``), then write it.

        Writing runs in a worker thread: it imports icalendar and syncs the file to disk.
        Event ids are stable, so importing a newer file updates the calendar's events.
        """
        household_id, events = message.household_id, message.events
        household = self.app.session.get(household_id) if household_id else None
        name = (
            _("carte-prep: {household}").format(household=household.name)
            if household
            else _("carte-prep: all households")
        )

        from carte_prep.core.redact import Redactor

        owners = {event.household_id for event in events}
        redactor = Redactor.for_households(self.app.session.get(owner) for owner in owners)

        def write(output: Path) -> None:
            self._in_thread(
                partial(self._calendar_worker, events, name, output, redactor),
                name="calendar file",
                group="calendar",
            )

        def chosen(answer: str | None) -> None:
            if answer:
                self._unless_declined_overwrite(_typed_path(answer), write)

        self.app.push_screen(
            PromptDialog(
                ngettext(
                    "Write this {count} date, with reminders, as a calendar file to:",
                    "Write these {count} dates, with reminders, as a calendar file to:",
                    len(events),
                ).format(count=len(events)),
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
            self.app.session.store.write_export(
                output,
                agenda_to_ics(events, name=name, stamp=dt.datetime.now(dt.UTC), redactor=redactor),
            )
        except CartePrepError as exc:
            self.app.call_from_thread(
                self.app.notify,
                str(exc),
                title=_("Calendar file not written"),
                severity="error",
                markup=False,
            )
        else:
            self.app.call_from_thread(
                self.app.notify,
                ngettext(
                    "Wrote {count} date to {output}. Open it with your calendar.",
                    "Wrote {count} dates to {output}. Open it with your calendar.",
                    len(events),
                ).format(count=len(events), output=output),
                title=_("Calendar file"),
                markup=False,
                timeout=10,
            )


def _typed_path(value: str) -> Path:
    """The file a person typed, with ``~`` expanded and made absolute for the messages."""
    return Path(os.path.abspath(Path(value.strip()).expanduser()))


def _export_path_problem(value: str, *, suffix: str) -> str | None:
    path = _typed_path(value)
    if path.suffix.lower() != suffix:
        return _("the file name should end in {suffix}").format(suffix=suffix)
    if not path.parent.is_dir():
        return _("the folder {folder} does not exist").format(folder=path.parent)
    return None
