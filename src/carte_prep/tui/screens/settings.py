"""The settings dialog: language, usual département, theme and how long backups are kept.

The same settings file as ``carte-prep settings`` (:mod:`carte_prep.core.settings`); every
value is checked by the same rules before anything is saved, and a problem is shown under
its field in plain words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from carte_prep.i18n import LANGUAGE_NAMES, _
from carte_prep.tui.validation import show_problem

if TYPE_CHECKING:
    from carte_prep.core.settings import Settings


class SettingsDialog(ModalScreen["Settings | None"]):
    """Change the settings; returns the new settings, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="dialog-cancel"),
    ]

    def __init__(self, settings: Settings, spoken: str, *, problem: str | None = None) -> None:
        super().__init__(classes="dialog")
        self._settings = settings
        self._spoken = spoken
        self._problem = problem

    def compose(self) -> ComposeResult:
        from carte_prep.core.settings import THEMES

        automatic = _("As the computer ({language})").format(
            language=LANGUAGE_NAMES.get(self._spoken, self._spoken)  # type: ignore[call-overload]
        )
        languages = [(automatic, "auto"), *((name, code) for code, name in LANGUAGE_NAMES.items())]
        with VerticalScroll(classes="dialog-box settings-box"):
            yield Static(_("Settings"), classes="dialog-title")
            yield Static(_("Language"), markup=False, classes="settings-label")
            yield Select(
                languages,
                value=self._settings.language or "auto",
                allow_blank=False,
                id="language",
                compact=True,
            )
            yield Static(
                _("Usual département of new applications (e.g. 93, 2A, 974)"),
                markup=False,
                classes="settings-label",
            )
            yield Input(
                self._settings.departement or "",
                placeholder="75, 2A, 974…",
                id="departement",
                compact=True,
            )
            yield Static(_("Theme"), markup=False, classes="settings-label")
            yield Select(
                [(theme, theme) for theme in THEMES],
                value=self._settings.theme,
                allow_blank=False,
                id="theme",
                compact=True,
            )
            yield Static(
                _("Days one backup a day is kept (the last 24 hours are all kept)"),
                markup=False,
                classes="settings-label",
            )
            yield Input(
                str(self._settings.backup_days), id="backup_days", type="integer", compact=True
            )
            yield Static(self._problem or "", markup=False, id="problem", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#language", Select).focus()

    def chosen(self) -> Settings:
        """The settings as the dialog shows them, checked; raises SettingsProblem."""
        from carte_prep.core.settings import changed

        language = self.query_one("#language", Select).value
        settings = changed(
            self._settings, "language", None if language == "auto" else str(language)
        )
        departement = self.query_one("#departement", Input).value.strip()
        settings = changed(settings, "departement", departement or None)
        settings = changed(settings, "theme", str(self.query_one("#theme", Select).value))
        days = self.query_one("#backup_days", Input).value.strip()
        return changed(settings, "backup_days", days or None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        from carte_prep.core.settings import SettingsProblem

        try:
            settings = self.chosen()
        except SettingsProblem as exc:
            show_problem(self.query_one("#problem", Static), str(exc))
            return
        self.dismiss(settings)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
