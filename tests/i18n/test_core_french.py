"""The engine, the procedure, the agenda and the shared words speak French when asked.

English is the language of the code and of every other test; these tests take the
``french`` fixture. French typography puts a non-breaking space before a colon or a
semicolon and between an amount and its euro sign (``NBSP``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from carte_prep.core.agenda import member_agenda
from carte_prep.core.catalogue import load_catalogue
from carte_prep.core.confidence import (
    CONFIDENCE_SCALE,
    confidence_intro,
    confidence_label,
    confidence_lines,
)
from carte_prep.core.countries import country_name
from carte_prep.core.engine import ChecklistItem
from carte_prep.core.engine.route import prefecture_name
from carte_prep.core.index import stamp_for
from carte_prep.core.model import CurrentCard
from carte_prep.core.sanity import doubts
from carte_prep.core.triage import Due
from carte_prep.core.vocab import PROCEDURE_LABELS, STATUS_WORDS
from carte_prep.i18n import format_money, language, set_language, speaking
from carte_prep.present import bring, bring_fr, bring_sentence, route_short, warning_count
from rules_support import checklist_for
from support import TODAY, household_of, person

NBSP = "\u00a0"


def _visitor_on_a_visa(days_left: int) -> CurrentCard:
    return CurrentCard(valid_until=TODAY + dt.timedelta(days=days_left))


def _item(card: str, requirement_id: str) -> ChecklistItem:
    checklist = checklist_for(card, "first-admission")
    return next(i for i in checklist.items if i.requirement.id == requirement_id)


@pytest.mark.usefixtures("french")
def test_a_window_warning_is_in_french_with_the_amount_written_the_french_way() -> None:
    checklist = checklist_for("visiteur", "after-vls-ts", current_card=_visitor_on_a_visa(30))
    warning = next(w for w in checklist.warnings if w.code == "renewal-window")
    assert warning.message.startswith(
        f"Le dernier jour pour déposer à temps était le 28/10/2026{NBSP}: déposez votre "
        "demande maintenant, avant la fin de votre visa le 27/12/2026"
    )
    assert f"la pénalité de retard de 180{NBSP}€ peut être demandée" in warning.message


@pytest.mark.usefixtures("french")
def test_the_days_left_in_an_open_window_are_counted_in_french() -> None:
    checklist = checklist_for("visiteur", "after-vls-ts", current_card=_visitor_on_a_visa(90))
    warning = next(w for w in checklist.warnings if w.code == "renewal-window")
    assert warning.message == (
        f"Période de dépôt ouverte{NBSP}: il reste 30 jours pour déposer, jusqu’au "
        "27/12/2026 (votre visa prend fin le 25/02/2027)."
    )


@pytest.mark.usefixtures("french")
def test_the_procedure_is_explained_in_french() -> None:
    decision = checklist_for("etudiant", "renewal").decision
    assert decision.label == "renouvellement de la même carte"
    assert decision.why.endswith(f"et vous le demandez à nouveau{NBSP}: c’est un renouvellement.")


@pytest.mark.usefixtures("french")
def test_an_agenda_line_is_in_french() -> None:
    member = person("visiteur", "after-vls-ts", current_card=_visitor_on_a_visa(90))
    events = member_agenda(household_of(member), "ana", TODAY)
    deadline = next(e for e in events if e.kind == "late-fee-deadline")
    assert deadline.title == "Dernier jour pour déposer à temps"
    assert deadline.detail == (
        f"Déposez votre demande au plus tard ce jour{NBSP}: après, 180{NBSP}€ de plus "
        "peuvent être demandés (point contesté)."
    )
    expiry = next(e for e in events if e.kind == "card-expiry")
    assert expiry.title == "Fin de votre visa en cours"


@pytest.mark.usefixtures("french")
def test_amounts_are_written_the_french_way() -> None:
    assert format_money(350) == f"350{NBSP}€"
    assert format_money(1823.03) == f"1{NBSP}823,03{NBSP}€"


def test_amounts_stay_written_the_english_way_in_english() -> None:
    assert format_money(350) == "€350"


@pytest.mark.usefixtures("french")
def test_the_shared_words_and_tables_follow_the_language() -> None:
    passport = _item("salarie", "passport")
    assert bring(passport, "prefecture") == "1 original + 1 copie"
    assert (
        bring_sentence(passport, "anef")
        == f"Sur l’ANEF{NBSP}: scan à téléverser{NBSP}; gardez l’original."
    )
    assert route_short(None) == "non couvert"
    assert PROCEDURE_LABELS["renewal"] == "renouvellement de la même carte"
    assert STATUS_WORDS["todo"] == "à faire"
    assert CONFIDENCE_SCALE["C2"] == "deux sources indépendantes concordent"
    assert confidence_intro().startswith("Le degré de certitude de chaque règle")
    assert Due(1).label == "en retard ou à faire dans 1 jour"
    assert country_name("DZ") == "Algérie"


def test_the_tables_speak_english_again_once_the_language_is_english() -> None:
    set_language("fr")
    assert STATUS_WORDS["handed-in"] == "remis"
    set_language("en")
    assert STATUS_WORDS["handed-in"] == "handed in"
    assert dict(STATUS_WORDS)["todo"] == "to do"
    assert country_name("DZ") == "Algeria"


def test_the_count_of_warnings_has_the_plural_of_each_language() -> None:
    checklist = checklist_for("visiteur", "after-vls-ts", current_card=_visitor_on_a_visa(30))
    assert warning_count(checklist.warnings) == "1 warning, 1 note"
    set_language("fr")
    assert warning_count(checklist.warnings) == "1 alerte, 1 note"


def test_the_bordereau_says_what_to_bring_in_french_whatever_the_language() -> None:
    """The clerk reads French: bring_fr is bring() spoken in French, even in English."""
    passport = _item("salarie", "passport")
    photos = next(
        i for i in checklist_for("salarie", "first-admission").items if i.requirement.counts_photos
    )
    assert bring(passport, "prefecture") == "1 original + 1 copy"
    assert bring_fr(passport, "prefecture") == "1 original + 1 copie"
    assert bring_fr(photos, "prefecture") == f"{photos.quantity} photos"
    assert bring_fr(passport, "anef") == f"scan à téléverser{NBSP}; gardez l’original"
    assert language() == "en"
    assert bring(passport, "prefecture") == "1 original + 1 copy"


def test_speaking_switches_the_language_for_the_block_only() -> None:
    with speaking("fr"):
        assert language() == "fr"
        assert STATUS_WORDS["todo"] == "à faire"
    assert language() == "en"
    assert STATUS_WORDS["todo"] == "to do"
    with pytest.raises(RuntimeError), speaking("fr"):
        raise RuntimeError("an error inside the block")
    assert language() == "en"
    assert STATUS_WORDS["todo"] == "to do"
    with pytest.raises(ValueError, match="unknown language"), speaking("de"):  # type: ignore[arg-type]
        pass


def test_the_households_index_is_kept_per_language() -> None:
    """The saved list lines hold words (the next date's title): another language rebuilds."""
    english = stamp_for(TODAY, "1.0", "digest")
    set_language("fr")
    assert stamp_for(TODAY, "1.0", "digest") != english


@pytest.mark.usefixtures("french")
def test_a_minor_asking_for_a_card_meant_for_minors_is_not_doubted_in_french() -> None:
    """The card's family is translated with the catalogue: the check compares it so."""
    member = person("ase-16-18", "first-admission", birth_date=dt.date(2009, 6, 1))
    assert "minor-applies" not in {d.code for d in doubts(member, TODAY)}
    adult_card = person("salarie", "first-admission", birth_date=dt.date(2009, 6, 1))
    question = next(d for d in doubts(adult_card, TODAY) if d.code == "minor-applies")
    assert question.question.startswith(
        f"Ana Silva a 17 ans{NBSP}: un enfant de moins de 18 ans n’a pas besoin de titre de séjour"
    )


@pytest.mark.usefixtures("french")
def test_a_prefecture_is_named_with_its_french_article() -> None:
    departements = load_catalogue().departements
    named = {code: prefecture_name(departements[code]) for code in ("24", "69", "01", "40", "976")}
    assert named == {
        "24": "Préfecture de la Dordogne, à Périgueux",
        "69": "Préfecture du Rhône, à Lyon",
        "01": "Préfecture de l’Ain, à Bourg-en-Bresse",
        "40": "Préfecture des Landes, à Mont-de-Marsan",
        "976": "Préfecture de Mayotte, à Mamoudzou",
    }


@pytest.mark.usefixtures("french")
def test_the_word_confidence_marks_are_french_and_the_codes_stay() -> None:
    """The dossier walk: « Seed », « Conflict » and « Inference » stayed English."""
    assert confidence_label("Inference").startswith("Déduction (")
    assert confidence_label("C2").startswith("C2 (")
    assert [line.split(NBSP)[0] for line in confidence_lines()] == [
        "C3",
        "C2",
        "S",
        "Piste",
        "Conflit",
        "Déduction",
    ]
