"""The catalogue's sentences are translated; its ids, conditions, names and sources are not."""

from __future__ import annotations

from carte_prep.core.catalogue import catalogue_data
from carte_prep.core.catalogue.texts import localized, texts


def test_only_sentences_are_handed_to_the_translation() -> None:
    data = catalogue_data()
    marked = localized(data, lambda text: f"<{text}>")
    card = marked["cards"]["wa-5y"]
    assert card["summary"].startswith("<For UK nationals")
    assert card["short_en"] == "<Withdrawal Agreement 5-year card>"
    assert card["id"] == "wa-5y"
    assert card["name_fr"] == data["cards"]["wa-5y"]["name_fr"]  # the official name stays
    assert card["sources"] == data["cards"]["wa-5y"]["sources"]  # quoted as published
    assert card["paths"]["first-admission"]["route"] == "prefecture"
    question = marked["questions"]["talent_basis"]
    assert question["when"]["diploma"] == "<if you qualify with a master's-level diploma>"
    assert question["code"] == "unanswered-talent-basis"


def test_texts_lists_what_localized_translates() -> None:
    data = catalogue_data()
    seen: list[str] = []
    localized(data, lambda text: seen.append(text) or text)  # type: ignore[func-returns-value]
    assert list(texts(data)) == seen
    assert len(seen) > 500
