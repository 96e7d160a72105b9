"""The member flags of ``new``, ``add-member`` and ``edit-member``.

Each flag is a row of the member fields the app's profile editor also uses
(:mod:`carte_prep.core.member_fields`): its place in the saved member, its kind and its
choices. This module adds those flags to the three commands and lays the values given
over the member. The few flags that are answers rather than values (what you hold today, the
older ``--procedure``, ``--fact``, ``--no-card``) are read after the table, by the
functions below it. A flag not given keeps the saved value.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from carte_prep.cli import args as types
from carte_prep.cli.context import UsageError
from carte_prep.core.errors import InvalidInputError, Names, explain_validation
from carte_prep.core.member_fields import APP, APPT, CUR, SIT, FieldSpec, Path, flagged
from carte_prep.core.vocab import HELD_KINDS
from carte_prep.i18n import _

if TYPE_CHECKING:
    from pydantic import BaseModel

    from carte_prep.core.model import Member

Group = Literal["member", "application"]
DAY = "YYYY-MM-DD"
TYPES: dict[str, tuple[Callable[[str], Any], str]] = {
    "date": (types.date, DAY),
    "time": (types.time, "HH:MM"),
}
"""How a date or time field is read from its flag, and what ``--help`` calls the value."""


def _nationality(value: str) -> str:
    """A country code or name read as its code (the table is loaded only when needed)."""
    from carte_prep.core.countries import check_code

    return check_code(value)


CONVERT: dict[str, Callable[[Any], Any]] = {"--nationality": _nationality}
"""Flags whose value is read once parsed; a ValueError becomes '--flag: why'."""


def _parts() -> dict[Path, type[BaseModel]]:
    """Parts a flag may fill in before they exist: they start from their defaults."""
    from carte_prep.core.model import Appointment, CurrentCard, Passport, Situation

    return {
        ("passport",): Passport,
        SIT: Situation,
        CUR: CurrentCard,
        APPT: Appointment,
    }


def dest(spec: FieldSpec) -> str:
    """The name argparse gives a field's flag."""
    return (spec.flag or "").removeprefix("--").replace("-", "_")


FIELDS = tuple(flagged())
"""Every member flag that is simply a value, from the shared table of member fields."""
IDENTITY = tuple(spec for spec in FIELDS if spec.path[0] != APP[0])
ASKED = tuple(spec for spec in FIELDS if spec.path in {(*APP, "card_type"), (*APP, "request")})
HELD = tuple(spec for spec in FIELDS if spec.path[:2] == CUR)
DATES = tuple(
    spec for spec in FIELDS if spec.path[:2] == APPT or spec.path == (*APP, "planned_filing_date")
)
PLACE_AND_SITUATION = tuple(
    spec for spec in FIELDS if spec not in (*IDENTITY, *ASKED, *HELD, *DATES)
)
"""The table's flags in the groups they are laid over the member in (the application is
made or unmade between them)."""
FLAG_NAMES: Names = {
    **{spec.path: spec.flag for spec in FIELDS if spec.flag},
    ("id",): "MEMBER",
    (*CUR, "card_type"): "--held-card",
}
"""Each member field as the command line names it, for the model's refusals."""

LEGACY_PROCEDURES = ("first", "renewal", "change-of-situation", "duplicate", "vls-ts-validation")
"""What --procedure accepted before the path was derived; still read, with a note."""


def add_member_flags(parser: argparse.ArgumentParser) -> None:
    """The member flags, in two groups, on one of the three commands."""
    member = parser.add_argument_group(_("member"))
    application = parser.add_argument_group(
        _("application: what you ask for and what you hold today (the legal path follows)")
    )
    groups = {"member": member, "application": application}

    def add(spec: FieldSpec) -> None:
        options: dict[str, Any] = {"help": _(spec.flag_help) if spec.flag_help else None}
        if spec.kind in TYPES:
            options["type"], options["metavar"] = TYPES[spec.kind]
        if spec.kind == "choice" and not callable(spec.options):
            options["choices"] = tuple(str(value) for value, _ in spec.choices)
        group: Group = "application" if spec.path[0] == APP[0] else "member"
        assert spec.flag is not None, "only the table's flagged fields are added"
        groups[group].add_argument(spec.flag, **options)

    for field in (*IDENTITY, *ASKED):
        add(field)
    application.add_argument(
        "--holds",
        choices=("nothing", *HELD_KINDS),
        help=_("what you hold today: nothing, a VLS-TS visa, or a residence card"),
    )
    application.add_argument(
        "--held-card",
        metavar="CARD",
        help=_("the card held, or the card the VLS-TS stands for (a card id)"),
    )
    application.add_argument(
        "--procedure",
        choices=LEGACY_PROCEDURES,
        help=_("older form of --request/--holds, still read (with a note saying how)"),
    )
    application.add_argument("--no-card", action="store_true", help=_("this person needs no card"))
    for field in PLACE_AND_SITUATION:
        add(field)
    application.add_argument(
        "--fact",
        action="append",
        metavar="NAME=VALUE",
        help=_(
            "another situation fact, e.g. civil_documents_abroad=true (see 'carte-prep schema')"
        ),
    )
    for field in (*HELD, *DATES):
        add(field)


def member_flags_given(args: argparse.Namespace) -> list[str]:
    """The member flags given on this command line, as typed (``new`` needs to know)."""
    given = [spec.flag for spec in FIELDS if spec.flag and getattr(args, dest(spec)) is not None]
    answers = {"--holds": args.holds, "--held-card": args.held_card}
    answers |= {"--procedure": args.procedure, "--fact": args.fact}
    given += [flag for flag, value in answers.items() if value is not None]
    return [*given, "--no-card"] if args.no_card else given


def _set(data: dict[str, Any], path: Path, value: Any) -> None:
    """Put a value at a path, creating the parts on the way from their defaults."""
    for length in range(1, len(path)):
        part = path[:length]
        if not isinstance(data_at(data, part), dict):
            model = _parts().get(part)
            holder = data_at(data, part[:-1])
            holder[part[-1]] = model().model_dump() if model else {}
    data_at(data, path[:-1])[path[-1]] = value


def data_at(data: dict[str, Any], path: Path) -> Any:
    value: Any = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _lay_over(
    data: dict[str, Any], args: argparse.Namespace, fields: tuple[FieldSpec, ...]
) -> None:
    for spec in fields:
        value = getattr(args, dest(spec))
        if value is None:
            continue
        convert = CONVERT.get(spec.flag or "")
        if convert is not None:
            try:
                value = convert(value)
            except ValueError as exc:
                problem = _("{flag}: {problem}").format(flag=spec.flag, problem=exc)
                raise UsageError(problem) from None
        _set(data, spec.path, value)


def member_from_args(args: argparse.Namespace, member_id: str, base: Member | None) -> Member:
    """A new member (``base`` None) or ``base`` with the flags given laid over it."""
    from pydantic import ValidationError

    from carte_prep.core.entry import card_problem
    from carte_prep.core.model import Member, Passport, Situation

    for flag, card in (("--card", args.card), ("--held-card", args.held_card)):
        problem = card_problem(card) if card is not None else None
        if problem:
            raise UsageError(_("{flag}: {problem}").format(flag=flag, problem=problem))
    data: dict[str, Any] = base.model_dump() if base else {"id": member_id}
    data.setdefault("passport", Passport().model_dump())
    _lay_over(data, args, IDENTITY)
    if args.nationality is not None:
        data["nationality_as_written"] = None  # a country is chosen: the old text is done
    if args.no_card:
        data["application"] = None
    else:
        application = data.get("application")
        if args.procedure is not None:
            _legacy_procedure(args, application or {})
        if application is None and _new_application(args, base):
            data["application"] = {"card_type": args.card, "request": "card"}
        if data.get("application") is not None:
            _application(data, args)
    appointment = (data.get("application") or {}).get("appointment") or {}
    if appointment and appointment.get("date") is None and args.appointment_time is not None:
        raise UsageError(_("--appointment-time needs the day too: add --appointment DATE"))
    try:
        return Member.model_validate(data)
    except ValidationError as exc:
        facts: Names = {(*SIT, name): f"--fact {name}" for name in Situation.model_fields}
        names: Names = {**facts, **FLAG_NAMES}  # a fact with a flag of its own is named by it
        raise InvalidInputError(explain_validation(exc, where=member_id, names=names)) from None


def _application(data: dict[str, Any], args: argparse.Namespace) -> None:
    from carte_prep.core.model import Situation

    _lay_over(data, args, (*ASKED, *PLACE_AND_SITUATION))
    situation = data["application"].setdefault("situation", Situation().model_dump())
    for fact in args.fact or []:
        name, _sep, value = fact.partition("=")
        if name not in Situation.model_fields:
            raise UsageError(
                _("unknown fact {name}; known: {known}").format(
                    name=repr(name), known=", ".join(sorted(Situation.model_fields))
                )
            )
        situation[name] = {"true": True, "false": False, "none": None}.get(value.lower(), value)
    _held_document(args, data["application"])
    _lay_over(data, args, (*HELD, *DATES))


def _new_application(args: argparse.Namespace, base: Member | None) -> bool:
    """Whether the flags make a new application; an incomplete one is refused for a new member."""
    if args.card is None or (args.holds is None and args.request in (None, "card")):
        if base is None:
            raise UsageError(
                _(
                    "give --card and --holds (nothing, vls-ts or card) for the member's "
                    "application, or --request duplicate, change-of-situation or "
                    "vls-ts-validation (or --no-card for someone who needs none); "
                    "'carte-prep cards' lists the cards"
                )
            )
        return False
    return True


def _legacy_procedure(args: argparse.Namespace, application: dict[str, Any]) -> None:
    """Read an old --procedure as the new questions, and say how it was read."""
    procedure = args.procedure
    if procedure in ("duplicate", "change-of-situation", "vls-ts-validation"):
        args.request = args.request or procedure
        read = f"--request {procedure}"
    elif procedure == "renewal":
        args.holds = args.holds or "card"
        read = _("--holds card (the same card)")
    else:
        holds_something = bool(
            args.card_expiry or args.numero_etranger or application.get("current_card")
        )
        args.holds = args.holds or ("vls-ts" if holds_something else "nothing")
        read = f"--holds {args.holds}"
    print(
        _(
            "carte-prep: note: --procedure is replaced by --request and --holds (the legal path "
            "is worked out from them); '{procedure}' was read as {read}"
        ).format(procedure=procedure, read=read),
        file=sys.stderr,
    )


def _held_document(args: argparse.Namespace, application: dict[str, Any]) -> None:
    """Apply --holds and --held-card to what the application says is held today."""
    from carte_prep.core.model import CurrentCard

    held = application.get("current_card")
    if args.holds == "nothing":
        if args.held_card or args.card_expiry or args.numero_etranger:
            raise UsageError(
                _("--holds nothing cannot go with --held-card, --card-expiry or --numero-etranger")
            )
        application["current_card"] = None
        return
    if args.holds is not None:
        held = {**(held or CurrentCard().model_dump()), "kind": args.holds}
        if args.held_card is None and held.get("card_type") is None:
            held["card_type"] = application["card_type"] if args.procedure == "renewal" else None
    if args.held_card is not None:
        if held is None:
            raise UsageError(_("--held-card needs --holds card or --holds vls-ts"))
        held = {**held, "card_type": args.held_card}
    application["current_card"] = held
