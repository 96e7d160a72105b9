"""What happens once the file is in: receipts, requests for more documents, the stamp,
the collection appointment (an appointment is the same record before filing)."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import Field, ValidationInfo, field_validator

from carte_prep.core.model.values import Day, Line, Model, RequiredLine, compact, not_before
from carte_prep.core.text import clean_line
from carte_prep.core.vocab import AppointmentKind, ReceiptKind
from carte_prep.i18n import N_, _


class Appointment(Model):
    """A prefecture appointment (filing or collection)."""

    kind: AppointmentKind = "renewal"
    date: Day | None = None
    time: dt.time | None = None
    place: Line | None = None
    confirmation: Line | None = None


class Receipt(Model):
    """A paper récépissé (desk) or an ANEF attestation that covers the wait for the card."""

    kind: ReceiptKind
    issued_on: Day | None = None
    valid_until: Day

    @field_validator("valid_until")
    @classmethod
    def _not_before_issue(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        message = N_(
            "the end date is before the day it was issued ({date}); check the two dates on it"
        )
        return not_before(value, info.data.get("issued_on"), message)


class ExtraDocumentsRequest(Model):
    """The prefecture asked for more documents after filing."""

    received_on: Day
    deadline: Day
    """The date written in the letter or message."""
    what: RequiredLine
    sent_on: Day | None = None

    @field_validator("deadline")
    @classmethod
    def _deadline_after_letter(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        message = N_(
            "the deadline is before the day the request came ({date}); check the date in the letter"
        )
        return not_before(value, info.data.get("received_on"), message)

    @field_validator("sent_on")
    @classmethod
    def _sent_after_letter(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        message = N_(
            "the day sent is before the day the request came ({date}); check the day you sent them"
        )
        return not_before(value, info.data.get("received_on"), message)


class TimbreFiscal(Model):
    """The electronic fee stamp bought for the collection."""

    number: str
    amount: int = Field(gt=0, le=10_000)
    """In euros, as stated in the message that the card is ready."""
    bought_on: Day | None = None

    @field_validator("number")
    @classmethod
    def _sixteen_digits(cls, value: str) -> str:
        value = compact(clean_line(value, max_length=40))
        if not re.fullmatch(r"[0-9]{16}", value):
            raise ValueError(_("should be the 16-digit number of the electronic stamp"))
        return value


class AfterFiling(Model):
    """What happened once the file was in: receipts, requests, the card, the collection."""

    filed_on: Day | None = None
    """The day the file was handed in or submitted (the attestation de dépôt's date)."""
    receipts: list[Receipt] = Field(default_factory=list, max_length=50)
    requests: list[ExtraDocumentsRequest] = Field(default_factory=list, max_length=50)
    card_ready_on: Day | None = None
    """The day the SMS or e-mail said the card is ready."""
    timbre: TimbreFiscal | None = None
    collection: Appointment | None = None
