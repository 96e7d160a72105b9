"""What carte-prep knows and where things are: cards, the numéro étranger, schema, paths."""

from __future__ import annotations

import argparse

from carte_prep.cli import args as types
from carte_prep.cli.args import Parser, add_command
from carte_prep.cli.context import Context
from carte_prep.cli.paths import print_paths
from carte_prep.core.dates import fmt
from carte_prep.core.vocab import PROCEDURE_LABELS
from carte_prep.i18n import _


def cmd_cards(_ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.cli.render import print_json
    from carte_prep.core.catalogue import load_catalogue

    catalogue = load_catalogue()
    if args.json:
        print_json([card.model_dump(mode="json") for card in catalogue.cards.values()])
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
                _("your choice (default {route}): {why}").format(route=rule.default, why=rule.why)
                if rule.route == "choice"
                else rule.route
            )
            print(f"      - {_(PROCEDURE_LABELS[path])}: {route}")
        for path, refused in card.not_covered.items():
            print(
                _("      - {procedure}: not possible. {reason}").format(
                    procedure=_(PROCEDURE_LABELS[path]), reason=refused.reason
                )
            )
        if card.not_covered_yet is not None:
            pointer = card.not_covered_yet
            print(
                _("      - not covered yet: {reason} Read: {url}").format(
                    reason=pointer.reason, url=pointer.read.url
                )
            )
        print(_("      Sources: {urls}").format(urls=", ".join(s.url for s in card.sources)))
    print()
    print(_("Catalogue last verified {date}.").format(date=fmt(catalogue.last_verified)))
    return 0


def cmd_numero(_ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.core.catalogue import load_catalogue

    catalogue = load_catalogue()
    generation = catalogue.generation_for(args.issued)
    shown = (
        [generation]
        if generation
        else sorted(catalogue.generations, key=lambda g: g.first_issued, reverse=True)
    )
    if generation is None:
        print(_("Where the numéro étranger (10 digits) is printed, by card model:"))
    for item in shown:
        print(
            _("- {model} (from {date}): {where}").format(
                model=item.label, date=fmt(item.first_issued), where=item.where_numero
            )
        )
    print(
        _(
            "It is also on the récépissé and on the VLS-TS validation certificate. Do not "
            "confuse it with the card number (top right, and first line of the machine-readable "
            "zone)."
        )
    )
    return 0


def cmd_schema(_ctx: Context, __: argparse.Namespace) -> int:
    from carte_prep.cli.render import print_json
    from carte_prep.core.model import Household
    from carte_prep.core.schema_docs import documented_schema

    print_json(documented_schema(Household))
    return 0


def cmd_paths(ctx: Context, args: argparse.Namespace) -> int:
    print_paths(ctx.data_dir, ctx.index_file, as_json=args.json)
    return 0


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "cards", cmd_cards)
    p.add_argument("--json", action="store_true")

    p = add_command(commands, "numero", cmd_numero)
    p.add_argument(
        "--issued",
        type=types.date,
        metavar="YYYY-MM-DD",
        help=_("the date your card was made (printed on it)"),
    )

    add_command(commands, "schema", cmd_schema)

    p = add_command(commands, "paths", cmd_paths)
    p.add_argument("--json", action="store_true")
