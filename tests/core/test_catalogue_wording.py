"""Sentences translators flagged as doubtful, each decided from the official sources.

Each test builds the checklist or reads the rule a person would see, so a wording that
drifts back to the contradiction (two ages, two size limits, two address ages, "as soon as
you arrive" against "the 2 months before the visa ends") fails here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from carte_prep.core.catalogue import catalogue_data
from carte_prep.core.catalogue.texts import texts
from carte_prep.core.model import Situation, Tracking
from carte_prep.core.procedure import decide_procedure
from rules_support import CATALOGUE, checklist_for, cites, codes, ids, item
from support import TODAY, person

WA_FAMILY_ITEMS = {"wa-family-link", "wa-briton-document"}


def every_sentence() -> Iterator[str]:
    yield from texts(catalogue_data())


def test_an_american_spouse_renewing_a_wa_card_proves_the_link_and_the_britons_right() -> None:
    spouse = checklist_for("wa-10y", "renewal", held="wa-5y", nationality="US")
    briton = checklist_for("wa-10y", "renewal", held="wa-5y", nationality="GB")
    assert ids(spouse) >= WA_FAMILY_ITEMS
    assert not WA_FAMILY_ITEMS & ids(briton), "the Briton's own right needs no link"
    for requirement_id in WA_FAMILY_ITEMS:
        requirement = item(spouse, requirement_id).requirement
        assert requirement.confidence == "Inference"
        assert cites(requirement.sources, "F35032")
        assert "F35032" in (requirement.caveat or "")
        assert "renewal" in (requirement.caveat or "")


def test_the_wa_family_items_stay_on_the_wa_cards() -> None:
    visitor = checklist_for("visiteur", "renewal", nationality="US")
    assert not WA_FAMILY_ITEMS & ids(visitor)


def test_the_wa_10_year_card_is_called_a_renewal_as_the_path_explains_it() -> None:
    summary = CATALOGUE.cards["wa-10y"].summary
    assert "treat this as a renewal" in summary
    assert "exchange" not in summary
    application = person("wa-10y", "renewal", held="wa-5y").application
    assert application is not None
    assert "treat this as a renewal" in decide_procedure(application).why


def test_proof_of_address_is_asked_under_3_months_and_the_6_month_page_is_a_conflict() -> None:
    requirement = CATALOGUE.requirements["proof-of-address"]
    assert requirement.confidence == "Conflict"
    caveat = requirement.caveat or ""
    assert "F33052" in caveat
    assert "6 months" in caveat
    assert "annexe 10 say less than 6 months" not in caveat
    assert "drawn from annexe 10 say less than 3 months" in caveat
    filing = dt.date(2027, 3, 15)
    for requirement_id, housing in (
        ("proof-of-address", "own-name"),
        ("host-proof-of-address", "hosted"),
    ):
        checklist = checklist_for(
            "visiteur",
            "renewal",
            situation=Situation(housing=housing),
            planned_filing_date=filing,
            tracking={
                requirement_id: Tracking(
                    status="gathered",
                    document_date=filing - dt.timedelta(days=96),
                    variant="bill" if housing == "hosted" else None,
                )
            },
        )
        assert not item(checklist, requirement_id).done, f"{requirement_id}: too old"


def test_the_ase_age_is_worded_one_way_everywhere() -> None:
    doubtful = ("by 16", "before 16", "by the age of 16", "before your 16th", "your 16th birthday")
    found = [s for s in every_sentence() for d in doubtful if d in s]
    assert found == []
    assert "no later than the 16th birthday" in CATALOGUE.cards["vpf-ase"].name_en
    decision = CATALOGUE.requirements["ase-placement-decision"]
    assert "no later than the 16th birthday" in decision.name_en


def test_the_anef_upload_advice_and_the_upload_set_use_the_same_size() -> None:
    limit_mb = CATALOGUE.uploads.max_file_bytes // 1_000_000
    assert limit_mb == 2
    anef = CATALOGUE.hand_in["anef"].text
    assert f"under {limit_mb} MB" in anef
    assert "10 MB per file is reported" not in anef
    assert CATALOGUE.uploads.confidence == "Inference"


def test_an_algerian_family_certificate_explains_which_length_the_passport_check_assumes() -> None:
    caveat = CATALOGUE.cards["cra-regroupement-familial"].caveat or ""
    assert "count 1 year" not in caveat
    assert "assumes the 1-year certificate" in caveat
    two_years = TODAY + dt.timedelta(days=730)
    checklist = checklist_for(
        "cra-regroupement-familial", "first-admission", passport_until=two_years
    )
    assert "passport" not in codes(checklist), "a 1-year certificate ends before the passport"


def test_the_seasonal_worker_files_in_the_2_months_before_the_visa_ends() -> None:
    checklist = checklist_for("saisonnier", "first-admission")
    notice = next(w for w in checklist.warnings if w.code == "notice-seasonal-file-on-arrival")
    assert "within the 2 months before the visa ends" in notice.message
    assert "as soon as you arrive" not in notice.message
    rule = next(n for n in CATALOGUE.notices if n.id == "seasonal-file-on-arrival")
    assert cites(rule.sources, "F21516")
