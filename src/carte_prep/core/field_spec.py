"""The shape of a member field: where its value goes in the Member data, how it is asked,
and the command-line flag that sets it (see :mod:`carte_prep.core.member_fields`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from carte_prep.i18n import N_

Kind = Literal["text", "date", "time", "choice", "flag", "presence", "held", "departement"]
"""``held``: "What do you hold today?": nothing (the part is off), a VLS-TS or a card."""
Path = tuple[str, ...]
Relevant = Callable[[dict[str, Any]], bool]
"""Whether a field concerns the application as the form stands (hidden otherwise)."""
Choices = tuple[tuple[str | bool, str], ...]
"""(value, label) pairs for a choice; the label says what the value means."""


@dataclass(frozen=True)
class FieldSpec:
    """One field: its place in the Member data, its label, how it is typed, its flag."""

    path: Path
    label: str
    kind: Kind = "text"
    help: str = ""
    options: Choices | Callable[[], Choices] = ()
    """The choices, or where to read them when first needed (the catalogue's cards)."""
    optional: bool = False
    """A choice that may be left unanswered (blank), shown with ``prompt``."""
    prompt: str = N_("(not set)")
    required: bool = False
    """An empty text field is sent as "" (so the model says why) rather than None."""
    relevant: Relevant | None = None
    """Shown only when this holds for the application; its saved value is kept either way."""
    flag: str | None = None
    """The command-line flag that sets this value (None: the app only, or a CLI answer
    read apart, like ``--holds``)."""
    flag_help: str | None = None
    """The flag's line in ``--help``, where the label alone would not do."""

    @property
    def choices(self) -> Choices:
        """Read at each use, not kept: the card names are in the language spoken then."""
        return self.options() if callable(self.options) else self.options

    @property
    def widget_id(self) -> str:
        return "f-" + "-".join(self.path).replace("_", "-")

    @property
    def error_id(self) -> str:
        return "e-" + "-".join(self.path).replace("_", "-")


@dataclass(frozen=True)
class Step:
    """One tab of the form."""

    title: str
    fields: tuple[FieldSpec, ...]
    intro: str = ""
    presence: Path | None = None
    """The optional part of the model this step fills in (None: always there)."""
    extra: tuple[str, ...] = field(default=())
    """Ids of information lines the editor fills in (card summary, numéro hint...)."""


APP: Path = ("application",)
SIT: Path = (*APP, "situation")
CUR: Path = (*APP, "current_card")
APPT: Path = (*APP, "appointment")
