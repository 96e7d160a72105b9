"""The one error the dossier raises for things the user can act on."""

from __future__ import annotations

from carte_prep.core.errors import CartePrepError


class DossierError(CartePrepError):
    """The PDF could not be made or written; the message says why in plain words.

    It is also raised when the renderer is asked for a file or URL it may not read: a
    dossier that silently missed a page, or quietly read another file, would be worse than
    none.
    """
