"""What is read or printed from households: the checklist, the agenda, the calendar, the PDF."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from carte_prep.cli import args as types
from carte_prep.cli.args import Parser, add_command
from carte_prep.cli.context import EXIT_USER_ERROR, Context, UsageError
from carte_prep.core.confidence import confidence_intro, confidence_lines
from carte_prep.core.dates import fmt
from carte_prep.core.pdf_options import PDF_OPTIONS
from carte_prep.i18n import LANGUAGES, _, format_number, ngettext, set_language

PDF_TIMEOUT = 600.0
"""Seconds a dossier may take to lay out unless --timeout says otherwise."""


def _refuse_overwrite(output: Path, force: bool) -> None:
    if output.exists() and not force:
        raise UsageError(
            _("{path} already exists; choose another name or add --force").format(path=output)
        )


def cmd_checklist(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.cli.checklist_text import checklist_text
    from carte_prep.cli.render import print_json
    from carte_prep.core.catalogue import load_catalogue
    from carte_prep.core.engine import build_checklist

    household = ctx.household(args.household)
    members = [household.find_member(args.member)] if args.member else household.members
    checklists = []
    for member in members:
        checklist = build_checklist(household, member.id, ctx.today)
        if checklist is None:
            if args.member:
                raise UsageError(
                    _("{name} has no application: no card needed").format(name=member.display_name)
                )
            continue
        checklists.append(checklist)
    verified = load_catalogue().last_verified
    if args.json:
        print_json(
            {
                "household": household.id,
                "today": ctx.today.isoformat(),
                "catalogue_verified": verified.isoformat(),
                "members": [c.model_dump(mode="json") for c in checklists],
            }
        )
        return 0
    print(
        _("{household} — checklist on {date}").format(household=household.name, date=fmt(ctx.today))
    )
    for checklist in checklists:
        print()
        print(checklist_text(checklist, sources=args.sources))
    print()
    if args.sources:
        print(confidence_intro())
        for line in confidence_lines():
            print(f"  {line}")
        print()
    print(
        _(
            "Catalogue last verified {date}. Rules change: "
            "check your prefecture's own list before you go."
        ).format(date=fmt(verified))
    )
    return 0


def cmd_agenda(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.cli.render import print_event, print_json
    from carte_prep.core.agenda import household_agenda
    from carte_prep.core.text import printable

    if args.household:
        households, problems = [ctx.household(args.household)], []
    else:
        report = ctx.store.load_all()
        households, problems = report.households, report.problems
    events = household_agenda(households, ctx.today)
    if args.json:
        rows = [event.model_dump(mode="json") for event in events]
        print_json({"today": ctx.today.isoformat(), "events": rows})
    elif not events and not problems:
        print(
            _(
                "No upcoming dates. Add an appointment, a filing date or your card's expiry "
                "to plan ahead."
            )
        )
    else:
        for event in events:
            print_event(event)
    for problem in problems:
        line = _("carte-prep: cannot open {path}: {reason}")
        print(printable(line.format(path=problem.path, reason=problem.reason)), file=sys.stderr)
    return EXIT_USER_ERROR if problems else 0


def cmd_ics(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.calendar_export import agenda_to_ics
    from carte_prep.core.agenda import household_agenda
    from carte_prep.core.redact import Redactor

    household = ctx.household(args.household)
    output = Path(args.output)
    _refuse_overwrite(output, args.force)
    events = household_agenda([household], ctx.today)
    data = agenda_to_ics(
        events,
        name=f"carte-prep: {household.name}",
        stamp=dt.datetime.now(dt.UTC),
        redactor=Redactor.for_households([household]),
    )
    ctx.store.write_export(output, data)
    print(
        ngettext(
            "wrote {count} date to {path}", "wrote {count} dates to {path}", len(events)
        ).format(count=len(events), path=output)
    )
    return 0


def cmd_pdf(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.dossier import glyph_warnings, render_pdf  # weasyprint: only when asked

    household = ctx.household(args.household)
    if args.member:
        household.find_member(args.member)
    output = Path(args.output)
    _refuse_overwrite(output, args.force)
    if args.pdf_lang is not None:
        set_language(args.pdf_lang)  # the dossier's language only: nothing else speaks after
    for warning in glyph_warnings(household, args.member):
        print(_("carte-prep: warning: {problem}").format(problem=warning), file=sys.stderr)
    written = render_pdf(
        ctx.store.for_dossier(household),
        output,
        member_id=args.member,
        today=ctx.today,
        only=args.only,
        **{option.name: getattr(args, option.name) for option in PDF_OPTIONS},
        timeout=args.timeout,
        data_root=ctx.data_dir,
    )
    print(_("wrote {path}").format(path=written))
    return 0


def cmd_upload_set(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.cli.render import print_json
    from carte_prep.dossier.upload import make_upload_set

    household = ctx.household(args.household)
    made = make_upload_set(
        ctx.store.for_dossier(household),  # the kept scans as paths, wherever one runs it
        args.member,
        Path(args.output),
        today=ctx.today,
        force=args.force,
    )
    if args.json:
        print_json(
            {
                "folder": str(made.folder),
                "limit_bytes": made.limit_bytes,
                "slots": [vars(slot) for slot in made.slots],
            }
        )
        return 0
    print(
        _("wrote the ANEF upload set to {folder} (each file under {limit} bytes)").format(
            folder=made.folder, limit=format_number(made.limit_bytes)
        )
    )
    for slot in made.slots:
        what = slot.file or _("(nothing: {problem})").format(problem=slot.problem)
        print(f"  {slot.number:>2}. {slot.name_fr}: {what}")
    return 0


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "checklist", cmd_checklist)
    p.add_argument("household")
    p.add_argument("member", nargs="?")
    p.add_argument("--json", action="store_true")
    p.add_argument("--sources", action="store_true", help=_("show each item's sources"))

    p = add_command(commands, "agenda", cmd_agenda)
    p.add_argument("household", nargs="?", help=_("one household (default: all)"))
    p.add_argument("--json", action="store_true")

    p = add_command(commands, "ics", cmd_ics)
    p.add_argument("household")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--force", action="store_true", help=_("overwrite FILE"))

    p = add_command(commands, "pdf", cmd_pdf)
    p.add_argument("household")
    p.add_argument("member", nargs="?")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    for option in PDF_OPTIONS:  # the same table as the app's PDF dialog
        if option.choices:
            values = tuple(value for value, _meaning in option.choices)
            p.add_argument(option.flag, choices=values, default=option.default, help=_(option.help))
        else:
            p.add_argument(option.flag, action="store_true", help=_(option.help))
    p.add_argument("--force", action="store_true", help=_("overwrite FILE"))
    p.add_argument(
        "--only",
        choices=("bordereau", "packing-list"),
        default="all",
        help=_("only the clerk's bordereau des pièces, or only your packing list"),
    )
    p.add_argument(
        "--timeout",
        type=types.seconds,
        default=PDF_TIMEOUT,
        metavar="SECONDS",
        help=_("stop a dossier that takes longer than this to lay out (default {seconds})").format(
            seconds=f"{PDF_TIMEOUT:g}"
        ),
    )
    p.add_argument(
        "--lang",
        dest="pdf_lang",
        choices=LANGUAGES,
        help=_("the dossier's language: fr or en (default: the language carte-prep speaks)"),
    )

    p = add_command(commands, "upload-set", cmd_upload_set)
    p.add_argument("household")
    p.add_argument("member")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help=_("an empty folder"))
    p.add_argument("--force", action="store_true", help=_("replace what DIR holds"))
    p.add_argument("--json", action="store_true")
