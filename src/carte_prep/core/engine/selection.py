"""Which catalogue requirements an application needs, and which it probably needs.

An item is needed when one of its conditions holds. Some questions are often left
unanswered because people cannot know the answer (is the 2-year card after a 1-year card
a "first multi-year card"?): while they are, the items an answer would add are listed as
"probably needed", with the question, rather than silently left out.
"""

from __future__ import annotations

import datetime as dt

from carte_prep.core.catalogue import FACTS, Catalogue, Requirement
from carte_prep.core.engine.conditions import Facts, holds
from carte_prep.core.engine.results import Warning
from carte_prep.i18n import _


def needed(catalogue: Catalogue, facts: Facts, filing: dt.date, age: int) -> list[Requirement]:
    return [r for r in catalogue.requirements.values() if holds(r.when, facts, filing, age)]


def probably_needed(
    catalogue: Catalogue,
    facts: Facts,
    filing: dt.date,
    age: int,
    chosen: list[Requirement],
) -> tuple[list[tuple[Requirement, str]], list[Warning]]:
    """Items an unanswered question would add, each with its 'probably needed' note.

    Also returns one warning per unanswered question that adds something, naming the
    items, so the question is seen even in a summary.
    """
    taken = {r.id for r in chosen}
    extra: list[tuple[Requirement, str]] = []
    warnings: list[Warning] = []
    for name, question in catalogue.questions.items():
        if facts.get(name) is not None:
            continue
        values = FACTS[name].values or ()
        added: list[Requirement] = []
        for value, words in question.answers(values):
            asked = {**facts, name: value}
            for requirement in needed(catalogue, asked, filing, age):
                if requirement.id in taken or requirement.optional:
                    continue  # an optional item is never "probably needed"
                taken.add(requirement.id)
                added.append(requirement)
                extra.append(
                    (
                        requirement,
                        _(
                            "Probably needed {answer}. {question} Answer it in the profile to "
                            "be sure."
                        ).format(answer=words, question=question.ask),
                    )
                )
        if added:
            warnings.append(
                Warning(
                    code=question.code,
                    level="warning",
                    message=_(
                        "{question} Until you answer it in the profile, these are listed as "
                        "probably needed: {items}."
                    ).format(question=question.ask, items="; ".join(r.name_en for r in added)),
                )
            )
    return extra, warnings
