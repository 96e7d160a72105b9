"""``apply``: a household and an edit give the new household, validated as a whole.

Pure: it reads the catalogue, never the disk. A scan is checked (and copied) by the
front end before its entry is attached.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from carte_prep.core.catalogue import Catalogue, load_catalogue
from carte_prep.core.edits.kinds import (
    AddAttachments,
    AddMember,
    AddReceipt,
    AddRequest,
    AfterFilingEdit,
    CycleStatus,
    Edit,
    ItemEdit,
    MarkRequestSent,
    RemoveAttachment,
    RemoveMember,
    RemoveReceipt,
    RemoveRequest,
    RenameHousehold,
    SetAddress,
    SetCardReady,
    SetCollection,
    SetEPhoto,
    SetFiledOn,
    SetItem,
    SetTimbre,
    Share,
    ToggleGathered,
    ToggleShare,
    ToggleTranslated,
    UpdateMember,
)
from carte_prep.core.entry import entry_problems
from carte_prep.core.errors import EditError, explain_validation, field_problems, location
from carte_prep.core.households import remove_member, upsert_member
from carte_prep.core.model import AfterFiling, Household, Member, PostalAddress
from carte_prep.core.tracking import requirement, share_document, tracking_for, update_tracking
from carte_prep.core.vocab import DONE_STATUSES, NEXT_STATUS
from carte_prep.i18n import _


def apply(household: Household, edit: Edit, *, catalogue: Catalogue | None = None) -> Household:
    """The household after one edit, validated as a whole.

    Raises :class:`~carte_prep.core.errors.NotFoundError` for an unknown member or item
    and :class:`~carte_prep.core.errors.EditError` (naming the field) for a value the
    household cannot take; the household given is never changed.
    """
    catalogue = catalogue or load_catalogue()
    match edit:
        case (
            SetItem()
            | ToggleGathered()
            | CycleStatus()
            | ToggleTranslated()
            | AddAttachments()
            | RemoveAttachment()
        ):
            changed = _item(household, edit, catalogue)
        case Share(requirement_id, member_ids):
            changed = share_document(household, requirement_id, list(member_ids), catalogue)
        case ToggleShare(requirement_id, member_id):
            changed = _toggle_share(household, requirement_id, member_id, catalogue)
        case AddMember(member) | UpdateMember(member):
            changed = _put(household, edit, member, catalogue)
        case RemoveMember(member_id):
            changed = remove_member(household, member_id)
        case RenameHousehold(name):
            changed = _validated(household, {**household.model_dump(), "name": name}, "name")
        case SetAddress(member_id, address):
            changed = _address(household, member_id, address)
        case SetEPhoto(member_id, ephoto):
            changed = _application(household, member_id, ephoto=ephoto)
        case _:
            changed = _after_filing(household, edit)
    return _validated(household, changed.model_dump())


def _validated(household: Household, data: dict[str, Any], field: str = "") -> Household:
    """The household from plain data, or an EditError naming the first field refused."""
    try:
        return Household.model_validate(data)
    except ValidationError as exc:
        problems = field_problems(exc)
        raise EditError(
            explain_validation(exc, where=household.id),
            field=field or location(problems[0][0]),
            problems=problems,
        ) from None


def _item(household: Household, edit: ItemEdit, catalogue: Catalogue) -> Household:
    member_id, requirement_id = edit.member_id, edit.requirement_id
    current = tracking_for(household, member_id, requirement_id)
    changes: dict[str, Any]
    match edit:
        case SetItem():
            changes = edit.changes()
            variant = changes.get("variant")
            if variant is not None:
                _check_variant(requirement_id, variant, catalogue)
        case ToggleGathered():
            changes = {"status": "todo" if current.status in DONE_STATUSES else "gathered"}
        case CycleStatus():
            changes = {"status": NEXT_STATUS[current.status]}
        case ToggleTranslated():
            changes = {"translated": not current.translated}
        case AddAttachments(entries=entries):
            changes = {"attachments": list(dict.fromkeys([*current.attachments, *entries]))}
        case RemoveAttachment(index=index):
            if not 0 <= index < len(current.attachments):
                raise EditError(
                    _("{item}: there is no attached file {number}").format(
                        item=requirement_id, number=index + 1
                    ),
                    "attachments",
                )
            attachments = list(current.attachments)
            del attachments[index]
            changes = {"attachments": attachments}
    return update_tracking(household, member_id, requirement_id, catalogue, **changes)


def _check_variant(requirement_id: str, variant: str, catalogue: Catalogue) -> None:
    kinds = {v.id: v.label for v in requirement(requirement_id, catalogue).variants}
    if variant not in kinds:
        known = "; ".join(f"{k} ({label})" for k, label in kinds.items())
        choose = (
            _("choose one of: {kinds}").format(kinds=known)
            if known
            else _("this item has only one kind")
        )
        raise EditError(
            _("{variant} is not a kind of document for {item}; {choose}").format(
                variant=repr(variant), item=repr(requirement_id), choose=choose
            ),
            "variant",
        )


def _toggle_share(
    household: Household, requirement_id: str, member_id: str, catalogue: Catalogue
) -> Household:
    household.find_member(member_id)
    evidence = household.shared_document(requirement_id)
    members = list(evidence.members) if evidence else []
    if member_id in members:
        members.remove(member_id)
    else:
        members.append(member_id)
    return share_document(household, requirement_id, members, catalogue)


def _put(
    household: Household, edit: AddMember | UpdateMember, member: Member, catalogue: Catalogue
) -> Household:
    exists = any(m.id == member.id for m in household.members)
    if isinstance(edit, AddMember) and exists:
        raise EditError(
            _("member {member} already exists in {household}; choose another id").format(
                member=repr(member.id), household=household.id
            ),
            "id",
        )
    if isinstance(edit, UpdateMember):
        household.find_member(member.id)
    if member.application is not None:
        problems = entry_problems(member.application, catalogue, nationality=member.nationality)
        if problems:
            field, message = next(iter(problems.items()))
            raise EditError(f"{field}: {message}", f"application.{field}")
    return upsert_member(household, member)


def _address(
    household: Household, member_id: str | None, address: PostalAddress | None
) -> Household:
    if member_id is None:
        return household.model_copy(update={"address": address})
    member = household.find_member(member_id)
    return upsert_member(household, member.model_copy(update={"address": address}))


def _application(household: Household, member_id: str, **changes: Any) -> Household:
    """The household with parts of one member's application replaced."""
    member = household.find_member(member_id)
    if member.application is None:
        raise EditError(
            _("{name} has no application: nothing to record").format(name=member.display_name),
            "application",
        )
    application = member.application.model_copy(update=changes)
    return upsert_member(household, member.model_copy(update={"application": application}))


def _entry(entries: list[Any], index: int, what: str, household: Household, member_id: str) -> None:
    if not 0 <= index < len(entries):
        missing = (
            _("there is no receipt {number}; run 'carte-prep log {household} {member}' to see them")
            if what == "receipt"
            else _(
                "there is no request {number}; "
                "run 'carte-prep log {household} {member}' to see them"
            )
        )
        raise EditError(
            missing.format(number=index + 1, household=household.id, member=member_id), what
        )


def _after_filing(household: Household, edit: AfterFilingEdit) -> Household:
    member = household.find_member(edit.member_id)
    if member.application is None:
        raise EditError(
            _("{name} has no application: nothing to log").format(name=member.display_name),
            "application",
        )
    log = member.application.after_filing
    receipts, requests = list(log.receipts), list(log.requests)
    changes: dict[str, Any]
    match edit:
        case SetFiledOn(on=on):
            changes = {"filed_on": on}
        case AddReceipt(receipt=receipt):
            changes = {"receipts": [*receipts, receipt]}
        case RemoveReceipt(index=index):
            _entry(receipts, index, "receipt", household, member.id)
            del receipts[index]
            changes = {"receipts": receipts}
        case AddRequest(request=request):
            changes = {"requests": [*requests, request]}
        case RemoveRequest(index=index):
            _entry(requests, index, "request", household, member.id)
            del requests[index]
            changes = {"requests": requests}
        case MarkRequestSent(index=index, on=on):
            _entry(requests, index, "request", household, member.id)
            requests[index] = requests[index].model_copy(update={"sent_on": on})
            changes = {"requests": requests}
        case SetCardReady(on=on):
            changes = {"card_ready_on": on}
        case SetTimbre(timbre=timbre):
            changes = {"timbre": timbre}
        case SetCollection(collection=collection):
            kept = collection.model_copy(update={"kind": "collection"}) if collection else None
            changes = {"collection": kept}
    try:
        updated = AfterFiling.model_validate({**log.model_dump(), **_dumped(changes)})
    except ValidationError as exc:
        problems = field_problems(exc)
        raise EditError(
            explain_validation(exc, where=f"{household.id}/{member.id}"),
            location(problems[0][0]),
            problems,
        ) from None
    return _application(household, member.id, after_filing=updated)


def _dumped(changes: dict[str, Any]) -> dict[str, Any]:
    """Models as plain data, so that validating the log checks them again as a whole."""

    def plain(value: Any) -> Any:
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.model_dump() if hasattr(value, "model_dump") else value

    return {name: plain(value) for name, value in changes.items()}
