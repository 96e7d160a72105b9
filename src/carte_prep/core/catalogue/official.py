"""Which web hosts count as official sources for a catalogue rule.

People take the checklist to a prefecture desk, so every rule must rest on a page written
by the authority that makes or applies the rule: the law (Légifrance, Parliament, the EU
and its treaties), the government's own guides (service-public, the Interior Ministry,
ANEF, ANTS, France-Visas), the prefectures, and the public bodies that run a step of the
procedure (OFII, OFPRA, the State's démarches-simplifiées platform used by prefectures).
Law firms, universities, associations, press and vendors may be read for leads, but are
never cited: the list is written once here and checked by a test over the whole catalogue.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

OFFICIAL_HOST_SUFFIXES: Final[tuple[str, ...]] = (
    "gouv.fr",  # service-public, Légifrance, interieur, ANEF, ANTS, France-Visas, prefectures
    "service-public.fr",  # the former address of service-public.gouv.fr
    "ofii.fr",  # Office français de l'immigration et de l'intégration
    "demarches-simplifiees.fr",  # the State's forms platform, each procedure run by a prefecture
    "assemblee-nationale.fr",  # Parliament: bills, amendments, written questions
    "senat.fr",
    "europa.eu",  # EU law (EUR-Lex), the Withdrawal Agreement, PRADO
)


def is_official(url: str) -> bool:
    """True when the URL's host is one of the official hosts or a subdomain of one."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return any(host == suffix or host.endswith("." + suffix) for suffix in OFFICIAL_HOST_SUFFIXES)
