"""The app's settings and language: the settings dialog, the theme, Textual's own words.

The language is chosen before the app's modules are imported (their key labels are
translated then), so a new language takes effect by starting the app again: the dialog
saves the setting, the app ends, and :func:`carte_prep.tui.run` starts it once more in the
new language, on the same data. Everything was saved as it was typed, so nothing is lost.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from textual.app import App, SystemCommand
from textual.command import CommandPalette

from carte_prep.i18n import N_, _, language

if TYPE_CHECKING:
    from carte_prep.core.settings import Settings

TEXTUAL_COMMANDS = {
    "Theme": (N_("Theme"), N_("Change the colours of the app")),
    "Quit": (N_("Quit"), N_("Quit carte-prep (everything is already saved)")),
    "Minimize": (N_("Minimize"), N_("Give the widget its normal size again")),
    "Maximize": (N_("Maximize"), N_("Let the focused widget fill the screen")),
    "Screenshot": (N_("Screenshot"), N_("Save a picture (SVG) of this screen")),
}
"""Textual's own palette commands, in the person's language (Textual speaks English)."""


class SettingsActions(App[None]):
    """What the app does with the person's settings (mixed into the app)."""

    restart_requested: bool = False
    """Set when the language changed: :func:`carte_prep.tui.run` starts the app again."""
    settings_problem: str | None = None
    """What was wrong with the settings file, shown in the settings dialog."""

    @functools.cached_property
    def settings(self) -> Settings:
        """The settings file, read when first needed (it imports pydantic: not at start)."""
        from carte_prep.core.settings import read_settings

        settings, self.settings_problem = read_settings()
        return settings

    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` now: the theme at once (the app adds the backup days)."""
        self.theme = settings.theme
        self.settings = settings

    def translated_system_commands(
        self, commands: Iterable[SystemCommand]
    ) -> Iterable[SystemCommand]:
        """Textual's own palette commands with their words translated."""
        for command in commands:
            if command.title in TEXTUAL_COMMANDS:
                title, help_text = TEXTUAL_COMMANDS[command.title]
                yield SystemCommand(_(title), _(help_text), command.callback)
            else:
                yield command

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the person's language."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def action_settings(self) -> None:
        """Open the settings dialog; save and use what the person chose."""
        from carte_prep.core.settings import write_settings
        from carte_prep.i18n import machine_language
        from carte_prep.tui.screens.settings import SettingsDialog

        def chosen(settings: Settings | None) -> None:
            if settings is None:
                return
            try:
                write_settings(settings)
            except OSError as exc:
                self.notify(
                    _("The settings could not be saved: {why}").format(why=exc.strerror),
                    severity="error",
                )
                return
            self.apply_settings(settings)
            if settings.spoken_language() != language():
                self.restart_requested = True
                self.exit()
                return
            self.notify(_("Settings saved."))

        dialog = SettingsDialog(self.settings, machine_language(), problem=self.settings_problem)
        self.push_screen(dialog, chosen)


def restart() -> None:
    """Start carte-prep again with the same arguments, without a ``--lang`` that would
    override the language just chosen."""
    args: list[str] = []
    skip = False
    for arg in sys.argv[1:]:
        if skip:
            skip = False
            continue
        if arg == "--lang":
            skip = True
            continue
        if not arg.startswith("--lang="):
            args.append(arg)
    from carte_prep.i18n import machine_environ

    os.execve(sys.executable, [sys.executable, "-m", "carte_prep", *args], machine_environ())
