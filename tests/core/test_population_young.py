"""Young people who came to France as minors: the card of a young person entrusted to the
ASE no later than the 16th birthday, the R.431-5 deadlines around the 18th and 19th
birthdays in the agenda, and the situations listed with what to read (ASE from 16, entered
as a child, the DCEM).
"""

from __future__ import annotations

import datetime as dt

import pytest

from carte_prep.core.agenda import member_agenda
from carte_prep.core.model import Situation
from rules_support import CATALOGUE, checklist_for, cites, ids
from support import TODAY, household_of, person

R431_5 = "LEGIARTI000042806998"
L436_1 = "LEGIARTI000042776300"
TURNS_18 = dt.date(2008, 12, 20)
"""18 on 20/12/2026: three weeks after the suite's today."""
ON_2026 = {"planned_filing_date": dt.date(2026, 12, 21)}


def test_the_ase_card_costs_the_stamp_only_and_needs_no_visa() -> None:
    checklist = checklist_for(
        "vpf-ase",
        "first-admission",
        nationality="GN",
        birth_date=TURNS_18,
        situation=Situation(no_long_stay_visa=True, irregular_stay=True, housing="hosted"),
        **ON_2026,
    )
    assert checklist.covered
    assert checklist.route is not None
    assert checklist.route.route == "anef"
    assert cites(checklist.route.sources, "pas-de-calais")
    fee = checklist.fee
    assert fee is not None
    assert (fee.amount.tax, fee.amount.stamp, fee.regularisation) == (0, 50, 0), "L.436-1, L.436-4"
    assert cites(fee.sources, L436_1)
    chosen = ids(checklist)
    assert {"ase-placement-decision", "training-proof", "host-structure-opinion"} <= chosen
    assert {"hebergement-attestation", "contrat-engagement", "passport"} <= chosen
    assert "long-stay-visa" not in chosen, "F31037: « Un visa de long séjour n'est pas exigé »"
    assert "timbre-regularisation" not in chosen
    assert CATALOGUE.requirements["training-proof"].confidence == "Inference"


@pytest.mark.parametrize(
    ("card", "kind", "deadline"),
    [
        ("vpf-ase", "first-card-before-19", dt.date(2027, 12, 19)),
        ("ase-16-18", "first-card-after-18", dt.date(2027, 2, 20)),
        ("vpf-entre-mineur", "first-card-after-18", dt.date(2027, 2, 20)),
        ("vpf-regroupement-familial", "first-card-before-19", dt.date(2027, 12, 19)),
        ("dcem", "first-card-after-18", dt.date(2027, 2, 20)),
    ],
)
def test_the_agenda_shows_the_r431_5_deadline_of_the_card_asked(
    card: str, kind: str, deadline: dt.date
) -> None:
    member = person(card, "first-admission", birth_date=TURNS_18, nationality="GN")
    events = [e for e in member_agenda(household_of(member), "ana", TODAY) if e.deadline]
    at_18 = [e for e in events if e.kind.startswith("first-card")]
    assert [(e.kind, e.date) for e in at_18] == [(kind, deadline)]
    assert R431_5 in at_18[0].sources[0]


def test_the_deadline_stays_in_the_agenda_once_missed_until_the_19th_birthday() -> None:
    member = person("ase-16-18", "first-admission", birth_date=TURNS_18, nationality="GN")
    late = dt.date(2027, 3, 1)
    events = member_agenda(household_of(member), "ana", late)
    missed = next(e for e in events if e.kind == "first-card-after-18")
    assert missed.date == dt.date(2027, 2, 20)
    assert missed.level == "danger"
    after_19 = member_agenda(household_of(member), "ana", dt.date(2028, 1, 5))
    assert not any(e.kind == "first-card-after-18" for e in after_19)


@pytest.mark.parametrize(
    ("card", "page"),
    [("ase-16-18", "F31037"), ("vpf-entre-mineur", "F2209"), ("dcem", "F2718")],
)
def test_young_people_s_situations_without_a_checklist_say_what_to_read(
    card: str, page: str
) -> None:
    checklist = checklist_for(card, "first-admission", birth_date=TURNS_18)
    assert not checklist.covered
    assert checklist.items == []
    assert checklist.decision.read_instead is not None
    assert checklist.decision.read_instead.url.endswith(page)
    assert CATALOGUE.cards[card].family == "Young adults"


def test_the_ase_card_has_no_visa_path_and_its_renewal_is_not_covered_yet() -> None:
    assert not checklist_for("vpf-ase", "after-vls-ts").covered
    renewal = checklist_for("vpf-ase", "renewal")
    assert not renewal.covered
    assert renewal.decision.read_instead is not None
    assert renewal.decision.read_instead.url.endswith("F31037")
