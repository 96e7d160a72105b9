"""A searchable département picker: type a number, a name or the prefecture's town, pick,
see the prefecture (people know their town, "Lyon", better than "69 Rhône")."""

from __future__ import annotations

import unicodedata

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from carte_prep.core import load_catalogue, prefecture_name
from carte_prep.i18n import _


def _fold(text: str) -> str:
    """Lower case without accents, so "ardeche" finds "Ardèche"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class DepartementPicker(Vertical):
    """Search box, matching départements, and where the prefecture is."""

    class Changed(Message):
        """A département was picked (or cleared: ``code`` is None)."""

        def __init__(self, picker: DepartementPicker, code: str | None) -> None:
            super().__init__()
            self.picker = picker
            self.code = code

        @property
        def control(self) -> DepartementPicker:
            return self.picker

    def __init__(self, code: str | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="departement-picker")
        self.code = code

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder=_("type a number, a name or a town: {example}").format(
                example="24, Périgueux"
            ),
            id="dep-search",
            compact=True,
        )
        yield OptionList(id="dep-matches", markup=False)
        yield Static(id="dep-where")

    def on_mount(self) -> None:
        self._show_choice()
        self._filter("")

    def _label(self, code: str) -> str:
        departement = load_catalogue().departements[code]
        return f"{code} {departement.name} ({departement.prefecture})"

    def _filter(self, query: str) -> None:
        wanted = _fold(query.strip())
        matches = [
            Option(self._label(code), id=code)
            for code, departement in load_catalogue().departements.items()
            if not wanted
            or code.casefold().startswith(wanted)
            or wanted in _fold(departement.name)
            or wanted in _fold(departement.prefecture)
        ]
        options = self.query_one("#dep-matches", OptionList)
        options.clear_options()
        options.add_options(matches)

    def _show_choice(self) -> None:
        where = self.query_one("#dep-where", Static)
        if self.code is None:
            where.update(Text(_("No département chosen yet."), style="dim"))
            return
        departement = load_catalogue().departements[self.code]
        text = Text(_("Chosen: {departement}").format(departement=self._label(self.code)) + "\n")
        text.stylize("bold")
        desk = prefecture_name(departement)
        text.append(_("Files at the desk go to: {prefecture}").format(prefecture=desk))
        where.update(text)

    @on(Input.Changed, "#dep-search")
    def _search(self, event: Input.Changed) -> None:
        event.stop()
        self._filter(event.value)

    @on(Input.Submitted, "#dep-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#dep-matches", OptionList)
        exact = event.value.strip().upper()
        if exact in load_catalogue().departements:
            self._pick(exact)
        elif options.option_count == 1:
            self._pick(options.get_option_at_index(0).id)
        else:
            options.focus()

    @on(OptionList.OptionSelected, "#dep-matches")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option.id)

    def _pick(self, code: str | None) -> None:
        if code is None:
            return
        self.code = code
        self._show_choice()
        self.post_message(self.Changed(self, code))

    def choose(self, code: str | None) -> None:
        """Show a saved choice again (after an undo); nothing is posted."""
        self.code = code
        self._show_choice()
