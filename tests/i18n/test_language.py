"""Choosing the language, and writing amounts the way each language does."""

from __future__ import annotations

import pytest

from carte_prep.i18n import chosen_language, format_money, language_from_locale, set_language


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "ar_MA.UTF-8"}, "fr"),  # Maghreb: French is the written second language
        ({"LANG": "wo_SN"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANGUAGE": "de:fr", "LANG": "en_US"}, "fr"),  # the first listed that we speak
        ({"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR"}, "en"),  # LC_ALL outranks LANG
    ],
)
def test_the_locale_picks_the_language(environ: dict[str, str], expected: str) -> None:
    assert language_from_locale(environ) == expected


def test_the_flag_wins_over_the_setting_which_wins_over_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from carte_prep.core.paths import settings_path

    monkeypatch.setenv("LANGUAGE", "")
    fr_machine = {"LANG": "fr_FR.UTF-8"}
    assert chosen_language(None, fr_machine) == "fr"
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('language = "en"\n', encoding="utf-8")
    assert chosen_language(None, fr_machine) == "en"
    assert chosen_language("fr", fr_machine) == "fr"
    settings_path().write_text('language = "klingon"\n', encoding="utf-8")
    assert chosen_language(None, fr_machine) == "fr"  # a bad setting falls back to the locale


def test_amounts_follow_each_language_conventions() -> None:
    assert [format_money(a) for a in (350, 1823.03, 0)] == ["€350", "€1,823.03", "€0"]
    set_language("fr")
    assert [format_money(a) for a in (350, 1823.03, 0)] == [
        "350\u00a0€",
        "1\u00a0823,03\u00a0€",
        "0\u00a0€",
    ]


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="choose one of en, fr"):
        set_language("de")  # type: ignore[arg-type]
