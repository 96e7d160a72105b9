"""Helpers for the app's Pilot tests: a frozen today, example data, waiting on conditions.

pytest-asyncio is not a dependency, so each scenario is an ``async def`` run with
:func:`drive`, which starts the app headless at a fixed size and hands over the pilot.
"""

from __future__ import annotations

import asyncio
import json
import weakref
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widgets import DataTable

from carte_prep.core.storage import Store
from carte_prep.examples import copy_examples
from carte_prep.tui.app import CartePrepApp, make_app
from carte_prep.tui.screens.households import HouseholdsScreen
from support import TODAY

SIZE = (80, 24)

Scenario = Callable[[CartePrepApp, Pilot[None]], Awaitable[None]]
M = TypeVar("M", bound=Message)


def examples_in(folder: Path) -> Path:
    """A data folder holding a copy of the example households."""
    copy_examples(folder)
    return folder


def new_app(folder: Path) -> CartePrepApp:
    """The real app on ``folder`` with today frozen, as the CLI would build it."""
    return make_app(Store(folder), today=lambda: TODAY)


MESSAGES: weakref.WeakKeyDictionary[CartePrepApp, list[Message]] = weakref.WeakKeyDictionary()
"""Every message each driven app handled, collected with ``run_test(message_hook=...)``."""


def drive(folder: Path, scenario: Scenario, size: tuple[int, int] = SIZE) -> CartePrepApp:
    """Run ``scenario`` against a fresh app on ``folder``; returns the app afterwards."""
    app = new_app(folder)
    messages: list[Message] = []
    MESSAGES[app] = messages

    async def main() -> None:
        async with app.run_test(size=size, message_hook=messages.append) as pilot:
            await until(pilot, lambda: loaded(app))
            await scenario(app, pilot)

    asyncio.run(main())
    return app


async def until(pilot: Pilot[Any], predicate: Callable[[], bool], tries: int = 200) -> None:
    """Let the app work until ``predicate`` holds (no fixed sleeps); fail if it never does."""
    for _ in range(tries):
        if predicate():
            return
        await pilot.pause()
    raise AssertionError("the app never reached the expected state")


def messages(app: CartePrepApp, kind: type[M]) -> list[M]:
    """The messages of one kind the app has handled so far, oldest first."""
    return [m for m in MESSAGES[app] if isinstance(m, kind)]


def notified(app: CartePrepApp, text: str) -> bool:
    """Whether the app showed a notification containing ``text``."""
    return any(text in n.notification.message for n in messages(app, Notify))


def loaded(app: CartePrepApp) -> bool:
    """The households screen has finished loading (validating) the data folder."""
    screen = app.screen
    return isinstance(screen, HouseholdsScreen) and screen.validated


def saved(folder: Path, household_id: str) -> dict[str, Any]:
    """The household as it is on disk now."""
    data: dict[str, Any] = json.loads((folder / f"{household_id}.json").read_text("utf-8"))
    return data


def member_tracking(folder: Path, household_id: str, member_id: str) -> dict[str, Any]:
    """One member's tracking dict as saved."""
    household = saved(folder, household_id)
    member = next(m for m in household["members"] if m["id"] == member_id)
    tracking: dict[str, Any] = member["tracking"]
    return tracking


async def open_household(
    app: CartePrepApp, pilot: Pilot[Any], household_id: str, member_id: str | None = None
) -> None:
    """Move the households table to a household (or member) row and press enter."""
    from carte_prep.tui.screens.checklist import ChecklistScreen

    table = app.screen.query_one("#households", DataTable)
    key = f"m:{household_id}:{member_id}" if member_id else f"h:{household_id}"
    table.move_cursor(row=table.get_row_index(key))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))


async def select_item(app: CartePrepApp, pilot: Pilot[Any], requirement_id: str) -> None:
    """Put the checklist cursor on an item."""
    table = app.screen.query_one("#items", DataTable)
    table.move_cursor(row=table.get_row_index(f"i:{requirement_id}"))
    await pilot.pause()


async def show_step(app: CartePrepApp, pilot: Pilot[Any], number: int) -> None:
    """Show a profile editor step and wait for its fields (steps are built when first shown)."""
    from textual.widgets import TabbedContent

    app.screen.query_one("#steps", TabbedContent).active = f"step-{number}"
    await until(pilot, lambda: bool(app.screen.query(f"#pane-{number} .field")))
    await until(pilot, lambda: number in getattr(app.screen, "_built", {number}))
    await pilot.pause()


def screen_text(app: CartePrepApp) -> str:
    """Everything the static texts of the current screen say (for literal-text checks)."""
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def open_profile(
    app: CartePrepApp, pilot: Pilot[Any], household_id: str, member_id: str, step: int
) -> None:
    """Open a member's profile editor from the households screen, at one of its steps."""
    from carte_prep.tui.screens.profile import ProfileScreen

    await open_household(app, pilot, household_id, member_id)
    await pilot.press("e")
    await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
    await show_step(app, pilot, step)
