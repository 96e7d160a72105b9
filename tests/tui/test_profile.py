"""The profile editor, photos and household documents: edits validated and saved at once."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select
from tui_helpers import (
    drive,
    examples_in,
    member_tracking,
    notified,
    open_household,
    open_profile,
    saved,
    screen_text,
    show_step,
    until,
)

from carte_prep.tui.app import CartePrepApp
from carte_prep.tui.screens.checklist import ChecklistScreen
from carte_prep.tui.screens.dialogs import ConfirmDialog
from carte_prep.tui.screens.household_documents import HouseholdDocumentsScreen
from carte_prep.tui.screens.photos import PhotosScreen
from carte_prep.tui.screens.profile import ProfileScreen


def sharers(folder: Path) -> list[str]:
    """Who the saved proof of address serves."""
    members: list[str] = saved(folder, "thompson-family")["shared"][0]["members"]
    return members


def _member(folder: Path, household_id: str, member_id: str) -> dict[str, object]:
    return next(m for m in saved(folder, household_id)["members"] if m["id"] == member_id)


def test_changing_the_card_type_changes_the_checklist(tmp_path: Path) -> None:
    """A new card type is saved at once, and the checklist follows it."""
    folder = examples_in(tmp_path / "data")

    def items(app: CartePrepApp) -> set[str]:
        screen = app.screen
        assert isinstance(screen, ChecklistScreen)
        assert screen.checklist is not None
        return {i.requirement.id for i in screen.checklist.items}

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        assert "visitor-resources" not in items(app)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await show_step(app, pilot, 1)
        app.screen.query_one("#f-application-card-type", Select).value = "visiteur"
        await until(pilot, lambda: "visiteur" in str(_member(folder, "thompson-family", "david")))
        assert "filed at ANEF" in screen_text(app) or "ANEF" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        await until(pilot, lambda: "visitor-resources" in items(app))

    drive(folder, scenario)
    application = _member(folder, "thompson-family", "david")["application"]
    assert isinstance(application, dict)
    assert application["card_type"] == "visiteur"


def test_fields_validate_as_you_type_and_only_valid_values_are_saved(tmp_path: Path) -> None:
    """A bad numéro étranger gets the model's message and is not saved; a good one is."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await show_step(app, pilot, 3)
        numero = app.screen.query_one("#f-application-current-card-numero-etranger", Input)
        numero.value = "24-04 [x]"
        await until(pilot, lambda: "10 digits printed on the card" in screen_text(app))
        assert "Not saved yet" in screen_text(app)
        assert "printed above the signature" in screen_text(app)
        numero.value = "2404 118 799"
        await until(pilot, lambda: "Not saved yet" not in screen_text(app))
        await show_step(app, pilot, 2)
        moved = app.screen.query_one("#f-application-address-changed-on", Input)
        moved.focus()  # problems show under the fields the person has been in
        await pilot.pause()
        moved.value = "31/09/2026"
        await until(pilot, lambda: "there is no such day" in screen_text(app))
        moved.value = "01/10/2026"
        moved.focus()
        await pilot.press("enter")
        await until(
            pilot,
            lambda: "2026-10-01" in str(_member(folder, "thompson-family", "margaret")),
        )
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))

    drive(folder, scenario)
    application = _member(folder, "thompson-family", "margaret")["application"]
    assert isinstance(application, dict)
    assert application["current_card"]["numero_etranger"] == "2404118799"
    assert application["address_changed_on"] == "2026-10-01"


async def _new_member_named(
    app: CartePrepApp, pilot: Pilot[None], given_names: str, birth_date: str
) -> ProfileScreen:
    """A new member in the Thompsons' form with names and birth date typed, at step 2."""
    await open_household(app, pilot, "thompson-family", "david")
    await pilot.press("a")
    await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
    screen = app.screen
    assert isinstance(screen, ProfileScreen)
    screen.query_one("#f-given-names", Input).value = given_names
    birth = screen.query_one("#f-birth-date", Input)
    birth.value = birth_date
    birth.focus()
    await pilot.press("enter")
    await show_step(app, pilot, 1)
    return screen


def test_new_member_is_added_once_valid(tmp_path: Path) -> None:
    """a opens an empty profile; once names, birth date and the card are valid it is saved."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        screen = await _new_member_named(app, pilot, "Tom [Jr]", "01/02/2010")
        screen.query_one("#f-application-card-type", Select).value = "wa-5y"
        await until(pilot, lambda: len(saved(folder, "thompson-family")["members"]) == 4)
        assert "Please check: Tom [Jr] is 16: a child under 18" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")  # a 16-year-old may ask for a card: yes, that is right
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        checklist_screen = app.screen
        assert isinstance(checklist_screen, ChecklistScreen)
        assert checklist_screen.member_id == "tom"

    drive(folder, scenario)
    assert _member(folder, "thompson-family", "tom")["given_names"] == "Tom [Jr]"


def test_ephoto_code_is_checked_and_its_dates_shown(tmp_path: Path) -> None:
    """An ANEF member: a malformed code is refused; a good one shows active/expiry dates."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "haddad-household", "nadia")
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PhotosScreen))
        assert "e-photo code" in screen_text(app)
        app.screen.query_one("#code", Input).value = "ABC"
        await until(pilot, lambda: "22 letters and digits" in screen_text(app))
        app.screen.query_one("#purchased", Input).value = "20/11/2026"
        app.screen.query_one("#code", Input).value = "AB12CD34EF56GH78IJ90KL"
        app.screen.query_one("#code", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: "expires on 20/05/2027" in screen_text(app))
        assert "active after 23/11/2026" in screen_text(app)

    drive(folder, scenario)
    application = _member(folder, "haddad-household", "nadia")["application"]
    assert isinstance(application, dict)
    assert application["ephoto"] == {"code": "AB12CD34EF56GH78IJ90KL", "purchased_on": "2026-11-20"}


def test_household_document_sharing(tmp_path: Path) -> None:
    """Removing a member from a shared proof of address keeps their copy of its details."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "david")
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HouseholdDocumentsScreen))
        table = app.screen.query_one("#shared")
        assert "Proof of address" in str(table.get_row("proof-of-address")[0])  # type: ignore[attr-defined]
        table.move_cursor(row=0, column=3)  # type: ignore[attr-defined]
        await pilot.press("space")
        await until(
            pilot, lambda: saved(folder, "thompson-family")["shared"][0]["members"] == ["david"]
        )
        await pilot.press("space")
        await until(
            pilot,
            lambda: (
                saved(folder, "thompson-family")["shared"][0]["members"] == ["david", "margaret"]
            ),
        )

    drive(folder, scenario)
    own = member_tracking(folder, "thompson-family", "margaret")["proof-of-address"]
    assert own["document_date"] == "2026-08-12"


def test_remove_member_asks_first_and_frees_shared_documents(tmp_path: Path) -> None:
    """D asks; escape keeps the member; yes removes them on disk and from shared papers."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_household(app, pilot, "thompson-family", "margaret")
        await pilot.press("s")  # an undo step for a member who is about to leave
        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        assert len(saved(folder, "thompson-family")["members"]) == 3
        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "Remove Margaret Anne Thompson" in screen_text(app)
        await pilot.press("y")
        await until(pilot, lambda: len(saved(folder, "thompson-family")["members"]) == 2)
        screen = app.screen
        assert isinstance(screen, ChecklistScreen)
        await until(pilot, lambda: screen.member_id == "david")
        await pilot.press("ctrl+z")  # every change can be undone: Margaret comes back
        await until(pilot, lambda: len(saved(folder, "thompson-family")["members"]) == 3)
        assert sharers(folder) == ["david", "margaret"]
        await pilot.press("ctrl+y")
        await until(pilot, lambda: len(saved(folder, "thompson-family")["members"]) == 2)
        await until(pilot, lambda: notified(app, "Redone: member removed (Margaret Anne)"))

    drive(folder, scenario)
    household = saved(folder, "thompson-family")
    assert [m["id"] for m in household["members"]] == ["david", "emily"]
    assert sharers(folder) == ["david"]


def test_the_profile_asks_what_you_hold_and_shows_the_path_it_gives(tmp_path: Path) -> None:
    """The Haddad visitor holds a VLS-TS; saying he holds the card makes it a renewal."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_profile(app, pilot, "haddad-household", "samir", 1)
        assert app.screen.query_one("#f-application-request", Select).value == "card"
        held = app.screen.query_one("#f-application-current-card", Select)
        assert held.value == "vls-ts"
        await until(
            pilot,
            lambda: "Procedure: first card after a long-stay visa (VLS-TS)" in screen_text(app),
        )
        assert "You hold a VLS-TS for the visitor card" in screen_text(app)
        held.value = "card"
        await until(pilot, lambda: "Procedure: renewal of the same card" in screen_text(app))
        await until(
            pilot,
            lambda: '"kind": "card"' in json.dumps(_member(folder, "haddad-household", "samir")),
        )

    drive(folder, scenario)


def test_saying_you_hold_nothing_asks_before_removing_the_cards_dates(tmp_path: Path) -> None:
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_profile(app, pilot, "thompson-family", "david", 1)
        held = app.screen.query_one("#f-application-current-card", Select)
        await until(pilot, lambda: held.value == "card")
        held.clear()
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), tries=600)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))

    drive(folder, scenario)
    application = _member(folder, "thompson-family", "david")["application"]
    assert isinstance(application, dict)
    assert application["current_card"]["valid_until"] == "2027-01-20", "kept"


def test_a_path_the_card_does_not_allow_is_explained_and_not_saved(tmp_path: Path) -> None:
    """A VLS-TS visitor cannot ask for the EU long-term resident card: said, not saved."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_profile(app, pilot, "haddad-household", "samir", 1)
        app.screen.query_one("#f-application-card-type", Select).value = "rld-ue"
        await until(pilot, lambda: "No long-stay visa leads straight" in screen_text(app))
        assert "Not saved yet" in screen_text(app)

    drive(folder, scenario)
    application = _member(folder, "haddad-household", "samir")["application"]
    assert isinstance(application, dict)
    assert application["card_type"] == "visiteur"


def test_the_situation_step_shows_only_the_questions_that_concern_the_request(
    tmp_path: Path,
) -> None:
    """New-user review 11: no 'for a duplicate' question on a visitor's card request."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_profile(app, pilot, "haddad-household", "samir", 2)
        screen = app.screen
        lost = screen.query_one("#box-f-application-situation-loss-or-theft")
        work = screen.query_one("#box-f-application-situation-employment-change")
        married = screen.query_one("#box-f-application-situation-married-abroad")
        assert not lost.display
        assert not work.display
        assert married.display, "the Haddads are married"
        await show_step(app, pilot, 1)
        screen.query_one("#f-application-request", Select).value = "duplicate"
        await until(pilot, lambda: lost.display)
        assert not work.display

    drive(folder, scenario)


def test_a_half_filled_new_member_gets_no_card_it_never_chose(tmp_path: Path) -> None:
    """Names and birth date alone are not saved with a default card: the card is asked for
    under its field, and the member is added once one is chosen."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        screen = await _new_member_named(app, pilot, "Tom", "01/02/1990")
        card = screen.query_one("#f-application-card-type", Select)
        assert card.is_blank()
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert len(saved(folder, "thompson-family")["members"]) == 3
        await pilot.press("n")  # stay and fix
        await until(pilot, lambda: app.screen is screen)
        assert "Choose the card you ask for" in screen_text(app)
        card.value = "visiteur"
        await until(pilot, lambda: len(saved(folder, "thompson-family")["members"]) == 4)

    drive(folder, scenario)
    application = _member(folder, "thompson-family", "tom")["application"]
    assert isinstance(application, dict)
    assert application["card_type"] == "visiteur"


def test_card_dates_out_of_order_are_refused_under_valid_until_in_plain_words(
    tmp_path: Path,
) -> None:
    """New-user review 18: the refusal names no internal field and sits under the date to fix."""
    folder = examples_in(tmp_path / "data")
    shown: list[str] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_profile(app, pilot, "thompson-family", "david", 3)
        until_field = app.screen.query_one("#f-application-current-card-valid-until", Input)
        until_field.focus()
        await pilot.pause()
        until_field.value = "01/01/2022"
        under = app.screen.query_one("#e-application-current-card-valid-until")
        await until(pilot, lambda: bool(str(under.render())))
        shown.append(str(under.render()))
        shown.append(str(app.screen.query_one("#e-application-current-card-valid-from").render()))
        await pilot.press("escape")

    drive(folder, scenario)
    assert shown == [
        "The end date is before the start date (21/01/2022); check the two dates on the card",
        "",
    ]
    card = _member(folder, "thompson-family", "david")["application"]
    assert isinstance(card, dict)
    assert card["current_card"]["valid_until"] != "2022-01-01"


def test_the_appointment_kind_starts_from_the_application(tmp_path: Path) -> None:
    """New-user review 11: a renewal's appointment is a renewal, a first card's a first
    application, until the person says otherwise."""
    folder = examples_in(tmp_path / "data")
    kinds: list[object] = []

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        for member_id in ("margaret", "emily"):
            await open_profile(app, pilot, "thompson-family", member_id, 5)
            kinds.append(app.screen.query_one("#f-application-appointment-kind", Select).value)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, ChecklistScreen))

    drive(folder, scenario)
    assert kinds == ["renewal", "first-application"]


def test_the_current_card_step_says_why_it_is_empty_for_someone_holding_nothing(
    tmp_path: Path,
) -> None:
    """The step showed only "Enter the date the card was issued…", with no field to enter it."""
    folder = examples_in(tmp_path / "data")

    async def scenario(app: CartePrepApp, pilot: Pilot[None]) -> None:
        await open_profile(app, pilot, "thompson-family", "emily", 3)
        await until(pilot, lambda: "Step 2 says you hold no card or visa" in screen_text(app))
        assert "Enter the date the card was issued" not in screen_text(app)

    drive(folder, scenario)
