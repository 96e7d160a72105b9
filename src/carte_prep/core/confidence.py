"""What the confidence marks on every rule mean, in one text shared by the CLI, app and PDF.

Every catalogue rule carries a mark saying how well its sources back it and the day it
was last checked. People who rely on the checklist at a prefecture desk need to know what
"C2" or "Conflict" means, so the explanation is written once here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from carte_prep.core.vocab import Confidence
from carte_prep.i18n import N_, Translated, _

CONFIDENCE_SCALE: Final[Mapping[Confidence, str]] = Translated(
    {
        "C3": N_("three or more independent sources agree"),
        "C2": N_("two independent sources agree"),
        "S": N_("a single source: check it on your prefecture's list"),
        "Seed": N_("from one press article only, not confirmed elsewhere: check it"),
        "Conflict": N_("the sources disagree: the safe choice is shown, with the disagreement"),
        "Inference": N_("reasoned from the law's text, not stated by a page: check it"),
    }
)


MARK_NAMES: Final[Mapping[Confidence, str]] = Translated(
    {
        "C3": N_("C3"),
        "C2": N_("C2"),
        "S": N_("S"),
        "Seed": N_("Seed"),
        "Conflict": N_("Conflict"),
        "Inference": N_("Inference"),
    }
)
"""The marks as a reader sees them: the word marks are translated, the codes are not."""


def confidence_intro() -> str:
    """The paragraph above the scale, in the language spoken."""
    return _(
        "How sure each rule is: every item shows a confidence mark and the day its sources "
        "were last checked. Only official pages are cited (Légifrance, service-public.gouv.fr, "
        "the Interior Ministry, prefectures); where none states a rule, its mark and note say so."
    )


def confidence_label(mark: Confidence) -> str:
    """'C2 (two independent sources agree)'."""
    return f"{MARK_NAMES[mark]} ({CONFIDENCE_SCALE[mark]})"


def confidence_lines() -> list[str]:
    """The scale as lines, for a legend: 'C3: three or more independent sources agree'."""
    return [
        _("{mark}: {meaning}").format(mark=MARK_NAMES[mark], meaning=meaning)
        for mark, meaning in CONFIDENCE_SCALE.items()
    ]
