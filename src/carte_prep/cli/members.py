"""Members: add one, change one, remove one."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from carte_prep.cli.args import Parser, add_command
from carte_prep.cli.context import Context, UsageError
from carte_prep.cli.member_fields import add_member_flags, member_from_args
from carte_prep.core.errors import explain_validation

if TYPE_CHECKING:
    from carte_prep.core.model import Member


def confirm_doubts(
    args: argparse.Namespace, before: Member | None, after: Member, today: dt.date
) -> None:
    """Refuse answers that look like a slip (core.sanity) unless ``--yes`` says they are meant."""
    from carte_prep.core.sanity import new_doubts

    found = new_doubts(before, after, today)
    if found and not getattr(args, "yes", False):
        questions = " ".join(d.question for d in found)
        raise UsageError(f"{questions} Nothing was saved; run again with --yes if this is right.")


def cmd_add_member(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.edits import AddMember

    household = ctx.household(args.household)
    if any(m.id == args.member_id for m in household.members):  # before reading the flags
        raise UsageError(
            f"member {args.member_id!r} already exists in {household.id}; use 'edit-member'"
        )
    ctx.default_departement(args)
    member = member_from_args(args, args.member_id, None)
    confirm_doubts(args, None, member, ctx.today)
    ctx.change(args.household, AddMember(member))
    print(f"added {args.member_id} to {args.household}")
    return 0


def cmd_edit_member(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.edits import UpdateMember

    saved = ctx.household(args.household).find_member(args.member_id)
    member = member_from_args(args, args.member_id, saved)
    confirm_doubts(args, saved, member, ctx.today)
    ctx.change(args.household, UpdateMember(member))
    print(f"updated {args.member_id} in {args.household}")
    return 0


def cmd_remove_member(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.edits import RemoveMember

    household = ctx.household(args.household)
    member = household.find_member(args.member_id)
    if not args.yes:
        raise UsageError(
            f"this removes {member.display_name} and their tracking from {household.id}; "
            "run again with --yes to confirm ('carte-prep undo' or 'carte-prep restore' can "
            "bring it back)"
        )
    ctx.change(household.id, RemoveMember(member.id))
    print(f"removed {member.id} from {household.id}")
    return 0


YES_HELP = "save answers that look unusual (a young spouse, a child applying for a card)"


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
            raise UsageError("give either --clear or --street/--postcode/--town, not both")
        address = None
    else:
        if len(given) != 3:
            raise UsageError(
                "give --street, --postcode and --town together (or --clear to remove the address)"
            )
        try:
            address = PostalAddress(street=args.street, postcode=args.postcode, town=args.town)
        except ValidationError as exc:
            raise UsageError(explain_validation(exc, where="address")) from None
    ctx.change(household.id, SetAddress(args.member, address))
    if address is None:
        shared = " (they now live at the household's address)" if args.member else ""
        print(f"cleared the postal address of {whose}{shared}")
    else:
        print(f"postal address of {whose}: {address.one_line}")
    return 0


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "add-member", cmd_add_member, "add a member to a household")
    p.add_argument("household")
    p.add_argument("member_id")
    add_member_flags(p)
    p.add_argument("--yes", action="store_true", help=YES_HELP)

    p = add_command(
        commands, "edit-member", cmd_edit_member, "change a member's details or application"
    )
    p.add_argument("household")
    p.add_argument("member_id")
    add_member_flags(p)
    p.add_argument("--yes", action="store_true", help=YES_HELP)

    p = add_command(
        commands, "remove-member", cmd_remove_member, "remove a member from a household"
    )
    p.add_argument("household")
    p.add_argument("member_id")
    p.add_argument("--yes", action="store_true", help="confirm")

    p = add_command(
        commands,
        "address",
        cmd_address,
        "the household's postal address, or a member's own when they live elsewhere",
    )
    p.add_argument("household")
    p.add_argument("member", nargs="?", help="a member who does not live at the household address")
    p.add_argument("--street", help="number and street, with any flat or building details")
    p.add_argument("--postcode", help="the 5-digit post code")
    p.add_argument("--town")
    p.add_argument("--clear", action="store_true", help="remove the address")
