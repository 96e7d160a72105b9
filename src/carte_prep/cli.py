"""The command line: every subcommand is a thin layer over carte_prep.core (and dossier).

Errors the user can fix are printed as one line on stderr with a non-zero exit status;
nothing is written to disk unless the whole command succeeded.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from carte_prep import __version__
from carte_prep.checklist_text import LEVEL_MARKS, checklist_text
from carte_prep.core.agenda import AgendaEvent, household_agenda, next_deadline
from carte_prep.core.catalogue import load_catalogue
from carte_prep.core.confidence import CONFIDENCE_INTRO, confidence_lines
from carte_prep.core.countries import check_code
from carte_prep.core.dates import fmt
from carte_prep.core.engine import (
    build_checklist,
    household_checklists,
    household_progress,
)
from carte_prep.core.entry import card_problem, entry_problems
from carte_prep.core.errors import CartePrepError, InvalidInputError, explain_validation
from carte_prep.core.households import remove_member, upsert_member
from carte_prep.core.model import (
    EARLIEST_DAY,
    LATEST_DAY,
    AfterFiling,
    Appointment,
    CurrentCard,
    Household,
    Member,
    Passport,
    Situation,
)
from carte_prep.core.paths import resolve_data_dir
from carte_prep.core.store import Store, write_private_file
from carte_prep.core.tracking import attach_files, find_member, share_document, update_tracking
from carte_prep.core.vocab import (
    HELD_KINDS,
    PROCEDURE_LABELS,
    REQUESTS,
    ROUTES,
    STATUSES,
    Housing,
    MaritalStatus,
    Relationship,
)
from carte_prep.examples import temporary_examples
from carte_prep.resources import profiles_dir, templates_dir

EXIT_USER_ERROR = 1


class UsageError(CartePrepError):
    """Arguments that parse but do not make sense together."""


class Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line, like every other carte-prep error."""

    def error(self, message: str) -> Any:  # argparse's signature returns NoReturn
        self.exit(2, f"carte-prep: error: {message} (see '{self.prog} --help')\n")


def _folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("the folder is empty; give a path, e.g. ~/carte-prep")
    return Path(text).expanduser()


def _date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-15"
        ) from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise argparse.ArgumentTypeError(
            f"{text} is not a plausible date; check the year "
            f"(between {EARLIEST_DAY.year} and {LATEST_DAY.year})"
        )
    return day


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return value


def _time(text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time; write it as HH:MM") from None


# ---------------------------------------------------------------- output helpers


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------- context


class Context:
    """What every command needs: the store and the day it should consider 'today'."""

    def __init__(self, args: argparse.Namespace, stack: contextlib.ExitStack) -> None:
        if args.demo:
            examples = stack.enter_context(temporary_examples())
            self.data_dir = Path(examples)
        else:
            self.data_dir = resolve_data_dir(args.data_dir)
        self.store = Store(self.data_dir)
        self.today: dt.date = args.today or dt.date.today()

    def household(self, household_id: str) -> Household:
        return self.store.load(household_id)


# ---------------------------------------------------------------- commands


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    report = ctx.store.load_all()
    rows: list[dict[str, Any]] = []
    for household in report.households:
        checklists = {c.member_id: c for c in household_checklists(household, ctx.today)}
        members = []
        for member in household.members:
            checklist = checklists.get(member.id)
            deadline = next_deadline(household, member.id, ctx.today, checklist=checklist)
            members.append(
                {
                    "id": member.id,
                    "name": member.display_name,
                    "card": checklist.card_type if checklist else None,
                    "procedure": checklist.procedure if checklist else None,
                    "procedure_label": checklist.procedure_label if checklist else None,
                    "covered": checklist.covered if checklist else None,
                    "route": checklist.route.route if checklist and checklist.route else None,
                    "done": checklist.progress.done if checklist else 0,
                    "total": checklist.progress.total if checklist else 0,
                    "warnings": len([w for w in checklist.warnings if w.level != "info"])
                    if checklist
                    else 0,
                    "next_deadline": (
                        {"date": deadline.date.isoformat(), "what": deadline.title}
                        if deadline
                        else None
                    ),
                }
            )
        progress = household_progress(list(checklists.values()))
        rows.append(
            {
                "id": household.id,
                "name": household.name,
                "done": progress.done,
                "total": progress.total,
                "members": members,
            }
        )
    problems = [{"file": str(p.path), "reason": p.reason} for p in report.problems]
    if args.json:
        _print_json({"households": rows, "problems": problems})
    else:
        if not rows and not problems:
            print(f"No households yet in {ctx.data_dir}.")
            print(
                "Create one with 'carte-prep new', import one with 'carte-prep import FILE',"
                " or try 'carte-prep --demo'."
            )
        for row in rows:
            print(f"{row['id']}  {row['name']}  ({row['done']}/{row['total']} ready)")
            for m in row["members"]:
                deadline = m["next_deadline"]
                when = (
                    f"; next: {fmt(dt.date.fromisoformat(deadline['date']))} {deadline['what']}"
                    if deadline
                    else ""
                )
                if m["card"] is None:
                    print(f"  {m['id']:<12} {m['name']}: no card needed{when}")
                elif not m["covered"]:
                    print(
                        f"  {m['id']:<12} {m['name']}: {m['card']}, {m['procedure_label']}: "
                        "not covered (run 'checklist' to see what to read)"
                    )
                else:
                    print(
                        f"  {m['id']:<12} {m['name']}: {m['card']}, {m['procedure_label']}, "
                        f"via {m['route']}, {m['done']}/{m['total']}, "
                        f"{m['warnings']} warning(s){when}"
                    )
        for problem in problems:
            print(
                f"carte-prep: cannot open {problem['file']}: {problem['reason']}", file=sys.stderr
            )
    for warning in ctx.store.permission_warnings():
        print(f"carte-prep: warning: {warning}", file=sys.stderr)
    for household in report.households:
        version = ctx.store.upgraded_from(household.id)
        if version is not None:
            print(
                f"carte-prep: note: {household.id} was written by an older carte-prep (schema "
                f"{version}); it will be upgraded at the next change, the original is kept in "
                "its backups folder",
                file=sys.stderr,
            )
    return EXIT_USER_ERROR if problems else 0


def cmd_checklist(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household(args.household)
    members = [find_member(household, args.member)] if args.member else household.members
    checklists = []
    for member in members:
        checklist = build_checklist(household, member.id, ctx.today)
        if checklist is None:
            if args.member:
                raise UsageError(f"{member.display_name} has no application: no card needed")
            continue
        checklists.append(checklist)
    if args.json:
        _print_json(
            {
                "household": household.id,
                "today": ctx.today.isoformat(),
                "catalogue_verified": load_catalogue().last_verified.isoformat(),
                "members": [c.model_dump(mode="json") for c in checklists],
            }
        )
    else:
        print(f"{household.name} — checklist on {fmt(ctx.today)}")
        for checklist in checklists:
            print()
            print(checklist_text(checklist, sources=args.sources))
        print()
        if args.sources:
            print(CONFIDENCE_INTRO)
            for line in confidence_lines():
                print(f"  {line}")
            print()
        print(
            f"Catalogue last verified {fmt(load_catalogue().last_verified)}. Rules change: "
            "check your prefecture's own list before you go."
        )
    return 0


def cmd_mark(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household(args.household)
    find_member(household, args.member)
    changes: dict[str, Any] = {}
    if args.status:
        changes["status"] = args.status
    if args.date:
        changes["document_date"] = args.date
    if args.clear_date:
        changes["document_date"] = None
    if args.note is not None:
        changes["notes"] = args.note
    if args.translated is not None:
        changes["translated"] = args.translated
    if args.foreign is not None:
        changes["foreign_language"] = args.foreign
    if args.variant is not None:
        changes["variant"] = _variant(args.item, args.variant)
    if not changes and not args.attach:
        raise UsageError("nothing to change: give --status, --date, --note or another option")
    updated = household
    if changes:
        updated = update_tracking(updated, args.member, args.item, **changes)
    if args.attach:
        updated = attach_files(updated, args.member, args.item, args.attach)
    checklist = build_checklist(updated, args.member, ctx.today)
    if checklist is not None and args.item not in {i.requirement.id for i in checklist.items}:
        raise UsageError(
            f"{args.item!r} is not on {args.member}'s checklist; run "
            f"'carte-prep checklist {household.id} {args.member}' to see the item ids"
        )
    ctx.store.save(updated)
    print(f"{args.household}/{args.member}/{args.item}: saved")
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


def _variant(item: str, variant: str) -> str:
    """A kind of document the item accepts (a bill, a deed...), or a clear error."""
    requirement = load_catalogue().requirements.get(item)
    kinds = {v.id: v.label for v in requirement.variants} if requirement else {}
    if variant not in kinds:
        known = "; ".join(f"{k} ({label})" for k, label in kinds.items())
        raise UsageError(
            f"--variant {variant!r} is not a kind of document for {item!r}; "
            + (f"choose one of: {known}" if known else "this item has only one kind")
        )
    return variant


def cmd_share(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household(args.household)
    updated = share_document(household, args.item, args.members)
    ctx.store.save(updated)
    who = ", ".join(args.members) if args.members else "nobody (each member keeps their own)"
    print(f"{args.household}: {args.item} now serves {who}")
    return 0


def _merged(current: dict[str, Any] | None, empty: BaseModel, **given: Any) -> Any:
    """A part of the profile with the flags that were given laid over it (created if needed)."""
    changes = {name: value for name, value in given.items() if value is not None}
    if not changes:
        return current
    return {**(current or empty.model_dump()), **changes}


LEGACY_PROCEDURES = ("first", "renewal", "change-of-situation", "duplicate", "vls-ts-validation")
"""What --procedure accepted before the path was derived; still read, with a note."""


def _legacy_procedure(args: argparse.Namespace, application: dict[str, Any]) -> None:
    """Read an old --procedure as the new questions, and say how it was read."""
    procedure = args.procedure
    if procedure in ("duplicate", "change-of-situation", "vls-ts-validation"):
        args.request = args.request or procedure
        read = f"--request {procedure}"
    elif procedure == "renewal":
        args.holds = args.holds or "card"
        read = "--holds card (the same card)"
    else:
        holds_something = bool(
            args.card_expiry or args.numero_etranger or application.get("current_card")
        )
        args.holds = args.holds or ("vls-ts" if holds_something else "nothing")
        read = f"--holds {args.holds}"
    print(
        f"carte-prep: note: --procedure is replaced by --request and --holds (the legal path "
        f"is worked out from them); '{procedure}' was read as {read}",
        file=sys.stderr,
    )


def _held_document(args: argparse.Namespace, application: dict[str, Any]) -> None:
    """Apply --holds / --held-card and the current card's dates to the application."""
    held = application.get("current_card")
    if args.holds == "nothing":
        if args.held_card or args.card_expiry or args.numero_etranger:
            raise UsageError(
                "--holds nothing cannot go with --held-card, --card-expiry or --numero-etranger"
            )
        application["current_card"] = None
        return
    if args.holds is not None:
        held = {**(held or CurrentCard().model_dump()), "kind": args.holds}
        if args.held_card is None and held.get("card_type") is None:
            held["card_type"] = application["card_type"] if args.procedure == "renewal" else None
    if args.held_card is not None:
        if held is None:
            raise UsageError("--held-card needs --holds card or --holds vls-ts")
        held = {**held, "card_type": args.held_card}
    application["current_card"] = _merged(
        held, CurrentCard(), valid_until=args.card_expiry, numero_etranger=args.numero_etranger
    )


def _new_application(args: argparse.Namespace, base: Member | None) -> dict[str, Any] | None:
    if args.card is None or (args.holds is None and args.request in (None, "card")):
        if base is None:
            raise UsageError(
                "give --card and --holds (nothing, vls-ts or card) for the member's "
                "application, or --request duplicate, change-of-situation or "
                "vls-ts-validation (or --no-card for someone who needs none); "
                "'carte-prep cards' lists the cards"
            )
        return None
    return {"card_type": args.card, "request": "card"}


def _member_from_args(args: argparse.Namespace, base: Member | None) -> Member:
    """Build or update a member from the member flags; unspecified flags keep old values."""
    for flag, card in (("--card", args.card), ("--held-card", args.held_card)):
        problem = card_problem(card) if card is not None else None
        if problem:
            raise UsageError(f"{flag}: {problem}")
    data: dict[str, Any] = base.model_dump() if base else {"id": args.member_id}
    for flag, field in (
        ("given_names", "given_names"),
        ("surname", "surname"),
        ("birth_date", "birth_date"),
        ("birth_place", "birth_place"),
        ("relationship", "relationship"),
    ):
        value = getattr(args, flag)
        if value is not None:
            data[field] = value
    if args.nationality is not None:
        try:
            data["nationality"] = check_code(args.nationality)
        except ValueError as exc:
            raise UsageError(f"--nationality: {exc}") from None
        data["nationality_as_written"] = None
    data["passport"] = (
        _merged(
            data.get("passport"),
            Passport(),
            number=args.passport_number,
            valid_until=args.passport_expiry,
        )
        or Passport().model_dump()
    )
    if args.no_card:
        data["application"] = None
        return Member.model_validate(data)
    application = data.get("application")
    if args.procedure is not None:
        _legacy_procedure(args, application or {})
    if application is None:
        application = _new_application(args, base)
        if application is None:
            return Member.model_validate(data)
    if args.card is not None:
        application["card_type"] = args.card
    if args.request is not None:
        application["request"] = args.request
    if args.route is not None:
        application["route_choice"] = args.route
    if args.departement is not None:
        application["departement"] = args.departement
    if args.filing_date is not None:
        application["planned_filing_date"] = args.filing_date
    situation = application.get("situation") or Situation().model_dump()
    for flag in ("marital_status", "housing"):
        if getattr(args, flag) is not None:
            situation[flag] = getattr(args, flag)
    for fact in args.fact or []:
        name, _, value = fact.partition("=")
        if name not in Situation.model_fields:
            raise UsageError(
                f"unknown fact {name!r}; known: {', '.join(sorted(Situation.model_fields))}"
            )
        situation[name] = {"true": True, "false": False, "none": None}.get(value.lower(), value)
    application["situation"] = situation
    _held_document(args, application)
    application["appointment"] = _merged(
        application.get("appointment"),
        Appointment(),
        date=args.appointment,
        time=args.appointment_time,
    )
    data["application"] = application
    member = Member.model_validate(data)
    if member.application is not None:
        problems = entry_problems(member.application, nationality=member.nationality)
        if problems:
            field, message = next(iter(problems.items()))
            raise UsageError(f"{field}: {message}")
    return member


def _validated(build: Callable[[], Household], where: str) -> Household:
    try:
        return build()
    except ValidationError as exc:
        raise InvalidInputError(explain_validation(exc, where=where)) from None


def cmd_new(ctx: Context, args: argparse.Namespace) -> int:
    def build() -> Household:
        members = [_member_from_args(args, None)] if args.member_id else []
        return Household(id=args.household, name=args.name, members=members)

    household = _validated(build, args.household)
    ctx.store.create(household)
    print(f"created {household.id} in {ctx.store.path_for(household.id)}")
    return 0


def _save_member(ctx: Context, args: argparse.Namespace, *, adding: bool) -> Household:
    """Add (adding=True) or edit a member from the member flags, validated as a whole."""
    household = ctx.household(args.household)
    exists = any(m.id == args.member_id for m in household.members)
    if adding and exists:
        raise InvalidInputError(
            f"member {args.member_id!r} already exists in {household.id}; use 'edit-member'"
        )
    base = None if adding else find_member(household, args.member_id)
    updated = _validated(
        lambda: upsert_member(household, _member_from_args(args, base)),
        f"{household.id}/{args.member_id}",
    )
    ctx.store.save(updated)
    return updated


def cmd_add_member(ctx: Context, args: argparse.Namespace) -> int:
    _save_member(ctx, args, adding=True)
    print(f"added {args.member_id} to {args.household}")
    return 0


def cmd_edit_member(ctx: Context, args: argparse.Namespace) -> int:
    _save_member(ctx, args, adding=False)
    print(f"updated {args.member_id} in {args.household}")
    return 0


def cmd_remove_member(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household(args.household)
    member = find_member(household, args.member_id)
    if not args.yes:
        raise UsageError(
            f"this removes {member.display_name} and their tracking from {household.id}; "
            "run again with --yes to confirm ('carte-prep restore' can bring it back)"
        )
    ctx.store.save(remove_member(household, member.id))
    print(f"removed {member.id} from {household.id}")
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.store.import_file(Path(args.file), replace=args.replace)
    print(f"imported {household.id} ({household.name})")
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    text = ctx.store.export_text(args.household)
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    target = Path(args.output)
    if target.exists() and not args.force:
        raise UsageError(f"{target} already exists; choose another name or add --force")
    write_private_file(target, text.encode("utf-8"))
    print(f"exported {args.household} to {target}")
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household(args.household)
    if not args.yes:
        raise UsageError(
            f"this deletes {household.name!r} and its backups for good; "
            f"run again with --yes to confirm (export it first to keep a copy)"
        )
    left = ctx.store.delete(household.id)
    print(f"deleted {household.id} and its backups")
    for copy in left:
        print(f"  a copy made by a sync tool remains, delete it yourself if you wish: {copy}")
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    backups = ctx.store.backups(args.household)
    if not backups:
        ctx.store.load(args.household)
        if args.number is not None:
            raise UsageError(f"{args.household} has no previous versions yet to restore")
        print(f"{args.household} has no previous versions yet (one is kept at each change).")
        return 0
    if args.number is None:
        print(f"Previous versions of {args.household}, newest first:")
        for number, backup in enumerate(backups, start=1):
            local = backup.timestamp.astimezone()
            print(f"  {number}  replaced on {local:%d/%m/%Y at %H:%M:%S}")
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


def cmd_cards(ctx: Context, args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    if args.json:
        _print_json([card.model_dump(mode="json") for card in catalogue.cards.values()])
        return 0
    family = None
    for card in catalogue.cards.values():
        if card.family != family:
            family = card.family
            print(f"\n{family}")
        print(f"  {card.id}: {card.name_en}")
        print(f"      {card.name_fr}")
        for path, rule in card.paths.items():
            route = (
                f"your choice (default {rule.default}): {rule.why}"
                if rule.route == "choice"
                else rule.route
            )
            print(f"      - {PROCEDURE_LABELS[path]}: {route}")
        for path, refused in card.not_covered.items():
            print(f"      - {PROCEDURE_LABELS[path]}: not possible. {refused.reason}")
        if card.not_covered_yet is not None:
            pointer = card.not_covered_yet
            print(f"      - not covered yet: {pointer.reason} Read: {pointer.read.url}")
        print(f"      Sources: {', '.join(s.url for s in card.sources)}")
    print(f"\nCatalogue last verified {fmt(catalogue.last_verified)}.")
    return 0


def cmd_numero(ctx: Context, args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    generation = catalogue.generation_for(args.issued)
    shown = (
        [generation]
        if generation
        else sorted(catalogue.generations, key=lambda g: g.first_issued, reverse=True)
    )
    if generation is None:
        print("Where the numéro étranger (10 digits) is printed, by card model:")
    for item in shown:
        print(f"- {item.label} (from {fmt(item.first_issued)}): {item.where_numero}")
    print(
        "It is also on the récépissé and on the VLS-TS validation certificate. Do not "
        "confuse it with the card number (top right, and first line of the machine-readable "
        "zone)."
    )
    return 0


def cmd_schema(ctx: Context, args: argparse.Namespace) -> int:
    _print_json(Household.model_json_schema())
    return 0


def cmd_paths(ctx: Context, args: argparse.Namespace) -> int:
    paths = {
        "data": str(ctx.data_dir),
        "examples": str(profiles_dir()),
        "templates": str(templates_dir()),
    }
    if args.json:
        _print_json(paths)
    else:
        for name, path in paths.items():
            print(f"{name:<10} {path}")
    return 0


def _agenda_rows(events: list[AgendaEvent]) -> list[dict[str, Any]]:
    return [event.model_dump(mode="json") for event in events]


def cmd_agenda(ctx: Context, args: argparse.Namespace) -> int:
    if args.household:
        households = [ctx.household(args.household)]
        problems = []
    else:
        report = ctx.store.load_all()
        households, problems = report.households, report.problems
    events = household_agenda(households, ctx.today)
    if args.json:
        _print_json({"today": ctx.today.isoformat(), "events": _agenda_rows(events)})
    elif not events and not problems:
        print(
            "No upcoming dates. Add an appointment, a filing date or your card's expiry "
            "to plan ahead."
        )
    else:
        for event in events:
            when = fmt(event.date) + (f" {event.time:%H:%M}" if event.time else "")
            print(f"{LEVEL_MARKS[event.level]} {when}  {event.member_name}: {event.title}")
            print(f"      {event.detail}")
    for problem in problems:
        print(f"carte-prep: cannot open {problem.path}: {problem.reason}", file=sys.stderr)
    return EXIT_USER_ERROR if problems else 0


def cmd_ics(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.calendar_export import agenda_to_ics

    household = ctx.household(args.household)
    output = Path(args.output)
    if output.exists() and not args.force:
        raise UsageError(f"{output} already exists; choose another name or add --force")
    events = household_agenda([household], ctx.today)
    data = agenda_to_ics(
        events, name=f"carte-prep: {household.name}", stamp=dt.datetime.now(dt.UTC)
    )
    write_private_file(output, data)
    print(f"wrote {len(events)} dates to {output}")
    return 0


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household(args.household)
    member = find_member(household, args.member)
    if member.application is None:
        raise UsageError(f"{member.display_name} has no application: nothing to log")
    log = member.application.after_filing.model_dump()
    action = args.action
    if action is None:
        _print_log(member.application.after_filing)
        return 0
    if action == "filed":
        log["filed_on"] = args.date
    elif action == "receipt":
        log["receipts"].append(
            {"kind": args.kind, "issued_on": args.issued, "valid_until": args.until}
        )
    elif action == "request":
        log["requests"].append(
            {"received_on": args.received, "deadline": args.deadline, "what": args.what}
        )
    elif action == "sent":
        if not 1 <= args.number <= len(log["requests"]):
            raise UsageError(
                f"there is no request {args.number}; run 'carte-prep log {household.id} "
                f"{member.id}' to see them"
            )
        log["requests"][args.number - 1]["sent_on"] = args.date
    elif action == "card-ready":
        log["card_ready_on"] = args.date
    elif action == "timbre":
        log["timbre"] = {"number": args.number, "amount": args.amount, "bought_on": args.date}
    elif action == "collection":
        log["collection"] = {
            "kind": "collection",
            "date": args.date,
            "time": args.time,
            "place": args.place,
        }
    data = household.model_dump()
    for raw in data["members"]:
        if raw["id"] == member.id:
            raw["application"]["after_filing"] = log
    updated = _validated(lambda: Household.model_validate(data), f"{household.id}/{member.id}")
    ctx.store.save(updated)
    print(f"{household.id}/{member.id}: {action} saved")
    return 0


def _print_log(log: AfterFiling) -> None:
    print(f"Filed on:    {fmt(log.filed_on) if log.filed_on else '-'}")
    for receipt in log.receipts:
        print(f"Receipt:     {receipt.kind}, valid until {fmt(receipt.valid_until)}")
    for number, request in enumerate(log.requests, start=1):
        state = f"sent {fmt(request.sent_on)}" if request.sent_on else "NOT SENT"
        print(f"Request {number}:   {request.what} (by {fmt(request.deadline)}; {state})")
    print(f"Card ready:  {fmt(log.card_ready_on) if log.card_ready_on else '-'}")
    if log.timbre:
        print(f"Timbre:      €{log.timbre.amount}, number ending {log.timbre.number[-4:]}")
    if log.collection and log.collection.date:
        print(f"Collection:  {fmt(log.collection.date)}")


def cmd_pdf(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.dossier import render_pdf  # imports weasyprint: only when asked

    household = ctx.household(args.household)
    if args.member:
        find_member(household, args.member)
    output = Path(args.output)
    if output.exists() and not args.force:
        raise UsageError(f"{output} already exists; choose another name or add --force")
    written = render_pdf(
        household,
        output,
        member_id=args.member,
        today=ctx.today,
        show_ids=args.show_ids,
        with_attachments=args.with_attachments,
        timeout=args.timeout,
    )
    print(f"wrote {written}")
    return 0


# ---------------------------------------------------------------- parser


def _member_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("member")
    group.add_argument("--given-names", help="given names exactly as on the passport")
    group.add_argument("--surname", help="surname exactly as on the passport (optional)")
    group.add_argument("--birth-date", type=_date, metavar="YYYY-MM-DD")
    group.add_argument("--birth-place")
    group.add_argument(
        "--nationality", help="country code or name, e.g. GB, LB, 'Algeria', 'British'"
    )
    group.add_argument("--relationship", choices=get_args(Relationship))
    group.add_argument("--passport-number")
    group.add_argument("--passport-expiry", type=_date, metavar="YYYY-MM-DD")
    app = parser.add_argument_group(
        "application: what you ask for and what you hold today (the legal path follows)"
    )
    app.add_argument("--card", help="the card asked for: a card id (see 'carte-prep cards')")
    app.add_argument(
        "--request",
        choices=REQUESTS,
        help="what you ask for: a card (default), a duplicate, a change of situation, or the "
        "VLS-TS validation",
    )
    app.add_argument(
        "--holds",
        choices=("nothing", *HELD_KINDS),
        help="what you hold today: nothing, a VLS-TS visa, or a residence card",
    )
    app.add_argument(
        "--held-card",
        metavar="CARD",
        help="the card held, or the card the VLS-TS stands for (a card id)",
    )
    app.add_argument(
        "--procedure",
        choices=LEGACY_PROCEDURES,
        help="older form of --request/--holds, still read (with a note saying how)",
    )
    app.add_argument("--no-card", action="store_true", help="this person needs no card")
    app.add_argument("--route", choices=ROUTES, help="only where the route varies by département")
    app.add_argument("--departement", help="département code, e.g. 24, 2A, 974")
    app.add_argument("--marital-status", choices=get_args(MaritalStatus))
    app.add_argument("--housing", choices=get_args(Housing))
    app.add_argument(
        "--fact",
        action="append",
        metavar="NAME=VALUE",
        help="another situation fact, e.g. civil_documents_abroad=true (see 'carte-prep schema')",
    )
    app.add_argument(
        "--card-expiry",
        type=_date,
        metavar="YYYY-MM-DD",
        help="end date of the card or VLS-TS held today",
    )
    app.add_argument("--numero-etranger", help="the 10-digit number on the current card")
    app.add_argument("--appointment", type=_date, metavar="YYYY-MM-DD")
    app.add_argument("--appointment-time", type=_time, metavar="HH:MM")
    app.add_argument(
        "--filing-date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the day you plan to file (on ANEF, or at your prefecture appointment)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="carte-prep",
        description="Prepare a French residence card application: the right checklist for "
        "each person, tracked, with a printable dossier. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"carte-prep {__version__}")
    parser.add_argument(
        "--data-dir",
        type=_folder,
        metavar="DIR",
        help="where households are kept (default: your user data folder, or $CARTE_PREP_DATA_DIR)",
    )
    parser.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="judge dates as if today were this day (for planning ahead)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="work on a temporary copy of the example households (nothing is kept)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(
        name: str, handler: Callable[[Context, argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    p = command("list", cmd_list, "households, members, card, route, progress, next deadline")
    p.add_argument("--json", action="store_true")

    p = command("checklist", cmd_checklist, "the tailored checklist of a household or member")
    p.add_argument("household")
    p.add_argument("member", nargs="?")
    p.add_argument("--json", action="store_true")
    p.add_argument("--sources", action="store_true", help="show each item's sources")

    p = command("mark", cmd_mark, "record what you have done about one checklist item")
    p.add_argument("household")
    p.add_argument("member")
    p.add_argument("item", help="the item id shown in brackets by 'checklist'")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="the date printed on the document"
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
    p.add_argument(
        "--variant",
        metavar="KIND",
        help="which kind of document it is, where that changes how old it may be "
        "(e.g. deed-or-tax-notice, diploma)",
    )

    p = command("share", cmd_share, "make one document serve several members")
    p.add_argument("household")
    p.add_argument("item")
    p.add_argument("members", nargs="*", help="member ids (none: stop sharing)")

    p = command("new", cmd_new, "create a household (and optionally its first member)")
    p.add_argument("household", help="an id: lower-case letters, digits, hyphens")
    p.add_argument("--name", required=True, help="a name you will recognise")
    p.add_argument("--member-id", help="id of a first member to add")
    _member_flags(p)

    p = command("add-member", cmd_add_member, "add a member to a household")
    p.add_argument("household")
    p.add_argument("member_id")
    _member_flags(p)

    p = command("edit-member", cmd_edit_member, "change a member's details or application")
    p.add_argument("household")
    p.add_argument("member_id")
    _member_flags(p)

    p = command("remove-member", cmd_remove_member, "remove a member from a household")
    p.add_argument("household")
    p.add_argument("member_id")
    p.add_argument("--yes", action="store_true", help="confirm")

    p = command("import", cmd_import, "import a household file")
    p.add_argument("file")
    p.add_argument("--replace", action="store_true", help="replace a household with the same id")

    p = command("export", cmd_export, "write a household file (to stdout by default)")
    p.add_argument("household")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--force", action="store_true", help="overwrite FILE")

    p = command("delete", cmd_delete, "delete a household and its backups")
    p.add_argument("household")
    p.add_argument("--yes", action="store_true", help="confirm")

    p = command("restore", cmd_restore, "list a household's previous versions, or bring one back")
    p.add_argument("household")
    p.add_argument("number", nargs="?", type=int, help="the version number from the list")

    p = command("cards", cmd_cards, "card types and procedures in the catalogue, with sources")
    p.add_argument("--json", action="store_true")

    p = command("numero", cmd_numero, "where the numéro étranger is printed on your card")
    p.add_argument(
        "--issued",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date your card was made (printed on it)",
    )

    command("schema", cmd_schema, "the JSON Schema of household files")

    p = command("paths", cmd_paths, "where data, examples and templates are")
    p.add_argument("--json", action="store_true")

    p = command("agenda", cmd_agenda, "every upcoming date, in order, with what to do")
    p.add_argument("household", nargs="?", help="one household (default: all)")
    p.add_argument("--json", action="store_true")

    p = command("ics", cmd_ics, "the agenda as a calendar file with reminders")
    p.add_argument("household")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--force", action="store_true", help="overwrite FILE")

    p = command("log", cmd_log, "what happened after filing (shown when no action is given)")
    p.add_argument("household")
    p.add_argument("member")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    a = actions.add_parser("filed", help="the day the file was handed in or submitted")
    a.add_argument("date", type=_date)
    a = actions.add_parser("receipt", help="a récépissé or ANEF attestation de prolongation")
    a.add_argument("kind", choices=["recepisse", "prolongation"])
    a.add_argument("--until", type=_date, required=True, metavar="YYYY-MM-DD")
    a.add_argument("--issued", type=_date, metavar="YYYY-MM-DD")
    a = actions.add_parser("request", help="the prefecture asked for more documents")
    a.add_argument("--received", type=_date, required=True, metavar="YYYY-MM-DD")
    a.add_argument(
        "--deadline",
        type=_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="the date written in the letter",
    )
    a.add_argument("--what", required=True)
    a = actions.add_parser("sent", help="you sent what a request asked for")
    a.add_argument("number", type=int, help="the request number shown by 'log H M'")
    a.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD")
    a = actions.add_parser("card-ready", help="the SMS or e-mail saying the card is ready")
    a.add_argument("date", type=_date)
    a = actions.add_parser("timbre", help="the fee stamp bought")
    a.add_argument("number", help="its 16-digit number")
    a.add_argument("amount", type=int, help="in euros")
    a.add_argument("--date", type=_date, metavar="YYYY-MM-DD")
    a = actions.add_parser("collection", help="the appointment to collect the card")
    a.add_argument("date", type=_date)
    a.add_argument("--time", type=_time, metavar="HH:MM")
    a.add_argument("--place")

    p = command("pdf", cmd_pdf, "the printable dossier for the prefecture visit")
    p.add_argument("household")
    p.add_argument("member", nargs="?")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument(
        "--show-ids", action="store_true", help="print identifiers in full (masked by default)"
    )
    p.add_argument(
        "--with-attachments", action="store_true", help="add the attached scans as an annex"
    )
    p.add_argument("--force", action="store_true", help="overwrite FILE")
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=600.0,
        metavar="SECONDS",
        help="stop a dossier that takes longer than this to lay out (default 600)",
    )
    return parser


def _run_app(args: argparse.Namespace) -> int:
    from carte_prep.tui import run  # the only place the CLI loads textual

    return run(args.data_dir, demo=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            if args.today is not None:
                raise UsageError("--today works with a command (e.g. 'checklist'), not the app")
            return _run_app(args)
        with contextlib.ExitStack() as stack:
            return int(args.handler(Context(args, stack), args))
    except CartePrepError as exc:
        print(f"carte-prep: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"carte-prep: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_USER_ERROR
