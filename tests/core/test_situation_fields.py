"""The Situation step's table: each question says in one line why it is asked, and is
asked only where it decides something (new-user review, finding 11)."""

from __future__ import annotations

from carte_prep.core.situation_fields import SITUATION


def test_every_situation_question_has_one_line_of_help() -> None:
    unexplained = [spec.path[-1] for spec in SITUATION.fields if not spec.help.strip()]
    assert unexplained == []
    assert all("\n" not in spec.help for spec in SITUATION.fields)


def test_the_work_question_is_for_renewing_a_work_card_only() -> None:
    work = next(spec for spec in SITUATION.fields if spec.path[-1] == "employment_change")
    assert work.relevant is not None
    first = {"card_type": "salarie", "current_card": None}
    renewal = {"card_type": "salarie", "current_card": {"kind": "card", "card_type": "salarie"}}
    assert not work.relevant(first)
    assert work.relevant(renewal)
    assert not work.relevant({**renewal, "card_type": "wa-10y"})
