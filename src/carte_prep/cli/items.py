"""Checklist items: mark what was done about one, share one between members, the e-photo."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from carte_prep.cli import args as types
from carte_prep.cli.args import Parser, add_command
from carte_prep.cli.checklist_text import LEVEL_MARKS
from carte_prep.cli.context import Context, UsageError
from carte_prep.core.dates import fmt
from carte_prep.core.edits import (
    UNSET,
    AddAttachments,
    Edit,
    RemoveAttachment,
    SetEPhoto,
    SetItem,
    Share,
)
from carte_prep.core.engine import build_checklist
from carte_prep.core.errors import EditError, InvalidInputError, explain_validation
from carte_prep.core.model import EPhoto, Household
from carte_prep.core.tracking import requirement, tracking_for
from carte_prep.core.vocab import STATUSES


def _unset_if_none(value: Any) -> Any:
    return UNSET if value is None else value


def _scans(paths: list[str]) -> tuple[str, ...]:
    """The files to attach, each checked to exist, as absolute paths."""
    found = []
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.is_file():
            raise InvalidInputError(f"cannot attach {raw}: no such file")
        found.append(str(path.resolve()))
    return tuple(found)


def _detach(household: Household, args: argparse.Namespace) -> RemoveAttachment:
    """The attachment named as listed, as first attached (a path), or by its file name."""
    attached = tracking_for(household, args.member, args.item).attachments
    raw = args.detach
    path = Path(raw).expanduser()
    wanted = {raw, str(path.resolve())}
    with contextlib.suppress(OSError):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else ""
        wanted |= {e for e in attached if digest and Path(e).name.startswith(digest + "-")}
    found = [i for i, entry in enumerate(attached) if entry in wanted]
    if not found:
        raise UsageError(f"{raw} is not attached to {args.item!r}")
    return RemoveAttachment(args.member, args.item, found[0])


def mark_edits(household: Household, args: argparse.Namespace) -> list[Edit]:
    """The edits the options of ``mark`` ask for (none when no option was given)."""
    date: Any = None if args.clear_date else _unset_if_none(args.date)
    set_item = SetItem(
        args.member,
        args.item,
        status=_unset_if_none(args.status),
        document_date=date,
        notes=_unset_if_none(args.note),
        translated=_unset_if_none(args.translated),
        foreign_language=_unset_if_none(args.foreign),
        variant=_unset_if_none(args.variant),
    )
    edits: list[Edit] = [set_item] if set_item.changes() else []
    if args.attach:
        edits.append(AddAttachments(args.member, args.item, _scans(args.attach)))
    if args.detach:
        edits.append(_detach(household, args))
    return edits


def cmd_mark(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household(args.household)
    household.find_member(args.member)
    edits = mark_edits(household, args)
    if not edits:
        raise UsageError("nothing to change: give --status, --date, --note or another option")
    requirement(args.item)
    checklist = build_checklist(household, args.member, ctx.today)
    if checklist is not None and args.item not in {i.requirement.id for i in checklist.items}:
        raise UsageError(
            f"{args.item!r} is not on {args.member}'s checklist; run "
            f"'carte-prep checklist {household.id} {args.member}' to see the item ids"
        )
    try:
        saved = ctx.change(household.id, *edits)
    except EditError as exc:
        if exc.field == "variant":
            raise UsageError(f"--variant {exc}") from None
        raise
    print(f"{args.household}/{args.member}/{args.item}: saved")
    checklist = build_checklist(saved, args.member, ctx.today)
    if checklist is not None:
        item = next(i for i in checklist.items if i.requirement.id == args.item)
        freshness = item.freshness
        if freshness and freshness.fresh_until and not freshness.implausible:
            verdict = "fresh" if freshness.ok else "too old"
            print(
                f"  {verdict} on {checklist.judged_on_label} "
                f"(fresh until {fmt(freshness.fresh_until)})"
            )
        for warning in item.warnings:
            print(f"  {LEVEL_MARKS[warning.level]} {warning.message}")
    return 0


def cmd_share(ctx: Context, args: argparse.Namespace) -> int:
    ctx.change(args.household, Share(args.item, tuple(args.members)))
    who = ", ".join(args.members) if args.members else "nobody (each member keeps their own)"
    print(f"{args.household}: {args.item} now serves {who}")
    return 0


def cmd_ephoto(ctx: Context, args: argparse.Namespace) -> int:
    if args.clear == (args.code is not None):
        raise UsageError("give the e-photo code, or --clear to remove it")
    ephoto = None
    if args.code is not None:
        try:
            ephoto = EPhoto(code=args.code, purchased_on=args.bought)
        except ValidationError as exc:
            where = f"{args.household}/{args.member}"
            raise InvalidInputError(explain_validation(exc, where=where)) from None
    ctx.change(args.household, SetEPhoto(args.member, ephoto))
    print(f"{args.household}/{args.member}: e-photo code {'saved' if ephoto else 'removed'}")
    return 0


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(
        commands, "mark", cmd_mark, "record what you have done about one checklist item"
    )
    p.add_argument("household")
    p.add_argument("member")
    p.add_argument("item", help="the item id shown in brackets by 'checklist'")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument(
        "--date", type=types.date, metavar="YYYY-MM-DD", help="the date printed on the document"
    )
    p.add_argument("--clear-date", action="store_true")
    p.add_argument("--note")
    p.add_argument("--translated", action=argparse.BooleanOptionalAction, default=None)
    p.add_argument(
        "--foreign",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="the document is in another language",
    )
    p.add_argument("--attach", nargs="+", metavar="FILE", help="scans of the document")
    p.add_argument("--detach", metavar="FILE", help="a scan attached before, to remove")
    p.add_argument(
        "--variant",
        metavar="KIND",
        help="which kind of document it is, where that changes how old it may be "
        "(e.g. deed-or-tax-notice, diploma)",
    )

    p = add_command(commands, "share", cmd_share, "make one document serve several members")
    p.add_argument("household")
    p.add_argument("item")
    p.add_argument("members", nargs="*", help="member ids (none: stop sharing)")

    p = add_command(commands, "ephoto", cmd_ephoto, "the e-photo code bought for an ANEF file")
    p.add_argument("household")
    p.add_argument("member")
    p.add_argument("code", nargs="?", help="the code of about 22 letters and digits")
    p.add_argument("--bought", type=types.date, metavar="YYYY-MM-DD", help="the day it was bought")
    p.add_argument("--clear", action="store_true", help="remove the code")
