"""Every kind of change, made once from the command line and once in the app: same file.

The command line runs a group of changes one by one on one copy of the examples and keeps
the household file after each; the app (through Pilot) makes the same changes, the way a
person would, on another copy, and after each one its file must be byte for byte the
same. Each change also says which edit each side must have asked for, and together the
changes use every edit type core knows except the few that only fit one side (a key that
flips a value, a list typed at once). Then every change is undone and redone on both
sides. The groups (items, the household, after filing) run side by side.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Awaitable, Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select
from tui_helpers import (
    drive,
    examples_in,
    messages,
    notified,
    open_household,
    screen_text,
    select_item,
    show_step,
    until,
)

from carte_prep.cli import main
from carte_prep.core import edits as e
from carte_prep.core.session import Session
from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.messages import EditRequested
from carte_prep.tui.screens.address import AddressDialog
from carte_prep.tui.screens.after_filing import AfterFilingScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog, PromptDialog
from carte_prep.tui.screens.household_documents import HouseholdDocumentsScreen
from carte_prep.tui.screens.households import HouseholdsScreen
from carte_prep.tui.screens.photos import PhotosScreen
from carte_prep.tui.screens.profile import ProfileScreen
from edit_samples import edit_types

H, ANEF = "thompson-family", "nguyen-student"
GESTURES = {e.ToggleGathered, e.CycleStatus, e.ToggleTranslated, e.ToggleShare}
"""Keys that flip a value in the app; the command line says the value itself instead."""
CLI_ONLY = {e.Share}
"""'share H ITEM MEMBER...' names everyone at once; the app adds or removes one member."""

Steps = Callable[[CartePrepApp, Pilot[None]], Awaitable[None]]


@dataclass(frozen=True)
class Change:
    """One change: the command that makes it, and the same made in the app."""

    household_id: str
    cli: tuple[str, ...]
    app: Steps
    edit: type
    """The edit the command line gives the session."""
    gesture: type | None = None
    """The edit the app asks for, where a key flips the value (None: the same edit)."""

    @property
    def app_edit(self) -> type:
        return self.gesture or self.edit


async def home(app: CartePrepApp, pilot: Pilot[None]) -> None:
    while not isinstance(app.screen, HouseholdsScreen):
        await pilot.press("escape")
        await pilot.pause()


def on_item(member: str, item: str, *keys: str) -> Steps:
    async def steps(app: CartePrepApp, pilot: Pilot[None]) -> None:
        household = "haddad-household" if member == "samir" else H
        await open_household(app, pilot, household, member)
        await select_item(app, pilot, item)
        await pilot.press(*keys)

    return steps


async def type_in(app: CartePrepApp, pilot: Pilot[None], widget_id: str, text: str) -> None:
    field = app.screen.query_one(f"#{widget_id}", Input)
    field.focus()
    field.value = text
    await pilot.pause()


def detail(widget_id: str, text: str, *, enter: bool = False) -> Steps:
    async def steps(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, H, "david")
        await select_item(app, pilot, "passport")
        await type_in(app, pilot, widget_id, text)
        if enter:
            await pilot.press("enter")

    return steps


async def note(app: CartePrepApp, pilot: Pilot[None]) -> None:
    await open_household(app, pilot, H, "david")
    await select_item(app, pilot, "passport")
    app.screen.query_one("#d-notes").focus()
    await pilot.press(*"blue folder")
    await pilot.press("escape")  # leaving the field saves the note


async def variant(app: CartePrepApp, pilot: Pilot[None]) -> None:
    await open_household(app, pilot, H, "emily")
    await select_item(app, pilot, "host-proof-of-address")
    app.screen.query_one("#d-variant", Select).value = "deed-or-tax-notice"


async def detach(app: CartePrepApp, pilot: Pilot[None]) -> None:
    await open_household(app, pilot, H, "david")
    await select_item(app, pilot, "passport")
    files = app.screen.query_one("#d-files", OptionList)
    files.focus()
    files.highlighted = 0
    await pilot.press("delete")


async def unshare(app: CartePrepApp, pilot: Pilot[None]) -> None:
    await open_household(app, pilot, H, "david")
    await pilot.press("h")
    await until(pilot, lambda: isinstance(app.screen, HouseholdDocumentsScreen))
    table = app.screen.query_one("#shared", DataTable)
    table.move_cursor(row=table.get_row_index("proof-of-address"), column=3)  # Margaret
    await pilot.press("space")


async def rename(app: CartePrepApp, pilot: Pilot[None]) -> None:
    table = app.screen.query_one("#households", DataTable)
    table.move_cursor(row=table.get_row_index(f"h:{H}"))
    await pilot.press("r")
    await until(pilot, lambda: isinstance(app.screen, PromptDialog))
    app.screen.query_one(Input).value = "The Thompsons"
    await pilot.press("enter")


async def add_member(app: CartePrepApp, pilot: Pilot[None]) -> None:
    await open_household(app, pilot, H, "david")
    await pilot.press("a")
    await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
    await show_step(app, pilot, 0)
    app.screen.query_one("#f-given-names", Input).value = "Tom"
    await type_in(app, pilot, "f-birth-date", "01/02/2010")
    await pilot.press("enter")
    await show_step(app, pilot, 1)
    app.screen.query_one("#f-application-card-type", Select).value = "wa-10y"
    await until(pilot, lambda: "Please check: Tom is 16" in screen_text(app))
    await pilot.press("escape")  # leaving asks about the unusual answer (--yes on the CLI)
    await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
    await pilot.press("y")


async def edit_member(app: CartePrepApp, pilot: Pilot[None]) -> None:
    await open_household(app, pilot, H, "david")
    await pilot.press("e")
    await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
    await show_step(app, pilot, 0)
    await type_in(app, pilot, "f-birth-place", "Sheffield, United Kingdom")
    await pilot.press("enter")


def address(member: str | None, street: str, postcode: str, town: str) -> Steps:
    async def steps(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, H, member or "david")
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, AddressDialog))
        if member is not None:
            await pilot.click("#address-own")
        for widget_id, text in (
            ("address-street", street),
            ("address-postcode", postcode),
            ("address-town", town),
        ):
            await type_in(app, pilot, widget_id, text)
        await pilot.press("enter")

    return steps


async def remove_member(app: CartePrepApp, pilot: Pilot[None]) -> None:
    await open_household(app, pilot, H, "margaret")
    await pilot.press("D")
    await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
    await pilot.press("y")


async def ephoto(app: CartePrepApp, pilot: Pilot[None]) -> None:
    await open_household(app, pilot, ANEF, "linh")
    await pilot.press("p")
    await until(pilot, lambda: isinstance(app.screen, PhotosScreen))
    app.screen.query_one("#purchased", Input).value = "25/11/2026"
    app.screen.query_one("#code", Input).value = "AB12CD34EF56GH78IJ90KL"
    app.screen.query_one("#code", Input).focus()
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
    await pilot.press("y")


def log(*fields: tuple[str, str], enter: bool = False) -> Steps:
    async def steps(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, ANEF, "linh")
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, AfterFilingScreen))
        for widget_id, text in fields:
            await type_in(app, pilot, widget_id, text)
        if enter:
            await pilot.press("enter")

    return steps


def log_list(table_id: str, key: str, answer: str | None = None) -> Steps:
    async def steps(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await log()(app, pilot)
        app.screen.query_one(f"#{table_id}", DataTable).focus()
        await pilot.press(key)
        if answer is None:
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
        else:
            await until(pilot, lambda: isinstance(app.screen, PromptDialog))
            app.screen.query_one(Input).value = answer
            await pilot.press("enter")

    return steps


def item_changes(scan: Path) -> list[Change]:
    mark = ("mark", H, "david", "passport")
    return [
        Change(
            H,
            (*mark, "--status", "handed-in"),
            on_item("david", "passport", "s"),
            e.SetItem,
            e.CycleStatus,
        ),
        Change(
            H,
            (*mark, "--status", "todo"),
            on_item("david", "passport", "space"),
            e.SetItem,
            e.ToggleGathered,
        ),
        Change(H, (*mark, "--date", "2026-10-01"), detail("d-date", "01/10/2026"), e.SetItem),
        Change(H, (*mark, "--note", "blue folder"), note, e.SetItem),
        Change(
            H,
            ("mark", H, "emily", "host-proof-of-address", "--variant", "deed-or-tax-notice"),
            variant,
            e.SetItem,
        ),
        Change(
            "haddad-household",
            ("mark", "haddad-household", "samir", "birth-certificate", "--translated"),
            on_item("samir", "birth-certificate", "t"),
            e.SetItem,
            e.ToggleTranslated,
        ),
        Change(
            H,
            (*mark, "--attach", str(scan)),
            detail("d-attach", str(scan), enter=True),
            e.AddAttachments,
        ),
        Change(H, (*mark, "--detach", str(scan)), detach, e.RemoveAttachment),
    ]


def household_changes(scan: Path) -> list[Change]:
    del scan
    tom = (
        "add-member", H, "tom", "--given-names", "Tom", "--birth-date", "2010-02-01",
        "--nationality", "GB", "--relationship", "child", "--card", "wa-10y",
        "--holds", "nothing", "--departement", "24", "--yes",
    )  # fmt: skip
    return [
        Change(H, ("share", H, "proof-of-address", "david"), unshare, e.Share, e.ToggleShare),
        Change(H, ("rename", H, "--name", "The Thompsons"), rename, e.RenameHousehold),
        Change(H, tom, add_member, e.AddMember),
        Change(
            H,
            ("edit-member", H, "david", "--birth-place", "Sheffield, United Kingdom"),
            edit_member,
            e.UpdateMember,
        ),
        Change(
            H,
            (
                "address",
                H,
                "--street",
                "12 rue des Lilas",
                "--postcode",
                "24000",
                "--town",
                "Périgueux",
            ),
            address(None, "12 rue des Lilas", "24000", "Périgueux"),
            e.SetAddress,
        ),
        Change(
            H,
            (
                "address",
                H,
                "emily",
                "--street",
                "3 quai Voltaire",
                "--postcode",
                "69002",
                "--town",
                "Lyon",
            ),
            address("emily", "3 quai Voltaire", "69 002", "Lyon"),
            e.SetAddress,
        ),
        Change(H, ("remove-member", H, "margaret", "--yes"), remove_member, e.RemoveMember),
    ]


def after_filing_changes(scan: Path) -> list[Change]:
    del scan
    linh = ("log", ANEF, "linh")
    request = (
        *linh, "request", "--received", "2026-11-25", "--deadline", "2026-12-10",
        "--what", "Bank statements",
    )  # fmt: skip
    return [
        Change(
            ANEF,
            ("ephoto", ANEF, "linh", "AB12CD34EF56GH78IJ90KL", "--bought", "2026-11-25"),
            ephoto,
            e.SetEPhoto,
        ),
        Change(ANEF, (*linh, "filed", "2026-11-20"), log(("filed-on", "20/11/2026")), e.SetFiledOn),
        Change(
            ANEF,
            (*linh, "receipt", "recepisse", "--until", "2027-02-19"),
            log(("receipt-until", "19/02/2027"), enter=True),
            e.AddReceipt,
        ),
        Change(
            ANEF, (*linh, "remove-receipt", "1"), log_list("receipts", "delete"), e.RemoveReceipt
        ),
        Change(
            ANEF,
            request,
            log(
                ("request-received", "25/11/2026"),
                ("request-deadline", "10/12/2026"),
                ("request-what", "Bank statements"),
                enter=True,
            ),
            e.AddRequest,
        ),
        Change(
            ANEF,
            (*linh, "sent", "1", "--date", "2026-12-01"),
            log_list("requests", "enter", "01/12/2026"),
            e.MarkRequestSent,
        ),
        Change(
            ANEF, (*linh, "remove-request", "1"), log_list("requests", "delete"), e.RemoveRequest
        ),
        Change(
            ANEF,
            (*linh, "card-ready", "2026-12-20"),
            log(("card-ready", "20/12/2026")),
            e.SetCardReady,
        ),
        Change(
            ANEF,
            (*linh, "timbre", "1234567890123456", "225"),
            log(("timbre-number", "1234 5678 9012 3456"), ("timbre-amount", "225")),
            e.SetTimbre,
        ),
        Change(
            ANEF,
            (*linh, "collection", "2027-01-08", "--time", "09:15"),
            log(("collection-date", "08/01/2027"), ("collection-time", "9h15")),
            e.SetCollection,
        ),
    ]


GROUPS: dict[str, Callable[[Path], list[Change]]] = {
    "items": item_changes,
    "household": household_changes,
    "after-filing": after_filing_changes,
}
"""Changes made in order on one copy of the examples; the groups run side by side."""


def cli(folder: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--data-dir", str(folder), "--today", "2026-11-27", *args])
    return code, err.getvalue()


def _differences(change: Change, expected: bytes, folder: Path) -> str:
    """Where the app's file differs from the command line's, to read in a failure."""
    wanted = expected.decode("utf-8").splitlines()
    got = file_of(folder, change.household_id).decode("utf-8").splitlines()
    diff = "\n".join(difflib.unified_diff(wanted, got, "command line", "app", lineterm=""))
    return f"after {' '.join(change.cli)}:\n{diff}"


def file_of(folder: Path, household_id: str) -> bytes:
    return (folder / f"{household_id}.json").read_bytes()


def _same(folder: Path, household_id: str, wanted: bytes) -> bool:
    return file_of(folder, household_id) == wanted


def test_the_changes_use_every_edit_type() -> None:
    changes = [c for group in GROUPS.values() for c in group(Path("scan.pdf"))]
    assert {c.edit for c in changes} == edit_types() - GESTURES
    assert {c.app_edit for c in changes} == edit_types() - CLI_ONLY


@pytest.mark.slow
@pytest.mark.parametrize("group", GROUPS)
def test_every_change_gives_the_same_file_from_the_cli_and_the_app(
    group: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = tmp_path / "passport.pdf"
    scan.write_bytes(b"%PDF-1.4 a scan")
    steps = GROUPS[group](scan)
    households = sorted({c.household_id for c in steps})

    by_cli = examples_in(tmp_path / "cli")
    original = {h: file_of(by_cli, h) for h in households}
    cli_edits: list[e.Edit] = []
    real_apply = Session.apply

    def recording(self: Session, household_id: str, *edits: Any, **options: Any) -> Any:
        cli_edits.extend(edits)
        return real_apply(self, household_id, *edits, **options)

    monkeypatch.setattr(Session, "apply", recording)
    expected = []
    for change in steps:
        cli_edits.clear()
        code, err = cli(by_cli, *change.cli)
        assert code == 0, (change.cli, err)
        assert [type(edit) for edit in cli_edits] == [change.edit]
        expected.append(file_of(by_cli, change.household_id))
    monkeypatch.undo()
    final = {h: file_of(by_cli, h) for h in households}

    in_app = examples_in(tmp_path / "app")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        for change, wanted in zip(steps, expected, strict=True):
            asked = len(messages(app, EditRequested))
            await change.app(app, pilot)
            try:
                await until(pilot, partial(_same, in_app, change.household_id, wanted))
            except AssertionError:
                raise AssertionError(_differences(change, wanted, in_app)) from None
            await home(app, pilot)
            made = {type(m.edit) for m in messages(app, EditRequested)[asked:]}
            assert made == {change.app_edit}, change.cli
        while not notified(app, "Nothing to undo"):
            await pilot.press("ctrl+z")
            await pilot.pause()
        assert {h: file_of(in_app, h) for h in households} == original
        while not notified(app, "Nothing to redo"):
            await pilot.press("ctrl+y")
            await pilot.pause()
        assert {h: file_of(in_app, h) for h in households} == final

    drive(in_app, scenario)
    for household_id in households:
        while cli(by_cli, "undo", household_id)[0] == 0:
            pass
        assert file_of(by_cli, household_id) == original[household_id]
        while cli(by_cli, "redo", household_id)[0] == 0:
            pass
        assert file_of(by_cli, household_id) == final[household_id]
