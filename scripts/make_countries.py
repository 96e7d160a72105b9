"""Write src/carte_prep/core/catalogue/countries.toml: every nationality carte-prep knows.

Country names in English and French come from the Unicode CLDR through Babel (a
development-time tool only: the app reads the generated file, never Babel). CLDR has no
words for nationalities, so the English demonyms, the French adjectives and the usual
short names below are written here by hand; they let an old free-text nationality
("British", "algérienne", "USA") be turned into its code. Run after a Babel upgrade:
``.venv/bin/pip install babel && .venv/bin/python scripts/make_countries.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import babel
from babel import Locale
from babel.core import get_cldr_version

TARGET = Path(__file__).resolve().parents[1] / "src/carte_prep/core/catalogue/countries.toml"

NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "IC", "EA", "DG", "CP", "TA", "AC", "CQ"}
"""CLDR regions that are not ISO 3166-1 countries (Kosovo, XK, is kept: it issues passports)."""

EU_EEA_CH = {
    *[
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ],
    *["IS", "LI", "NO", "CH"],
}
"""Nationals who need no residence card (EU, EEA, Switzerland): no turning-18 reminder."""

WORDS: dict[str, str] = {
    "AF": "Afghan; afghan, afghane",
    "AL": "Albanian; albanais, albanaise",
    "DZ": "Algerian; algérien, algérienne",
    "AO": "Angolan; angolais, angolaise",
    "AR": "Argentine, Argentinian; argentin, argentine",
    "AM": "Armenian; arménien, arménienne",
    "AU": "Australian; australien, australienne",
    "AT": "Austrian; autrichien, autrichienne",
    "AZ": "Azerbaijani, Azeri; azerbaïdjanais, azerbaïdjanaise",
    "BD": "Bangladeshi; bangladais, bangladaise",
    "BY": "Belarusian; biélorusse",
    "BE": "Belgian; belge",
    "BJ": "Beninese; béninois, béninoise",
    "BO": "Bolivian; bolivien, bolivienne",
    "BA": "Bosnian; bosnien, bosnienne, bosniaque",
    "BR": "Brazilian; brésilien, brésilienne",
    "BG": "Bulgarian; bulgare",
    "BF": "Burkinabe, Burkinabé; burkinabè",
    "BI": "Burundian; burundais, burundaise",
    "KH": "Cambodian; cambodgien, cambodgienne",
    "CM": "Cameroonian; camerounais, camerounaise",
    "CA": "Canadian; canadien, canadienne",
    "CV": "Cape Verdean; cap-verdien, cap-verdienne",
    "CF": "Central African; centrafricain, centrafricaine",
    "TD": "Chadian; tchadien, tchadienne",
    "CL": "Chilean; chilien, chilienne",
    "CN": "Chinese; chinois, chinoise",
    "CO": "Colombian; colombien, colombienne",
    "KM": "Comorian; comorien, comorienne",
    "CG": "Congolese (Brazzaville); congolais (Brazzaville), congolaise (Brazzaville)",
    "CD": "Congolese (Kinshasa), Congolese (DRC), DR Congo, DRC; "
    "congolais (RDC), congolaise (RDC), RDC",
    "CR": "Costa Rican; costaricien, costaricienne",
    "CI": "Ivorian; ivoirien, ivoirienne, Côte d'Ivoire",
    "HR": "Croatian; croate",
    "CU": "Cuban; cubain, cubaine",
    "CY": "Cypriot; chypriote",
    "CZ": "Czech; tchèque",
    "DK": "Danish, Dane; danois, danoise",
    "DJ": "Djiboutian; djiboutien, djiboutienne",
    "DO": "Dominican (Republic); dominicain, dominicaine",
    "EC": "Ecuadorian; équatorien, équatorienne",
    "EG": "Egyptian; égyptien, égyptienne",
    "SV": "Salvadoran; salvadorien, salvadorienne",
    "GQ": "Equatorial Guinean; équato-guinéen, équato-guinéenne",
    "ER": "Eritrean; érythréen, érythréenne",
    "EE": "Estonian; estonien, estonienne",
    "ET": "Ethiopian; éthiopien, éthiopienne",
    "FI": "Finnish, Finn; finlandais, finlandaise",
    "FR": "French; français, française",
    "GA": "Gabonese; gabonais, gabonaise",
    "GM": "Gambian; gambien, gambienne",
    "GE": "Georgian; géorgien, géorgienne",
    "DE": "German; allemand, allemande",
    "GH": "Ghanaian; ghanéen, ghanéenne",
    "GB": "British, UK, U.K., Great Britain, England, English, Scottish, Welsh, "
    "Northern Irish; britannique, anglais, anglaise, écossais, écossaise, gallois, galloise",
    "GR": "Greek; grec, grecque",
    "GT": "Guatemalan; guatémaltèque",
    "GN": "Guinean; guinéen, guinéenne, Guinée-Conakry",
    "GW": "Bissau-Guinean; bissau-guinéen, bissau-guinéenne",
    "HT": "Haitian; haïtien, haïtienne",
    "HN": "Honduran; hondurien, hondurienne",
    "HU": "Hungarian; hongrois, hongroise",
    "IS": "Icelandic, Icelander; islandais, islandaise",
    "IN": "Indian; indien, indienne",
    "ID": "Indonesian; indonésien, indonésienne",
    "IR": "Iranian, Persian; iranien, iranienne",
    "IQ": "Iraqi; irakien, irakienne",
    "IE": "Irish; irlandais, irlandaise",
    "IL": "Israeli; israélien, israélienne",
    "IT": "Italian; italien, italienne",
    "JM": "Jamaican; jamaïcain, jamaïcaine",
    "JP": "Japanese; japonais, japonaise",
    "JO": "Jordanian; jordanien, jordanienne",
    "KZ": "Kazakh, Kazakhstani; kazakh, kazakhe",
    "KE": "Kenyan; kényan, kényane",
    "XK": "Kosovar, Kosovan; kosovar, kosovare",
    "KW": "Kuwaiti; koweïtien, koweïtienne",
    "KG": "Kyrgyz; kirghiz, kirghize",
    "LA": "Lao, Laotian; laotien, laotienne",
    "LV": "Latvian; letton, lettone",
    "LB": "Lebanese; libanais, libanaise",
    "LR": "Liberian; libérien, libérienne",
    "LY": "Libyan; libyen, libyenne",
    "LT": "Lithuanian; lituanien, lituanienne",
    "LU": "Luxembourgish, Luxembourger; luxembourgeois, luxembourgeoise",
    "MG": "Malagasy, Madagascan; malgache",
    "MW": "Malawian; malawite",
    "MY": "Malaysian; malaisien, malaisienne",
    "ML": "Malian; malien, malienne",
    "MT": "Maltese; maltais, maltaise",
    "MR": "Mauritanian; mauritanien, mauritanienne",
    "MU": "Mauritian; mauricien, mauricienne",
    "MX": "Mexican; mexicain, mexicaine",
    "MD": "Moldovan; moldave",
    "MN": "Mongolian; mongol, mongole",
    "ME": "Montenegrin; monténégrin, monténégrine",
    "MA": "Moroccan; marocain, marocaine",
    "MZ": "Mozambican; mozambicain, mozambicaine",
    "MM": "Burmese, Myanmar; birman, birmane",
    "NA": "Namibian; namibien, namibienne",
    "NP": "Nepali, Nepalese; népalais, népalaise",
    "NL": "Dutch, Netherlander; néerlandais, néerlandaise, hollandais, hollandaise",
    "NZ": "New Zealander, Kiwi; néo-zélandais, néo-zélandaise",
    "NI": "Nicaraguan; nicaraguayen, nicaraguayenne",
    "NE": "Nigerien; nigérien, nigérienne",
    "NG": "Nigerian; nigérian, nigériane",
    "KP": "North Korean; nord-coréen, nord-coréenne",
    "MK": "Macedonian, North Macedonian; macédonien, macédonienne",
    "NO": "Norwegian; norvégien, norvégienne",
    "OM": "Omani; omanais, omanaise",
    "PK": "Pakistani; pakistanais, pakistanaise",
    "PS": "Palestinian; palestinien, palestinienne",
    "PA": "Panamanian; panaméen, panaméenne",
    "PY": "Paraguayan; paraguayen, paraguayenne",
    "PE": "Peruvian; péruvien, péruvienne",
    "PH": "Filipino, Philippine; philippin, philippine",
    "PL": "Polish, Pole; polonais, polonaise",
    "PT": "Portuguese; portugais, portugaise",
    "QA": "Qatari; qatarien, qatarienne",
    "RO": "Romanian; roumain, roumaine",
    "RU": "Russian; russe",
    "RW": "Rwandan; rwandais, rwandaise",
    "SA": "Saudi, Saudi Arabian; saoudien, saoudienne",
    "SN": "Senegalese; sénégalais, sénégalaise",
    "RS": "Serbian, Serb; serbe",
    "SL": "Sierra Leonean; sierra-léonais, sierra-léonaise",
    "SG": "Singaporean; singapourien, singapourienne",
    "SK": "Slovak; slovaque",
    "SI": "Slovenian, Slovene; slovène",
    "SO": "Somali; somalien, somalienne",
    "ZA": "South African; sud-africain, sud-africaine",
    "KR": "South Korean, Korean; sud-coréen, sud-coréenne, coréen, coréenne",
    "SS": "South Sudanese; sud-soudanais, sud-soudanaise",
    "ES": "Spanish, Spaniard; espagnol, espagnole",
    "LK": "Sri Lankan; sri-lankais, sri-lankaise",
    "SD": "Sudanese; soudanais, soudanaise",
    "SE": "Swedish, Swede; suédois, suédoise",
    "CH": "Swiss; suisse",
    "SY": "Syrian; syrien, syrienne",
    "TW": "Taiwanese; taïwanais, taïwanaise",
    "TJ": "Tajik; tadjik, tadjike",
    "TZ": "Tanzanian; tanzanien, tanzanienne",
    "TH": "Thai; thaïlandais, thaïlandaise",
    "TG": "Togolese; togolais, togolaise",
    "TN": "Tunisian; tunisien, tunisienne",
    "TR": "Turkish, Turk, Turkey; turc, turque",
    "TM": "Turkmen; turkmène",
    "UG": "Ugandan; ougandais, ougandaise",
    "UA": "Ukrainian; ukrainien, ukrainienne",
    "AE": "Emirati, UAE; émirien, émirienne, EAU",
    "US": "American, US, U.S., USA, U.S.A., United States of America; américain, américaine",
    "UY": "Uruguayan; uruguayen, uruguayenne",
    "UZ": "Uzbek; ouzbek, ouzbèke",
    "VE": "Venezuelan; vénézuélien, vénézuélienne",
    "VN": "Vietnamese; vietnamien, vietnamienne",
    "YE": "Yemeni; yéménite",
    "ZM": "Zambian; zambien, zambienne",
    "ZW": "Zimbabwean; zimbabwéen, zimbabwéenne",
}


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def main() -> None:
    english, french = Locale("en").territories, Locale("fr").territories
    codes = sorted(
        code for code in english if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    )
    unknown = sorted(set(WORDS) - set(codes))
    if unknown:
        raise SystemExit(f"nationality words for unknown codes: {unknown}")
    lines = [
        "# Every nationality carte-prep knows: ISO 3166-1 alpha-2 code, names in English and",
        f"# French from the Unicode CLDR {get_cldr_version()} (Babel {babel.__version__}), and",
        "# hand-written nationality words used to read old free-text nationalities.",
        "# Generated by scripts/make_countries.py: do not edit by hand.",
        "",
    ]
    for code in codes:
        lines += [
            "[[country]]",
            f"code = {_toml(code)}",
            f"name_en = {_toml(english[code])}",
            f"name_fr = {_toml(french[code])}",
        ]
        if code in EU_EEA_CH:
            lines.append("free_movement = true")
        if code in WORDS:
            words = [w.strip() for part in WORDS[code].split(";") for w in part.split(",")]
            unique = list({w.casefold(): w for w in reversed(words) if w}.values())[::-1]
            lines.append("words = [" + ", ".join(_toml(w) for w in unique) + "]")
        lines.append("")
    TARGET.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {len(codes)} countries to {TARGET}")


if __name__ == "__main__":
    main()
