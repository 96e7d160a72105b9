"""What happens once the file is in: receipts, requests for more documents, the stamp,
the collection appointment (an appointment is the same record before filing)."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import Field, field_validator, model_validator

from carte_prep.core.model.values import Day, Line, Model, RequiredLine, compact
from carte_prep.core.text import clean_line
from carte_prep.core.vocab import AppointmentKind, ReceiptKind
from carte_prep.i18n import _


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

    @model_validator(mode="after")
    def _dates_in_order(self) -> Receipt:
        if self.issued_on and self.valid_until < self.issued_on:
            raise ValueError(_("valid_until is before issued_on; check the two dates on it"))
        return self


class ExtraDocumentsRequest(Model):
    """The prefecture asked for more documents after filing."""

    received_on: Day
    deadline: Day
    """The date written in the letter or message."""
    what: RequiredLine
    sent_on: Day | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> ExtraDocumentsRequest:
        if self.deadline < self.received_on:
            raise ValueError(_("deadline is before received_on; check the date in the letter"))
        if self.sent_on and self.sent_on < self.received_on:
            raise ValueError(_("sent_on is before received_on; check the day you sent them"))
        return self


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
