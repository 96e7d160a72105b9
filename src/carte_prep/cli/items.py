"""Checklist items: mark what was done about one, share one between members, the e-photo."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carte_prep.cli import args as types
from carte_prep.cli.args import Parser, add_command
from carte_prep.cli.context import Context, UsageError
from carte_prep.core.dates import fmt
from carte_prep.core.errors import (
    EditError,
    InvalidInputError,
    Names,
    explain_problems,
    explain_validation,
)
from carte_prep.core.vocab import STATUSES
from carte_prep.i18n import _

if TYPE_CHECKING:
    from carte_prep.core.edits import Edit, RemoveAttachment
    from carte_prep.core.model import Household


def _unset_if_none(value: Any) -> Any:
    from carte_prep.core.edits import UNSET

    return UNSET if value is None else value


def _scans(paths: list[str]) -> tuple[str, ...]:
    """The files to attach, each checked to exist, as absolute paths."""
    found = []
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            raise InvalidInputError(_("cannot attach {path}: no such file").format(path=raw))
        if not path.is_file():
            raise InvalidInputError(
                _(
                    "cannot attach {path}: it is not a regular file (a folder, a device or a "
                    "pipe); give the scan's file"
                ).format(path=raw)
            )
        found.append(str(path.resolve()))
    return tuple(found)


def _detach(household: Household, args: argparse.Namespace) -> RemoveAttachment:
    """The attachment named as listed, as first attached (a path), or by its file name."""
    from carte_prep.core.edits import RemoveAttachment
    from carte_prep.core.tracking import tracking_for

    attached = tracking_for(household, args.member, args.item).attachments
    raw = args.detach
    path = Path(raw).expanduser()
    wanted = {raw, str(path.resolve())}
    with contextlib.suppress(OSError):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else ""
        wanted |= {e for e in attached if digest and Path(e).name.startswith(digest + "-")}
    found = [i for i, entry in enumerate(attached) if entry in wanted]
    if not found:
        raise UsageError(
            _("{path} is not attached to {item}").format(path=raw, item=repr(args.item))
        )
    return RemoveAttachment(args.member, args.item, found[0])


MARK_NAMES: Names = {
    ("status",): "--status",
    ("document_date",): "--date",
    ("notes",): "--note",
    ("attachments",): "--attach",
}
"""The tracking's fields as ``mark`` spells them, for its refusals."""


def status_word(text: str) -> str:
    """A status as saved ('handed-in') or as the app writes it in the language spoken
    ('handed in', 'remis'); anything else is left for argparse to refuse with the choices."""
    from carte_prep.core.vocab import STATUS_WORDS

    def folded(words: str) -> str:
        return "-".join(words.casefold().split())

    shown = {folded(words): status for status, words in STATUS_WORDS.items()}
    return shown.get(folded(text), folded(text))


def mark_edits(household: Household, args: argparse.Namespace) -> list[Edit]:
    """The edits the options of ``mark`` ask for (none when no option was given)."""
    from carte_prep.core.edits import AddAttachments, SetItem

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
    from carte_prep.cli.checklist_text import LEVEL_MARKS
    from carte_prep.core.engine import build_checklist
    from carte_prep.core.tracking import requirement

    household = ctx.household(args.household)
    household.find_member(args.member)
    requirement(args.item)  # an unknown item is named before anything else is asked
    edits = mark_edits(household, args)
    if not edits:
        raise UsageError(_("nothing to change: give --status, --date, --note or another option"))
    checklist = build_checklist(household, args.member, ctx.today)
    if checklist is not None and args.item not in {i.requirement.id for i in checklist.items}:
        raise UsageError(
            _(
                "{item} is not on {member}'s checklist; run "
                "'carte-prep checklist {household} {member}' to see the item ids"
            ).format(item=repr(args.item), member=args.member, household=household.id)
        )
    try:
        saved = ctx.change(household.id, *edits)
    except EditError as exc:
        if exc.field == "variant":
            raise UsageError(f"--variant {exc}") from None
        if exc.problems:
            message = explain_problems(exc.problems, where=args.item, names=MARK_NAMES)
            raise InvalidInputError(message) from None
        raise
    print(_("{where}: saved").format(where=f"{args.household}/{args.member}/{args.item}"))
    checklist = build_checklist(saved, args.member, ctx.today)
    if checklist is not None:
        item = next(i for i in checklist.items if i.requirement.id == args.item)
        freshness = item.freshness
        if freshness and freshness.fresh_until and not freshness.implausible:
            line = (
                _("  fresh on {when} (fresh until {date})")
                if freshness.ok
                else _("  too old on {when} (fresh until {date})")
            )
            print(line.format(when=checklist.judged_on_label, date=fmt(freshness.fresh_until)))
        for warning in item.warnings:
            print(f"  {LEVEL_MARKS[warning.level]} {warning.message}")
    return 0


def cmd_share(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.edits import Share

    ctx.change(args.household, Share(args.item, tuple(args.members)))
    who = ", ".join(args.members) if args.members else _("nobody (each member keeps their own)")
    print(
        _("{household}: {item} now serves {members}").format(
            household=args.household, item=args.item, members=who
        )
    )
    return 0


def cmd_ephoto(ctx: Context, args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from carte_prep.core.edits import SetEPhoto
    from carte_prep.core.model import EPhoto

    if args.clear == (args.code is not None):
        raise UsageError(_("give the e-photo code, or --clear to remove it"))
    ephoto = None
    if args.code is not None:
        try:
            ephoto = EPhoto(code=args.code, purchased_on=args.bought)
        except ValidationError as exc:
            where = f"{args.household}/{args.member}"
            names: Names = {("code",): "CODE", ("purchased_on",): "--bought"}
            raise InvalidInputError(explain_validation(exc, where=where, names=names)) from None
    ctx.change(args.household, SetEPhoto(args.member, ephoto))
    where = f"{args.household}/{args.member}"
    line = _("{where}: e-photo code saved") if ephoto else _("{where}: e-photo code removed")
    print(line.format(where=where))
    return 0


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "mark", cmd_mark)
    p.add_argument("household")
    p.add_argument("member")
    p.add_argument("item", help=_("the item id shown in brackets by 'checklist'"))
    p.add_argument(
        "--status",
        type=status_word,
        choices=STATUSES,
        help=_("the app's words are read too, such as 'to do' or 'handed in'"),
    )
    p.add_argument(
        "--date", type=types.date, metavar="YYYY-MM-DD", help=_("the date printed on the document")
    )
    p.add_argument("--clear-date", action="store_true")
    p.add_argument("--note")
    p.add_argument("--translated", action=argparse.BooleanOptionalAction, default=None)
    p.add_argument(
        "--foreign",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=_("the document is in another language"),
    )
    p.add_argument("--attach", nargs="+", metavar="FILE", help=_("scans of the document"))
    p.add_argument("--detach", metavar="FILE", help=_("a scan attached before, to remove"))
    p.add_argument(
        "--variant",
        metavar="KIND",
        help=_(
            "which kind of document it is, where that changes how old it may be "
            "(e.g. deed-or-tax-notice, diploma)"
        ),
    )

    p = add_command(commands, "share", cmd_share)
    p.add_argument("household")
    p.add_argument("item")
    p.add_argument("members", nargs="*", help=_("member ids (none: stop sharing)"))

    p = add_command(commands, "ephoto", cmd_ephoto)
    p.add_argument("household")
    p.add_argument("member")
    p.add_argument("code", nargs="?", help=_("the code of about 22 letters and digits"))
    p.add_argument(
        "--bought", type=types.date, metavar="YYYY-MM-DD", help=_("the day it was bought")
    )
    p.add_argument("--clear", action="store_true", help=_("remove the code"))
