"""Members: add one, change one, remove one."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from carte_prep.cli.args import Parser, add_command
from carte_prep.cli.context import Context, UsageError
from carte_prep.cli.member_fields import add_member_flags, member_from_args
from carte_prep.core.errors import Names, explain_validation
from carte_prep.i18n import N_, _

if TYPE_CHECKING:
    from carte_prep.core.model import Household, Member


def confirm_doubts(
    args: argparse.Namespace, before: Member | None, after: Member, today: dt.date
) -> None:
    """Refuse answers that look like a slip (core.sanity) unless ``--yes`` says they are meant."""
    from carte_prep.core.member_fields import flagged
    from carte_prep.core.sanity import new_doubts

    found = new_doubts(before, after, today)
    if found and not getattr(args, "yes", False):
        flags = {".".join(spec.path): spec.flag for spec in flagged()}
        questions = " ".join(
            d.question + (" " + _("(To change it: {flag}.)").format(flag=flag) if flag else "")
            for d in found
            for flag in [flags.get(d.field)]
        )
        raise UsageError(
            _("{questions} Nothing was saved; run again with --yes if this is right.").format(
                questions=questions
            )
        )


def cmd_add_member(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.edits import AddMember

    household = ctx.household(args.household)
    if any(m.id == args.member_id for m in household.members):  # before reading the flags
        raise UsageError(
            _("member {member} already exists in {household}; use 'edit-member'").format(
                member=repr(args.member_id), household=household.id
            )
        )
    ctx.default_departement(args)
    member = member_from_args(args, args.member_id, None)
    confirm_doubts(args, None, member, ctx.today)
    saved_household = ctx.change(args.household, AddMember(member))
    print(
        _("added {member} to {household}").format(member=args.member_id, household=args.household)
    )
    _say_if_route_fixed(args, saved_household, ctx.today)
    return 0


def cmd_edit_member(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.edits import UpdateMember

    saved = ctx.household(args.household).find_member(args.member_id)
    member = member_from_args(args, args.member_id, saved)
    confirm_doubts(args, saved, member, ctx.today)
    saved_household = ctx.change(args.household, UpdateMember(member))
    print(
        _("updated {member} in {household}").format(member=args.member_id, household=args.household)
    )
    _say_if_route_fixed(args, saved_household, ctx.today)
    return 0


def _say_if_route_fixed(args: argparse.Namespace, household: Household, today: dt.date) -> None:
    """``--route`` is saved, but counts only where the card lets the person choose: say so
    rather than print "updated" over a route that stays the same."""
    from carte_prep.core.engine import build_checklist
    from carte_prep.core.vocab import ROUTE_WHERE

    if getattr(args, "route", None) is None:
        return
    checklist = build_checklist(household, args.member_id, today)
    route = checklist.route if checklist is not None else None
    if route is not None and not route.choosable and route.route != args.route:
        print(
            _(
                "  note: this card is filed {where} whatever is chosen, so --route changes "
                "nothing here."
            ).format(where=ROUTE_WHERE[route.route])
        )


def cmd_remove_member(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.edits import RemoveMember

    household = ctx.household(args.household)
    member = household.find_member(args.member_id)
    if not args.yes:
        raise UsageError(
            _(
                "this removes {name} and their tracking from {household}; "
                "run again with --yes to confirm ('carte-prep undo' or 'carte-prep restore' can "
                "bring it back)"
            ).format(name=member.display_name, household=household.id)
        )
    ctx.change(household.id, RemoveMember(member.id))
    print(_("removed {member} from {household}").format(member=member.id, household=household.id))
    return 0


YES_HELP = N_("save answers that look unusual (a young spouse, a child applying for a card)")
"""The help of ``--yes`` (in English; translated where the option is added)."""


def cmd_address(ctx: Context, args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from carte_prep.core.edits import SetAddress
    from carte_prep.core.model import PostalAddress

    household = ctx.household(args.household)
    whose = household.id
    if args.member:
        whose = household.find_member(args.member).display_name
    given = [v for v in (args.street, args.postcode, args.town) if v is not None]
    if args.clear:
        if given:
            raise UsageError(_("give either --clear or --street/--postcode/--town, not both"))
        address = None
    else:
        if len(given) != 3:
            raise UsageError(
                _(
                    "give --street, --postcode and --town together "
                    "(or --clear to remove the address)"
                )
            )
        try:
            address = PostalAddress(street=args.street, postcode=args.postcode, town=args.town)
        except ValidationError as exc:
            names: Names = {(name,): f"--{name}" for name in ("street", "postcode", "town")}
            raise UsageError(explain_validation(exc, where=_("address"), names=names)) from None
    ctx.change(household.id, SetAddress(args.member, address))
    if address is None:
        if args.member:
            line = _(
                "cleared the postal address of {whose} (they now live at the household's address)"
            )
        else:
            line = _("cleared the postal address of {whose}")
        print(line.format(whose=whose))
    else:
        print(
            _("postal address of {whose}: {address}").format(whose=whose, address=address.one_line)
        )
    return 0


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "add-member", cmd_add_member)
    p.add_argument("household")
    p.add_argument("member_id")
    add_member_flags(p)
    p.add_argument("--yes", action="store_true", help=_(YES_HELP))

    p = add_command(commands, "edit-member", cmd_edit_member)
    p.add_argument("household")
    p.add_argument("member_id")
    add_member_flags(p)
    p.add_argument("--yes", action="store_true", help=_(YES_HELP))

    p = add_command(commands, "remove-member", cmd_remove_member)
    p.add_argument("household")
    p.add_argument("member_id")
    p.add_argument("--yes", action="store_true", help=_("confirm"))

    p = add_command(commands, "address", cmd_address)
    p.add_argument("household")
    p.add_argument(
        "member", nargs="?", help=_("a member who does not live at the household address")
    )
    p.add_argument("--street", help=_("number and street, with any flat or building details"))
    p.add_argument("--postcode", help=_("the 5-digit post code"))
    p.add_argument("--town")
    p.add_argument("--clear", action="store_true", help=_("remove the address"))
