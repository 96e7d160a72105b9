"""Households as a whole: list, new, rename, import, export, delete, restore, undo, redo."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from carte_prep.cli.args import Parser, add_command
from carte_prep.cli.context import EXIT_USER_ERROR, Context, UsageError
from carte_prep.cli.member_fields import add_member_flags, member_from_args
from carte_prep.cli.members import YES_HELP, confirm_doubts
from carte_prep.core.errors import InvalidInputError, explain_validation


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
            asked = " and ".join(
                ([f"matching {args.find!r}"] if args.find else [])
                + ([due.label] if due is not None else [])
            )
            print(f"No household {asked} (of {len(listing.entries)}).")
        elif not texts and not problems:
            print(f"No households yet in {ctx.data_dir}.")
            print(
                "Create one with 'carte-prep new', import one with 'carte-prep import FILE',"
                " or try 'carte-prep --demo'."
            )
        for row in rows:
            print_household(row)
        for problem in problems:
            print(
                printable(f"carte-prep: cannot open {problem['file']}: {problem['reason']}"),
                file=sys.stderr,
            )
    for warning in ctx.store.permission_warnings():
        print(printable(f"carte-prep: warning: {warning}"), file=sys.stderr)
    for household_id, version in listing.upgraded.items():
        print(
            f"carte-prep: note: {household_id} was written by an older carte-prep (schema "
            f"{version}); it will be upgraded at the next change, the original is kept in "
            "its backups folder",
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
        raise InvalidInputError(explain_validation(exc, where=household_id)) from None
    if args.member_id:
        ctx.default_departement(args)
        member = member_from_args(args, args.member_id, None)
        confirm_doubts(args, None, member, ctx.today)
        household = apply(household, AddMember(member))
    ctx.session.create(household)
    print(f"created {household.id} in {ctx.store.path_for(household.id)}")
    return 0


def cmd_rename(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.edits import RenameHousehold

    ctx.change(args.household, RenameHousehold(args.name))
    print(f"{args.household} is now named {args.name!r}")
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.text import printable

    household = ctx.store.import_file(Path(args.file), replace=args.replace)
    print(f"imported {household.id} ({household.name})")
    for entry in ctx.store.left_out:
        print(
            printable(
                f"carte-prep: warning: {household.id}: the attachment {entry!r} names a file "
                "outside carte-prep's data folder and was left out, so no dossier includes it; "
                "if it is yours, attach it again with 'carte-prep mark ... --attach FILE'"
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
        raise UsageError(f"{target} already exists; choose another name or add --force")
    if target.suffix.lower() != ".zip":
        ctx.store.write_export(target, text.encode("utf-8"))
        print(
            f"exported {args.household} to {target} (without its scans: name it .zip to add them)"
        )
        return 0
    data, missing = ctx.store.export_archive(args.household)
    ctx.store.write_export(target, data)
    print(f"exported {args.household} and its scans to {target}")
    for entry in missing:
        print(printable(f"carte-prep: warning: {entry} could not be read: not in {target}"))
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household(args.household)
    if not args.yes:
        raise UsageError(
            f"this deletes {household.name!r} and its backups for good; "
            f"run again with --yes to confirm (export it first to keep a copy)"
        )
    left = ctx.session.delete(household.id)
    print(f"deleted {household.id} and its backups")
    for copy in left:
        print(f"  a copy made by a sync tool remains, delete it yourself if you wish: {copy}")
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:

    from carte_prep.core.text import printable

    backups = ctx.store.backups(args.household)
    if not backups:
        ctx.store.load(args.household)
        if args.number is not None:
            raise UsageError(f"{args.household} has no previous versions yet to restore")
        print(f"{args.household} has no previous versions yet (one is kept at each change).")
        return 0
    if args.number is None:
        print(f"Previous versions of {args.household}, newest first:")
        changes = ctx.store.changes(args.household)
        for number, (backup, change) in enumerate(zip(backups, changes, strict=True), start=1):
            local = backup.timestamp.astimezone()
            undoes = f"; bringing it back undoes: {change}" if change else ""
            print(printable(f"  {number}  replaced on {local:%d/%m/%Y at %H:%M:%S}{undoes}"))
        print(f"Bring one back with 'carte-prep restore {args.household} NUMBER'.")
        return 0
    if not 1 <= args.number <= len(backups):
        raise UsageError(
            f"there is no version {args.number}; choose 1 to {len(backups)} "
            f"('carte-prep restore {args.household}' lists them)"
        )
    household = ctx.store.restore(args.household, backups[args.number - 1])
    print(
        f"restored version {args.number} of {household.id}; the version it replaced is "
        "kept as the newest backup"
    )
    return 0


def cmd_undo(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.history import FILE_DEPTH

    step = ctx.session.undo(args.household)
    if step is None:
        raise UsageError(
            f"nothing to undo in {args.household} (the last {FILE_DEPTH} changes made from the "
            "command line are kept; 'carte-prep restore' lists the previous versions)"
        )
    print(f"{args.household}: undone: {step.label}")
    return 0


def cmd_redo(ctx: Context, args: argparse.Namespace) -> int:
    step = ctx.session.redo(args.household)
    if step is None:
        raise UsageError(f"nothing to redo in {args.household}: nothing was undone since")
    print(f"{args.household}: redone: {step.label}")
    return 0


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(
        commands, "list", cmd_list, "households, members, card, route, progress, next deadline"
    )
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--find",
        metavar="WORDS",
        help="only households whose name, members, cards or prefecture contain these words",
    )
    p.add_argument(
        "--due",
        metavar="WHEN",
        help="only members whose next date is overdue or within WHEN (7d, 2w), or 'overdue'",
    )
    p.add_argument("--sort", choices=("name", "date"), default="name", help="order (default: name)")

    p = add_command(
        commands, "new", cmd_new, "create a household (and optionally its first member)"
    )
    p.add_argument(
        "household",
        nargs="?",
        help="an id: lower-case letters, digits, hyphens (default: made from --name)",
    )
    p.add_argument("--name", required=True, help="a name you will recognise")
    p.add_argument("--member-id", help="id of a first member to add")
    add_member_flags(p)
    p.add_argument("--yes", action="store_true", help=YES_HELP)

    p = add_command(commands, "rename", cmd_rename, "give a household another name")
    p.add_argument("household")
    p.add_argument("--name", required=True, help="the new name")

    p = add_command(commands, "import", cmd_import, "import a household file")
    p.add_argument("file")
    p.add_argument("--replace", action="store_true", help="replace a household with the same id")

    p = add_command(
        commands,
        "export",
        cmd_export,
        "write a household file (to stdout by default; FILE.zip also holds its scans)",
    )
    p.add_argument("household")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--force", action="store_true", help="overwrite FILE")

    p = add_command(commands, "delete", cmd_delete, "delete a household and its backups")
    p.add_argument("household")
    p.add_argument("--yes", action="store_true", help="confirm")

    p = add_command(
        commands, "restore", cmd_restore, "list a household's previous versions, or bring one back"
    )
    p.add_argument("household")
    p.add_argument("number", nargs="?", type=int, help="the version number from the list")

    p = add_command(
        commands, "undo", cmd_undo, "take back the last change made from the command line"
    )
    p.add_argument("household")
    p = add_command(commands, "redo", cmd_redo, "make again the change undone last")
    p.add_argument("household")
