"""The member flags of ``new``, ``add-member`` and ``edit-member``, declared once.

Each row of :data:`FIELDS` is one flag and the place in the saved member it fills; the
same table adds the flags to the three commands and lays the values given over the
member. The few flags that are answers rather than values (what you hold today, the
older ``--procedure``, ``--fact``, ``--no-card``) are read after the table, by the
functions below it. A flag not given keeps the saved value.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from carte_prep.cli import args as types
from carte_prep.cli.context import UsageError
from carte_prep.core.errors import InvalidInputError, explain_validation
from carte_prep.core.vocab import (
    HELD_KINDS,
    REQUESTS,
    ROUTES,
    Housing,
    MaritalStatus,
    Relationship,
)
from carte_prep.i18n import N_, _

if TYPE_CHECKING:
    from pydantic import BaseModel

    from carte_prep.core.model import Member

Path = tuple[str, ...]
Group = Literal["member", "application"]


@dataclass(frozen=True)
class Field:
    """One flag and where its value goes in the member's data."""

    flag: str
    path: Path
    group: Group = "member"
    help: str | None = None
    type: Callable[[str], Any] | None = None
    choices: tuple[str, ...] | None = None
    metavar: str | None = None
    convert: Callable[[Any], Any] | None = None
    """Read the value once parsed; a ValueError becomes '--flag: why'."""

    @property
    def dest(self) -> str:
        return self.flag.removeprefix("--").replace("-", "_")


APP: Path = ("application",)
DAY = "YYYY-MM-DD"


def _parts() -> dict[Path, type[BaseModel]]:
    """Parts a flag may fill in before they exist: they start from their defaults."""
    from carte_prep.core.model import Appointment, CurrentCard, Passport, Situation

    return {
        ("passport",): Passport,
        (*APP, "situation"): Situation,
        (*APP, "current_card"): CurrentCard,
        (*APP, "appointment"): Appointment,
    }


def _nationality(value: str) -> str:
    """A country code or name read as its code (the table is loaded only when needed)."""
    from carte_prep.core.countries import check_code

    return check_code(value)


IDENTITY = (
    Field("--given-names", ("given_names",), help=N_("given names exactly as on the passport")),
    Field("--surname", ("surname",), help=N_("surname exactly as on the passport (optional)")),
    Field("--birth-date", ("birth_date",), type=types.date, metavar=DAY),
    Field("--birth-place", ("birth_place",)),
    Field(
        "--nationality",
        ("nationality",),
        help=N_("country code or name, e.g. GB, LB, 'Algeria', 'British'"),
        convert=_nationality,
    ),
    Field("--relationship", ("relationship",), choices=get_args(Relationship)),
    Field("--passport-number", ("passport", "number")),
    Field("--passport-expiry", ("passport", "valid_until"), type=types.date, metavar=DAY),
    Field("--phone", ("phone",), help=N_("phone number, for the bordereau (optional)")),
    Field("--email", ("email",), help=N_("e-mail address, for the bordereau (optional)")),
)
ASKED = (
    Field(
        "--card",
        (*APP, "card_type"),
        "application",
        help=N_("the card asked for: a card id (see 'carte-prep cards')"),
    ),
    Field(
        "--request",
        (*APP, "request"),
        "application",
        help=N_(
            "what you ask for: a card (default), a duplicate, a change of situation, or the "
            "VLS-TS validation"
        ),
        choices=REQUESTS,
    ),
)
PLACE_AND_SITUATION = (
    Field(
        "--route",
        (*APP, "route_choice"),
        "application",
        help=N_("only where the route varies by département"),
        choices=ROUTES,
    ),
    Field(
        "--departement", (*APP, "departement"), "application", help=N_("département code, e.g. 24")
    ),
    Field(
        "--marital-status",
        (*APP, "situation", "marital_status"),
        "application",
        choices=get_args(MaritalStatus),
    ),
    Field("--housing", (*APP, "situation", "housing"), "application", choices=get_args(Housing)),
)
HELD = (
    Field(
        "--card-expiry",
        (*APP, "current_card", "valid_until"),
        "application",
        help=N_("end date of the card or VLS-TS held today"),
        type=types.date,
        metavar=DAY,
    ),
    Field(
        "--numero-etranger",
        (*APP, "current_card", "numero_etranger"),
        "application",
        help=N_("the 10-digit number on the current card"),
    ),
)
DATES = (
    Field(
        "--appointment", (*APP, "appointment", "date"), "application", type=types.date, metavar=DAY
    ),
    Field(
        "--appointment-time",
        (*APP, "appointment", "time"),
        "application",
        type=types.time,
        metavar="HH:MM",
    ),
    Field(
        "--filing-date",
        (*APP, "planned_filing_date"),
        "application",
        help=N_("the day you plan to file (on ANEF, or at your prefecture appointment)"),
        type=types.date,
        metavar=DAY,
    ),
)
FIELDS = (*IDENTITY, *ASKED, *PLACE_AND_SITUATION, *HELD, *DATES)
"""Every member flag that is simply a value, in the order of ``--help``."""

LEGACY_PROCEDURES = ("first", "renewal", "change-of-situation", "duplicate", "vls-ts-validation")
"""What --procedure accepted before the path was derived; still read, with a note."""


def add_member_flags(parser: argparse.ArgumentParser) -> None:
    """The member flags, in two groups, on one of the three commands."""
    member = parser.add_argument_group(_("member"))
    application = parser.add_argument_group(
        _("application: what you ask for and what you hold today (the legal path follows)")
    )
    groups = {"member": member, "application": application}

    def add(field: Field) -> None:
        shown = _(field.help) if field.help else None
        options: dict[str, Any] = {"help": shown, "metavar": field.metavar}
        if field.type is not None:
            options["type"] = field.type
        if field.choices is not None:
            options["choices"] = field.choices
        groups[field.group].add_argument(field.flag, **options)

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


def _lay_over(data: dict[str, Any], args: argparse.Namespace, fields: tuple[Field, ...]) -> None:
    for field in fields:
        value = getattr(args, field.dest)
        if value is None:
            continue
        if field.convert is not None:
            try:
                value = field.convert(value)
            except ValueError as exc:
                raise UsageError(f"{field.flag}: {exc}") from None
        _set(data, field.path, value)


def member_from_args(args: argparse.Namespace, member_id: str, base: Member | None) -> Member:
    """A new member (``base`` None) or ``base`` with the flags given laid over it."""
    from pydantic import ValidationError

    from carte_prep.core.entry import card_problem
    from carte_prep.core.model import Member, Passport

    for flag, card in (("--card", args.card), ("--held-card", args.held_card)):
        problem = card_problem(card) if card is not None else None
        if problem:
            raise UsageError(f"{flag}: {problem}")
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
    try:
        return Member.model_validate(data)
    except ValidationError as exc:
        raise InvalidInputError(explain_validation(exc, where=member_id)) from None


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
