"""Keep the translations in step with the code and the catalogue, and compile them.

``python scripts/make_translations.py`` finds every sentence marked for translation (``_``,
``N_``, ``ngettext`` and ``pgettext`` in the code and the dossier's templates, the
catalogue's sentences, argparse's own words), adds the new ones to each language's
``.po`` files with an empty translation, drops the ones no longer used, and compiles the
translated ones into the ``.mo`` files carte-prep reads. ``--check`` changes nothing and
lists what is missing; ``tests/test_translations.py`` runs it, so a sentence without its
translation fails the tests.

The ``.po`` files are split by area (``core``, ``cli``, ``tui``, ``dossier``, ``argparse``,
one per catalogue file) so that translators of different parts never edit the same file.
"""

from __future__ import annotations

import argparse
import gettext
import io
import os
import re
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))

from carte_prep.core.catalogue import texts as catalogue_texts  # noqa: E402
from carte_prep.i18n import CATALOGUE_DOMAIN, CODE_DOMAIN, LANGUAGES  # noqa: E402

PACKAGE = SRC / "carte_prep"
LOCALE = PACKAGE / "locale"
TRANSLATED = [language for language in LANGUAGES if language != "en"]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
CODE_AREAS: dict[str, list[str]] = {
    "storage": [
        "src/carte_prep/core/storage/**/*.py",
        "src/carte_prep/core/edits/**/*.py",
        "src/carte_prep/core/model/*.py",
        "src/carte_prep/core/session.py",
        "src/carte_prep/core/history.py",
        "src/carte_prep/core/migrations.py",
        "src/carte_prep/core/settings.py",
    ],
    "core": ["src/carte_prep/core/**/*.py", "src/carte_prep/*.py"],
    "cli": ["src/carte_prep/cli/**/*.py"],
    "tui": ["src/carte_prep/tui/**/*.py"],
    "dossier": ["src/carte_prep/dossier/**/*.py", "templates/**/*.html"],
}
"""Each area's sources, relative to the repository; a file belongs to the first area naming it.

``argparse`` is an area too: the standard library's own words, in every command's help.
"""
OWN_NAMES = {"countries.toml"}
"""Catalogue files that carry each language's names themselves (CLDR's country names)."""
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*(?:![rsa])?(?::[^{}]*)?\}|%(?:\([a-z_]+\))?[sdr]")

Found = dict[tuple[str, str | None], set[str]]
"""Each (msgid or (singular, plural), context) found, with the files it was found in."""


def _source_files(patterns: list[str]) -> Iterator[Path]:
    for pattern in patterns:
        yield from sorted(path for path in ROOT.glob(pattern) if path.is_file())


def _extract_code(paths: Iterator[Path]) -> Found:
    found: Found = {}
    for path in paths:
        method = "jinja2.ext:babel_extract" if path.suffix == ".html" else "python"
        where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
        for _line, message, _comments, context in extract_from_file(
            method, str(path), keywords=KEYWORDS, strip_comment_tags=True
        ):
            key = (message if isinstance(message, str) else tuple(message), context)
            found.setdefault(key, set()).add(where)  # type: ignore[arg-type]
    return found


def areas() -> dict[tuple[str, str], Found]:
    """Every area's sentences, keyed by (domain, area)."""
    result: dict[tuple[str, str], Found] = {}
    claimed: set[Path] = set()
    for area, patterns in CODE_AREAS.items():
        own = [path for path in _source_files(patterns) if path not in claimed]
        claimed.update(own)
        result[(CODE_DOMAIN, area)] = _extract_code(iter(own))
    result[(CODE_DOMAIN, "argparse")] = _extract_code(iter([Path(argparse.__file__)]))
    folder = PACKAGE / "core" / "catalogue"
    for toml in sorted(folder.glob("*.toml")):
        if toml.name in OWN_NAMES:
            continue
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
        found: Found = {}
        for text in catalogue_texts.texts(data):
            found.setdefault((text, None), set()).add(f"catalogue/{toml.name}")
        if found:
            result[(CATALOGUE_DOMAIN, f"catalogue-{toml.stem}")] = found
    return result


def po_path(language: str, area: str) -> Path:
    return LOCALE / language / "po" / f"{area}.po"


def mo_path(language: str, domain: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.mo"


def _read(path: Path, language: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=language, domain=path.stem)
    with path.open("rb") as source:
        return read_po(source, locale=language)


def updated(found: Found, old: Catalog, language: str, area: str) -> Catalog:
    """The area's catalogue: what the sources use, with the translations ``old`` had."""
    catalog = Catalog(
        locale=language,
        domain=area,
        project="carte-prep",
        header_comment=f"# carte-prep: {area} in {language}.",
        fuzzy=False,
    )
    for (msgid, context), where in sorted(found.items(), key=lambda item: str(item[0])):
        before = old.get(msgid, context)
        string = (
            before.string if before is not None else ("", "") if isinstance(msgid, tuple) else ""
        )
        catalog.add(
            msgid,
            string,
            locations=[(path, None) for path in sorted(where)],
            context=context,
        )
    return catalog


def _po_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, include_lineno=False, sort_output=True)
    text = out.getvalue()
    return re.sub(rb'"POT-Creation-Date: [^"]*\\n"\n', b"", text)


def _translated(message: Message) -> bool:
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def compiled(catalogs: list[Catalog], language: str, domain: str) -> bytes:
    """One ``.mo`` from several areas' catalogues, with only translated sentences."""
    merged = Catalog(locale=language, domain=domain, fuzzy=False)
    for catalog in catalogs:
        for message in catalog:
            if message.id and _translated(message) and not message.fuzzy:
                merged.add(message.id, message.string, context=message.context)
    out = io.BytesIO()
    write_mo(out, merged, use_fuzzy=False)
    return out.getvalue()


def _messages(mo: bytes) -> dict[object, str]:
    """What a compiled file translates, without its header (which names the Babel version
    and the time it was made, so two compilations of the same .po files never match)."""
    if not mo:
        return {}
    catalog = gettext.GNUTranslations(io.BytesIO(mo))._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in catalog.items() if key != ""}


def disagreements(catalogs: list[Catalog]) -> Iterator[str]:
    """One English sentence translated two ways in two areas (one file is compiled from
    them all, so one translation would silently replace the other)."""
    seen: dict[tuple[object, str | None], tuple[object, str]] = {}
    for catalog in catalogs:
        for message in catalog:
            if not message.id or not _translated(message):
                continue
            key = (message.id, message.context)
            string = tuple(message.string) if isinstance(message.string, list) else message.string
            before = seen.setdefault(key, (string, str(catalog.domain)))
            if before[0] != string:
                label = message.id if isinstance(message.id, str) else message.id[0]
                yield (
                    f"{label!r} is translated differently in {before[1]}.po and {catalog.domain}.po"
                )


def problems_of(message: Message, where: str) -> Iterator[str]:
    """What is wrong with one translated sentence: missing, or its placeholders differ."""
    if not message.id:
        return
    label = message.id if isinstance(message.id, str) else message.id[0]
    if not _translated(message) or message.fuzzy:
        yield f"{where}: no translation for {label!r}"
        return
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    wanted = sorted(PLACEHOLDER.findall(ids[-1]))
    for string in strings:
        if sorted(PLACEHOLDER.findall(string)) != wanted and not (
            len(ids) == 2 and "%d" not in ids[-1] and "{" not in ids[0]
        ):
            yield f"{where}: placeholders differ in the translation of {label!r}"


def run(check: bool) -> list[str]:
    """Update (or, with ``check``, only inspect) every .po and .mo; the problems found."""
    problems: list[str] = []
    for language in TRANSLATED:
        by_domain: dict[str, list[Catalog]] = {}
        for (domain, area), found in areas().items():
            path = po_path(language, area)
            old = _read(path, language)
            new = updated(found, old, language, area)
            text = _po_text(new)
            current = path.read_bytes() if path.exists() else b""
            if text != current:
                if check:
                    problems.append(f"{path.relative_to(ROOT)} is not up to date with the sources")
                else:
                    _write(path, text)
            by_domain.setdefault(domain, []).append(new)
            where = path.relative_to(ROOT).as_posix()
            for message in new:
                problems.extend(problems_of(message, where))
        for domain, catalogs in by_domain.items():
            problems.extend(disagreements(catalogs))
            mo = compiled(catalogs, language, domain)
            target = mo_path(language, domain)
            if _messages(target.read_bytes() if target.exists() else b"") != _messages(mo):
                if check:
                    problems.append(
                        f"{target.relative_to(ROOT)} is not compiled from the .po files"
                    )
                else:
                    _write(target, mo)
    return problems


def _write(path: Path, data: bytes) -> None:
    """Replace one file atomically, so a crash never leaves half a catalogue."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(tmp, 0o644)  # a package file, read by everyone
    os.replace(tmp, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; list problems")
    parser.add_argument(
        "--area", action="append", help="only list the problems of these areas (e.g. tui)"
    )
    options = parser.parse_args()
    problems = run(check=options.check)
    if options.area:
        problems = [p for p in problems if any(f"/{a}.po" in p for a in options.area)]
    for problem in problems:
        print(problem)
    untranslated = sum("no translation" in p for p in problems)
    print(f"{len(problems)} problems ({untranslated} sentences without a translation)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
