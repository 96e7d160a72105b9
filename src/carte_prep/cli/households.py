"""Households as a whole: list, new, rename, import, export, delete, restore, undo, redo."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from carte_prep.cli.args import Parser, add_command
from carte_prep.cli.context import EXIT_USER_ERROR, Context, UsageError
from carte_prep.cli.member_fields import add_member_flags, member_flags_given, member_from_args
from carte_prep.cli.members import YES_HELP, confirm_doubts
from carte_prep.core.errors import InvalidInputError, Names, explain_validation
from carte_prep.i18n import _


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.cli.render import print_household, print_rows_json
    from carte_prep.core.listing import list_households
    from carte_prep.core.text import printable
    from carte_prep.core.triage import due_rows, found_in, parse_due, rows_by_next_date

    due = parse_due(args.due) if args.due else None
    listing = list_households(ctx.store, ctx.today, ctx.index_file)
    entries = [e for e in listing.entries if found_in(e.search, args.find or "")]
    problems = [{"file": str(p.path), "reason": p.reason} for p in listing.problems]
    rows = [e.row() for e in entries] if args.sort == "date" or due or not args.json else []
    if due is not None:
        rows = due_rows(rows, due, ctx.today)
    elif args.sort == "date":
        rows = rows_by_next_date(rows)
    texts = (
        [json.dumps(row, ensure_ascii=False) for row in rows]
        if rows or due or args.sort == "date"
        else [e.row_json for e in entries]  # as the index keeps them: nothing to re-encode
    )
    if args.json:
        print_rows_json("households", texts, {"problems": problems})
    else:
        if not texts and (args.find or due) and listing.entries:
            asked = _(" and ").join(
                ([_("matching {words}").format(words=repr(args.find))] if args.find else [])
                + ([due.label] if due is not None else [])
            )
            print(
                _("No household {asked} (of {count}).").format(
                    asked=asked, count=len(listing.entries)
                )
            )
        elif not texts and not problems:
            print(_("No households yet in {folder}.").format(folder=ctx.data_dir))
            print(
                _(
                    "Create one with 'carte-prep new', import one with 'carte-prep import FILE',"
                    " or try 'carte-prep --demo'."
                )
            )
        for row in rows:
            print_household(row)
        for problem in problems:
            line = _("carte-prep: cannot open {path}: {reason}")
            print(
                printable(line.format(path=problem["file"], reason=problem["reason"])),
                file=sys.stderr,
            )
    for warning in ctx.store.permission_warnings():
        print(
            printable(_("carte-prep: warning: {problem}").format(problem=warning)),
            file=sys.stderr,
        )
    for household_id, version in listing.upgraded.items():
        print(
            _(
                "carte-prep: note: {household} was written by an older carte-prep (schema "
                "{version}); it will be upgraded at the next change, the original is kept in "
                "its backups folder"
            ).format(household=household_id, version=version),
            file=sys.stderr,
        )
    return EXIT_USER_ERROR if problems else 0


def cmd_new(ctx: Context, args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from carte_prep.core.edits import AddMember, apply
    from carte_prep.core.households import household_id_for
    from carte_prep.core.model import Household

    household_id = args.household
    if household_id is None:
        taken = {h.id for h in ctx.store.load_all().households}
        household_id = household_id_for(args.name, taken)
    try:
        household = Household(id=household_id, name=args.name)
    except ValidationError as exc:
        names: Names = {("id",): "HOUSEHOLD", ("name",): "--name"}
        raise InvalidInputError(explain_validation(exc, where=household_id, names=names)) from None
    member_id = args.member_id or _first_member_id(args)
    if member_id:
        ctx.default_departement(args)
        member = member_from_args(args, member_id, None)
        confirm_doubts(args, None, member, ctx.today)
        household = apply(household, AddMember(member))
    ctx.session.create(household)
    print(
        _("created {household} in {path}").format(
            household=household.id, path=ctx.store.path_for(household.id)
        )
    )
    if household.members:
        print(_("added {member} to {household}").format(member=member_id, household=household.id))
    ctx.say_if_thrown_away()
    return 0


def _first_member_id(args: argparse.Namespace) -> str | None:
    """The id of the first member the flags describe, made from the names as the app does;
    None when no member flag is given. Member flags without names are refused, never dropped.
    """
    from carte_prep.core.households import member_id_for

    given = member_flags_given(args)
    if not given:
        return None
    if args.given_names is None:
        raise UsageError(
            _(
                "{flags} describe a first member: add --given-names (the member's id is made "
                "from them, or give --member-id), or leave the member flags out"
            ).format(flags=", ".join(given))
        )
    return member_id_for(args.given_names, args.surname, ())


def cmd_rename(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.edits import RenameHousehold

    ctx.change(args.household, RenameHousehold(args.name))
    print(
        _("{household} is now named {name}").format(household=args.household, name=repr(args.name))
    )
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.text import printable

    household = ctx.store.import_file(Path(args.file), replace=args.replace)
    print(_("imported {household} ({name})").format(household=household.id, name=household.name))
    for entry in ctx.store.left_out:
        print(
            printable(
                _(
                    "carte-prep: warning: {household}: the attachment {entry} names a file "
                    "outside carte-prep's data folder and was left out, so no dossier includes "
                    "it; if it is yours, attach it again with 'carte-prep mark ... --attach FILE'"
                ).format(household=household.id, entry=repr(entry))
            ),
            file=sys.stderr,
        )
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:

    from carte_prep.core.text import printable

    text = ctx.store.export_text(args.household)
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    target = Path(args.output)
    if target.exists() and not args.force:
        raise UsageError(
            _("{path} already exists; choose another name or add --force").format(path=target)
        )
    if target.suffix.lower() != ".zip":
        ctx.store.write_export(target, text.encode("utf-8"))
        print(
            _(
                "exported {household} to {path} (without its scans: name it .zip to add them)"
            ).format(household=args.household, path=target)
        )
        return 0
    data, missing = ctx.store.export_archive(args.household)
    ctx.store.write_export(target, data)
    print(
        _("exported {household} and its scans to {path}").format(
            household=args.household, path=target
        )
    )
    for entry in missing:
        line = _("carte-prep: warning: {entry} could not be read: not in {path}")
        print(printable(line.format(entry=entry, path=target)))
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household(args.household)
    if not args.yes:
        raise UsageError(
            _(
                "this deletes {name} and its backups for good; "
                "run again with --yes to confirm (export it first to keep a copy)"
            ).format(name=repr(household.name))
        )
    left = ctx.session.delete(household.id)
    print(_("deleted {household} and its backups").format(household=household.id))
    for copy in left:
        print(
            _(
                "  a copy made by a sync tool remains, delete it yourself if you wish: {path}"
            ).format(path=copy)
        )
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:

    from carte_prep.core.text import printable

    backups = ctx.store.backups(args.household)
    if not backups:
        ctx.store.load(args.household)
        if args.number is not None:
            raise UsageError(
                _("{household} has no previous versions yet to restore").format(
                    household=args.household
                )
            )
        print(
            _("{household} has no previous versions yet (one is kept at each change).").format(
                household=args.household
            )
        )
        return 0
    if args.number is None:
        print(_("Previous versions of {household}, newest first:").format(household=args.household))
        changes = ctx.store.changes(args.household)
        for number, (backup, change) in enumerate(zip(backups, changes, strict=True), start=1):
            local = backup.timestamp.astimezone()
            undoes = (
                _("; bringing it back undoes: {change}").format(change=change) if change else ""
            )
            line = _("  {number}  replaced on {date} at {time}{undoes}").format(
                number=number, date=f"{local:%d/%m/%Y}", time=f"{local:%H:%M:%S}", undoes=undoes
            )
            print(printable(line))
        print(
            _("Bring one back with 'carte-prep restore {household} NUMBER'.").format(
                household=args.household
            )
        )
        return 0
    if not 1 <= args.number <= len(backups):
        raise UsageError(
            _(
                "there is no version {number}; choose 1 to {count} "
                "('carte-prep restore {household}' lists them)"
            ).format(number=args.number, count=len(backups), household=args.household)
        )
    household = ctx.store.restore(args.household, backups[args.number - 1])
    print(
        _(
            "restored version {number} of {household}; the version it replaced is "
            "kept as the newest backup"
        ).format(number=args.number, household=household.id)
    )
    return 0


def cmd_undo(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.history import FILE_DEPTH

    step = ctx.session.undo(args.household)
    if step is None:
        raise UsageError(
            _(
                "nothing to undo in {household} (the last {depth} changes made from the "
                "command line are kept; 'carte-prep restore' lists the previous versions)"
            ).format(household=args.household, depth=FILE_DEPTH)
        )
    print(_("{household}: undone: {change}").format(household=args.household, change=step.label))
    return 0


def cmd_redo(ctx: Context, args: argparse.Namespace) -> int:
    step = ctx.session.redo(args.household)
    if step is None:
        raise UsageError(
            _("nothing to redo in {household}: nothing was undone since").format(
                household=args.household
            )
        )
    print(_("{household}: redone: {change}").format(household=args.household, change=step.label))
    return 0


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "list", cmd_list)
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--find",
        metavar="WORDS",
        help=_("only households whose name, members, cards or prefecture contain these words"),
    )
    p.add_argument(
        "--due",
        metavar="WHEN",
        help=_("only members whose next date is overdue or within WHEN (7d, 2w), or 'overdue'"),
    )
    p.add_argument(
        "--sort", choices=("name", "date"), default="name", help=_("order (default: name)")
    )

    p = add_command(commands, "new", cmd_new)
    p.add_argument(
        "household",
        nargs="?",
        help=_("an id: lower-case letters, digits, hyphens (default: made from --name)"),
    )
    p.add_argument("--name", required=True, help=_("a name you will recognise"))
    p.add_argument(
        "--member-id",
        help=_("id of the first member (made from --given-names when left out)"),
    )
    add_member_flags(p)
    p.add_argument("--yes", action="store_true", help=_(YES_HELP))

    p = add_command(commands, "rename", cmd_rename)
    p.add_argument("household")
    p.add_argument("--name", required=True, help=_("the new name"))

    p = add_command(commands, "import", cmd_import)
    p.add_argument("file")
    p.add_argument("--replace", action="store_true", help=_("replace a household with the same id"))

    p = add_command(commands, "export", cmd_export)
    p.add_argument("household")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--force", action="store_true", help=_("overwrite FILE"))

    p = add_command(commands, "delete", cmd_delete)
    p.add_argument("household")
    p.add_argument("--yes", action="store_true", help=_("confirm"))

    p = add_command(commands, "restore", cmd_restore)
    p.add_argument("household")
    p.add_argument("number", nargs="?", type=int, help=_("the version number from the list"))

    p = add_command(commands, "undo", cmd_undo)
    p.add_argument("household")
    p = add_command(commands, "redo", cmd_redo)
    p.add_argument("household")
