"""What a newcomer met (the December 2026 review): each finding, replayed with the keys."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import (
    Checkbox,
    DataTable,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TabbedContent,
)
from textual.widgets._footer import FooterKey
from tui_helpers import (
    drive,
    examples_in,
    loaded,
    member_tracking,
    notified,
    open_household,
    saved,
    select_item,
    show_step,
    until,
)

from carte_prep.core.storage import Store
from carte_prep.tui.app import CartePrepApp, make_app
from carte_prep.tui.screens.checklist import ChecklistScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog, PromptDialog
from carte_prep.tui.screens.households import HouseholdsScreen
from carte_prep.tui.screens.pdf_dialog import PdfDialog
from carte_prep.tui.screens.photos import PhotosScreen
from carte_prep.tui.screens.profile import ProfileScreen
from support import TODAY

ANEF, LINH = "nguyen-student", "linh"
CODE = "ZK4M9T2RQX7PB8WN3FHD"


def _ephoto(folder: Path) -> object:
    member = next(m for m in saved(folder, ANEF)["members"] if m["id"] == LINH)
    return member["application"]["ephoto"]


async def _photos(app: CartePrepApp, pilot: Pilot[None]) -> Input:
    await open_household(app, pilot, ANEF, LINH)
    await pilot.press("p")
    await until(pilot, lambda: isinstance(app.screen, PhotosScreen))
    code = app.screen.query_one("#code", Input)
    code.focus()
    await pilot.pause()
    return code


def test_a_stray_key_in_the_ephoto_code_is_not_saved_without_asking(tmp_path: Path) -> None:
    """Review 2: Home, Q, Escape used to save QZK4... at once; now it asks, and keeps."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        code = await _photos(app, pilot)
        await pilot.press("home", "Q")
        assert code.value == "Q" + CODE
        assert _ephoto(folder)["code"] == CODE  # type: ignore[index]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))

    drive(folder, scenario)
    assert _ephoto(folder) == {"code": CODE, "purchased_on": "2026-11-20"}


def test_the_ephoto_code_is_saved_on_enter_in_any_spelling_and_undo_takes_it_back(
    tmp_path: Path,
) -> None:
    """Review 2: lower case, spaces and dashes are accepted; replacing asks; ctrl+z undoes."""
    folder = examples_in(tmp_path / "data")
    codes: list[object] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        code = await _photos(app, pilot)
        code.value = "ab12-cd34 ef56-gh78 ij90"
        await pilot.pause()
        codes.append(_ephoto(folder))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(pilot, lambda: _ephoto(folder)["code"] != CODE)  # type: ignore[index]
        codes.append(_ephoto(folder))
        await until(pilot, lambda: isinstance(app.screen, PhotosScreen))
        await pilot.press("ctrl+z")
        await until(pilot, lambda: _ephoto(folder)["code"] == CODE)  # type: ignore[index]
        await until(pilot, lambda: code.value == CODE)

    drive(folder, scenario)
    assert codes == [
        {"code": CODE, "purchased_on": "2026-11-20"},
        {"code": "AB12CD34EF56GH78IJ90", "purchased_on": "2026-11-20"},
    ]


def _banner_shown(app: CartePrepApp) -> bool:
    return bool(app.screen.query("#examples-banner.-shown"))


def test_the_examples_say_so_and_b_goes_back_to_my_own_households(tmp_path: Path) -> None:
    """Review 1: from an empty start, e opens the examples; a banner says so; b comes back."""
    folder = tmp_path / "mine"
    seen: list[tuple[bool, int]] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        table = app.screen.query_one("#households", DataTable)
        seen.append((_banner_shown(app), table.row_count))
        await pilot.press("e")
        await until(pilot, lambda: loaded(app) and table.row_count > 0)
        seen.append((_banner_shown(app), table.row_count))
        await open_household(app, pilot, ANEF, LINH)
        assert _banner_shown(app)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, HouseholdsScreen) and loaded(app))
        await until(pilot, lambda: table.row_count == 0)
        seen.append((_banner_shown(app), table.row_count))

    drive(folder, scenario)
    assert seen[0] == (False, 0)
    assert seen[1][0]
    assert seen[1][1] > 0
    assert seen[2] == (False, 0)


def test_a_household_made_in_the_examples_goes_to_my_data_folder(tmp_path: Path) -> None:
    """Review 1: n in the examples used to make a household that vanished on quit."""
    folder = tmp_path / "mine"

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await until(pilot, lambda: loaded(app) and app.in_examples)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        await pilot.press(*"My real household", "enter")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        assert not app.in_examples
        assert not _banner_shown(app)

    drive(folder, scenario)
    assert saved(folder, "my-real-household")["name"] == "My real household"


def test_demo_mode_offers_the_way_back_in_the_palette(tmp_path: Path) -> None:
    """Review 1: with --demo, "Back to my households" is a palette command with its key."""
    examples = examples_in(tmp_path / "examples")
    mine = tmp_path / "mine"
    app = make_app(Store(examples), today=lambda: TODAY, own=Store(mine))
    titles: list[str] = []

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: loaded(app))
            titles.extend(c.title for c in app.get_system_commands(app.screen))
            assert _banner_shown(app)
            await pilot.press("b")
            await until(pilot, lambda: loaded(app) and not app.in_examples)
            titles.extend(c.title for c in app.get_system_commands(app.screen))

    asyncio.run(main())
    assert "Back to my households (b)" in titles
    assert titles.count("Back to my households (b)") == 1
    assert any(t.startswith("Open the examples") for t in titles)


def test_the_photos_screen_opens_with_the_cursor_in_the_ephoto_code(tmp_path: Path) -> None:
    """Review 13: the e-photo code is the field to type; it has the focus on open."""
    folder = examples_in(tmp_path / "data")
    focused: list[str | None] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, ANEF, LINH)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PhotosScreen))
        await pilot.pause()
        focused.append(app.screen.focused.id if app.screen.focused else None)

    drive(folder, scenario)
    assert focused == ["code"]


def test_the_pdf_options_are_palette_commands_that_reach_the_dialog(tmp_path: Path) -> None:
    """Review 20: "PDF with identifiers shown" is in the palette; the dialog names the member."""
    folder = examples_in(tmp_path / "data")
    asked: list[tuple[str, str]] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        command = next(
            c
            for c in app.get_system_commands(app.screen)
            if c.title == "PDF of David James with identifiers shown"
        )
        command.callback()
        await until(pilot, lambda: isinstance(app.screen, PdfDialog))
        question = str(app.screen.query_one(".dialog-text", Label).render())
        asked.append((question, app.screen.query_one("#answer", Input).value))
        assert app.screen.query_one("#pdf-show_ids", Checkbox).value
        assert not app.screen.query_one("#pdf-with_attachments", Checkbox).value
        await pilot.press("escape")

    drive(folder, scenario)
    question, path = asked[0]
    assert question == "Write the PDF dossier of David James Thompson to:"
    assert path.endswith("carte-prep-thompson-family-david.pdf")


def test_help_is_the_first_key_of_every_footer(tmp_path: Path) -> None:
    """Review 23: at 80 columns the end of the footer is cut; ? Help comes first."""
    folder = examples_in(tmp_path / "data")
    firsts: list[str] = []

    def first_key(app: CartePrepApp) -> str:
        return app.screen.query(FooterKey).first().action

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: bool(app.screen.query(FooterKey)))
        firsts.append(first_key(app))
        await open_household(app, pilot, ANEF, LINH)
        await until(pilot, lambda: bool(app.screen.query(FooterKey)))
        firsts.append(first_key(app))
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PhotosScreen))
        await until(pilot, lambda: bool(app.screen.query(FooterKey)))
        firsts.append(first_key(app))

    drive(folder, scenario)
    assert firsts == ["help", "help", "show_help"]  # in the code field, ? is typed: f1 helps


def _type_fast(app: CartePrepApp, *keys: str) -> None:
    """Queue keystrokes all at once, as a very fast typist or a paste does (no waiting)."""
    for key in keys:
        char = key if len(key) == 1 else None
        app.post_message(events.Key(key, char))


def _focused_id(app: CartePrepApp) -> str | None:
    return app.screen.focused.id if app.screen.focused else None


async def _new_member(app: CartePrepApp, pilot: Pilot[None]) -> ProfileScreen:
    await open_household(app, pilot, "thompson-family", "david")
    await pilot.press("a")
    await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
    screen = app.screen
    assert isinstance(screen, ProfileScreen)
    await until(pilot, lambda: _focused_id(app) == "f-given-names")
    return screen


def _shown_problems(screen: ProfileScreen) -> list[str]:
    return [str(s.render()) for s in screen.query(".field-error") if s.display]


def test_the_new_member_form_opens_in_the_first_field_quiet_and_without_an_id(
    tmp_path: Path,
) -> None:
    """Review 13 and 18: typing at once reaches the given names; no red before a touch; no
    "Short id" to invent: the id is made from the names."""
    folder = examples_in(tmp_path / "data")
    seen: dict[str, object] = {}

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        screen = await _new_member(app, pilot)
        seen["opened"] = _shown_problems(screen)
        seen["id field"] = bool(screen.query("#f-id"))
        given = screen.query_one("#f-given-names", Input)
        await pilot.press(*"john", *["backspace"] * 4)
        seen["emptied"] = _shown_problems(screen)
        await pilot.press(*"John", "tab", *"Smith", "tab", *"02/05/1980", "enter")
        await show_step(app, pilot, 1)
        screen.query_one("#f-application-card-type", Select).value = "wa-5y"
        await until(pilot, lambda: len(saved(folder, "thompson-family")["members"]) == 4)
        seen["given"] = given.value

    drive(folder, scenario)
    assert seen["opened"] == []
    assert seen["id field"] is False
    assert seen["emptied"] == ["This field is empty; type it exactly as printed on the passport"]
    assert seen["given"] == "John"
    assert [m["id"] for m in saved(folder, "thompson-family")["members"]][-1] == "john"


def test_fast_typing_across_fields_never_lands_in_the_field_just_left(tmp_path: Path) -> None:
    """Review 15: ``bob Tab Bob Tab ...`` sent at once used to fill one field."""
    folder = examples_in(tmp_path / "data")
    values: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        screen = await _new_member(app, pilot)
        _type_fast(app, *"Bob", "tab", *"Jones", "tab", *"01/01/1980", "tab", *"Leeds, UK")
        await until(pilot, lambda: screen.query_one("#f-birth-place", Input).value == "Leeds, UK")
        values.extend(
            screen.query_one(f"#{name}", Input).value
            for name in ("f-given-names", "f-surname", "f-birth-date", "f-birth-place")
        )

    drive(folder, scenario)
    assert values == ["Bob", "Jones", "01/01/1980", "Leeds, UK"]


def test_keys_typed_right_after_pagedown_go_to_the_new_steps_first_field(
    tmp_path: Path,
) -> None:
    """Review 13: after each step change the cursor is in the step's first field."""
    folder = examples_in(tmp_path / "data")
    typed: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await until(pilot, lambda: _focused_id(app) == "f-given-names")
        numero = "#f-application-current-card-numero-etranger"
        _type_fast(app, "pagedown", "pagedown", "pagedown", "end", *"12")
        await until(pilot, lambda: bool(app.screen.query(numero)))
        field = app.screen.query_one(numero, Input)
        await until(pilot, lambda: field.value.endswith("12"))
        typed.append(field.value)
        typed.append(app.screen.query_one("#f-given-names", Input).value)

    drive(folder, scenario)
    assert typed[0] == "2404118735" + "12"  # kept, with the keys at its end
    assert typed[1] == "Margaret Anne"


def test_page_keys_change_step_after_a_departement_is_picked(tmp_path: Path) -> None:
    """Review 14: pgdn did nothing on step 5 once a département was chosen."""
    folder = examples_in(tmp_path / "data")
    steps: list[str | None] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.press(*["pagedown"] * 4)
        tabs = app.screen.query_one("#steps", TabbedContent)
        await until(pilot, lambda: tabs.active == "step-4")
        await until(pilot, lambda: _focused_id(app) == "dep-search")
        await pilot.press("2", "4", "enter")
        await pilot.press("pagedown")
        await until(pilot, lambda: tabs.active == "step-5")
        steps.append(tabs.active)
        await pilot.press("pageup")
        await until(pilot, lambda: tabs.active == "step-4")
        steps.append(tabs.active)

    drive(folder, scenario)
    assert steps == ["step-5", "step-4"]


def test_undo_in_the_form_undoes_the_form_not_a_status_changed_elsewhere(
    tmp_path: Path,
) -> None:
    """Review 16: ctrl+z in the editor used to take back a checklist status."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await pilot.press("space")  # a status change on the checklist
        await pilot.pause()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await until(pilot, lambda: _focused_id(app) == "f-given-names")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: notified(app, "Nothing to undo in this form"))
        place = app.screen.query_one("#f-birth-place", Input)
        place.focus()
        place.value = "Sheffield"
        await pilot.press("enter")
        await until(pilot, lambda: _member(folder)["birth_place"] == "Sheffield")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: _member(folder)["birth_place"] != "Sheffield")
        await until(pilot, lambda: place.value != "Sheffield")

    before = _member(examples_in(tmp_path / "before"))
    drive(folder, scenario)
    after = _member(folder)
    assert after["birth_place"] == before["birth_place"]
    assert after["tracking"] != before["tracking"]  # the status change stays


def _member(folder: Path) -> dict[str, Any]:
    member: dict[str, Any] = next(
        m for m in saved(folder, "thompson-family")["members"] if m["id"] == "david"
    )
    return member


def test_escape_goes_back_one_step_from_the_detail_pane(tmp_path: Path) -> None:
    """Review 16: from a field of the detail pane, one Escape goes back to the list (and
    the footer says so while the field has focus); a second one leaves the screen. The
    note typed is saved."""
    folder = examples_in(tmp_path / "data")
    footers: list[list[str]] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await select_item(app, pilot, "paper-photos")
        await pilot.press("n")
        await pilot.press(*"booth")
        await pilot.pause()
        footers.append(_footer_keys(app))
        await pilot.press("escape")
        await until(pilot, lambda: app.focused is app.screen.query_one("#items"))
        assert isinstance(app.screen, ChecklistScreen)
        footers.append(_footer_keys(app))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HouseholdsScreen))

    drive(folder, scenario)
    assert "esc Back to list" in footers[0]
    assert "esc Back to list" not in footers[1]
    assert member_tracking(folder, "thompson-family", "margaret")["paper-photos"]["notes"] == (
        "booth"
    )


def _footer_keys(app: CartePrepApp) -> list[str]:
    return [f"{key.key_display} {key.description}" for key in app.screen.query(FooterKey)]


def _rows(app: CartePrepApp) -> list[str]:
    table = app.screen.query_one("#households", DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


def test_type_to_filter_the_households_and_see_what_is_due_this_week(tmp_path: Path) -> None:
    """For a volunteer with many households: / filters by name, member, card or prefecture;
    w keeps the members whose next date is this week or overdue; escape shows all again."""
    folder = examples_in(tmp_path / "data")
    seen: dict[str, list[str]] = {}

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        seen["all"] = _rows(app)
        await pilot.press("slash", *"perigueux")
        await until(pilot, lambda: len(_rows(app)) < len(seen["all"]))
        seen["perigueux"] = _rows(app)
        await pilot.press("escape")
        await until(pilot, lambda: _rows(app) == seen["all"])
        await pilot.press("w")
        await until(pilot, lambda: _rows(app) != seen["all"])
        seen["due"] = _rows(app)
        seen["title"] = [str(app.screen.title)]

    drive(folder, scenario)
    assert seen["perigueux"] == [
        "h:thompson-family",
        "m:thompson-family:david",
        "m:thompson-family:margaret",
        "m:thompson-family:emily",
    ]
    # today is 27/11/2026: dates up to 04/12/2026, soonest first; members with none left out
    assert "m:benali-household:claire" not in seen["due"]
    assert "h:thompson-family" not in seen["due"]
    assert seen["due"][0].startswith("h:")
    assert seen["title"] == ["Households · due this week or overdue"]


def test_the_households_columns_fit_80_columns_with_no_scrollbar(tmp_path: Path) -> None:
    """Review 24: names were cut at 26 and the card was off-screen behind a scrollbar."""
    folder = examples_in(tmp_path / "data")
    widths: list[int] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        table = app.screen.query_one("#households", DataTable)
        await pilot.pause()
        widths.append(table.virtual_size.width)
        widths.append(table.scrollable_content_region.width)
        widths.append(int(table.show_horizontal_scrollbar))

    drive(folder, scenario)
    assert widths[0] <= widths[1]
    assert widths[2] == 0


def test_page_keys_leave_the_departement_step_in_both_directions(tmp_path: Path) -> None:
    """Review 14 again: back on step 5 (its search box focused), the page keys were stuck.

    Focusing the box re-activated its step late, and pulled the form back to it.
    """
    folder = examples_in(tmp_path / "data")
    steps: list[str | None] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        tabs = app.screen.query_one("#steps", TabbedContent)
        for key in ["pagedown"] * 5 + ["pageup"] * 3 + ["pagedown"] * 2:
            await pilot.press(key)
            await pilot.pause(0.1)
            steps.append(tabs.active)

    drive(folder, scenario)
    assert steps[4:] == ["step-5", "step-4", "step-3", "step-2", "step-3", "step-4"]


def test_the_departement_is_found_by_its_prefecture_town(tmp_path: Path) -> None:
    """People know their town better than their département's number or name."""
    folder = examples_in(tmp_path / "data")
    found: list[list[str | None]] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.press(*["pagedown"] * 4)
        await until(pilot, lambda: _focused_id(app) == "dep-search")
        await pilot.press(*"lyon")
        matches = app.screen.query_one("#dep-matches", OptionList)
        await until(pilot, lambda: matches.option_count == 1)
        found.append([matches.get_option_at_index(0).id])

    drive(folder, scenario)
    assert found == [["69"]]


def test_escape_with_a_code_that_is_not_valid_yet_asks_before_leaving(tmp_path: Path) -> None:
    """Help promises Escape asks first when something typed is not valid; it only toasted."""
    folder = examples_in(tmp_path / "data")
    questions: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        code = await _photos(app, pilot)
        code.value = "ZK4M"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        questions.append(str(app.screen.query_one(".dialog-text", Static).render()))
        await pilot.press("escape")  # "Go back to fix it"
        await until(pilot, lambda: isinstance(app.screen, PhotosScreen))
        await until(pilot, lambda: app.focused is code)

    drive(folder, scenario)
    assert "cannot be saved yet" in questions[0]
    assert _ephoto(folder)["code"] == "ZK4M9T2RQX7PB8WN3FHD"  # type: ignore[index]


def test_a_refused_attachment_is_explained_where_it_can_be_read(tmp_path: Path) -> None:
    """Review 17 again: at 80x24 the refusal fell below the pane's edge, unseen."""
    folder = examples_in(tmp_path / "data")
    fake = tmp_path / "fake.png"
    fake.write_text("not an image")
    seen: list[bool] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await select_item(app, pilot, "proof-of-address")
        await pilot.press("f")
        await until(pilot, lambda: _focused_id(app) == "d-attach")
        attach = app.screen.query_one("#d-attach", Input)
        attach.value = str(fake)
        await pilot.press("enter")
        message = app.screen.query_one("#d-attach-msg", Static)
        await until(pilot, lambda: "not a JPEG, PNG or PDF" in str(message.render()))
        await pilot.pause(0.2)
        geometry = app.screen.find_widget(message)
        seen.append(geometry.visible_region == geometry.region)

    drive(folder, scenario)
    assert seen == [True]
