"""Households in and out with their scans: a zip of the JSON file and its attachments.

``export -o NAME.zip`` writes ``<id>.json`` and ``attachments/<id>/…``; ``import`` reads
such a zip, or a plain JSON file as before. A received file is not trusted: each member
of the zip is read with a size limit (never extracted by name), each scan is checked by
its content, and attachment entries that name files outside carte-prep's data folder
(``/home/…/passport.jpg``, ``../../etc/passwd``) are left out with a warning, so the
dossier never embeds a file of this computer that the person did not choose.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from carte_prep.core.errors import InvalidInputError
from carte_prep.core.model import Household, Tracking
from carte_prep.core.scans import MAX_SCAN_BYTES, SIGNATURES
from carte_prep.core.storage.attachments import is_reference, keep_copy, name_for, resolve
from carte_prep.core.storage.codec import Unusable, decode, read_household_file, serialize
from carte_prep.core.storage.paths import ATTACHMENTS_DIR
from carte_prep.core.storage.safe_io import MAX_FILE_BYTES, NotRegularFile, read_regular
from carte_prep.i18n import _

ZIP_MAGIC = b"PK\x03\x04"
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024
MAX_MEMBERS = 2000


@dataclass
class Incoming:
    """A household read from a file, and the attachment entries that were left out."""

    household: Household
    left_out: list[str] = field(default_factory=list)


def _map_attachments(household: Household, mapping: dict[str, str | None]) -> Household:
    """Replace each attachment entry by ``mapping[entry]`` (None: leave it out)."""

    def fixed(tracking: Tracking) -> Tracking:
        entries: list[str] = []
        for entry in tracking.attachments:
            new = mapping.get(entry, entry)
            if new is not None:
                entries.append(new)
        return tracking.model_copy(update={"attachments": list(dict.fromkeys(entries))})

    members = [
        m.model_copy(update={"tracking": {k: fixed(t) for k, t in m.tracking.items()}})
        for m in household.members
    ]
    shared = [s.model_copy(update={"tracking": fixed(s.tracking)}) for s in household.shared]
    return household.model_copy(update={"members": members, "shared": shared})


def _entries(household: Household) -> list[str]:
    found = [e for m in household.members for t in m.tracking.values() for e in t.attachments]
    return found + [e for s in household.shared for e in s.tracking.attachments]


def export_archive(root: Path, household: Household) -> tuple[bytes, list[str]]:
    """The zip of a household and its readable scans; also the entries it could not carry."""
    buffer = io.BytesIO()
    mapping: dict[str, str | None] = {}
    missing: list[str] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in dict.fromkeys(_entries(household)):
            path = resolve(root, household.id, entry)
            try:
                data = read_regular(path, follow=True, limit=MAX_SCAN_BYTES) if path else None
            except (OSError, NotRegularFile):
                data = None
            kind = _kind(data) if data is not None else None
            if data is None or kind is None:
                missing.append(entry)
                mapping[entry] = entry
                continue
            name = f"{ATTACHMENTS_DIR}/{household.id}/{name_for(data, Path(entry).name, kind)}"
            if name not in archive.namelist():
                archive.writestr(name, data)
            mapping[entry] = name
        archive.writestr(f"{household.id}.json", serialize(_map_attachments(household, mapping)))
    return buffer.getvalue(), missing


def _kind(data: bytes) -> str | None:
    return next((kind for signature, kind in SIGNATURES if data.startswith(signature)), None)


def read_incoming(path: Path, root: Path) -> Incoming:
    """The household in a JSON file or a zip made by ``export``, with its scans copied in.

    InvalidInputError (with the path) for a file that is neither.
    """
    try:
        head = read_regular(path, follow=True, limit=MAX_ARCHIVE_BYTES)
    except FileNotFoundError:
        raise
    except NotRegularFile as exc:
        raise InvalidInputError(
            _("{path}: {reason}; give the path of an exported file").format(
                path=path, reason=exc.reason
            )
        ) from None
    except OSError as exc:
        raise InvalidInputError(
            _("{path}: cannot read: {why}").format(path=path, why=exc.strerror or exc)
        ) from None
    if not head.startswith(ZIP_MAGIC):
        try:
            household = decode(read_household_file(path, in_data_folder=False))
        except Unusable as exc:
            raise InvalidInputError(f"{path}: {exc.reason}") from None
        return _without_foreign(household, {})
    return _from_zip(path, head, root)


def _from_zip(path: Path, data: bytes, root: Path) -> Incoming:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InvalidInputError(
            _("{path}: not a readable zip file ({problem})").format(path=path, problem=exc)
        ) from None
    if len(members) > MAX_MEMBERS:
        raise InvalidInputError(
            _("{path}: holds {count} files, more than an export has").format(
                path=path, count=len(members)
            )
        )
    households = [m for m in members if "/" not in m.filename and m.filename.endswith(".json")]
    if len(households) != 1:
        raise InvalidInputError(
            _(
                "{path}: a carte-prep export holds exactly one household file at its top level "
                "(found {count}); give the zip written by 'carte-prep export'"
            ).format(path=path, count=len(households))
        )
    try:
        household = decode(_read_member(archive, households[0], MAX_FILE_BYTES))
    except Unusable as exc:
        raise InvalidInputError(f"{path}: {households[0].filename}: {exc.reason}") from None
    wanted = set(_entries(household))
    copies: dict[str, str] = {}
    for member in members:
        name = PurePosixPath(member.filename)
        if member.filename not in wanted or not is_reference(str(name), household.id):
            continue  # only the scans the household names, in its own folder
        try:
            content = _read_member(archive, member, MAX_SCAN_BYTES)
        except Unusable as exc:
            raise InvalidInputError(f"{path}: {member.filename}: {exc.reason}") from None
        kind = _kind(content)
        if kind is None:
            raise InvalidInputError(
                _(
                    "{path}: {file} is not a JPEG, PNG or PDF file; the archive was not imported"
                ).format(path=path, file=member.filename)
            )
        copies[member.filename] = keep_copy(root, household.id, content, name.name, kind)
    return _without_foreign(household, copies)


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> bytes:
    if member.file_size > limit:
        raise Unusable(_("is too large ({size} bytes)").format(size=member.file_size))
    with archive.open(member) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Unusable(_("is larger than its size in the archive says"))
    return data


def _without_foreign(household: Household, copies: dict[str, str]) -> Incoming:
    """Map carried scans to their copies; leave out entries naming files elsewhere."""
    mapping: dict[str, str | None] = {}
    left_out: list[str] = []
    for entry in dict.fromkeys(_entries(household)):
        if entry in copies:
            mapping[entry] = copies[entry]
        elif is_reference(entry, household.id):
            mapping[entry] = entry
        else:
            mapping[entry] = None
            left_out.append(entry)
    return Incoming(_map_attachments(household, mapping), left_out)
