"""Household bytes in and out: deterministic JSON, strict decoding, plain reasons.

A file is parsed before it is validated, so that a file from a newer carte-prep is
reported as such (and never "repaired" by hand) and one from an older carte-prep is
upgraded in memory (:mod:`carte_prep.core.migrations`). A key written twice is refused:
JSON readers keep only the last one, which would silently drop the other on save.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from carte_prep.core import migrations
from carte_prep.core.errors import InvalidInputError, explain_validation
from carte_prep.core.model import Household
from carte_prep.core.storage.safe_io import MAX_FILE_BYTES, NotRegularFile, read_regular, why
from carte_prep.i18n import _


class Unusable(Exception):
    """The bytes of a file cannot become a Household; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_household_file(path: Path, *, in_data_folder: bool = True) -> bytes:
    """Read a file that should be a household; raise :class:`Unusable` with a plain reason.

    Inside the data folder a symbolic link is refused like a FIFO or a device; a file the
    person names for import may be a link, but must lead to a regular file.
    """
    try:
        return read_regular(path, follow=not in_data_folder, limit=MAX_FILE_BYTES)
    except FileNotFoundError:
        raise
    except NotRegularFile as exc:
        fix = (
            _("move it out of the data folder")
            if in_data_folder
            else _("give the path of a household file exported by carte-prep")
        )
        reason = exc.reason
        if exc.too_large:
            reason = _("{reason} to be a household file").format(reason=reason)
        raise Unusable(_("{reason}; {fix}").format(reason=reason, fix=fix)) from None
    except OSError as exc:
        raise Unusable(_("cannot read: {why}").format(why=why(exc))) from None


def serialize(household: Household) -> bytes:
    """Deterministic bytes; checked to load back so we never write a file we cannot read.

    A model built with ``model_copy(update=...)`` or ``model_construct`` skips validation;
    this catches it before anything touches the disk.
    """
    try:
        text = household.model_dump_json(indent=2) + "\n"
    except ValueError:  # PydanticSerializationError: text that cannot be UTF-8
        raise InvalidInputError(_unencodable(household)) from None
    try:
        Household.model_validate_json(text)
    except ValidationError as exc:
        raise InvalidInputError(explain_validation(exc, where=household.id)) from None
    return text.encode("utf-8")


def _unencodable(household: Household) -> str:
    """Say which field holds text that cannot be written as UTF-8 (a lone surrogate).

    Python turns bytes that are not UTF-8 in a command-line argument or a file name into
    lone surrogates (U+DC80-U+DCFF); they are not characters and no file can hold them.
    """
    found = _find_surrogate(household.model_dump(), "")
    where, char = found if found else (_("(unknown field)"), "")
    code = f"U+{ord(char):04X}, " if char else ""
    return _(
        "{household}: {where}: contains {code}which is not a character "
        "(often a byte that is not UTF-8, from a terminal or a file name); retype the text"
    ).format(household=household.id, where=where or _("(top level)"), code=code)


def _find_surrogate(value: object, path: str) -> tuple[str, str] | None:
    """The first field path (in the style of error messages) holding a lone surrogate."""
    if isinstance(value, str):
        bad = next((c for c in value if 0xD800 <= ord(c) <= 0xDFFF), None)
        return (path, bad) if bad is not None else None
    if isinstance(value, dict):
        for key, item in value.items():
            shown = str(key).encode("utf-8", "backslashreplace").decode("utf-8")
            where = f"{path}.{shown}" if path else shown
            found = _find_surrogate(key, where) or _find_surrogate(item, where)
            if found:
                return found
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = _find_surrogate(item, f"{path}[{index}]")
            if found:
                return found
    return None


def utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unusable(
            _("is not UTF-8 text (bad byte at position {position}); save it again as UTF-8").format(
                position=exc.start
            )
        ) from None


def parse(data: bytes) -> Any:
    """The JSON value of the bytes, or :class:`Unusable` saying where it is broken."""
    text = utf8(data)
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except Unusable:
        raise
    except json.JSONDecodeError as exc:
        raise Unusable(
            _("not valid JSON at line {line} column {column}: {problem}").format(
                line=exc.lineno, column=exc.colno, problem=exc.msg
            )
        ) from None
    except (ValueError, RecursionError) as exc:
        raise Unusable(_("not valid JSON: {problem}").format(problem=exc)) from None


def newer_version(data: bytes) -> int | None:
    """The schema version of a file from a newer carte-prep, else None (also if broken)."""
    try:
        raw = parse(data)
        version = migrations.version_of(raw) if isinstance(raw, dict) else None
    except (Unusable, migrations.SchemaVersionError):
        return None
    return version if version is not None and version > migrations.CURRENT_VERSION else None


def decode(data: bytes) -> Household:
    """Bytes to a Household, or :class:`Unusable` saying where and what is wrong."""
    return decode_versioned(data)[0]


def decode_versioned(data: bytes) -> tuple[Household, int]:
    """Bytes to a Household and the schema version the bytes had, or :class:`Unusable`."""
    peek = parse(data)
    version = migrations.CURRENT_VERSION
    if isinstance(peek, dict):
        try:
            upgraded, version = migrations.upgrade(peek)
        except migrations.SchemaVersionError as exc:
            raise Unusable(exc.reason) from None
        if upgraded is not peek:
            # Validate the upgraded data exactly as a file is validated: in JSON mode.
            try:
                return Household.model_validate_json(json.dumps(upgraded)), version
            except ValidationError as exc:
                raise Unusable(
                    _("after upgrading from schema {version}: {problems}").format(
                        version=version, problems=explain_validation(exc)
                    )
                ) from None
    try:
        return Household.model_validate_json(utf8(data)), version
    except ValidationError as exc:
        raise Unusable(explain_validation(exc)) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for json.loads: a key twice in one object is an error."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise Unusable(
                _(
                    "the key {key} appears twice in the same object; keep only one of them "
                    "(the file was not changed)"
                ).format(key=repr(key))
            )
        result[key] = value
    return result
