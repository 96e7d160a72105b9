"""Start-up child: ``python benchmarks/_child_startup.py app DATA_DIR`` or ``bare ROWS.json``.

``bare ROWS.json CODE`` first runs the Python statement CODE (e.g. ``import pydantic``):
the variants that split the app's extra start-up cost into its parts.

``app`` starts carte-prep exactly as the ``carte-prep`` command does (``cli.main`` with
``--data-dir``); ``bare`` is the baseline: a Textual app with only the households screen's
widgets (Header, two hidden Statics, a DataTable with the same columns and the same rows,
Footer with the same keys), its rows added at mount. Both draw through
:class:`_frames.FrameDriver` (``TEXTUAL_DRIVER``), which prints when the first household's
name is drawn and ends the process. Nothing else is imported first, so the two start alike.
"""

from __future__ import annotations

import sys


def bare(rows_file: str) -> int:
    import itertools
    import json
    import os
    from collections.abc import Iterator
    from typing import ClassVar

    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.binding import Binding, BindingType
    from textual.widgets import DataTable, Footer, Header, Static

    with open(rows_file, encoding="utf-8") as handle:
        rows: list[list[str]] = json.load(handle)
    chunk = int(os.environ.get("BENCH_CHUNK", "0")) or None
    """Rows added per refresh (the app's way with long lists); unset: all at mount."""

    class Bare(App[None]):
        CSS = """
        #empty { padding: 2 4; height: auto; }
        #households { height: 1fr; }
        #problems { height: auto; max-height: 6; padding: 0 1; }
        """
        BINDINGS: ClassVar[list[BindingType]] = [
            Binding("question_mark", "help", "Help"),
            Binding("ctrl+z", "undo", "Undo"),
            Binding("q", "quit", "Quit", show=False),
            Binding("enter", "open", "Open", show=False),
            Binding("n", "new", "New household"),
            Binding("r", "rename", "Rename"),
            Binding("d", "delete", "Delete"),
            Binding("x", "pdf", "PDF"),
            Binding("e", "examples", "Examples", show=False),
        ]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("", id="empty", markup=False)
            yield DataTable(id="households", cursor_type="row", zebra_stripes=True)
            yield Static("", id="problems", markup=False)
            yield Footer()

        def on_mount(self) -> None:
            self.title = "Households"
            table: DataTable[Text] = self.query_one(DataTable)
            for key, label, width in (
                ("name", "Household / member", 26),
                ("progress", "Progress", 12),
                ("deadline", "Deadline", 10),
                ("warnings", "Warn", 4),
                ("route", "Route", 10),
                ("procedure", "Procedure", 20),
                ("card", "Card", None),
            ):
                table.add_column(label, key=key, width=width)
            self.add_rows(enumerate(rows))
            self.query_one("#empty", Static).display = False
            self.query_one("#problems", Static).display = False

        def add_rows(self, numbered: Iterator[tuple[int, list[str]]]) -> None:
            table: DataTable[Text] = self.query_one(DataTable)
            added = 0
            for number, cells in itertools.islice(numbered, chunk):
                table.add_row(*(Text(cell) for cell in cells), key=str(number))
                added += 1
            if chunk is not None and added == chunk:
                self.call_after_refresh(self.add_rows, numbered)

    Bare().run()
    return 0


def app(data_dir: str) -> int:
    from carte_prep.cli import main

    return main(["--data-dir", data_dir])


if __name__ == "__main__":
    mode, argument = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3:
        exec(sys.argv[3])
    raise SystemExit(app(argument) if mode == "app" else bare(argument))
