"""How values are shown and read back in the app: statuses, dates, progress, markers.

The words come from :mod:`carte_prep.present` (shared with the command line and the PDF);
this module adds the app's colours and signs, and reads typed dates and times back.

Everything that may hold text a person typed is returned as ``rich.text.Text`` (or plain
``str`` for widgets created with ``markup=False``), never as a markup string: a name like
``Ali [Jr]`` must display as typed, and ``[/b]`` in a note must not crash a screen.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING, Final

from rich.text import Text

from carte_prep.core.dates import InputProblem as InputProblem
from carte_prep.core.dates import fmt
from carte_prep.core.dates import parse_date as parse_date
from carte_prep.core.dates import parse_time as parse_time
from carte_prep.core.vocab import STATUS_WORDS, Status
from carte_prep.i18n import N_, _, ngettext, pgettext
from carte_prep.present import event_when, gloss

if TYPE_CHECKING:
    from carte_prep.core import ChecklistItem
    from carte_prep.core.agenda import AgendaEvent
    from carte_prep.core.engine import Level

STATUS_MARKS: Final[dict[Status, str]] = {
    "todo": "☐",
    "requested": "◔",
    "gathered": "☑",
    "handed-in": "✔",
    "not-applicable": "–",
}
STATUS_STYLES: Final[dict[Status, str]] = {
    "todo": "bold",
    "requested": "yellow",
    "gathered": "green",
    "handed-in": "bold green",
    "not-applicable": "dim",
}
LEVEL_STYLES: Final[dict[Level, str]] = {
    "danger": "bold red",
    "warning": "bold yellow",
    "info": "",
}
"""How loudly a date is shown: the agenda's urgency (a week, a month, later)."""

WEEKDAYS: Final = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
"""Spelled out here: strftime's names follow the C library's locale."""

WIDE = 110
"""From this width on the app lays screens out side by side (its horizontal breakpoint):
the checklist's detail pane beside the list, the households' route in its own column."""


def status_text(status: Status) -> Text:
    """The status badge shown in lists."""
    return Text(status_label(status), style=STATUS_STYLES[status])


def status_label(status: Status) -> str:
    """The status badge: its mark and word (n/a: the list's column is narrow)."""
    word = pgettext("status", "n/a") if status == "not-applicable" else STATUS_WORDS[status]
    return f"{STATUS_MARKS[status]} {word}"


def show_date(day: dt.date | None) -> str:
    """A date as typed back into a field (empty when unset)."""
    return fmt(day) if day else ""


def weekday(day: dt.date, *, short: bool = False) -> str:
    """The day of the week in the language spoken ("Tue", "mar" when short), whatever the
    machine's locale."""
    name = _(WEEKDAYS[day.weekday()])
    return name[:3] if short else name


def days_away(day: dt.date, today: dt.date) -> str:
    """How far a date is, in words: "today", "in 3 days", "5 days ago"."""
    days = (day - today).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    if days == -1:
        return _("yesterday")
    if days > 0:
        return ngettext("in {count} day", "in {count} days", days).format(count=days)
    return ngettext("{count} day ago", "{count} days ago", -days).format(count=-days)


def deadline_text(event: AgendaEvent | None, *, with_title: bool = False) -> Text:
    """A member's next deadline, coloured by urgency (empty when there is none)."""
    if event is None:
        return Text("")
    shown = f"{event_when(event)} {event.title}" if with_title else fmt(event.date)
    return Text(shown, style=LEVEL_STYLES[event.level])


def bar(done: int, total: int, width: int = 8) -> Text:
    """A text progress bar for table cells, where a widget cannot go."""
    filled = round(width * done / total) if total else width
    text = Text("█" * filled, style="green")
    text.append("░" * (width - filled), style="dim")
    text.append(f" {done}/{total}")
    return text


def markers(item: ChecklistItem) -> Text:
    """Small signs for what an item carries: a note, a file, an old or untranslated paper."""
    text = Text()
    tracking = item.tracking
    if tracking.notes.strip():
        text.append("✎", style="cyan")
    if tracking.attachments:
        text.append("@", style="cyan")
    if item.shared_with:
        text.append("⌂", style="magenta")
    if item.freshness is not None and not item.freshness.ok:
        text.append("!", style="bold red")
    elif any(w.code == "no-document-date" for w in item.warnings):
        text.append("?", style="yellow")
    if item.needs_translation and not tracking.translated:
        text.append("T", style="bold yellow")
    return text


def item_label(item: ChecklistItem, width: int | None = None) -> Text:
    """French name with its English gloss on the line below (in French the name alone);
    with ``width``, each one wrapped to it (a list row then takes as many lines as the text
    needs, never cut)."""
    requirement = item.requirement
    text = Text()
    lines = [(requirement.name_fr, "bold")]
    english = gloss(requirement.name_en)
    if english is not None:
        lines.append((english, "italic"))
    for index, (words, style) in enumerate(lines):
        if index:
            text.append("\n")
        text.append(wrapped(words, width) if width else words, style=style)
    return text


def wrapped(words: str, width: int) -> str:
    """``words`` wrapped to ``width`` columns (long words broken): a table cell then takes
    as many lines as it needs instead of cutting the text at its column's edge."""
    return "\n".join(textwrap.wrap(words, max(1, width))) or ""
