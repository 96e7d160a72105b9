"""Key names as the reader's keyboard prints them: « espace », « échap », « pg suiv ».

Textual writes "space", "esc" and "pgdn" in every language; a French reader looks for
the words on their own keys. Only the names are translated: modifiers (``^``) and the
symbols Textual already draws (⏎, ↑, ?) stay as they are.
"""

from __future__ import annotations

from carte_prep.i18n import pgettext


def key_words(shown: str) -> str:
    """``shown`` (Textual's display of one key, e.g. "^space") in the language spoken."""
    names = {
        "space": pgettext("key", "space"),
        "esc": pgettext("key", "esc"),
        "pgdn": pgettext("key", "pgdn"),
        "pgup": pgettext("key", "pgup"),
        "del": pgettext("key", "del"),
        "home": pgettext("key", "home"),
        "end": pgettext("key", "end"),
        "tab": pgettext("key", "tab"),
    }
    caret = "^" if shown.startswith("^") and len(shown) > 1 else ""
    key = shown.removeprefix(caret)
    return caret + names.get(key, key)
