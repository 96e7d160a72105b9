"""Upgrading household files written by older versions of carte-prep.

Every file carries ``schema_version``. When the saved shape changes, the version in
:mod:`carte_prep.core.model` goes up by one and a pure function ``dict -> dict`` is
registered in :data:`MIGRATIONS` under the version it upgrades *from*. The store runs
:func:`upgrade` on the parsed JSON before validation, in memory: the file on disk is left
as it is until the person saves, and the store keeps a copy of the original bytes before
that first write in the new shape.

Rules for a migration:

* it receives a deep copy, so it may change its argument freely, and returns the new dict;
* it must not drop information: move or rename a field, never delete one the person typed;
* it must not set ``schema_version`` itself (:func:`upgrade` stamps each step);
* a golden file of the old version goes in ``tests/fixtures/schema-<N>/`` so the
  whole path from every released version to the current one stays tested.

Version 2 (rules v2) stopped storing the legal "procedure": the person says what they
hold today and what they ask for, and the path is derived. It also stores nationality as
a country code.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Final

from carte_prep.core.countries import code_from_text
from carte_prep.core.model import SCHEMA_VERSION
from carte_prep.i18n import _

Raw = dict[str, Any]
Migration = Callable[[Raw], Raw]

FIRST_VERSION: Final = 1
"""The version of a file without ``schema_version``: version 1 files could leave it out."""

CURRENT_VERSION: int = SCHEMA_VERSION
"""The version this carte-prep writes; read at call time so tests can pretend another."""


def _application_v2(application: Raw) -> Raw:
    """What was a 'procedure' becomes what is held and what is asked.

    A v1 "first" application with a current document of no catalogue type was the card
    asked for at the end of a VLS-TS (the shipped visitor example); with a card of another
    type it was a change of status.
    """
    procedure = application.pop("procedure", "first")
    target = application.get("card_type")
    held = application.get("current_card")
    if procedure in ("duplicate", "change-of-situation", "vls-ts-validation"):
        application["request"] = procedure
        if isinstance(held, dict) and procedure == "vls-ts-validation":
            held["kind"] = "vls-ts"
            held["card_type"] = held.get("card_type") or target
        return application
    application["request"] = "card"
    if procedure == "renewal":
        held = held if isinstance(held, dict) else {}
        held["kind"] = "card"
        held["card_type"] = held.get("card_type") or target
        application["current_card"] = held
    elif isinstance(held, dict):
        held["kind"] = "card" if held.get("card_type") else "vls-ts"
        held["card_type"] = held.get("card_type") or target
    return application


def _member_v2(member: Raw) -> Raw:
    written = member.get("nationality")
    text = written.strip() if isinstance(written, str) else ""
    code = code_from_text(text) if text else None
    member["nationality"] = code
    if text and code is None:
        member["nationality_as_written"] = text
    if isinstance(member.get("application"), dict):
        member["application"] = _application_v2(member["application"])
    return member


def _v1_to_v2(raw: Raw) -> Raw:
    members = raw.get("members")
    if isinstance(members, list):
        raw["members"] = [_member_v2(m) if isinstance(m, dict) else m for m in members]
    return raw


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}
"""``MIGRATIONS[n]`` turns a version ``n`` file into a version ``n + 1`` file."""


class SchemaVersionError(Exception):
    """The file's version cannot be brought to the current one; ``reason`` says why.

    The reason is a sentence about the file (without its path) that tells the person what
    to do, in the same style as the store's other reports.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def version_of(raw: Raw) -> int:
    """The schema version a parsed file declares (a missing one means version 1)."""
    if "schema_version" not in raw:
        return FIRST_VERSION
    value = raw["schema_version"]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemaVersionError(
            _(
                "schema_version: {value} is not a version number; "
                "files written by this carte-prep have {current}"
            ).format(value=repr(value), current=CURRENT_VERSION)
        )
    return value


def upgrade(raw: Raw) -> tuple[Raw, int]:
    """Bring a parsed file to the current version; return it and the version it had.

    The argument is never modified. A file already at the current version is returned as
    it is. A newer file, or an older one with no path to the current version, raises
    :class:`SchemaVersionError` and nothing is changed anywhere.
    """
    current = CURRENT_VERSION
    original = version_of(raw)
    if original > current:
        raise SchemaVersionError(
            _(
                "was written by a newer version of carte-prep (schema {version}); "
                "update carte-prep to open it"
            ).format(version=original)
        )
    if original == current:
        return raw, original
    missing = [v for v in range(original, current) if v not in MIGRATIONS]
    if missing:
        raise SchemaVersionError(
            _(
                "has schema_version {version}, which this carte-prep cannot upgrade "
                "(it reads schema {readable}); check the number in the file"
            ).format(version=original, readable=_readable(current))
        )
    data = copy.deepcopy(raw)
    for version in range(original, current):
        try:
            data = MIGRATIONS[version](data)
        except Exception as exc:  # a migration bug must become a report, not a crash
            raise SchemaVersionError(
                _(
                    "could not be upgraded from schema {version} to {next} "
                    "({problem}); it was left as it is, "
                    "please report this with a copy of the file"
                ).format(version=version, next=version + 1, problem=f"{type(exc).__name__}: {exc}")
            ) from exc
        if not isinstance(data, dict):
            raise SchemaVersionError(
                _(
                    "could not be upgraded from schema {version} to {next} (the upgrade did "
                    "not give an object); it was left as it is, please report this"
                ).format(version=version, next=version + 1)
            )
        data["schema_version"] = version + 1
    return data, original


def _readable(current: int) -> str:
    """The versions this build can open, e.g. '1' or '1 to 3'."""
    oldest = current
    while oldest - 1 in MIGRATIONS:
        oldest -= 1
    if oldest == current:
        return str(current)
    return _("{oldest} to {current}").format(oldest=oldest, current=current)
