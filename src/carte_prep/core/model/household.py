"""The saved root: a household, its members with their passports and contact details,
and the documents shared between members."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from carte_prep.core.errors import NotFoundError
from carte_prep.core.model.application import Application, Tracking
from carte_prep.core.model.values import (
    LINE_MAX,
    Day,
    ItemId,
    Line,
    Model,
    Name,
    Nationality,
    RequiredLine,
    Slug,
    compact,
)
from carte_prep.core.text import clean_line
from carte_prep.core.vocab import Relationship
from carte_prep.i18n import _


class Passport(Model):
    """The passport the application is made with."""

    number: str | None = None
    """Document number, stored as text (leading zeros kept), spaces removed, upper case."""
    issuing_country: Line | None = None
    valid_until: Day | None = None

    @field_validator("number")
    @classmethod
    def _normalise_number(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = compact(clean_line(value, max_length=40)).upper()
        if not re.fullmatch(r"[A-Z0-9]{1,20}", value):
            raise ValueError(
                _(
                    "should be 1 to 20 letters or digits as printed on the passport "
                    "(no dashes or other signs)"
                )
            )
        return value


_POSTCODE = re.compile(r"[0-9]{5}")
_PHONE = re.compile(r"\+?[0-9][0-9 .()-]{5,24}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _postcode(value: str) -> str:
    code = compact(value)
    if not _POSTCODE.fullmatch(code):
        raise ValueError(
            _("{value} is not a French post code; use its 5 digits, e.g. 75011").format(
                value=repr(value[:20])
            )
        )
    return code


def _phone(value: str) -> str:
    value = clean_line(value, max_length=40)
    if not _PHONE.fullmatch(value):
        raise ValueError(
            _(
                "{value} is not a phone number; use digits, spaces and an optional leading +, "
                "e.g. +33 6 12 34 56 78"
            ).format(value=repr(value))
        )
    return value


def _email(value: str) -> str:
    value = clean_line(value, max_length=LINE_MAX)
    if not _EMAIL.fullmatch(value):
        raise ValueError(
            _("{value} is not an e-mail address; e.g. name@example.org").format(value=repr(value))
        )
    return value


def _unset(value: object) -> bool:
    """Contact details left out are not written, so files without them read as before."""
    return value is None


class PostalAddress(Model):
    """A postal address in France, as the prefecture writes it on the card and letters."""

    street: RequiredLine
    """Number, street and any flat or building details, on one line."""
    postcode: Annotated[str, AfterValidator(_postcode)]
    town: RequiredLine

    @property
    def one_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.town}"


class Member(Model):
    """One person in the household."""

    id: Slug
    given_names: Name
    surname: Name | None = None
    """Optional: mononyms exist. Exactly as on the passport, in any script."""
    birth_date: Day
    birth_place: Line | None = None
    nationality: Nationality | None = None
    """ISO 3166-1 alpha-2 code (GB, LB, DZ...); None when not set."""
    nationality_as_written: Line | None = None
    """A nationality typed in an older version that could not be read as a country: kept
    so nothing is lost, until a code is chosen."""
    relationship: Relationship = "self"
    passport: Passport = Field(default_factory=Passport)
    phone: Annotated[str, AfterValidator(_phone)] | None = Field(None, exclude_if=_unset)
    email: Annotated[str, AfterValidator(_email)] | None = Field(None, exclude_if=_unset)
    address: PostalAddress | None = Field(None, exclude_if=_unset)
    """Only when this member lives elsewhere than the household's address."""
    application: Application | None = None
    """None when the person needs no card (for example a minor)."""
    tracking: dict[ItemId, Tracking] = Field(default_factory=dict, max_length=500)
    """Keyed by catalogue requirement id; kept when the card type changes."""

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.surname) if part)


class SharedEvidence(Model):
    """One document that serves several members (a lease, a bill in both names)."""

    requirement: ItemId
    members: list[Slug] = Field(min_length=1)
    tracking: Tracking = Field(default_factory=Tracking)


class Household(Model):
    """The saved root: one JSON file per household."""

    schema_version: Literal[2] = 2
    id: Slug
    name: RequiredLine
    address: PostalAddress | None = Field(None, exclude_if=_unset)
    """Where the household lives; a member with an address of their own overrides it."""
    members: list[Member] = Field(default_factory=list)
    shared: list[SharedEvidence] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Household:
        ids = [m.id for m in self.members]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(
                _("member id {member} is used twice; give each a unique id").format(
                    member=repr(duplicates[0])
                )
            )
        seen: set[str] = set()
        for evidence in self.shared:
            unknown = [m for m in evidence.members if m not in ids]
            if unknown:
                raise ValueError(
                    _(
                        "shared document {item} names unknown member {member}; use one of {ids}"
                    ).format(
                        item=repr(evidence.requirement),
                        member=repr(unknown[0]),
                        ids=", ".join(ids) or _("(no members yet)"),
                    )
                )
            if evidence.requirement in seen:
                raise ValueError(
                    _("shared document {item} is listed twice; merge the entries").format(
                        item=repr(evidence.requirement)
                    )
                )
            seen.add(evidence.requirement)
        return self

    def shared_for(self, member_id: str, requirement_id: str) -> SharedEvidence | None:
        """The household document that serves this member for this item, if any."""
        evidence = self.shared_document(requirement_id)
        return evidence if evidence is not None and member_id in evidence.members else None

    def shared_document(self, requirement_id: str) -> SharedEvidence | None:
        """The household document kept for this item, whoever it serves."""
        return next((e for e in self.shared if e.requirement == requirement_id), None)

    def address_of(self, member_id: str) -> PostalAddress | None:
        """The member's own address, else the household's (None when neither is known)."""
        return self.member(member_id).address or self.address

    def member(self, member_id: str) -> Member:
        for member in self.members:
            if member.id == member_id:
                return member
        raise KeyError(member_id)

    def find_member(self, member_id: str) -> Member:
        """The member, or a NotFoundError that lists the valid ids."""
        try:
            return self.member(member_id)
        except KeyError:
            ids = ", ".join(m.id for m in self.members) or _("(none yet)")
            raise NotFoundError(
                _("no member {member} in household {household}; members: {ids}").format(
                    member=repr(member_id), household=repr(self.id), ids=ids
                )
            ) from None
