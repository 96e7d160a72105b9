"""Checklist: the engine's time per member, over every card type and legal path.

In-process, catalogue already loaded (its one-off load is printed apart). For each of the
catalogue's (card, procedure) pairs, a few members with varied situations, tracking and
dates are generated (valid through the real model); each ``build_checklist`` is timed
best-of-N. The baseline is validating the same member's household file with the model
(``Household.model_validate_json``), i.e. what reading it from disk costs: the checklist
should cost about as much as loading the data it is built from. Also printed: the households
screen's per-member summary and the ``list`` command's per-member work (checklist plus
next deadline).
"""

from __future__ import annotations

import random
import time
from functools import partial

from common import TODAY, Row, best_of, household_json, make_household, median, ms, ratio

VARIANTS = 3
"""Members generated per (card, procedure) pair."""


def run(quick: bool) -> list[Row]:
    from carte_prep.core import household_checklists
    from carte_prep.core.agenda import next_deadline
    from carte_prep.core.catalogue import forget_loaded_catalogues, load_catalogue
    from carte_prep.core.engine import build_checklist
    from carte_prep.core.model import Household
    from carte_prep.core.procedure import decide_procedure
    from carte_prep.core.summary import summarise

    forget_loaded_catalogues()  # time the one-off load even if another benchmark did it
    start = time.perf_counter()
    catalogue = load_catalogue()
    catalogue_load = time.perf_counter() - start

    repeats = 5 if quick else 25
    combos = [(c, p) for c, card in sorted(catalogue.cards.items()) for p in card.paths]
    rng = random.Random(11)
    engine: dict[tuple[str, str], float] = {}
    validate: list[float] = []
    summary: list[float] = []
    listing: list[float] = []
    for index, combo in enumerate(combos):
        times = []
        for variant in range(VARIANTS):
            household = make_household(rng, "bench", "Bench", 1, start=index)
            member = household.members[0]
            if member.application is None:  # pragma: no cover - one member always applies
                continue
            assert member.application is not None
            path = decide_procedure(member.application).path
            assert (member.application.card_type, path) == combo
            del variant
            times.append(best_of(repeats, partial(build_checklist, household, "m00", TODAY)))
            text = household_json(household)
            validate.append(best_of(repeats, partial(Household.model_validate_json, text)))
            summary.append(best_of(repeats, partial(summarise, household, TODAY)))

            def list_command(h: Household = household) -> None:
                for checklist in household_checklists(h, TODAY):
                    next_deadline(h, checklist.member_id, TODAY)

            listing.append(best_of(repeats, list_command))
        engine[combo] = median(times)
    per_member = sum(engine.values()) / len(engine)
    worst_combo, worst = max(engine.items(), key=lambda item: item[1])
    base = sum(validate) / len(validate)
    return [
        Row(
            f"checklist: build_checklist, mean of {len(combos)} card/procedure pairs",
            ms(per_member),
            ms(base),
            ratio(per_member, base),
            "< 2 ms per member",
            per_member < 0.002,
        ),
        Row(
            f"checklist: slowest pair ({worst_combo[0]}, {worst_combo[1]})",
            ms(worst),
            ms(base),
            ratio(worst, base),
            "< 2 ms per member",
            worst < 0.002,
        ),
        Row(
            "checklist: households-screen summary per member",
            ms(sum(summary) / len(summary)),
            ms(base),
            ratio(sum(summary) / len(summary), base),
        ),
        Row(
            "checklist: 'list' command work per member",
            ms(sum(listing) / len(listing)),
            ms(base),
            ratio(sum(listing) / len(listing), base),
        ),
        Row("checklist: catalogue load (once per process)", ms(catalogue_load)),
    ]


if __name__ == "__main__":
    from common import table

    print(table(run(quick=True)))
