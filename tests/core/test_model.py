"""Validation of what people type: kept exactly, or refused with a message that says how."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from pydantic import ValidationError

from carte_prep.core.entry import entry_problems
from carte_prep.core.errors import explain_validation
from carte_prep.core.model import (
    NAME_MAX,
    Application,
    CurrentCard,
    EPhoto,
    Household,
    Member,
    Passport,
    Tracking,
)
from support import NAME_CORPUS


def member(**fields: object) -> Member:
    data: dict[str, object] = {
        "id": "m",
        "given_names": "Ana",
        "birth_date": dt.date(1990, 1, 1),
        "nationality": "BR",
    }
    data.update(fields)
    return Member.model_validate(data)


@pytest.mark.parametrize("name", NAME_CORPUS)
def test_names_in_any_script_are_kept(name: str) -> None:
    assert member(given_names=name).given_names == name


def test_names_are_stored_as_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "José Lefèvre")
    assert decomposed != "José Lefèvre"
    assert member(given_names=decomposed).given_names == "José Lefèvre"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Ana\x00", "control character U+0000"),
        ("Ana\nBob", "control character U+000A"),
        ("Ana\u202eBob", "direction control U+202E"),
        ("", "is empty"),
    ],
)
def test_bad_names_are_refused_with_a_reason(value: str, expected: str) -> None:
    with pytest.raises(ValidationError) as info:
        member(given_names=value)
    message = explain_validation(info.value)
    assert message.startswith("given_names: ")
    assert expected in message


def test_overlong_name_is_refused_not_truncated() -> None:
    with pytest.raises(ValidationError) as info:
        member(given_names="a" * (NAME_MAX + 1))
    assert f"the limit is {NAME_MAX}" in explain_validation(info.value)
    assert member(given_names="a" * NAME_MAX).given_names == "a" * NAME_MAX


def test_notes_keep_line_breaks_but_refuse_other_controls() -> None:
    assert Tracking(notes="line 1\r\nline 2").notes == "line 1\nline 2"
    assert Tracking(notes="زوجي 👍 \u200d ok").notes == "زوجي 👍 \u200d ok"
    with pytest.raises(ValidationError):
        Tracking(notes="bell\x07")
    with pytest.raises(ValidationError):
        Tracking(notes="tab\there")


def test_identifiers_are_strings_without_spaces() -> None:
    assert Passport(number="ab 012 345").number == "AB012345"
    assert CurrentCard(numero_etranger="0123 456 789").numero_etranger == "0123456789"
    assert CurrentCard(numero_etranger="123456789").numero_etranger == "123456789"
    for bad in ("12345678", "12345678901", "12345678A"):
        with pytest.raises(ValidationError) as info:
            CurrentCard(numero_etranger=bad)
        assert "10 digits" in explain_validation(info.value)


def test_ephoto_code_is_normalised_and_loosely_checked() -> None:
    assert EPhoto(code="ab12 cd34 ef56 gh78 ij90 kl").code == "AB12CD34EF56GH78IJ90KL"
    assert EPhoto(code="A" * 21).code == "A" * 21
    with pytest.raises(ValidationError) as info:
        EPhoto(code="short")
    assert "22 letters and digits" in explain_validation(info.value)


def test_card_dates_must_be_in_order() -> None:
    with pytest.raises(ValidationError) as info:
        CurrentCard(valid_from=dt.date(2026, 1, 2), valid_until=dt.date(2026, 1, 1))
    words = "valid_until: the end date is before the start date (02/01/2026)"
    assert words in explain_validation(info.value)


def test_unknown_card_and_impossible_procedure_are_explained() -> None:
    """The file still loads (model §4.1); entry checks say what is wrong and how to fix it."""
    unknown = Application(card_type="gold-card")
    assert "carte-prep cards" in entry_problems(unknown)["card_type"]
    impossible = Application(
        card_type="wa-5y", current_card=CurrentCard(kind="card", card_type="wa-5y")
    )
    assert "it covers: first admission" in entry_problems(impossible)["request"]
    assert (
        "duplicate after loss or theft, change of situation"
        in entry_problems(impossible)["request"]
    )
    with pytest.raises(ValidationError) as info:
        Application(card_type="visiteur", departement="99")
    assert "not a département code" in explain_validation(info.value)
    assert Application(card_type="visiteur", departement="2a").departement == "2A"


def test_nationality_is_a_country_code_read_from_names_too() -> None:
    assert member(nationality="gb").nationality == "GB"
    assert member(nationality="Algérienne").nationality == "DZ"
    assert member(nationality=None).nationality is None
    with pytest.raises(ValidationError) as info:
        member(nationality="Atlantis")
    assert "two-letter code" in explain_validation(info.value)


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        Household.model_validate({"id": "h", "name": "H", "colour": "blue"})
    assert "colour: is not a known field" in explain_validation(info.value)


def test_household_consistency() -> None:
    with pytest.raises(ValidationError) as info:
        Household.model_validate(
            {"id": "h", "name": "H", "members": [member().model_dump(), member().model_dump()]}
        )
    assert "used twice" in explain_validation(info.value)
    with pytest.raises(ValidationError) as info:
        Household.model_validate(
            {
                "id": "h",
                "name": "H",
                "shared": [{"requirement": "proof-of-address", "members": ["ghost"]}],
            }
        )
    assert "unknown member 'ghost'" in explain_validation(info.value)
    with pytest.raises(ValidationError) as info:
        Household(id="Bad Id", name="H")
    assert "lower-case letters" in explain_validation(info.value)


def test_json_schema_is_generated() -> None:
    schema = Household.model_json_schema()
    assert schema["additionalProperties"] is False
    assert "members" in schema["properties"]


def test_extra_document_request_dates_must_be_in_order() -> None:
    from carte_prep.core.model import ExtraDocumentsRequest

    received = dt.date(2026, 11, 1)
    with pytest.raises(ValidationError) as info:
        ExtraDocumentsRequest(received_on=received, deadline=dt.date(2026, 10, 1), what="x")
    assert "deadline: the deadline is before the day the request came" in explain_validation(
        info.value
    )
    with pytest.raises(ValidationError) as info:
        ExtraDocumentsRequest(
            received_on=received,
            deadline=dt.date(2026, 12, 1),
            what="x",
            sent_on=dt.date(2026, 10, 30),
        )
    assert "sent_on: the day sent is before the day the request came" in explain_validation(
        info.value
    )
