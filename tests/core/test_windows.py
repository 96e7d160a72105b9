"""Filing windows by the text: R.431-5 for every VLS-TS or card holder, and its exceptions.

The window edges are tested for a VLS-TS holder and a change of status exactly as for a
renewal: the 121st, 120th, 61st, 60th and 59th day before the end of what is held.
"""

from __future__ import annotations

import datetime as dt

import pytest

from carte_prep.core.model import AfterFiling, CurrentCard, Receipt
from rules_support import CATALOGUE, checklist_for, cites
from support import TODAY

EDGES = [
    (121, "info", False),
    (120, "info", False),
    (90, "info", False),
    (61, "warning", False),
    (60, "warning", False),
    (59, "danger", True),
]


def _window_warning(checklist: object) -> tuple[str, str]:
    warning = next(w for w in checklist.warnings if w.code == "renewal-window")  # type: ignore[attr-defined]
    return warning.level, warning.message


@pytest.mark.parametrize(("days_before_expiry", "level", "late"), EDGES)
def test_vls_ts_holder_window_edges(days_before_expiry: int, level: str, late: bool) -> None:
    """A visitor on a VLS-TS visiteur: 120 to 60 days before the visa ends (R.431-5 1°)."""
    expiry = TODAY + dt.timedelta(days=days_before_expiry)
    checklist = checklist_for(
        "visiteur", "after-vls-ts", current_card=CurrentCard(valid_until=expiry)
    )
    window = checklist.window
    assert window is not None
    assert window.held == "visa"
    assert window.opens == expiry - dt.timedelta(days=120)
    assert window.deadline == expiry - dt.timedelta(days=60)
    assert window.late_fee == "disputed"
    warning_level, message = _window_warning(checklist)
    assert warning_level == level
    assert ("not yet open" in message) == (days_before_expiry > 120)
    assert checklist.fee is not None
    assert checklist.fee.late_fee == 0, "disputed: never silently added to the amount"
    assert (checklist.fee.late_fee_disputed == 180) is late
    assert ("€180" in (checklist.fee.caveat or "")) is late
    assert cites(window.sources, "LEGIARTI000042806998"), "R.431-5"


@pytest.mark.parametrize(("days_before_expiry", "level", "late"), EDGES)
def test_change_of_status_window_edges(days_before_expiry: int, level: str, late: bool) -> None:
    """A student asking for a talent card: the student card's window applies (R.431-5)."""
    expiry = TODAY + dt.timedelta(days=days_before_expiry)
    checklist = checklist_for(
        "talent-salarie-qualifie",
        "change-of-status",
        held="etudiant",
        current_card=CurrentCard(valid_until=expiry),
    )
    window = checklist.window
    assert window is not None
    assert window.window_id == "anef-change-of-status"
    assert window.opens == expiry - dt.timedelta(days=120)
    assert window.deadline == expiry - dt.timedelta(days=60)
    assert _window_warning(checklist)[0] == level
    assert checklist.fee is not None
    assert (checklist.fee.late_fee_disputed == 180) is late
    assert checklist.fee.late_fee == 0


@pytest.mark.parametrize(
    ("days_before_expiry", "level"),
    [(90, "info"), (61, "info"), (60, "info"), (59, "warning"), (1, "warning"), (-1, "danger")],
)
def test_prefecture_titles_show_both_readings(days_before_expiry: int, level: str) -> None:
    """Student -> salarié at the prefecture: 'dans le courant des deux mois' vs F15898."""
    expiry = TODAY + dt.timedelta(days=days_before_expiry)
    checklist = checklist_for(
        "salarie", "change-of-status", held="etudiant", current_card=CurrentCard(valid_until=expiry)
    )
    assert checklist.route is not None
    assert checklist.route.route == "prefecture"
    window = checklist.window
    assert window is not None
    assert window.opens is None, "the texts give no opening day at the desk"
    assert window.deadline == expiry - dt.timedelta(days=60)
    assert window.legal_deadline == expiry
    level_seen, message = _window_warning(checklist)
    assert level_seen == level
    if level == "warning":
        assert "R.431-5 CESEDA says a filing in the last 2" in message
        assert "service-public" in message
    assert checklist.fee is not None
    assert checklist.fee.late_fee == 0
    assert cites(window.sources, "F15898")
    assert cites(window.sources, "LEGIARTI000042806998")


def test_rld_ue_holders_are_outside_r431_5_and_the_conflict_is_shown() -> None:
    expiry = TODAY + dt.timedelta(days=30)
    checklist = checklist_for("rld-ue", "renewal", current_card=CurrentCard(valid_until=expiry))
    window = checklist.window
    assert window is not None
    assert window.window_id == "rld-ue-holder"
    assert window.late_fee == "disputed"
    assert "F17359" in (window.caveat or "")
    assert checklist.fee is not None
    assert checklist.fee.late_fee == 0
    assert checklist.fee.late_fee_disputed == 180
    first_rld = checklist_for(
        "rld-ue", "change-of-status", held="salarie", current_card=CurrentCard(valid_until=expiry)
    )
    assert first_rld.window is not None
    assert first_rld.window.window_id == "anef-change-of-status", "a salarié holder is under 1°"


def test_a_renewal_on_anef_still_owes_the_late_fee_by_the_text() -> None:
    expiry = TODAY + dt.timedelta(days=59)
    checklist = checklist_for("etudiant", "renewal", current_card=CurrentCard(valid_until=expiry))
    assert checklist.window is not None
    assert checklist.window.late_fee == "due"
    assert checklist.fee is not None
    assert checklist.fee.late_fee == 180


def test_withdrawal_agreement_holders_keep_their_own_window() -> None:
    expiry = TODAY + dt.timedelta(days=50)
    checklist = checklist_for(
        "wa-10y", "renewal", held="wa-5y", current_card=CurrentCard(valid_until=expiry)
    )
    assert checklist.window is not None
    assert checklist.window.window_id == "withdrawal-agreement"
    assert checklist.window.late_fee == "none"
    assert checklist.fee is not None
    assert checklist.fee.total_max == 0


def test_after_filing_there_is_no_window_and_no_file_at_once() -> None:
    expired = TODAY - dt.timedelta(days=10)
    checklist = checklist_for(
        "visiteur",
        "renewal",
        current_card=CurrentCard(valid_until=expired),
        after_filing=AfterFiling(
            filed_on=TODAY - dt.timedelta(days=40),
            receipts=[Receipt(kind="prolongation", valid_until=TODAY + dt.timedelta(days=50))],
        ),
    )
    assert not [w for w in checklist.warnings if w.code == "renewal-window"]
    assert not [w for w in checklist.warnings if "at once" in w.message]
    assert checklist.judged_on_kind == "filed"


def test_the_catalogue_keys_windows_by_path_and_route() -> None:
    assert set(CATALOGUE.window_by_path) == {"after-vls-ts", "renewal", "change-of-status"}
    for choice in CATALOGUE.window_by_path.values():
        assert choice.prefecture == "prefecture"


def test_a_filing_logged_before_the_window_opened_is_questioned() -> None:
    """Review 25: filing on 20/11/2026 for a window opening on 18/02/2027 raised no remark."""

    def filed(days_before_expiry: int) -> list[str]:
        expiry = TODAY + dt.timedelta(days=300)
        checklist = checklist_for(
            "visiteur",
            "renewal",
            current_card=CurrentCard(valid_until=expiry),
            after_filing=AfterFiling(filed_on=expiry - dt.timedelta(days=days_before_expiry)),
            today=expiry - dt.timedelta(days=days_before_expiry - 1),
        )
        return [w.message for w in checklist.warnings if w.code == "filed-early"]

    early = filed(days_before_expiry=299)
    assert len(early) == 1
    assert early[0].startswith("You filed on ")
    assert "before the filing window opened" in early[0]
    assert filed(days_before_expiry=70) == []
