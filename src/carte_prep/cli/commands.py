"""Every command's name and one-line help, in the order ``carte-prep --help`` lists them.

``carte-prep --help`` is printed from this list, without building any command's options
(that is most of the command line's start-up). The full parser takes each command's help
from here too (:func:`carte_prep.cli.args.add_command`), so the two never differ.
Marked for translation; the help shows each in the language spoken.
"""

from carte_prep.i18n import N_

COMMANDS: tuple[tuple[str, str], ...] = (
    ("checklist", N_("the tailored checklist of a household or member")),
    ("agenda", N_("every upcoming date, in order, with what to do")),
    ("ics", N_("the agenda as a calendar file with reminders")),
    ("pdf", N_("the printable dossier for the prefecture visit")),
    ("upload-set", N_("one file per ANEF slot, named by slot, each under the size limit")),
    ("mark", N_("record what you have done about one checklist item")),
    ("share", N_("make one document serve several members")),
    ("ephoto", N_("the e-photo code bought for an ANEF file")),
    ("list", N_("households, members, card, route, progress, next deadline")),
    ("new", N_("create a household (and optionally its first member)")),
    ("rename", N_("give a household another name")),
    ("import", N_("import a household file")),
    ("export", N_("write a household file (to stdout by default; FILE.zip also holds its scans)")),
    ("delete", N_("delete a household and its backups")),
    ("restore", N_("list a household's previous versions, or bring one back")),
    ("undo", N_("take back the last change made from the command line")),
    ("redo", N_("make again the change undone last")),
    ("add-member", N_("add a member to a household")),
    ("edit-member", N_("change a member's details or application")),
    ("remove-member", N_("remove a member from a household")),
    ("address", N_("the household's postal address, or a member's own when they live elsewhere")),
    ("log", N_("what happened after filing (shown when no action is given)")),
    ("cards", N_("card types and procedures in the catalogue, with sources")),
    ("numero", N_("where the numéro étranger is printed on your card")),
    ("schema", N_("the JSON Schema of household files")),
    ("paths", N_("where data, examples and templates are")),
    ("settings", N_("show or change your settings: language, département, theme, backup_days")),
)
