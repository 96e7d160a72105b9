"""``carte-prep log``: what happened after filing, one record per action."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from carte_prep.cli import args as types
from carte_prep.cli.args import Parser, add_command
from carte_prep.cli.context import Context, UsageError
from carte_prep.core.errors import (
    EditError,
    InvalidInputError,
    Names,
    explain_problems,
    explain_validation,
)
from carte_prep.core.vocab import RECEIPT_KINDS
from carte_prep.i18n import _

if TYPE_CHECKING:
    from carte_prep.core import edits as e

if TYPE_CHECKING:
    from pydantic import BaseModel

ModelType = TypeVar("ModelType", bound="BaseModel")


DATE_ACTIONS = ("filed", "sent", "card-ready", "timbre", "collection")
"""The actions that take one date: written after them (``filed 15/12/2026``) or as
``--date``, as each prefers; ``receipt`` and ``request`` name their two dates."""

NAMES: dict[str, Names] = {
    "receipt": {("kind",): "KIND", ("valid_until",): "--until", ("issued_on",): "--issued"},
    "request": {("received_on",): "--received", ("deadline",): "--deadline", ("what",): "--what"},
    "timbre": {("number",): "NUMBER", ("amount",): "AMOUNT", ("bought_on",): "DATE"},
    "collection": {("date",): "DATE", ("time",): "--time", ("place",): "--place"},
}
"""Each action's fields named as typed on the command line, for its refusals."""


def _made(model: Callable[[], ModelType], where: str, action: str) -> ModelType:
    """A record built from the arguments, or the model's message about the one refused."""
    from pydantic import ValidationError

    try:
        return model()
    except ValidationError as exc:
        raise InvalidInputError(explain_validation(exc, where=where, names=NAMES[action])) from None


def _the_date(args: argparse.Namespace) -> dt.date | None:
    """The action's date, whichever way it was written (refused when written twice apart)."""
    if args.day is not None and args.date is not None and args.day != args.date:
        raise UsageError(
            _("give the date once: after {action} or as --date").format(action=args.action)
        )
    day: dt.date | None = args.day or args.date
    if day is None and args.action != "timbre":
        raise UsageError(
            _("give the date: 'carte-prep log {household} {member} {action} DATE'").format(
                household=args.household, member=args.member, action=args.action
            )
        )
    return day


def log_edit(args: argparse.Namespace, where: str) -> e.AfterFilingEdit:
    """The edit an action of ``log`` asks for."""
    from carte_prep.core import edits as e
    from carte_prep.core.model import Appointment, ExtraDocumentsRequest, Receipt, TimbreFiscal

    member = args.member
    if args.action in DATE_ACTIONS:
        args.date = _the_date(args)
    match args.action:
        case "filed":
            return e.SetFiledOn(member, args.date)
        case "receipt":
            receipt = _made(
                lambda: Receipt(kind=args.kind, issued_on=args.issued, valid_until=args.until),
                where,
                args.action,
            )
            return e.AddReceipt(member, receipt)
        case "request":
            request = _made(
                lambda: ExtraDocumentsRequest(
                    received_on=args.received, deadline=args.deadline, what=args.what
                ),
                where,
                args.action,
            )
            return e.AddRequest(member, request)
        case "sent":
            return e.MarkRequestSent(member, args.number - 1, args.date)
        case "remove-receipt":
            return e.RemoveReceipt(member, args.number - 1)
        case "remove-request":
            return e.RemoveRequest(member, args.number - 1)
        case "card-ready":
            return e.SetCardReady(member, args.date)
        case "timbre":
            timbre = _made(
                lambda: TimbreFiscal(number=args.number, amount=args.amount, bought_on=args.date),
                where,
                args.action,
            )
            return e.SetTimbre(member, timbre)
        case _:
            collection = _made(
                lambda: Appointment(
                    kind="collection", date=args.date, time=args.time, place=args.place
                ),
                where,
                args.action,
            )
            return e.SetCollection(member, collection)


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.cli.render import print_log

    household = ctx.household(args.household)
    member = household.find_member(args.member)
    if member.application is None:
        raise UsageError(
            _("{name} has no application: nothing to log").format(name=member.display_name)
        )
    if args.action is None:
        print_log(member.application.after_filing)
        return 0
    from carte_prep.cli.checklist_text import LEVEL_MARKS
    from carte_prep.core.engine.warnings import after_filing_warnings

    where = f"{household.id}/{member.id}"
    edit = log_edit(args, where)
    try:
        saved = ctx.change(household.id, edit)
    except EditError as exc:
        if not exc.problems:
            raise
        raise InvalidInputError(
            explain_problems(exc.problems, where=where, names=_log_names(args))
        ) from None
    print(
        _("{where}: {action} saved").format(where=f"{household.id}/{member.id}", action=args.action)
    )
    application = saved.member(member.id).application
    assert application is not None  # checked above; a log edit keeps it
    for warning in after_filing_warnings(application, ctx.today):
        print(f"  {LEVEL_MARKS[warning.level]} {warning.message}")
    return 0


def _log_names(args: argparse.Namespace) -> Names:
    """The saved log's fields as this action's arguments (for a refusal of the whole log)."""
    if args.action == "sent":
        return {("requests", args.number - 1, "sent_on"): "DATE"}
    return {("filed_on",): "DATE", ("card_ready_on",): "DATE"}


def _add_day(parser: argparse.ArgumentParser, help: str | None = None) -> None:
    """The action's date, after it or as --date (see DATE_ACTIONS)."""
    parser.add_argument("day", nargs="?", type=types.date, metavar="DATE", help=help)
    types.add_date(parser, "--date", help=_("the same date, written as an option"))


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "log", cmd_log)
    p.add_argument("household", metavar="HOUSEHOLD")
    p.add_argument("member", metavar="MEMBER")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    a = actions.add_parser("filed", help=_("the day the file was handed in or submitted"))
    _add_day(a)
    a = actions.add_parser("receipt", help=_("a récépissé or ANEF attestation de prolongation"))
    a.add_argument("kind", choices=RECEIPT_KINDS, metavar="KIND", help=" | ".join(RECEIPT_KINDS))
    types.add_date(a, "--until", required=True, help=_("the last day it is valid"))
    types.add_date(a, "--issued", help=_("the day it was issued"))
    a = actions.add_parser("request", help=_("the prefecture asked for more documents"))
    types.add_date(a, "--received", required=True, help=_("the day the letter or message came"))
    types.add_date(a, "--deadline", required=True, help=_("the date written in the letter"))
    a.add_argument("--what", required=True, help=_("what is asked for"))
    a = actions.add_parser("sent", help=_("you sent what a request asked for"))
    a.add_argument("number", type=int, help=_("the request number shown by 'log H M'"))
    _add_day(a, help=_("the day you sent them"))
    a = actions.add_parser("remove-receipt", help=_("remove a receipt entered by mistake"))
    a.add_argument("number", type=int, help=_("the receipt number shown by 'log H M'"))
    a = actions.add_parser("remove-request", help=_("remove a request entered by mistake"))
    a.add_argument("number", type=int, help=_("the request number shown by 'log H M'"))
    a = actions.add_parser("card-ready", help=_("the SMS or e-mail saying the card is ready"))
    _add_day(a)
    a = actions.add_parser("timbre", help=_("the fee stamp bought"))
    a.add_argument("number", metavar="NUMBER", help=_("its 16-digit number"))
    a.add_argument("amount", type=int, metavar="AMOUNT", help=_("in euros"))
    _add_day(a, help=_("the day it was bought (optional)"))
    a = actions.add_parser("collection", help=_("the appointment to collect the card"))
    _add_day(a)
    a.add_argument("--time", type=types.time, metavar="HH:MM")
    a.add_argument("--place")
    for action in actions.choices.values():
        action.set_defaults(command_parser=action)  # its --help is the one to read
