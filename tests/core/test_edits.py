"""Every change a person can make, applied headless: the result, and the refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from carte_prep.core import edits as e
from carte_prep.core.errors import EditError, InvalidInputError, NotFoundError
from carte_prep.core.model import (
    Appointment,
    ExtraDocumentsRequest,
    Household,
    Member,
    Receipt,
)
from carte_prep.core.storage import Store
from edit_samples import RECEIPT, REQUEST, SAMPLES, Sample, edit_types
from support import PROFILES, household_of, person


def example(household_id: str) -> Household:
    return Store(PROFILES).load(household_id)


def prepared(sample: Sample) -> Household:
    household = example(sample.household_id)
    for edit in sample.setup:
        household = e.apply(household, edit)
    return household


def test_every_edit_type_has_a_sample() -> None:
    assert {type(s.edit) for s in SAMPLES} == edit_types()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: e.describe(s.edit))
def test_each_edit_changes_a_copy_and_gives_a_valid_household(sample: Sample) -> None:
    before = prepared(sample)
    kept = before.model_copy(deep=True)
    after = e.apply(before, sample.edit)
    assert after != before
    assert before == kept, "the household given is never changed"
    assert Household.model_validate(after.model_dump()) == after


def _status(household: Household, member_id: str, requirement_id: str) -> str:
    return household.member(member_id).tracking[requirement_id].status


def test_toggle_gathered_goes_between_gathered_and_to_do() -> None:
    household = example("thompson-family")
    assert _status(household, "david", "passport") == "gathered"
    household = e.apply(household, e.ToggleGathered("david", "passport"))
    assert _status(household, "david", "passport") == "todo"
    household = e.apply(household, e.ToggleGathered("david", "passport"))
    assert _status(household, "david", "passport") == "gathered"
    handed_in = e.apply(household, e.SetItem("david", "passport", status="handed-in"))
    toggled = e.apply(handed_in, e.ToggleGathered("david", "passport"))
    assert _status(toggled, "david", "passport") == "todo"


def test_cycling_the_status_visits_each_status_once_and_comes_back() -> None:
    household = example("thompson-family")
    seen = []
    for _ in range(5):
        household = e.apply(household, e.CycleStatus("david", "passport"))
        seen.append(_status(household, "david", "passport"))
    assert seen == ["handed-in", "not-applicable", "todo", "requested", "gathered"]


def test_set_item_changes_only_what_it_names() -> None:
    household = example("thompson-family")
    before = household.member("david").tracking["passport"]
    after = e.apply(household, e.SetItem("david", "passport", notes="blue folder"))
    tracking = after.member("david").tracking["passport"]
    assert tracking.notes == "blue folder"
    assert tracking.model_copy(update={"notes": before.notes}) == before
    cleared = e.apply(after, e.SetItem("david", "passport", document_date=None))
    assert cleared.member("david").tracking["passport"].document_date is None


def test_a_shared_document_changes_for_everyone_it_serves() -> None:
    household = example("thompson-family")
    sharers = household.shared_document("proof-of-address")
    assert sharers is not None
    assert len(sharers.members) > 1
    ticked = e.apply(
        household, e.SetItem(sharers.members[-1], "proof-of-address", status="handed-in")
    )
    shared = ticked.shared_document("proof-of-address")
    assert shared is not None
    assert shared.tracking.status == "handed-in"


def test_a_member_who_stops_sharing_keeps_a_copy_and_can_join_again() -> None:
    household = example("thompson-family")
    shared = household.shared_document("proof-of-address")
    assert shared is not None
    leaving = shared.members[-1]
    left = e.apply(household, e.ToggleShare("proof-of-address", leaving))
    now = left.shared_document("proof-of-address")
    assert now is not None
    assert leaving not in now.members
    assert left.member(leaving).tracking["proof-of-address"] == shared.tracking
    back = e.apply(left, e.ToggleShare("proof-of-address", leaving))
    again = back.shared_document("proof-of-address")
    assert again is not None
    assert again.members == [*now.members, leaving]


def test_sharing_with_nobody_ends_the_household_document() -> None:
    household = example("thompson-family")
    alone = e.apply(household, e.Share("proof-of-address", ()))
    assert alone.shared_document("proof-of-address") is None


def test_a_personal_document_cannot_be_shared() -> None:
    with pytest.raises(InvalidInputError, match="personal"):
        e.apply(example("thompson-family"), e.ToggleShare("passport", "david"))


def test_attachments_are_not_listed_twice_and_are_removed_by_position() -> None:
    household = example("thompson-family")
    one = e.apply(household, e.AddAttachments("david", "passport", ("/a.pdf", "/b.pdf")))
    two = e.apply(one, e.AddAttachments("david", "passport", ("/b.pdf", "/c.pdf")))
    assert two.member("david").tracking["passport"].attachments == ["/a.pdf", "/b.pdf", "/c.pdf"]
    removed = e.apply(two, e.RemoveAttachment("david", "passport", 1))
    assert removed.member("david").tracking["passport"].attachments == ["/a.pdf", "/c.pdf"]
    with pytest.raises(EditError, match="no attached file 4") as refused:
        e.apply(removed, e.RemoveAttachment("david", "passport", 3))
    assert refused.value.field == "attachments"


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        (
            e.SetItem("david", "passport", document_date=dt.date(1800, 1, 1)),
            "document_date",
            "year",
        ),
        (e.SetItem("david", "passport", notes="x" * 20_000), "notes", "passport: notes"),
        (e.SetItem("emily", "host-proof-of-address", variant="lease"), "variant", "choose one of"),
        (e.SetItem("david", "passport", variant="bill"), "variant", "only one kind"),
        (e.RenameHousehold("  "), "name", "is empty"),
        (
            e.AddMember(Member(id="david", given_names="D", birth_date=dt.date(1990, 1, 1))),
            "id",
            "already exists",
        ),
        (
            e.MarkRequestSent("david", 0, dt.date(2027, 1, 1)),
            "request",
            "there is no request 1; run 'carte-prep log thompson-family david'",
        ),
        (e.RemoveReceipt("david", 2), "receipt", "no receipt 3"),
    ],
)
def test_a_refused_edit_names_the_field(edit: e.Edit, field: str, words: str) -> None:
    with pytest.raises(EditError) as refused:
        e.apply(example("thompson-family"), edit)
    assert refused.value.field == field
    assert words in str(refused.value)


def test_a_date_out_of_order_names_the_later_date_and_keeps_its_problems() -> None:
    household = e.apply(example("thompson-family"), e.AddRequest("david", REQUEST))
    with pytest.raises(
        EditError, match="the day sent is before the day the request came"
    ) as refused:
        e.apply(household, e.MarkRequestSent("david", 0, dt.date(2026, 1, 1)))
    assert refused.value.field == "requests[0].sent_on"
    assert str(refused.value).startswith("thompson-family/david: requests[0].sent_on: ")
    assert [loc for loc, _ in refused.value.problems] == [("requests", 0, "sent_on")]


def test_a_receipt_that_cannot_be_valid_is_refused_as_a_whole() -> None:
    broken = Receipt.model_construct(
        kind="recepisse", issued_on=dt.date(2027, 3, 1), valid_until=dt.date(2027, 1, 1)
    )
    with pytest.raises(
        EditError, match="valid_until: the end date is before the day it was issued"
    ):
        e.apply(example("thompson-family"), e.AddReceipt("david", broken))


def test_unknown_members_and_items_are_not_found() -> None:
    household = example("thompson-family")
    with pytest.raises(NotFoundError, match=r"no member .ghost..*david, margaret, emily"):
        e.apply(household, e.CycleStatus("ghost", "passport"))
    with pytest.raises(NotFoundError, match="no checklist item 'ghost'"):
        e.apply(household, e.CycleStatus("david", "ghost"))
    ghost = Member(id="ghost", given_names="G", birth_date=dt.date(1990, 1, 1))
    with pytest.raises(NotFoundError):
        e.apply(household, e.UpdateMember(ghost))
    with pytest.raises(NotFoundError):
        e.apply(household, e.RemoveMember("ghost"))


def test_a_member_is_checked_against_the_catalogue_when_typed() -> None:
    household = example("thompson-family")
    david = household.member("david")
    assert david.application is not None
    unknown = david.model_copy(
        update={"application": david.application.model_copy(update={"card_type": "spaceman"})}
    )
    with pytest.raises(EditError, match="card_type: 'spaceman' is not a known card") as refused:
        e.apply(household, e.UpdateMember(unknown))
    assert refused.value.field == "application.card_type"


def test_after_filing_needs_an_application() -> None:
    household = household_of(
        person("visiteur", "first-admission"),
        Member(id="kid", given_names="Kid", birth_date=dt.date(2020, 1, 1)),
    )
    for edit in (e.SetFiledOn("kid", dt.date(2026, 1, 1)), e.SetEPhoto("kid", None)):
        with pytest.raises(EditError, match="Kid has no application"):
            e.apply(household, edit)


def test_the_after_filing_log_keeps_its_entries_in_order() -> None:
    household = example("thompson-family")
    later = RECEIPT.model_copy(update={"kind": "prolongation"})
    for edit in (e.AddReceipt("david", RECEIPT), e.AddReceipt("david", later)):
        household = e.apply(household, edit)
    household = e.apply(household, e.RemoveReceipt("david", 0))
    application = household.member("david").application
    assert application is not None
    assert [r.kind for r in application.after_filing.receipts] == ["prolongation"]


def test_the_collection_is_always_a_collection_appointment() -> None:
    household = e.apply(
        example("thompson-family"),
        e.SetCollection("david", Appointment(kind="renewal", date=dt.date(2026, 12, 3))),
    )
    application = household.member("david").application
    assert application is not None
    assert application.after_filing.collection is not None
    assert application.after_filing.collection.kind == "collection"


def test_removing_a_member_frees_their_household_documents() -> None:
    household = e.apply(example("thompson-family"), e.RemoveMember("margaret"))
    assert [m.id for m in household.members] == ["david", "emily"]
    assert all("margaret" not in s.members for s in household.shared)


def test_describe_says_what_an_edit_changes_in_words() -> None:
    assert e.describe(e.SetItem("emily", "passport", status="todo", notes="x")) == (
        "status, note (emily, passport)"
    )
    assert e.describe(e.RenameHousehold("x")) == "household name"
    assert e.describe(e.AddMember(person("visiteur", "first-admission"))) == "member added (ana)"
    assert e.describe(e.AddRequest("ana", REQUEST)) == "request for documents added (ana)"


def test_an_edit_reads_no_file(tmp_path: Path) -> None:
    """Attaching records the entry given: checking and copying the file is not apply's job."""
    missing = str(tmp_path / "not-there.pdf")
    household = e.apply(
        example("thompson-family"), e.AddAttachments("david", "passport", (missing,))
    )
    assert household.member("david").tracking["passport"].attachments == [missing]


def test_a_request_can_be_unsent() -> None:
    household = example("thompson-family")
    for edit in (
        e.AddRequest("david", ExtraDocumentsRequest.model_validate(REQUEST.model_dump())),
        e.MarkRequestSent("david", 0, dt.date(2026, 11, 26)),
        e.MarkRequestSent("david", 0, None),
    ):
        household = e.apply(household, edit)
    application = household.member("david").application
    assert application is not None
    assert application.after_filing.requests[0].sent_on is None


def test_a_member_who_joins_a_shared_document_brings_their_note_and_scans() -> None:
    household = example("thompson-family")
    shared = household.shared_document("proof-of-address")
    assert shared is not None
    joining = shared.members[-1]
    left = e.apply(household, e.ToggleShare("proof-of-address", joining))
    noted = e.apply(
        left,
        e.SetItem(joining, "proof-of-address", notes="Ask EDF for a new bill in January"),
    )
    noted = e.apply(noted, e.AddAttachments(joining, "proof-of-address", ("/scans/edf.pdf",)))
    back = e.apply(noted, e.ToggleShare("proof-of-address", joining))
    record = back.shared_document("proof-of-address")
    assert record is not None
    name = back.member(joining).display_name
    assert f"{name}: Ask EDF for a new bill in January" in record.tracking.notes
    assert "/scans/edf.pdf" in record.tracking.attachments


def test_sharing_keeps_every_members_note_and_says_who_wrote_it() -> None:
    household = example("thompson-family")
    alone = e.apply(household, e.Share("proof-of-address", ()))
    first, second = (m.id for m in alone.members[:2])
    alone = e.apply(alone, e.SetItem(first, "proof-of-address", notes="lease in the blue folder"))
    alone = e.apply(alone, e.SetItem(second, "proof-of-address", notes="ask EDF for a bill"))
    shared = e.apply(alone, e.Share("proof-of-address", (first, second)))
    record = shared.shared_document("proof-of-address")
    assert record is not None
    assert record.tracking.notes.splitlines() == [
        f"{alone.member(first).display_name}: lease in the blue folder",
        f"{alone.member(second).display_name}: ask EDF for a bill",
    ]
    assert e.apply(shared, e.Share("proof-of-address", (first, second))) == shared


def test_with_the_household_an_edit_names_the_member_and_the_document(tmp_path: Path) -> None:
    """Review 18: the undo toast said internal ids ('current-residence-document')."""
    from carte_prep.examples import copy_examples

    copy_examples(tmp_path)
    household = Store(tmp_path).load("thompson-family")
    edit = e.SetItem("emily", "passport", status="todo")
    assert e.describe(edit) == "status (emily, passport)"
    assert e.describe(edit, household) == "status (Emily Rose, Valid passport)"
