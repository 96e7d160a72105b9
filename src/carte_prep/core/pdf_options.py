"""The PDF dossier's options, declared once: the command line's ``pdf`` flags and the
app's PDF dialog are both made from this table, so neither offers what the other lacks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from carte_prep.i18n import N_

NotesMode = Literal["short", "full", "none"]


@dataclass(frozen=True)
class PdfOption:
    """One choice about the dossier: a yes/no (``choices`` empty) or one of ``choices``."""

    name: str
    """The keyword of ``render_pdf`` it sets."""
    flag: str
    label: str
    """Its line in the app's dialog."""
    help: str
    """Its line in ``carte-prep pdf --help``."""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, what it means) pairs; the first is the default."""

    @property
    def default(self) -> str | bool:
        return self.choices[0][0] if self.choices else False


PDF_OPTIONS: tuple[PdfOption, ...] = (
    PdfOption(
        "show_ids",
        "--show-ids",
        N_("Passport and card numbers in full (for the desk)"),
        N_("print identifiers in full (masked by default)"),
    ),
    PdfOption(
        "with_attachments",
        "--with-attachments",
        N_("Attached scans in an annex"),
        N_("add the attached scans as an annex"),
    ),
    PdfOption(
        "notes",
        "--notes",
        N_("Your notes:"),
        N_(
            "your notes: shortened in the checklists (short, the default), also printed "
            "whole at the end (full), or left out (none)"
        ),
        (
            ("short", N_("shortened in the checklists")),
            ("full", N_("shortened, and printed whole at the end")),
            ("none", N_("left out")),
        ),
    ),
)


def default_options() -> dict[str, str | bool]:
    """Every option at its default: what a dossier is printed with unless asked otherwise."""
    return {option.name: option.default for option in PDF_OPTIONS}


def notes_mode(value: str | bool) -> NotesMode:
    """The notes choice as ``render_pdf`` takes it (the default for anything else)."""
    if value == "full":
        return "full"
    return "none" if value == "none" else "short"
