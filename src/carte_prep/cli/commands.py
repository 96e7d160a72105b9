"""Every command's name and one-line help, in the order ``carte-prep --help`` lists them.

``carte-prep --help`` is printed from this list, without building any command's options
(that is most of the command line's start-up); the commands' own modules still declare
them, and a test checks that this list and the help of the full parser are the same.
Plain English, in one place, for the translations to wrap.
"""

COMMANDS: tuple[tuple[str, str], ...] = (
    ("checklist", "the tailored checklist of a household or member"),
    ("agenda", "every upcoming date, in order, with what to do"),
    ("ics", "the agenda as a calendar file with reminders"),
    ("pdf", "the printable dossier for the prefecture visit"),
    ("upload-set", "one file per ANEF slot, named by slot, each under the size limit"),
    ("mark", "record what you have done about one checklist item"),
    ("share", "make one document serve several members"),
    ("ephoto", "the e-photo code bought for an ANEF file"),
    ("list", "households, members, card, route, progress, next deadline"),
    ("new", "create a household (and optionally its first member)"),
    ("rename", "give a household another name"),
    ("import", "import a household file"),
    ("export", "write a household file (to stdout by default; FILE.zip also holds its scans)"),
    ("delete", "delete a household and its backups"),
    ("restore", "list a household's previous versions, or bring one back"),
    ("undo", "take back the last change made from the command line"),
    ("redo", "make again the change undone last"),
    ("add-member", "add a member to a household"),
    ("edit-member", "change a member's details or application"),
    ("remove-member", "remove a member from a household"),
    ("address", "the household's postal address, or a member's own when they live elsewhere"),
    ("log", "what happened after filing (shown when no action is given)"),
    ("cards", "card types and procedures in the catalogue, with sources"),
    ("numero", "where the numéro étranger is printed on your card"),
    ("schema", "the JSON Schema of household files"),
    ("paths", "where data, examples and templates are"),
)
