"""Can every character of the names be printed? Checked before the layout, never a box.

The bundled DejaVu faces cover Latin (with Vietnamese), Greek, Cyrillic, Arabic and Hebrew;
other scripts (Chinese, Japanese, Korean, Devanagari, Tamil, Bengali, Ethiopic, Georgian,
Armenian...) come from the fonts installed on the machine (Noto, on most Linux systems),
which WeasyPrint finds through fontconfig. Bundling them would make the package ten
times larger, so instead a character that no font has is reported, with the package to
install, before any page is laid out.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache

from carte_prep.core.model import Household
from carte_prep.i18n import N_, _
from carte_prep.resources import templates_dir

BUNDLED = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT_HINT = N_(
    "install a font for it (on Debian or Ubuntu: apt install fonts-noto-core fonts-noto-cjk) "
    "and make the dossier again"
)


@cache
def _bundled_codepoints() -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # with WeasyPrint

    found: set[int] = set()
    for name in BUNDLED:
        with TTFont(templates_dir() / "fonts" / name, lazy=True) as font:
            found.update(font.getBestCmap())
    return frozenset(found)


@cache
def _system_codepoints() -> frozenset[int]:
    """Every character some installed font has, as fontconfig lists them (none if absent)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset()
    try:
        listing = subprocess.run(
            [fc_list, "--format", "%{charset}\\n"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    found: set[int] = set()
    for line in listing.splitlines():
        for span in line.split():
            first, _, last = span.partition("-")
            try:
                found.update(range(int(first, 16), int(last or first, 16) + 1))
            except ValueError:
                continue
    return frozenset(found)


def _printable(char: str) -> bool:
    """Spaces, controls and invisible format characters need no glyph."""
    return not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Mn"))


def unprintable(texts: Iterable[str]) -> list[str]:
    """The characters of ``texts`` that no bundled or installed font can draw, in order."""
    covered = _bundled_codepoints()
    missing: dict[str, None] = {}
    for text in texts:
        for char in text:
            if _printable(char) and ord(char) not in covered:
                missing[char] = None
    if missing:
        system = _system_codepoints()
        return [c for c in missing if ord(c) not in system]
    return []


def glyph_warnings(household: Household, member_id: str | None = None) -> list[str]:
    """One sentence per person whose name or place of birth has characters no font has."""
    members = [household.find_member(member_id)] if member_id else household.members
    warnings = []
    if member_id is None and (chars := unprintable([household.name])):
        warnings.append(
            _(
                "no font on this computer can print {chars} in the household's name: it would "
                "show as an empty box; {hint}"
            ).format(chars=_described(chars), hint=_(FONT_HINT))
        )
    for member in members:
        texts = [member.given_names, member.surname or "", member.birth_place or ""]
        chars = unprintable(texts)
        if chars:
            warnings.append(
                _(
                    "no font on this computer can print {chars} in the name of {name} ({id}): "
                    "it would show as an empty box; {hint}"
                ).format(
                    chars=_described(chars),
                    name=member.display_name,
                    id=member.id,
                    hint=_(FONT_HINT),
                )
            )
    return warnings


def _described(chars: list[str]) -> str:
    shown = ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in chars[:5])
    if len(chars) <= 5:
        return shown
    return _("{chars} and {count} more").format(chars=shown, count=len(chars) - 5)
