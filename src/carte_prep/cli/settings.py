"""``carte-prep settings``: show and change the person's settings file."""

from __future__ import annotations

import argparse

from carte_prep.cli.args import Parser, add_command
from carte_prep.cli.context import Context, UsageError
from carte_prep.i18n import N_, _

MEANINGS = {
    "language": N_("fr or en; not set: the machine's language ($LANG) decides"),
    "departement": N_("the département of new applications unless --departement says"),
    "theme": N_("the app's colours"),
    "backup_days": N_("days one backup a day is kept (the last 24 hours are all kept)"),
}


def cmd_settings(ctx: Context, args: argparse.Namespace) -> int:
    from carte_prep.cli.render import print_json
    from carte_prep.core.paths import settings_path
    from carte_prep.core.settings import Settings, SettingsProblem, changed, write_settings
    from carte_prep.i18n import language_from_locale

    settings = ctx.settings
    if args.action in ("set", "unset"):
        if args.key is None or (args.action == "set" and args.value is None):
            raise UsageError(_("say what to set: 'carte-prep settings set language fr'"))
        try:
            settings = changed(settings, args.key, args.value if args.action == "set" else None)
        except SettingsProblem as exc:
            raise UsageError(str(exc)) from None
        write_settings(settings)
        shown = getattr(settings, args.key)
        value = shown if shown is not None else _("(not set)")
        print(
            _("{key} = {value} in {path}").format(key=args.key, value=value, path=settings_path())
        )
        return 0
    values = settings.model_dump()
    if args.json:
        print_json({"file": str(settings_path()), **values})
        return 0
    print(_("settings file: {path}").format(path=settings_path()))
    for key in Settings.model_fields:
        value = values[key]
        if key == "language" and value is None:
            value = _("not set: {language}").format(language=language_from_locale())
        elif value is None:
            value = _("not set")
        print(f"  {key:<12} {value!s:<22} {_(MEANINGS[key])}")
    return 0


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "settings", cmd_settings)
    p.add_argument("action", nargs="?", choices=("show", "set", "unset"), default="show")
    p.add_argument("key", nargs="?", help=_("language, departement, theme or backup_days"))
    p.add_argument("value", nargs="?", help=_("the new value (e.g. fr, 93, nord, 60)"))
    p.add_argument("--json", action="store_true")
