"""The catalogue as data: facts checked at load, negation, documented facts, sound sources."""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.resources import files

import pytest
from pydantic import BaseModel, ValidationError

from carte_prep.core.catalogue import FACTS, Condition, Source, Sourced
from carte_prep.core.catalogue.official import is_official
from carte_prep.core.confidence import CONFIDENCE_SCALE, confidence_lines
from carte_prep.core.engine.conditions import situation_facts, with_route_and_fee
from carte_prep.core.model import Situation
from carte_prep.core.procedure import decide_procedure
from carte_prep.core.vocab import Confidence
from rules_support import CATALOGUE, checklist_for, ids
from support import person

MIRRORS = ("paperzz", "scribd", "expydoc", "doczz", "pdfprof", "europesays", "mgs-93")
TOWN_HALL_COPY = re.compile(r"[?&]xml=F\d+")


def every_sourced() -> list[tuple[str, Sourced]]:
    entries: list[tuple[str, Sourced]] = []
    entries += [(f"card {c.id}", c) for c in CATALOGUE.cards.values()]
    entries += [(f"requirement {r.id}", r) for r in CATALOGUE.requirements.values()]
    entries += [(f"window {w.id}", w) for w in CATALOGUE.windows.values()]
    entries += [(f"fees from {s.valid_from}", s) for s in CATALOGUE.fees]
    entries += [(f"deadline {d.id}", d) for d in CATALOGUE.deadlines.values()]
    entries += [(f"notice {n.id}", n) for n in CATALOGUE.notices]
    entries += [(f"regime {r.id}", r) for r in CATALOGUE.regimes.values()]
    entries += [("photos", CATALOGUE.photos), ("collection", CATALOGUE.collection)]
    entries += [(f"hand-in {k}", v) for k, v in CATALOGUE.hand_in.items()]
    return entries


def test_the_engine_produces_exactly_the_documented_facts() -> None:
    application = person("visiteur", "renewal").application
    assert application is not None
    card = CATALOGUE.cards["visiteur"]
    facts = with_route_and_fee(
        situation_facts(
            person("visiteur", "renewal"), application, card, decide_procedure(application)
        ),
        "anef",
        True,
        False,
    )
    assert set(facts) == set(FACTS)


def test_facts_md_lists_every_fact() -> None:
    text = (files("carte_prep.core.catalogue") / "FACTS.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^- `([a-z_]+)`", text, flags=re.MULTILINE))
    assert listed == set(FACTS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"marital_status": ["maried"]}, "'maried' is not one of its values"),
        ({"housing_not": ["castle"]}, "'castle' is not one of its values"),
        ({"colour": ["blue"]}, "unknown fact 'colour'"),
        ({"path": "renewal"}, "must be a list"),
    ],
)
def test_a_misspelt_condition_fails_at_load(raw: dict[str, object], expected: str) -> None:
    with pytest.raises(ValidationError, match=expected):
        Condition.model_validate(raw)


def test_negation_keeps_the_spouse_id_off_the_spouse_of_a_french_national() -> None:
    married = Situation(marital_status="married")
    assert "spouse-id" in ids(checklist_for("salarie", "renewal", situation=married))
    assert "spouse-id" in ids(checklist_for("talent-chercheur", "renewal", situation=married))
    assert "spouse-id" not in ids(
        checklist_for("vpf-conjoint-francais", "renewal", situation=married)
    )


def every_source(value: object, where: str = "catalogue") -> Iterator[tuple[str, Source]]:
    """Every Source anywhere in the loaded catalogue: rules, paths, pointers, overrides."""
    if isinstance(value, Source):
        yield where, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from every_source(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from every_source(item, f"{where}[{key}]")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from every_source(item, f"{where}[{index}]")


def test_the_source_walk_reaches_paths_pointers_and_fee_overrides() -> None:
    wheres = [where for where, _ in every_source(CATALOGUE)]
    assert any(".paths[" in w for w in wheres)
    assert any(".official_page" in w for w in wheres)
    assert any(".fee_when[" in w for w in wheres)
    assert any(".read" in w for w in wheres)


def test_no_source_is_a_document_mirror_or_a_town_hall_copy() -> None:
    urls = [(where, s.url) for where, s in every_source(CATALOGUE)]
    bad = [(w, u) for w, u in urls if any(m in u for m in MIRRORS) or TOWN_HALL_COPY.search(u)]
    assert bad == []


def test_every_source_in_the_catalogue_is_an_official_page() -> None:
    """Law firms, universities, associations, press and vendors are never cited."""
    unofficial = [(where, s.url) for where, s in every_source(CATALOGUE) if not is_official(s.url)]
    assert unofficial == []


@pytest.mark.parametrize(
    ("url", "official"),
    [
        ("https://www.service-public.gouv.fr/particuliers/vosdroits/F35032", True),
        ("https://administration-etrangers-en-france.interieur.gouv.fr/particuliers/", True),
        ("https://www.dordogne.gouv.fr/Demarches", True),
        ("https://eur-lex.europa.eu/legal-content/FR/TXT/", True),
        ("https://www.ofii.fr/procedure/", True),
        ("https://access.ciup.fr/en/?p=5653", False),
        ("https://paperzz.com/doc/5411552", False),
        ("https://refugies.info/fr/demarche/63401d8783f485a025e88388", False),
        ("https://gouv.fr.example.com/page", False),
        ("https://notgouv.fr/page", False),
    ],
)
def test_the_allow_list_takes_official_hosts_and_their_subdomains_only(
    url: str, official: bool
) -> None:
    assert is_official(url) is official


def test_every_rule_keeps_a_confidence_mark_and_a_verified_date() -> None:
    for where, entry in every_sourced():
        assert entry.confidence in CONFIDENCE_SCALE, where
        assert entry.verified_on <= CATALOGUE.last_verified, where


def test_the_confidence_scale_explains_every_mark() -> None:
    marks: tuple[Confidence, ...] = ("C2", "C3", "S", "Seed", "Conflict", "Inference")
    assert set(CONFIDENCE_SCALE) == set(marks)
    assert len(confidence_lines()) == len(marks)
    assert all(len(meaning) > 10 for meaning in CONFIDENCE_SCALE.values())


def test_unanswered_questions_name_their_fact_values() -> None:
    for name, question in CATALOGUE.questions.items():
        values = FACTS[name].values
        assert values is not None
        assert None in values
        assert question.answers(values)


def test_the_e_photo_words_give_the_numbers_the_rules_use() -> None:
    """The notes and the item's text are prose; the dates come from the numbers beside them."""
    photos = CATALOGUE.photos
    words = " ".join([*photos.ephoto_notes, CATALOGUE.requirements["ephoto-code"].how_to_get])
    assert f"{photos.ephoto_valid_months} months" in words
    assert f"{photos.ephoto_activation_hours} hours" in words
