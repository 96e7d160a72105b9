"""``carte-prep log``: what happened after filing, one record per action."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from carte_prep.cli import args as types
from carte_prep.cli.args import Parser, add_command
from carte_prep.cli.context import Context, UsageError
from carte_prep.core.errors import InvalidInputError, explain_validation
from carte_prep.core.vocab import RECEIPT_KINDS
from carte_prep.i18n import _

if TYPE_CHECKING:
    from carte_prep.core import edits as e

if TYPE_CHECKING:
    from pydantic import BaseModel

ModelType = TypeVar("ModelType", bound="BaseModel")


def _made(model: Callable[[], ModelType], where: str) -> ModelType:
    """A record built from the arguments, or the model's message about the one refused."""
    from pydantic import ValidationError

    try:
        return model()
    except ValidationError as exc:
        raise InvalidInputError(explain_validation(exc, where=where)) from None


def log_edit(args: argparse.Namespace, where: str) -> e.AfterFilingEdit:
    """The edit an action of ``log`` asks for."""
    from carte_prep.core import edits as e
    from carte_prep.core.model import Appointment, ExtraDocumentsRequest, Receipt, TimbreFiscal

    member = args.member
    match args.action:
        case "filed":
            return e.SetFiledOn(member, args.date)
        case "receipt":
            receipt = _made(
                lambda: Receipt(kind=args.kind, issued_on=args.issued, valid_until=args.until),
                where,
            )
            return e.AddReceipt(member, receipt)
        case "request":
            request = _made(
                lambda: ExtraDocumentsRequest(
                    received_on=args.received, deadline=args.deadline, what=args.what
                ),
                where,
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
            )
            return e.SetTimbre(member, timbre)
        case _:
            collection = _made(
                lambda: Appointment(
                    kind="collection", date=args.date, time=args.time, place=args.place
                ),
                where,
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

    saved = ctx.change(household.id, log_edit(args, f"{household.id}/{member.id}"))
    print(
        _("{where}: {action} saved").format(where=f"{household.id}/{member.id}", action=args.action)
    )
    application = saved.member(member.id).application
    assert application is not None  # checked above; a log edit keeps it
    for warning in after_filing_warnings(application, ctx.today):
        print(f"  {LEVEL_MARKS[warning.level]} {warning.message}")
    return 0


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "log", cmd_log)
    p.add_argument("household")
    p.add_argument("member")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    a = actions.add_parser("filed", help=_("the day the file was handed in or submitted"))
    a.add_argument("date", type=types.date)
    a = actions.add_parser("receipt", help=_("a récépissé or ANEF attestation de prolongation"))
    a.add_argument("kind", choices=RECEIPT_KINDS)
    types.add_date(a, "--until", required=True)
    types.add_date(a, "--issued")
    a = actions.add_parser("request", help=_("the prefecture asked for more documents"))
    types.add_date(a, "--received", required=True)
    types.add_date(a, "--deadline", required=True, help=_("the date written in the letter"))
    a.add_argument("--what", required=True)
    a = actions.add_parser("sent", help=_("you sent what a request asked for"))
    a.add_argument("number", type=int, help=_("the request number shown by 'log H M'"))
    types.add_date(a, "--date", required=True)
    a = actions.add_parser("remove-receipt", help=_("remove a receipt entered by mistake"))
    a.add_argument("number", type=int, help=_("the receipt number shown by 'log H M'"))
    a = actions.add_parser("remove-request", help=_("remove a request entered by mistake"))
    a.add_argument("number", type=int, help=_("the request number shown by 'log H M'"))
    a = actions.add_parser("card-ready", help=_("the SMS or e-mail saying the card is ready"))
    a.add_argument("date", type=types.date)
    a = actions.add_parser("timbre", help=_("the fee stamp bought"))
    a.add_argument("number", help=_("its 16-digit number"))
    a.add_argument("amount", type=int, help=_("in euros"))
    types.add_date(a, "--date")
    a = actions.add_parser("collection", help=_("the appointment to collect the card"))
    a.add_argument("date", type=types.date)
    a.add_argument("--time", type=types.time, metavar="HH:MM")
    a.add_argument("--place")
